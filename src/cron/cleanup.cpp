// Expired OAuth token cleanup (spec/cron.md §1.7).

#include <date/date.h>

#include <string>

#include "bgm/cron/jobs.hpp"

namespace bgm::cron {
namespace {

struct CleanupRule {
  std::string_view noun;  // "access tokens" / "refresh tokens", as in the TS logs
  std::string_view statement;
};
constexpr CleanupRule kAccess{"access tokens", "DELETE FROM chii_oauth_access_tokens WHERE expires < ? LIMIT 1000"};
constexpr CleanupRule kRefresh{"refresh tokens", "DELETE FROM chii_oauth_refresh_tokens WHERE expires < ? LIMIT 1000"};
constexpr auto kRetention = std::chrono::hours(24 * 7);
constexpr auto kPause = std::chrono::milliseconds(1000);

Result<JobReport> cleanup(const CleanupRule& rule, JobDeps& deps, const log::LogContext& ctx) {
  const std::string noun(rule.noun);
  // TIMESTAMP compared as UTC text: every connection runs with time_zone '+00:00'.
  const auto not_after = date::format("%F %T", std::chrono::floor<std::chrono::seconds>(deps.clock.now() - kRetention));
  std::int64_t deleted = 0;
  std::int64_t batches = 0;
  for (;;) {
    auto r = deps.mysql.execute(rule.statement, {not_after});
    if (!r) return r.error();
    if (r->affected_rows == 0) {
      log::info(ctx, "No more expired " + noun + " to delete");
      break;
    }
    ++batches;
    deleted += static_cast<std::int64_t>(r->affected_rows);
    log::info(ctx, "Deleted " + std::to_string(r->affected_rows) + " expired " + noun);
    if (!deps.sleeper.sleep_for(kPause)) {
      log::warn(ctx, "stopping early: shutdown requested");
      break;
    }
  }
  JobReport report;
  report.add("rows_deleted", deleted);
  report.add("batches", batches);
  return report;
}

}  // namespace

Result<JobReport> run_cleanup_access_tokens(JobDeps& deps, const log::LogContext& ctx) {
  return cleanup(kAccess, deps, ctx);
}
Result<JobReport> run_cleanup_refresh_tokens(JobDeps& deps, const log::LogContext& ctx) {
  return cleanup(kRefresh, deps, ctx);
}

}  // namespace bgm::cron
