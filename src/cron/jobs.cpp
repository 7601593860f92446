#include "bgm/cron/jobs.hpp"

#include <array>

namespace bgm::cron {
namespace {

constexpr std::array<JobDef, 8> kJobs{{
    {"heartbeat", "heartbeat-once", "*/10 * * * * *", true, "SET task:heartbeat <unix ms>", &run_heartbeat},
    {"trendingSubjects", "trending-subjects-once", "0 0 3 * * *", true,
     "trending subjects per type (month) into trending:subjects:<type>:month", &run_trending_subjects},
    {"trendingSubjectTopics", "trending-subject-topics-once", "0 */10 * * * *", true,
     "trending subject topics (week) into trending:topics:subjects:week", &run_trending_subject_topics},
    {"truncateTimelineGlobalCache", "truncate-global-once", "0 */10 * * * *", true,
     "keep the newest 1000 of tml:v3:inbox:0", &run_truncate_global},
    {"truncateTimelineInboxCache", "truncate-inbox-once", "0 0 4 * * *", true,
     "keep the newest 200 of every tml:v3:inbox:* sorted set", &run_truncate_inbox},
    {"truncateTimelineUserCache", "truncate-user-once", "0 0 5 * * *", true,
     "keep the newest 200 of every tml:v3:user:* sorted set", &run_truncate_user},
    {"cleanupExpiredAccessTokens", "cleanup-expired-access-tokens-once", "0 0 6 * * *", false,
     "delete access tokens expired more than 7 days ago", &run_cleanup_access_tokens},
    {"cleanupExpiredRefreshTokens", "cleanup-expired-refresh-tokens-once", "0 0 7 * * *", false,
     "delete refresh tokens expired more than 7 days ago", &run_cleanup_refresh_tokens},
}};

}  // namespace

std::span<const JobDef> job_table() { return kJobs; }

const JobDef* find_job(std::string_view name) {
  for (const auto& j : kJobs) {
    if (j.name == name) return &j;
  }
  return nullptr;
}

Result<JobReport> run_heartbeat(JobDeps& deps, const log::LogContext& ctx) {
  const auto ms = std::to_string(unix_millis(deps.clock.now()));
  auto r = deps.redis.command({"SET", "task:heartbeat", ms});
  if (!r) return r.error();
  log::info(ctx, "heartbeat updated", {{"key", "task:heartbeat"}, {"value", ms}});
  JobReport report;
  report.add("items_written", 1);
  return report;
}

Result<JobReport> run_logged(const JobDef& job, JobDeps& deps, const log::LogContext& base) {
  const auto ctx = base.with("job", job.name);
  const auto started = std::chrono::steady_clock::now();
  log::info(ctx, "Job started");
  Result<JobReport> result = internal_error("job did not run");
  try {
    result = job.run(deps, ctx);
  } catch (const std::exception& e) {
    result = internal_error(std::string("unexpected exception: ") + e.what());
  }
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  if (!result) {
    log::error(ctx, "Job failed", {{"duration_ms", ms}, {"error", result.error().message}});
    return result;
  }
  std::string counters;
  for (const auto& [name, value] : result->counters) {
    counters += (counters.empty() ? "" : " ") + name + "=" + std::to_string(value);
  }
  log::info(ctx, "Job completed", {{"duration_ms", ms}, {"stats", counters}});
  return result;
}

}  // namespace bgm::cron
