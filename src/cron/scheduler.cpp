#include "bgm/cron/scheduler.hpp"

#include <date/tz.h>

namespace bgm::cron {

Scheduler::Scheduler(std::vector<ScheduledJob> jobs, const date::time_zone& tz, Runner runner, Claim claim,
                     log::LogContext ctx)
    : tz_(tz), runner_(std::move(runner)), claim_(std::move(claim)), ctx_(std::move(ctx)) {
  slots_.reserve(jobs.size());
  for (auto& j : jobs) slots_.push_back(Slot{std::move(j), std::nullopt, false, {}, {}});
}

Scheduler::~Scheduler() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    for (auto& s : slots_) {
      if (s.thread.joinable()) threads.push_back(std::move(s.thread));
    }
  }
  cv_.notify_all();
  for (auto& t : threads) t.join();
}

void Scheduler::start(Clock::time_point now) {
  std::lock_guard lock(mu_);
  for (auto& s : slots_) {
    if (!s.job.enabled) continue;
    auto next = s.job.expression.next_after(now, tz_);
    if (!next) {
      log::error(ctx_.with("job", s.job.def->name), "cannot schedule job", {{"error", next.error().message}});
      continue;
    }
    s.next = *next;
  }
}

void Scheduler::launch(Slot& slot, SysSeconds tick) {
  if (slot.thread.joinable()) slot.thread.join();  // the previous run has finished
  slot.running = true;
  ++slot.stats.started;
  slot.thread = std::thread([this, &slot, tick] {
    const auto& def = *slot.job.def;
    const auto ctx = ctx_.with("job", def.name);
    bool ok = false;
    bool claimed = true;
    try {
      if (claim_) {
        auto c = claim_(def, tick);
        if (!c) {
          log::error(ctx, "Job failed", {{"error", "single-runner claim: " + c.error().message}});
        }
        claimed = c && *c;
        if (c && !*c) log::info(ctx, "Job skipped: another replica claimed this tick", {{"tick", format_utc(tick)}});
      }
      if (claimed) ok = static_cast<bool>(runner_(def));
    } catch (const std::exception& e) {
      log::error(ctx, "Job failed", {{"error", std::string("unexpected exception: ") + e.what()}});
    }
    std::lock_guard lock(mu_);
    slot.running = false;
    if (claimed && ok) {
      ++slot.stats.succeeded;
    } else if (claimed) {
      ++slot.stats.failed;
    } else {
      ++slot.stats.skipped_claim;
    }
    cv_.notify_all();
  });
}

void Scheduler::run_due(Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (stop_) return;
  for (auto& s : slots_) {
    if (!s.next || *s.next > now) continue;
    const auto tick = *s.next;
    if (s.running) {
      ++s.stats.skipped_overlap;
      log::warn(ctx_.with("job", s.job.def->name), "Job skipped: previous run still in progress",
                {{"tick", format_utc(tick)}});
    } else {
      launch(s, tick);
    }
    // Next fire after both the tick and now: a late wake-up fires once, never catches up.
    auto next = s.job.expression.next_after(std::max<Clock::time_point>(tick, now), tz_);
    s.next = next ? std::optional<SysSeconds>(*next) : std::nullopt;
  }
}

std::optional<SysSeconds> Scheduler::next_wakeup() const {
  std::lock_guard lock(mu_);
  std::optional<SysSeconds> earliest;
  for (const auto& s : slots_) {
    if (s.next && (!earliest || *s.next < *earliest)) earliest = s.next;
  }
  return earliest;
}

std::optional<SysSeconds> Scheduler::next_fire(std::string_view job) const {
  std::lock_guard lock(mu_);
  for (const auto& s : slots_) {
    if (s.job.def->name == job) return s.next;
  }
  return std::nullopt;
}

void Scheduler::run(const Clock& clock) {
  start(clock.now());
  for (;;) {
    const auto wake = next_wakeup();
    {
      std::unique_lock lock(mu_);
      if (stop_) return;
      if (wake) {
        cv_.wait_until(lock, *wake, [&] { return stop_; });
      } else {
        cv_.wait(lock, [&] { return stop_; });
      }
      if (stop_) return;
    }
    run_due(clock.now());
  }
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
}

bool Scheduler::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] {
    for (const auto& s : slots_) {
      if (s.running) return false;
    }
    return true;
  });
}

JobStats Scheduler::stats(std::string_view job) const {
  std::lock_guard lock(mu_);
  for (const auto& s : slots_) {
    if (s.job.def->name == job) return s.stats;
  }
  return {};
}

namespace {

Result<std::vector<std::string_view>> split_names(std::string_view csv, std::string_view setting) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < csv.size()) {
    auto end = csv.find(',', start);
    if (end == std::string_view::npos) end = csv.size();
    auto name = csv.substr(start, end - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!name.empty()) {
      if (name != "all" && find_job(name) == nullptr) {
        std::string known;
        for (const auto& j : job_table()) known += (known.empty() ? "" : ", ") + std::string(j.name);
        return invalid_input("config: " + std::string(setting) + ": unknown job \"" + std::string(name) +
                             "\" (known: all, " + known + ")");
      }
      out.push_back(name);
    }
    start = end + 1;
  }
  return out;
}

bool listed(const std::vector<std::string_view>& names, std::string_view job) {
  for (auto n : names) {
    if (n == "all" || n == job) return true;
  }
  return false;
}

}  // namespace

Result<std::vector<ScheduledJob>> default_schedule(std::string_view enable, std::string_view disable) {
  auto on = split_names(enable, "CRON_ENABLE");
  if (!on) return on.error();
  auto off = split_names(disable, "CRON_DISABLE");
  if (!off) return off.error();
  std::vector<ScheduledJob> jobs;
  for (const auto& def : job_table()) {
    auto expr = Expression::parse(def.expression);
    if (!expr) return expr.error();
    bool enabled = def.enabled_by_default;
    if (listed(*on, def.name)) enabled = true;
    if (listed(*off, def.name)) enabled = false;
    jobs.push_back({&def, std::move(*expr), enabled});
  }
  return jobs;
}

Scheduler::Claim redis_claim(db::redis::Client& redis, std::string runner_id) {
  return [&redis, runner_id = std::move(runner_id)](const JobDef& job, SysSeconds tick) -> Result<bool> {
    const auto key = "cron:lock:" + std::string(job.name) + ":" + std::to_string(tick.time_since_epoch().count());
    auto r = redis.command({"SET", key, runner_id, "NX", "EX", "3600"});
    if (!r) return r.error();
    return r->type == db::redis::Reply::Type::kStatus;  // nil: another replica holds it
  };
}

bool InterruptibleSleeper::sleep_for(std::chrono::milliseconds d) {
  std::unique_lock lock(mu_);
  return !cv_.wait_for(lock, d, [&] { return interrupted_; });
}

void InterruptibleSleeper::interrupt() {
  {
    std::lock_guard lock(mu_);
    interrupted_ = true;
  }
  cv_.notify_all();
}

}  // namespace bgm::cron
