#include "bgm/cron/scheduler.hpp"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <map>

namespace bgm::cron {
namespace {

using std::chrono::seconds;

Clock::time_point at(std::string_view rfc3339) { return *parse_rfc3339(rfc3339); }

// Jobs under test: their bodies come from the injected Runner, not from the table.
const JobDef kFast{"fast", "fast-once", "*/10 * * * * *", true, "", nullptr};
const JobDef kDaily{"daily", "daily-once", "0 0 3 * * *", true, "", nullptr};
const JobDef kOff{"off", "off-once", "* * * * * *", false, "", nullptr};

ScheduledJob job(const JobDef& def, bool enabled = true) {
  return {&def, *Expression::parse(def.expression), enabled};
}

const date::time_zone& shanghai() { return **find_zone("Asia/Shanghai"); }

TEST(Scheduler, FiresDueJobsAtTheirTicksAndNothingAtStart) {
  std::mutex mu;
  std::map<std::string, int> runs;
  Scheduler s({job(kFast), job(kDaily), job(kOff, false)}, shanghai(), [&](const JobDef& d) -> Result<JobReport> {
    std::lock_guard lock(mu);
    ++runs[std::string(d.name)];
    return JobReport{};
  });
  s.start(at("2026-03-01T18:59:55Z"));
  s.run_due(at("2026-03-01T18:59:55Z"));
  ASSERT_TRUE(s.wait_idle(std::chrono::seconds(5)));
  EXPECT_TRUE(runs.empty());
  EXPECT_EQ(format_utc(*s.next_wakeup()), "2026-03-01T19:00:00Z");
  EXPECT_FALSE(s.next_fire("off"));

  s.run_due(at("2026-03-01T18:59:59Z"));
  ASSERT_TRUE(s.wait_idle(std::chrono::seconds(5)));
  EXPECT_TRUE(runs.empty());

  s.run_due(at("2026-03-01T19:00:00Z"));  // 03:00 in Shanghai: both fire
  ASSERT_TRUE(s.wait_idle(std::chrono::seconds(5)));
  EXPECT_EQ(runs["fast"], 1);
  EXPECT_EQ(runs["daily"], 1);
  EXPECT_EQ(runs.count("off"), 0U);
  EXPECT_EQ(format_utc(*s.next_fire("fast")), "2026-03-01T19:00:10Z");
  EXPECT_EQ(format_utc(*s.next_fire("daily")), "2026-03-02T19:00:00Z");
}

TEST(Scheduler, LateWakeUpFiresOnceWithoutCatchingUp) {
  std::atomic<int> runs{0};
  Scheduler s({job(kFast)}, shanghai(), [&](const JobDef&) -> Result<JobReport> {
    ++runs;
    return JobReport{};
  });
  s.start(at("2026-03-01T00:00:00Z"));
  s.run_due(at("2026-03-01T00:05:03Z"));  // 30 ticks late
  ASSERT_TRUE(s.wait_idle(std::chrono::seconds(5)));
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(format_utc(*s.next_fire("fast")), "2026-03-01T00:05:10Z");
}

TEST(Scheduler, OverlappingTickIsSkipped) {
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<int> runs{0};
  Scheduler s({job(kFast)}, shanghai(), [&](const JobDef&) -> Result<JobReport> {
    ++runs;
    released.wait();
    return JobReport{};
  });
  s.start(at("2026-03-01T00:00:00Z"));
  s.run_due(at("2026-03-01T00:00:10Z"));
  s.run_due(at("2026-03-01T00:00:20Z"));  // first run still blocked
  s.run_due(at("2026-03-01T00:00:30Z"));
  EXPECT_FALSE(s.wait_idle(std::chrono::milliseconds(0)));
  release.set_value();
  ASSERT_TRUE(s.wait_idle(std::chrono::seconds(5)));
  const auto st = s.stats("fast");
  EXPECT_EQ(st.started, 1U);
  EXPECT_EQ(st.succeeded, 1U);
  EXPECT_EQ(st.skipped_overlap, 2U);
  EXPECT_EQ(runs.load(), 1);
  s.run_due(at("2026-03-01T00:00:40Z"));  // free again: runs
  ASSERT_TRUE(s.wait_idle(std::chrono::seconds(5)));
  EXPECT_EQ(runs.load(), 2);
}

TEST(Scheduler, FailingAndThrowingJobsDoNotStopOthers) {
  std::atomic<int> daily_runs{0};
  Scheduler s({job(kFast), job(kDaily)}, shanghai(), [&](const JobDef& d) -> Result<JobReport> {
    if (d.name == "fast") throw std::runtime_error("boom");
    ++daily_runs;
    return internal_error("redis down");
  });
  s.start(at("2026-03-01T18:59:55Z"));
  s.run_due(at("2026-03-01T19:00:00Z"));
  ASSERT_TRUE(s.wait_idle(std::chrono::seconds(5)));
  s.run_due(at("2026-03-01T19:00:10Z"));
  ASSERT_TRUE(s.wait_idle(std::chrono::seconds(5)));
  s.run_due(at("2026-03-02T19:00:00Z"));
  ASSERT_TRUE(s.wait_idle(std::chrono::seconds(5)));
  EXPECT_EQ(s.stats("fast").failed, 3U);
  EXPECT_EQ(s.stats("daily").failed, 2U);
  EXPECT_EQ(daily_runs.load(), 2);
  EXPECT_TRUE(s.next_wakeup());
}

TEST(Scheduler, SingleRunnerClaimDecidesWhoRuns) {
  std::atomic<int> runs{0};
  std::vector<std::string> ticks;
  std::mutex mu;
  Scheduler s(
      {job(kFast)}, shanghai(),
      [&](const JobDef&) -> Result<JobReport> {
        ++runs;
        return JobReport{};
      },
      [&](const JobDef&, SysSeconds tick) -> Result<bool> {
        std::lock_guard lock(mu);
        ticks.push_back(format_utc(tick));
        return ticks.size() % 2 == 1;  // every other tick is claimed elsewhere
      });
  s.start(at("2026-03-01T00:00:00Z"));
  for (const char* t : {"2026-03-01T00:00:10Z", "2026-03-01T00:00:20Z", "2026-03-01T00:00:30Z"}) {
    s.run_due(at(t));
    ASSERT_TRUE(s.wait_idle(std::chrono::seconds(5)));
  }
  EXPECT_EQ(runs.load(), 2);
  EXPECT_EQ(s.stats("fast").skipped_claim, 1U);
  EXPECT_EQ(ticks, (std::vector<std::string>{"2026-03-01T00:00:10Z", "2026-03-01T00:00:20Z", "2026-03-01T00:00:30Z"}));
}

TEST(Scheduler, StopEndsTheLoop) {
  SystemClock clock;
  Scheduler s({job(kDaily)}, shanghai(), [](const JobDef&) -> Result<JobReport> { return JobReport{}; });
  std::thread loop([&] { s.run(clock); });
  s.stop();
  loop.join();
  SUCCEED();
}

TEST(InterruptibleSleeper, InterruptEndsAPause) {
  InterruptibleSleeper sleeper;
  EXPECT_TRUE(sleeper.sleep_for(std::chrono::milliseconds(1)));
  sleeper.interrupt();
  EXPECT_FALSE(sleeper.sleep_for(std::chrono::hours(1)));
}

TEST(DefaultSchedule, EnvListsSwitchJobsAndDisableWins) {
  auto d = default_schedule("", "");
  ASSERT_TRUE(d);
  std::map<std::string, bool> enabled;
  for (const auto& j : *d) enabled[std::string(j.def->name)] = j.enabled;
  EXPECT_TRUE(enabled["heartbeat"]);
  EXPECT_FALSE(enabled["cleanupExpiredAccessTokens"]);
  EXPECT_FALSE(enabled["cleanupExpiredRefreshTokens"]);

  auto e = default_schedule("cleanupExpiredAccessTokens, cleanupExpiredRefreshTokens", "heartbeat");
  ASSERT_TRUE(e);
  for (const auto& j : *e) enabled[std::string(j.def->name)] = j.enabled;
  EXPECT_TRUE(enabled["cleanupExpiredAccessTokens"]);
  EXPECT_TRUE(enabled["cleanupExpiredRefreshTokens"]);
  EXPECT_FALSE(enabled["heartbeat"]);
  EXPECT_TRUE(enabled["trendingSubjects"]);

  auto all_off = default_schedule("all", "all");
  ASSERT_TRUE(all_off);
  for (const auto& j : *all_off) EXPECT_FALSE(j.enabled);

  auto bad = default_schedule("heartbeet", "");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("CRON_ENABLE: unknown job \"heartbeet\""), std::string::npos) << bad.error().message;
}

TEST(JobTable, MatchesTheSpecSchedule) {
  const std::vector<std::tuple<std::string, std::string, std::string, bool>> expected{
      {"heartbeat", "heartbeat-once", "*/10 * * * * *", true},
      {"trendingSubjects", "trending-subjects-once", "0 0 3 * * *", true},
      {"trendingSubjectTopics", "trending-subject-topics-once", "0 */10 * * * *", true},
      {"truncateTimelineGlobalCache", "truncate-global-once", "0 */10 * * * *", true},
      {"truncateTimelineInboxCache", "truncate-inbox-once", "0 0 4 * * *", true},
      {"truncateTimelineUserCache", "truncate-user-once", "0 0 5 * * *", true},
      {"cleanupExpiredAccessTokens", "cleanup-expired-access-tokens-once", "0 0 6 * * *", false},
      {"cleanupExpiredRefreshTokens", "cleanup-expired-refresh-tokens-once", "0 0 7 * * *", false}};
  const auto table = job_table();
  ASSERT_EQ(table.size(), expected.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(std::string(table[i].name), std::get<0>(expected[i]));
    EXPECT_EQ(std::string(table[i].command), std::get<1>(expected[i]));
    EXPECT_EQ(std::string(table[i].expression), std::get<2>(expected[i]));
    EXPECT_EQ(table[i].enabled_by_default, std::get<3>(expected[i]));
    EXPECT_TRUE(Expression::parse(table[i].expression));
  }
}

}  // namespace
}  // namespace bgm::cron
