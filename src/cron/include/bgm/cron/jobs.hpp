#pragma once
// The eight cron tasks of spec/cron.md §1 and their default schedule (§3), as one table.

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bgm/common/clock.hpp"
#include "bgm/common/error.hpp"
#include "bgm/common/log.hpp"
#include "bgm/db/mysql/client.hpp"
#include "bgm/db/redis/client.hpp"

namespace bgm::cron {

// Pauses between batches; interruptible so that shutdown does not wait out a pause.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  // Returns false when interrupted (the caller should stop early).
  virtual bool sleep_for(std::chrono::milliseconds d) = 0;
};

struct JobDeps {
  db::redis::Client& redis;
  db::mysql::Pool& mysql;
  const Clock& clock;
  Sleeper& sleeper;
};

// What a run did, logged as fields of the "Job completed" line.
struct JobReport {
  std::vector<std::pair<std::string, std::int64_t>> counters;
  void add(std::string name, std::int64_t value) { counters.emplace_back(std::move(name), value); }
};

using JobFn = Result<JobReport> (*)(JobDeps&, const log::LogContext&);

struct JobDef {
  std::string_view name;        // TS job name, used in logs
  std::string_view command;     // `cron <command>`
  std::string_view expression;  // default schedule, Asia/Shanghai
  bool enabled_by_default;
  std::string_view summary;
  JobFn run;
};

std::span<const JobDef> job_table();
const JobDef* find_job(std::string_view name);

// Task entry points (one per row; the timeline, trending and cleanup families share
// one implementation each, parameterised by a row of their own table).
Result<JobReport> run_heartbeat(JobDeps& deps, const log::LogContext& ctx);
Result<JobReport> run_truncate_global(JobDeps& deps, const log::LogContext& ctx);
Result<JobReport> run_truncate_inbox(JobDeps& deps, const log::LogContext& ctx);
Result<JobReport> run_truncate_user(JobDeps& deps, const log::LogContext& ctx);
Result<JobReport> run_trending_subjects(JobDeps& deps, const log::LogContext& ctx);
Result<JobReport> run_trending_subject_topics(JobDeps& deps, const log::LogContext& ctx);
Result<JobReport> run_cleanup_access_tokens(JobDeps& deps, const log::LogContext& ctx);
Result<JobReport> run_cleanup_refresh_tokens(JobDeps& deps, const log::LogContext& ctx);

// Runs one job with start/end logging (job name on every line); never throws.
Result<JobReport> run_logged(const JobDef& job, JobDeps& deps, const log::LogContext& base);

}  // namespace bgm::cron
