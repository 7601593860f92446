// Trending subjects and subject topics (spec/cron.md §1.5–1.6).

#include <array>
#include <string>

#include "bgm/cron/jobs.hpp"

namespace bgm::cron {
namespace {

constexpr std::int64_t kDay = 86400;

// Types 2, 4, 6 count by interest_doing_dateline, 1 and 3 by interest_lasttouch. The
// column comes from this fixed table; values are always bound parameters.
constexpr std::string_view kByDoing =
    "SELECT s.subject_id, COUNT(s.subject_id) AS total FROM chii_subject_interests si "
    "INNER JOIN chii_subjects s ON s.subject_id = si.interest_subject_id "
    "WHERE s.subject_type_id = ? AND s.subject_ban <> 1 AND si.interest_doing_dateline > ? "
    "GROUP BY s.subject_id ORDER BY COUNT(s.subject_id) DESC LIMIT 1000";
constexpr std::string_view kByLastTouch =
    "SELECT s.subject_id, COUNT(s.subject_id) AS total FROM chii_subject_interests si "
    "INNER JOIN chii_subjects s ON s.subject_id = si.interest_subject_id "
    "WHERE s.subject_type_id = ? AND s.subject_ban <> 1 AND si.interest_lasttouch > ? "
    "GROUP BY s.subject_id ORDER BY COUNT(s.subject_id) DESC LIMIT 1000";
constexpr std::string_view kTopics =
    "SELECT sbj_pst_mid AS id, COUNT(sbj_pst_id) AS total FROM chii_subject_posts "
    "WHERE sbj_pst_dateline >= ? GROUP BY sbj_pst_mid ORDER BY COUNT(sbj_pst_id) DESC LIMIT 100";

struct SubjectType {
  int type;
  std::string_view query;
};
constexpr std::array<SubjectType, 5> kSubjectTypes{
    {{1, kByLastTouch}, {2, kByDoing}, {3, kByLastTouch}, {4, kByDoing}, {6, kByDoing}}};

constexpr int kSubjectsLockTtl = 3600;
constexpr int kTopicsLockTtl = 60;

// [{"id":<n>,"total":<n>},...] in query order; both columns are integers.
std::string to_json(const db::mysql::QueryResult& rows) {
  std::string json = "[";
  for (std::size_t i = 0; i < rows.rows.size(); ++i) {
    if (i > 0) json.push_back(',');
    json += "{\"id\":" + std::to_string(rows.rows[i].u64(0)) + ",\"total\":" + std::to_string(rows.rows[i].u64(1)) + "}";
  }
  json.push_back(']');
  return json;
}

// GET lock (non-empty → skip), SET lock 1 EX ttl, compute, SET key, DEL lock. A failure
// leaves the lock to expire, as in TS. Returns the item count, or -1 when skipped.
template <class Compute>
Result<std::int64_t> with_lock(JobDeps& deps, const std::string& key, int ttl, Compute compute) {
  const std::string lock = "lock:" + key;
  auto held = deps.redis.command({"GET", lock});
  if (!held) return held.error();
  if (held->type == db::redis::Reply::Type::kString && !held->str.empty()) return -1;
  if (auto r = deps.redis.command({"SET", lock, "1", "EX", std::to_string(ttl)}); !r) return r.error();
  auto rows = compute();
  if (!rows) return rows.error();
  if (auto r = deps.redis.command({"SET", key, to_json(*rows)}); !r) return r.error();
  if (auto r = deps.redis.command({"DEL", lock}); !r) return r.error();
  return static_cast<std::int64_t>(rows->rows.size());
}

}  // namespace

Result<JobReport> run_trending_subjects(JobDeps& deps, const log::LogContext& ctx) {
  log::info(ctx, "Updating trending subjects...");
  JobReport report;
  std::int64_t written = 0;
  std::int64_t skipped = 0;
  for (const auto& t : kSubjectTypes) {
    const auto type = std::to_string(t.type);
    log::info(ctx, "Updating trending subjects for " + type + "...");
    const auto min_dateline = unix_seconds(deps.clock.now()) - 30 * kDay;
    auto n = with_lock(deps, "trending:subjects:" + type + ":month", kSubjectsLockTtl, [&] {
      log::info(ctx, "Calculating trending subjects for " + type + "(month) from " + std::to_string(min_dateline) + " ...");
      return deps.mysql.execute(t.query, {std::int64_t{t.type}, min_dateline});
    });
    if (!n) return n.error();  // the whole task stops, as in TS
    if (*n < 0) {
      log::info(ctx, "Already calculating trending subjects for " + type + "(month)...");
      ++skipped;
      continue;
    }
    log::info(ctx, "Trending subjects for " + type + "(month) calculated: " + std::to_string(*n) + ".");
    written += *n;
  }
  report.add("items_written", written);
  report.add("types_skipped", skipped);
  return report;
}

Result<JobReport> run_trending_subject_topics(JobDeps& deps, const log::LogContext& ctx) {
  log::info(ctx, "Updating trending subject topics...");
  const auto min_dateline = unix_seconds(deps.clock.now()) - 7 * kDay;
  auto n = with_lock(deps, "trending:topics:subjects:week", kTopicsLockTtl, [&] {
    log::info(ctx, "Calculating trending subject topics for (week) from " + std::to_string(min_dateline) + "...");
    return deps.mysql.execute(kTopics, {min_dateline});
  });
  if (!n) return n.error();
  JobReport report;
  if (*n < 0) {
    log::info(ctx, "Already calculating trending subject topics for (week)...");
    report.add("items_written", 0);
    return report;
  }
  log::info(ctx, "Trending subject topics for (week) calculated: " + std::to_string(*n) + ".");
  report.add("items_written", *n);
  return report;
}

}  // namespace bgm::cron
