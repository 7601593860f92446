#pragma once
// Fires jobs at their cron times in one time zone. Each run happens on its own thread;
// a job still running when its next tick comes is skipped (logged), a failing job is
// logged and the others go on. Time comes from the caller (run_due(now)), so tests
// drive it with a ManualClock; run() is the production loop over a real clock.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bgm/common/clock.hpp"
#include "bgm/common/log.hpp"
#include "bgm/cron/expression.hpp"
#include "bgm/cron/jobs.hpp"

namespace bgm::cron {

struct ScheduledJob {
  const JobDef* def;
  Expression expression;
  bool enabled;
};

struct JobStats {
  std::uint64_t started = 0;
  std::uint64_t succeeded = 0;
  std::uint64_t failed = 0;
  std::uint64_t skipped_overlap = 0;
  std::uint64_t skipped_claim = 0;
};

class Scheduler {
 public:
  // Runs a job's body; errors are reported as values. Must be thread-safe.
  using Runner = std::function<Result<JobReport>(const JobDef&)>;
  // Single-runner mode: true when this process may run `job` for `tick`.
  using Claim = std::function<Result<bool>(const JobDef&, SysSeconds tick)>;

  Scheduler(std::vector<ScheduledJob> jobs, const date::time_zone& tz, Runner runner, Claim claim = {},
            log::LogContext ctx = {});
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;
  ~Scheduler();  // waits for running jobs

  // Computes each enabled job's first fire time strictly after `now` (nothing runs now).
  void start(Clock::time_point now);
  // Starts every job whose fire time is <= now, then moves it to its next fire time.
  void run_due(Clock::time_point now);
  std::optional<SysSeconds> next_wakeup() const;
  std::optional<SysSeconds> next_fire(std::string_view job) const;

  // The production loop: sleeps until the next fire time, runs due jobs, until stop().
  void run(const Clock& clock);
  void stop();
  // Waits until no job is running; false when `timeout` passed first.
  bool wait_idle(std::chrono::milliseconds timeout);

  JobStats stats(std::string_view job) const;

 private:
  struct Slot {
    ScheduledJob job;
    std::optional<SysSeconds> next;
    bool running = false;
    std::thread thread;
    JobStats stats;
  };
  void launch(Slot& slot, SysSeconds tick);  // mu_ held

  const date::time_zone& tz_;
  Runner runner_;
  Claim claim_;
  log::LogContext ctx_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Slot> slots_;
  bool stop_ = false;
};

// The default job table with each job's enabled state: the spec's default, then the
// comma lists `enable` and `disable` ("all" or TS job names; disable wins). An
// unknown job name is kInvalidInput naming it.
Result<std::vector<ScheduledJob>> default_schedule(std::string_view enable, std::string_view disable);

// Single-runner mode: SET cron:lock:<job>:<tick unix seconds> <runner_id> NX EX 3600.
// Only the replica that sets the key runs that tick.
Scheduler::Claim redis_claim(db::redis::Client& redis, std::string runner_id);

// A Sleeper whose pauses end early once interrupt() is called (shutdown).
class InterruptibleSleeper final : public Sleeper {
 public:
  bool sleep_for(std::chrono::milliseconds d) override;
  void interrupt();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool interrupted_ = false;
};

}  // namespace bgm::cron
