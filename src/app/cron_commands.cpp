// `cron …`: one-shot tasks generated from the job table, the scheduler daemon and
// the inspection commands (spec/cli-and-config.md §1, spec/cron.md).

#include <date/tz.h>
#include <unistd.h>

#include <csignal>
#include <iomanip>
#include <iostream>
#include <thread>

#include "bgm/cron/scheduler.hpp"
#include "cli.hpp"

namespace bgm::app {
namespace {

constexpr auto kDrainTimeout = std::chrono::seconds(30);

struct CronDeps {
  config::Config cfg;
  db::redis::Client redis;
  db::mysql::Pool mysql;
  SystemClock clock;
  cron::InterruptibleSleeper sleeper;
  cron::JobDeps job_deps{redis, mysql, clock, sleeper};

  explicit CronDeps(config::Config c)
      : cfg(std::move(c)), redis(db::redis::options_from(cfg)), mysql(db::mysql::options_from(cfg)) {}
};

const date::time_zone& zone_or_exit(const std::string& name) {
  auto tz = cron::find_zone(name);
  if (!tz) {
    std::cerr << "Error: config: CRON_TIME_ZONE = \"" << name << "\": " << tz.error().message << "\n";
    throw ExitCode{1};
  }
  return **tz;
}

std::vector<cron::ScheduledJob> schedule_or_exit(const config::Config& cfg) {
  auto jobs = cron::default_schedule(cfg.cron_enable, cfg.cron_disable);
  if (!jobs) {
    std::cerr << "Error: " << jobs.error().message << "\n";
    throw ExitCode{1};
  }
  return std::move(*jobs);
}

int run_once(const cron::JobDef& job) {
  CronDeps deps(load_config_or_exit());
  auto r = cron::run_logged(job, deps.job_deps, {});
  if (!r) {
    std::cerr << "Error: " << job.name << ": " << r.error().message << "\n";
    return 1;
  }
  return 0;
}

int run_default_schedule() {
  // Block the stop signals in every thread; one thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  log::start_periodic_flush();

  CronDeps deps(load_config_or_exit());
  const auto& tz = zone_or_exit(deps.cfg.cron_time_zone);
  auto jobs = schedule_or_exit(deps.cfg);
  const log::LogContext ctx{{"component", "cron"}};
  for (const auto& j : jobs) {
    if (j.enabled) {
      log::info(ctx, "Cronjob: " + std::string(j.def->name) + " @ " + j.expression.text(),
                {{"job", j.def->name}, {"cron", j.expression.text()}, {"tz", tz.name()}});
    } else {
      log::info(ctx, "cron job disabled", {{"job", j.def->name}, {"cron", j.expression.text()}});
    }
  }
  cron::Scheduler::Claim claim;
  if (deps.cfg.cron_single_runner) {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    claim = cron::redis_claim(deps.redis, std::string(host) + ":" + std::to_string(getpid()));
    log::info(ctx, "single-runner mode: one replica per job and tick (keys cron:lock:*)");
  }
  cron::Scheduler scheduler(
      std::move(jobs), tz, [&deps](const cron::JobDef& def) { return cron::run_logged(def, deps.job_deps, {}); },
      std::move(claim), ctx);

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    log::info(ctx, "stop signal received: no new runs; waiting for running jobs", {{"signal", sig}});
    scheduler.stop();
    deps.sleeper.interrupt();
  });
  scheduler.run(deps.clock);
  const bool drained = scheduler.wait_idle(kDrainTimeout);
  waiter.join();
  if (!drained) {
    log::warn(ctx, "jobs still running after the drain timeout; exiting", {{"timeout_s", kDrainTimeout.count()}});
    std::cout.flush();
    log::flush();
    _exit(0);  // the running job threads cannot be joined; end without unwinding them
  }
  log::info(ctx, "cron scheduler stopped");
  return 0;
}

int print_schedule() {
  const auto cfg = load_config_or_exit();
  const auto& tz = zone_or_exit(cfg.cron_time_zone);
  const auto jobs = schedule_or_exit(cfg);
  const auto now = std::chrono::system_clock::now();
  std::cout << std::left << std::setw(30) << "JOB" << std::setw(42) << "COMMAND" << std::setw(17) << "EXPRESSION"
            << std::setw(15) << "TIME ZONE" << std::setw(9) << "ENABLED" << "NEXT FIRE (UTC)\n";
  for (const auto& j : jobs) {
    auto next = j.expression.next_after(now, tz);
    std::cout << std::setw(30) << j.def->name << std::setw(42) << ("cron " + std::string(j.def->command))
              << std::setw(17) << j.expression.text() << std::setw(15) << tz.name() << std::setw(9)
              << (j.enabled ? "yes" : "no") << (next ? cron::format_utc(*next) : next.error().message) << "\n";
  }
  return 0;
}

struct NextFireArgs {
  std::string expr;
  std::string tz = "Asia/Shanghai";
  std::string from;
  int count = 1;
};

int next_fire(const NextFireArgs& a) {
  auto expr = cron::Expression::parse(a.expr);
  if (!expr) throw FatalError(invalid_input("--expr \"" + a.expr + "\": " + expr.error().message));
  auto tz = cron::find_zone(a.tz);
  if (!tz) throw FatalError(invalid_input("--tz: " + tz.error().message));
  std::chrono::system_clock::time_point at = std::chrono::system_clock::now();
  if (!a.from.empty()) {
    auto from = cron::parse_rfc3339(a.from);
    if (!from) throw FatalError(invalid_input("--from: " + from.error().message));
    at = *from;
  }
  std::string out;
  for (int i = 0; i < a.count; ++i) {
    auto next = expr->next_after(at, **tz);
    if (!next) throw FatalError(invalid_input("--expr \"" + a.expr + "\": " + next.error().message));
    out += cron::format_utc(*next) + "\n";
    at = *next;
  }
  std::cout << out;
  return 0;
}

}  // namespace

void add_cron_commands(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand("cron", "Scheduled maintenance tasks (spec: cron.md)");
  group->require_subcommand(1);
  for (const auto& job : cron::job_table()) {
    auto* cmd = group->add_subcommand(std::string(job.command),
                                      "Run " + std::string(job.name) + " once: " + std::string(job.summary));
    cmd->callback([&action, &job] { action = [&job] { return run_once(job); }; });
  }
  group->add_subcommand("run-default-schedule", "Run the scheduler with the default job table until SIGINT/SIGTERM")
      ->callback([&action] { action = [] { return run_default_schedule(); }; });
  group->add_subcommand("schedule", "Print the job table: expression, time zone, enabled state, next fire time")
      ->callback([&action] { action = [] { return print_schedule(); }; });

  auto args = std::make_shared<NextFireArgs>();
  auto* nf = group->add_subcommand("next-fire", "Print the next fire instants of a cron expression (UTC, RFC 3339)");
  nf->add_option("--expr", args->expr, "Cron expression (5 or 6 fields, or a preset)")->required();
  nf->add_option("--tz", args->tz, "IANA time zone")->capture_default_str();
  nf->add_option("--from", args->from, "Start instant, RFC 3339 (default: now); results are strictly after it");
  nf->add_option("--count", args->count, "How many instants")->check(CLI::Range(1, 100000))->capture_default_str();
  nf->callback([&action, args] { action = [args] { return next_fire(*args); }; });
}

}  // namespace bgm::app
