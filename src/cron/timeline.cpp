// Timeline cache truncation (spec/cron.md §1.2–1.4).

#include <string>

#include "bgm/cron/jobs.hpp"

namespace bgm::cron {
namespace {

struct TruncateRule {
  std::string_view label;  // "global", "inbox", "user" — as in the TS log texts
  std::string_view target;  // the key (global) or the SCAN MATCH pattern
  bool scan;
  int keep;
};

constexpr TruncateRule kGlobal{"global", "tml:v3:inbox:0", false, 1000};
constexpr TruncateRule kInbox{"inbox", "tml:v3:inbox:*", true, 200};
constexpr TruncateRule kUser{"user", "tml:v3:user:*", true, 200};

// SCAN page size. TS sends no COUNT (Redis default 10); COUNT only sizes pages and
// changes neither which keys are visited nor the effect, but cuts round trips 100×.
constexpr std::size_t kScanCount = 1000;

Result<JobReport> truncate(const TruncateRule& rule, JobDeps& deps, const log::LogContext& ctx) {
  const std::string label(rule.label);
  const auto stop = std::to_string(-(rule.keep + 1));  // ZREMRANGEBYRANK key 0 -(keep+1)
  log::info(ctx, "Truncating " + label + " timeline cache...");
  JobReport report;
  if (!rule.scan) {
    log::info(ctx, "Truncating " + label + " timeline cache with key: " + std::string(rule.target));
    auto r = deps.redis.command({"ZREMRANGEBYRANK", rule.target, "0", stop});
    if (!r) return r.error();
    report.add("keys_seen", 1);
    report.add("entries_removed", r->integer);
    return report;
  }
  std::int64_t keys = 0;
  std::int64_t removed = 0;
  std::vector<db::redis::Args> batch;
  auto scanned = deps.redis.scan(rule.target, "zset", kScanCount, [&](const std::vector<std::string>& page) -> Result<void> {
    if (page.empty()) return {};
    batch.clear();
    for (const auto& key : page) {
      log::info(ctx, "Truncating " + label + " timeline cache with key: " + key);
      batch.push_back({"ZREMRANGEBYRANK", key, "0", stop});
    }
    auto replies = deps.redis.pipeline(batch);
    if (!replies) return replies.error();
    keys += static_cast<std::int64_t>(page.size());
    for (std::size_t i = 0; i < replies->size(); ++i) {
      const auto& reply = (*replies)[i];
      // A key whose type changed since SCAN saw it fails the job, as a failed command does in TS.
      if (reply.is_error()) return internal_error("redis: " + reply.str + " (key " + page[i] + ")");
      removed += reply.integer;
    }
    return {};
  });
  if (!scanned) return scanned.error();
  report.add("keys_seen", keys);
  report.add("entries_removed", removed);
  return report;
}

}  // namespace

Result<JobReport> run_truncate_global(JobDeps& deps, const log::LogContext& ctx) { return truncate(kGlobal, deps, ctx); }
Result<JobReport> run_truncate_inbox(JobDeps& deps, const log::LogContext& ctx) { return truncate(kInbox, deps, ctx); }
Result<JobReport> run_truncate_user(JobDeps& deps, const log::LogContext& ctx) { return truncate(kUser, deps, ctx); }

}  // namespace bgm::cron
