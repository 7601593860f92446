// The eight cron tasks against real Redis and MariaDB (spec/cron.md §1, §6).

#include <gtest/gtest.h>

#include <set>

#include "bgm/cron/expression.hpp"
#include "bgm/cron/jobs.hpp"
#include "bgm/tools/redis_diff.hpp"
#include "support.hpp"

namespace bgm::itest {
namespace {

using db::redis::Args;

class RecordingSleeper final : public cron::Sleeper {
 public:
  bool sleep_for(std::chrono::milliseconds d) override {
    pauses.push_back(d);
    return true;
  }
  std::vector<std::chrono::milliseconds> pauses;
};

// 2026-12-04T08:00:00Z
constexpr std::int64_t kNow = 1796371200;

class CronTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(redis_.command({"FLUSHDB"})); }

  void zadd_range(const std::string& key, int from, int to) {
    Args cmd{"ZADD", key};
    for (int i = from; i <= to; ++i) {
      cmd.push_back(std::to_string(i));
      cmd.push_back(std::to_string(i));
    }
    ASSERT_TRUE(redis_.command(cmd));
  }
  std::vector<std::string> zrange(const std::string& key, int start, int stop) {
    auto r = redis_.command({"ZRANGE", key, std::to_string(start), std::to_string(stop)});
    std::vector<std::string> out;
    for (const auto& e : r->elements) out.push_back(e.str);
    return out;
  }
  long long zcard(const std::string& key) { return redis_.command({"ZCARD", key})->integer; }
  tools::Snapshot snapshot() { return *tools::take_snapshot(redis_); }
  std::set<std::string> changed_keys(const tools::Snapshot& before, const tools::Snapshot& after) {
    std::set<std::string> keys;
    for (const auto& [k, v] : after) {
      auto it = before.find(k);
      if (it == before.end() || it->second != v) keys.insert(k);
    }
    for (const auto& [k, v] : before) {
      if (!after.count(k)) keys.insert(k);
    }
    return keys;
  }
  Result<cron::JobReport> run(const char* name) {
    return cron::run_logged(*cron::find_job(name), deps_, {});
  }

  db::redis::Client redis_{redis_options()};
  db::mysql::Pool mysql_{mysql_options()};
  ManualClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(kNow))};
  RecordingSleeper sleeper_;
  cron::JobDeps deps_{redis_, mysql_, clock_, sleeper_};
};

TEST_F(CronTest, HeartbeatWritesUnixMillisWithoutExpiry) {
  clock_.advance(std::chrono::milliseconds(123));
  ASSERT_TRUE(run("heartbeat"));
  EXPECT_EQ(redis_.command({"GET", "task:heartbeat"})->str, std::to_string(kNow * 1000 + 123));
  EXPECT_EQ(redis_.command({"PTTL", "task:heartbeat"})->integer, -1);
}

TEST_F(CronTest, GlobalKeepsExactlyTheNewestThousandAndTouchesNothingElse) {
  zadd_range("tml:v3:inbox:0", 1, 1500);
  zadd_range("tml:v3:inbox:1", 1, 400);
  zadd_range("tml:v3:user:0", 1, 1500);
  const auto before = snapshot();
  auto r = run("truncateTimelineGlobalCache");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(zcard("tml:v3:inbox:0"), 1000);
  EXPECT_EQ(zrange("tml:v3:inbox:0", -10, -1),
            (std::vector<std::string>{"1491", "1492", "1493", "1494", "1495", "1496", "1497", "1498", "1499", "1500"}));
  EXPECT_EQ(zrange("tml:v3:inbox:0", 0, 0), (std::vector<std::string>{"501"}));
  EXPECT_EQ(changed_keys(before, snapshot()), (std::set<std::string>{"tml:v3:inbox:0"}));
}

TEST_F(CronTest, GlobalOnMissingKeySucceedsAndOnWrongTypeFails) {
  ASSERT_TRUE(run("truncateTimelineGlobalCache"));
  ASSERT_TRUE(redis_.command({"SET", "tml:v3:inbox:0", "not a zset"}));
  auto r = run("truncateTimelineGlobalCache");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("WRONGTYPE"), std::string::npos);
  EXPECT_EQ(redis_.command({"GET", "tml:v3:inbox:0"})->str, "not a zset");
}

class TruncateTest : public CronTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(TruncateTest, TrimsOnlyTargetSortedSetsToTwoHundred) {
  const std::string family = GetParam();  // "inbox" or "user"
  const std::string prefix = "tml:v3:" + family + ":";
  const std::string other = family == "inbox" ? "tml:v3:user:" : "tml:v3:inbox:";
  std::set<std::string> expected;
  zadd_range(prefix + "1", 1, 400);
  expected.insert(prefix + "1");
  for (int i = 100; i < 130; ++i) {
    zadd_range(prefix + std::to_string(i), 1, 250 + i);
    expected.insert(prefix + std::to_string(i));
  }
  zadd_range(prefix + "short", 1, 150);   // shorter than the keep-count: untouched
  zadd_range(prefix + "exact", 1, 200);   // exactly the keep-count: untouched
  zadd_range(other + "5", 1, 400);        // the other family
  zadd_range("tml:v2:" + family + ":1", 1, 400);  // old version prefix
  ASSERT_TRUE(redis_.command({"SET", prefix + "x", "a string under the pattern"}));
  ASSERT_TRUE(redis_.command({"SET", "tml:v3:user:7", "string decoy"}));
  ASSERT_TRUE(redis_.command({"HSET", prefix + "h", "f", "v"}));
  std::vector<Args> noise;
  for (int i = 0; i < 300; ++i) noise.push_back({"SET", "unrelated:" + std::to_string(i), "v"});
  ASSERT_TRUE(redis_.pipeline(noise));

  const auto before = snapshot();
  auto r = run(family == "inbox" ? "truncateTimelineInboxCache" : "truncateTimelineUserCache");
  ASSERT_TRUE(r) << r.error().message;
  const auto after = snapshot();

  EXPECT_EQ(changed_keys(before, after), expected);
  EXPECT_EQ(zcard(prefix + "1"), 200);
  EXPECT_EQ(zrange(prefix + "1", 0, 0), (std::vector<std::string>{"201"}));
  EXPECT_EQ(zrange(prefix + "1", -1, -1), (std::vector<std::string>{"400"}));
  for (int i = 100; i < 130; ++i) EXPECT_EQ(zcard(prefix + std::to_string(i)), 200);
  EXPECT_EQ(zcard(prefix + "short"), 150);
  const auto& stats = r->counters;
  EXPECT_EQ(stats.at(0), (std::pair<std::string, std::int64_t>{"keys_seen", 33}));
  std::int64_t removed = 200;  // key 1: 400 -> 200
  for (int i = 100; i < 130; ++i) removed += 250 + i - 200;
  EXPECT_EQ(stats.at(1), (std::pair<std::string, std::int64_t>{"entries_removed", removed}));
}

INSTANTIATE_TEST_SUITE_P(Cron, TruncateTest, ::testing::Values("inbox", "user"),
                         [](const auto& param_info) { return std::string(param_info.param); });

TEST_F(CronTest, InboxJobAlsoCutsTheGlobalKeyToTwoHundred) {
  zadd_range("tml:v3:inbox:0", 1, 1500);
  ASSERT_TRUE(run("truncateTimelineInboxCache"));
  EXPECT_EQ(zcard("tml:v3:inbox:0"), 200);
}

class TrendingTest : public CronTest {
 protected:
  void SetUp() override {
    CronTest::SetUp();
    for (const char* t : {"chii_subjects", "chii_subject_interests", "chii_subject_posts"}) {
      ASSERT_TRUE(mysql_.execute(std::string("DELETE FROM ") + t));
    }
  }
  void subject(int id, int type, int ban = 0) {
    ASSERT_TRUE(mysql_.execute(
        "INSERT INTO chii_subjects (subject_id, subject_type_id, subject_name, subject_name_cn, subject_uid, "
        "subject_creator, subject_image, field_infobox, field_meta_tags, field_summary, field_5, subject_idx_cn, "
        "subject_airtime, subject_nsfw, subject_ban) VALUES (?, ?, 'n', 'n', '', 1, '', '', '', '', '', '', 0, 0, ?)",
        {std::int64_t{id}, std::int64_t{type}, std::int64_t{ban}}));
  }
  void interest(int uid, int sid, std::int64_t doing, std::int64_t lasttouch) {
    ASSERT_TRUE(mysql_.execute(
        "INSERT INTO chii_subject_interests (interest_uid, interest_subject_id, interest_has_comment, "
        "interest_comment, interest_tag, interest_vol_status, interest_wish_dateline, interest_doing_dateline, "
        "interest_collect_dateline, interest_on_hold_dateline, interest_dropped_dateline, interest_create_ip, "
        "interest_lasttouch_ip, interest_lasttouch, interest_private) "
        "VALUES (?, ?, 0, '', '', 0, 0, ?, 0, 0, 0, '', '', ?, 0)",
        {std::int64_t{uid}, std::int64_t{sid}, doing, lasttouch}));
  }
  void post(int topic, std::int64_t dateline) {
    ASSERT_TRUE(mysql_.execute(
        "INSERT INTO chii_subject_posts (sbj_pst_mid, sbj_pst_uid, sbj_pst_content, sbj_pst_state, sbj_pst_dateline) "
        "VALUES (?, 1, '', 0, ?)",
        {std::int64_t{topic}, dateline}));
  }
  std::string get(const std::string& key) {
    auto r = redis_.command({"GET", key});
    return r->is_nil() ? "<nil>" : r->str;
  }
  static constexpr std::int64_t kMonthAgo = kNow - 30 * 86400;
};

TEST_F(TrendingTest, SubjectsPerTypeWithTimeColumnsBanAndWindow) {
  subject(101, 2);
  subject(102, 2);
  subject(103, 2, /*ban=*/1);
  subject(104, 2);
  subject(201, 1);
  subject(202, 1);
  subject(401, 4);
  for (int u = 1; u <= 3; ++u) interest(u, 101, kNow - 100, 0);  // anime counts doing_dateline
  for (int u = 1; u <= 2; ++u) interest(u, 102, kMonthAgo + 1, 0);
  interest(3, 102, kMonthAgo, kNow);  // exactly at the boundary: not counted (strictly greater)
  for (int u = 1; u <= 5; ++u) interest(u, 103, kNow - 100, 0);  // banned
  interest(1, 104, kMonthAgo - 10, kNow);  // old doing, recent lasttouch: not for anime
  for (int u = 1; u <= 2; ++u) interest(u, 201, 0, kNow - 5);    // books count lasttouch
  interest(1, 202, kNow - 5, kMonthAgo - 1);                      // recent doing only: not for books
  for (int u = 1; u <= 4; ++u) interest(u, 401, kNow - 1, 0);

  const auto before = snapshot();
  auto r = run("trendingSubjects");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(get("trending:subjects:2:month"), R"([{"id":101,"total":3},{"id":102,"total":2}])");
  EXPECT_EQ(get("trending:subjects:1:month"), R"([{"id":201,"total":2}])");
  EXPECT_EQ(get("trending:subjects:4:month"), R"([{"id":401,"total":4}])");
  EXPECT_EQ(get("trending:subjects:3:month"), "[]");
  EXPECT_EQ(get("trending:subjects:6:month"), "[]");
  EXPECT_EQ(changed_keys(before, snapshot()),
            (std::set<std::string>{"trending:subjects:1:month", "trending:subjects:2:month", "trending:subjects:3:month",
                                   "trending:subjects:4:month", "trending:subjects:6:month"}));
  EXPECT_EQ(redis_.command({"TTL", "trending:subjects:2:month"})->integer, -1);
}

TEST_F(TrendingTest, ExistingLockSkipsThatTypeOnly) {
  subject(101, 2);
  subject(201, 1);
  interest(1, 101, kNow - 1, 0);
  interest(1, 201, 0, kNow - 1);
  ASSERT_TRUE(redis_.command({"SET", "trending:subjects:2:month", "previous"}));
  ASSERT_TRUE(redis_.command({"SET", "lock:trending:subjects:2:month", "1", "EX", "3600"}));
  ASSERT_TRUE(run("trendingSubjects"));
  EXPECT_EQ(get("trending:subjects:2:month"), "previous");
  EXPECT_EQ(get("lock:trending:subjects:2:month"), "1");
  EXPECT_EQ(get("trending:subjects:1:month"), R"([{"id":201,"total":1}])");
  EXPECT_EQ(get("lock:trending:subjects:1:month"), "<nil>");
}

TEST_F(TrendingTest, TopicsOfTheLastWeekIncludingTheBoundary) {
  const std::int64_t week_ago = kNow - 7 * 86400;
  for (int i = 0; i < 3; ++i) post(10, kNow - 60);
  post(11, kNow - 1);
  post(11, week_ago);  // >= : counted
  post(12, week_ago - 1);
  post(12, week_ago - 1);
  post(12, week_ago - 1);
  const auto before = snapshot();
  ASSERT_TRUE(run("trendingSubjectTopics"));
  EXPECT_EQ(get("trending:topics:subjects:week"), R"([{"id":10,"total":3},{"id":11,"total":2}])");
  EXPECT_EQ(changed_keys(before, snapshot()), (std::set<std::string>{"trending:topics:subjects:week"}));

  ASSERT_TRUE(redis_.command({"SET", "lock:trending:topics:subjects:week", "1"}));
  post(12, kNow);
  ASSERT_TRUE(run("trendingSubjectTopics"));
  EXPECT_EQ(get("trending:topics:subjects:week"), R"([{"id":10,"total":3},{"id":11,"total":2}])");
}

TEST_F(TrendingTest, DatabaseFailureFailsTheTaskAndKeepsTheLock) {
  ASSERT_TRUE(mysql_.execute("RENAME TABLE chii_subject_posts TO chii_subject_posts_moved"));
  auto r = run("trendingSubjectTopics");
  ASSERT_TRUE(mysql_.execute("RENAME TABLE chii_subject_posts_moved TO chii_subject_posts"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("mysql errno 1146"), std::string::npos) << r.error().message;
  EXPECT_EQ(get("lock:trending:topics:subjects:week"), "1");
  EXPECT_GT(redis_.command({"TTL", "lock:trending:topics:subjects:week"})->integer, 0);
}

class CleanupTest : public CronTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(CleanupTest, DeletesExpiredInBatchesOfAThousandAndKeepsFreshRows) {
  const bool access = std::string(GetParam()) == "access";
  const std::string table = access ? "chii_oauth_access_tokens" : "chii_oauth_refresh_tokens";
  ASSERT_TRUE(mysql_.execute("DELETE FROM " + table));
  const auto at = [](std::int64_t unix) {
    auto r = std::chrono::system_clock::time_point(std::chrono::seconds(unix));
    return cron::format_utc(std::chrono::floor<std::chrono::seconds>(r)).substr(0, 19).replace(10, 1, " ");
  };
  const std::string insert =
      access ? "INSERT INTO chii_oauth_access_tokens (type, access_token, client_id, user_id, expires, scope, info) "
               "SELECT 0, CONCAT(?, seq), 'c', '1', ?, NULL, '' FROM seq_1_to_"
             : "INSERT INTO chii_oauth_refresh_tokens (refresh_token, client_id, user_id, expires, scope) "
               "SELECT CONCAT(?, seq), 'c', '1', ?, NULL FROM seq_1_to_";
  ASSERT_TRUE(mysql_.execute(insert + "2500", {"old-", at(kNow - 8 * 86400)}));
  ASSERT_TRUE(mysql_.execute(insert + "5", {"edge-", at(kNow - 7 * 86400)}));  // not < notAfter: kept
  ASSERT_TRUE(mysql_.execute(insert + "7", {"recent-", at(kNow - 6 * 86400)}));
  ASSERT_TRUE(mysql_.execute(insert + "3", {"future-", at(kNow + 86400)}));

  auto r = run(access ? "cleanupExpiredAccessTokens" : "cleanupExpiredRefreshTokens");
  ASSERT_TRUE(r) << r.error().message;
  auto left = mysql_.execute("SELECT COUNT(*) FROM " + table);
  EXPECT_EQ(left->rows.at(0).i64(0), 15);
  const auto key = access ? "access_token" : "refresh_token";
  auto old = mysql_.execute("SELECT COUNT(*) FROM " + table + " WHERE " + key + " LIKE 'old-%'");
  EXPECT_EQ(old->rows.at(0).i64(0), 0);
  EXPECT_EQ(r->counters.at(0), (std::pair<std::string, std::int64_t>{"rows_deleted", 2500}));
  EXPECT_EQ(r->counters.at(1), (std::pair<std::string, std::int64_t>{"batches", 3}));
  ASSERT_EQ(sleeper_.pauses.size(), 3U);  // after each non-empty batch, 1 s as in TS
  for (auto p : sleeper_.pauses) EXPECT_EQ(p, std::chrono::milliseconds(1000));
}

INSTANTIATE_TEST_SUITE_P(Cron, CleanupTest, ::testing::Values("access", "refresh"),
                         [](const auto& param_info) { return std::string(param_info.param); });

TEST(CronCli, OneShotHeartbeatAndInspection) {
  db::redis::Client redis(redis_options());
  const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  auto r = run_binary("cron heartbeat-once");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto value = std::stoll(redis.command({"GET", "task:heartbeat"})->str);
  EXPECT_GE(value, before);
  EXPECT_LE(value, before + 2000);
  EXPECT_NE(r.err.find("Job completed job=heartbeat"), std::string::npos) << r.err;

  auto nf = run_binary("cron next-fire --expr '0 0 3 * * *' --tz Asia/Shanghai --from 2026-03-01T00:00:00Z --count 2");
  EXPECT_EQ(nf.exit_code, 0) << nf.err;
  EXPECT_EQ(nf.out, "2026-03-01T19:00:00Z\n2026-03-02T19:00:00Z\n");
  auto bad = run_binary("cron next-fire --expr '0 0 0 30 2 *' --from 2026-03-01T00:00:00Z");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("never fires"), std::string::npos);
  EXPECT_EQ(run_binary("cron next-fire --expr '* * *'").exit_code, 1);
  EXPECT_EQ(run_binary("cron next-fire --expr '* * * * *' --tz Nowhere/City").exit_code, 1);
  EXPECT_EQ(run_binary("cron").exit_code, 2);

  auto sched = run_binary("cron schedule", "CRON_ENABLE=cleanupExpiredAccessTokens");
  EXPECT_EQ(sched.exit_code, 0) << sched.err;
  EXPECT_NE(sched.out.find("cleanupExpiredAccessTokens"), std::string::npos);
  auto bad_env = run_binary("cron schedule", "CRON_DISABLE=nope");
  EXPECT_EQ(bad_env.exit_code, 1);
  EXPECT_NE(bad_env.err.find("CRON_DISABLE: unknown job \"nope\""), std::string::npos) << bad_env.err;
}

TEST(CronCli, OneShotFailsWithExitOneWhenRedisIsDown) {
  auto r = run_binary("cron heartbeat-once", "REDIS_URI=redis://127.0.0.1:1/0");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Job failed job=heartbeat"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Error: heartbeat: redis: connect to 127.0.0.1:1"), std::string::npos) << r.err;
}

TEST(CronCli, DaemonStopsCleanlyOnSigterm) {
  const auto r = run_until_sigterm("cron run-default-schedule", "cron job disabled");
  const auto& log = r.err;
  EXPECT_EQ(r.exit_code, 0) << log;
  EXPECT_NE(log.find("Cronjob: heartbeat @ */10 * * * * *"), std::string::npos) << log;
  EXPECT_NE(log.find("cron job disabled component=cron job=cleanupExpiredAccessTokens"), std::string::npos) << log;
  EXPECT_NE(log.find("stop signal received"), std::string::npos) << log;
  EXPECT_NE(log.find("cron scheduler stopped"), std::string::npos) << log;
}

}  // namespace
}  // namespace bgm::itest
