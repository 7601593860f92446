#include <gtest/gtest.h>

#include "support.hpp"

namespace bgm::itest {
namespace {

using db::mysql::Param;
using db::mysql::Pool;

class MysqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pool_.execute("CREATE TABLE IF NOT EXISTS itest_kv (k VARCHAR(64) PRIMARY KEY, v MEDIUMTEXT NULL, "
                              "n BIGINT NULL, t TIMESTAMP NULL) CHARSET utf8mb4"));
    ASSERT_TRUE(pool_.execute("DELETE FROM itest_kv"));
  }
  Pool pool_{mysql_options()};
};

TEST_F(MysqlTest, SessionIsUtf8mb4AndUtc) {
  auto r = pool_.execute("SELECT @@character_set_connection, @@session.time_zone");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->rows.at(0).text(0), "utf8mb4");
  EXPECT_EQ(r->rows.at(0).text(1), "+00:00");
}

TEST_F(MysqlTest, PreparedParamsKeepQuotesUnicodeAndNull) {
  const std::string tricky = "it's \"quoted\" \\ back'; DROP TABLE itest_kv; -- 中文 🎉";
  ASSERT_TRUE(pool_.execute("INSERT INTO itest_kv (k, v, n) VALUES (?, ?, ?)", {"a", tricky, std::int64_t{-42}}));
  ASSERT_TRUE(pool_.execute("INSERT INTO itest_kv (k, v, n) VALUES (?, ?, ?)", {"b", nullptr, std::uint64_t{7}}));
  auto r = pool_.execute("SELECT k, v, n FROM itest_kv WHERE k = ? OR k = ? ORDER BY k", {"a", "b"});
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->rows.size(), 2U);
  EXPECT_EQ(r->columns, (std::vector<std::string>{"k", "v", "n"}));
  EXPECT_EQ(r->rows[0].text(1), tricky);
  EXPECT_EQ(r->rows[0].i64(2), -42);
  EXPECT_TRUE(r->rows[1].is_null(1));
  EXPECT_EQ(r->rows[1].u64(2), 7U);
}

TEST_F(MysqlTest, LongValuesComeBackWhole) {
  const std::string big(300000, 'x');
  ASSERT_TRUE(pool_.execute("INSERT INTO itest_kv (k, v) VALUES (?, ?)", {"big", big}));
  auto r = pool_.execute("SELECT v, LENGTH(v) FROM itest_kv WHERE k = ?", {"big"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->rows.at(0).text(0), big);
  EXPECT_EQ(r->rows.at(0).i64(1), 300000);
}

TEST_F(MysqlTest, TimestampsAreUtcText) {
  ASSERT_TRUE(pool_.execute("INSERT INTO itest_kv (k, t) VALUES (?, ?)", {"ts", "2030-12-21 14:16:28"}));
  auto r = pool_.execute("SELECT t, UNIX_TIMESTAMP(t) FROM itest_kv WHERE k = ?", {"ts"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->rows.at(0).text(0), "2030-12-21 14:16:28");
  EXPECT_EQ(r->rows.at(0).i64(1), 1924092988);
}

TEST_F(MysqlTest, AffectedRowsAndSqlErrors) {
  ASSERT_TRUE(pool_.execute("INSERT INTO itest_kv (k) VALUES (?), (?), (?)", {"1", "2", "3"}));
  auto del = pool_.execute("DELETE FROM itest_kv WHERE k <> ? LIMIT 2", {"1"});
  ASSERT_TRUE(del) << del.error().message;
  EXPECT_EQ(del->affected_rows, 2U);
  auto bad = pool_.execute("SELECT no_such_column FROM itest_kv");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("mysql errno 1054"), std::string::npos) << bad.error().message;
  auto arity = pool_.execute("SELECT ? + ?", {std::int64_t{1}});
  ASSERT_FALSE(arity);
  EXPECT_NE(arity.error().message.find("expects 2 parameters"), std::string::npos);
}

TEST_F(MysqlTest, TransactionRollsBackOnScopeExitAndCommits) {
  {
    auto tx = pool_.begin();
    ASSERT_TRUE(tx) << tx.error().message;
    ASSERT_TRUE(tx->execute("INSERT INTO itest_kv (k) VALUES (?)", {"rolled-back"}));
    auto inside = tx->execute("SELECT COUNT(*) FROM itest_kv WHERE k = ?", {"rolled-back"});
    ASSERT_TRUE(inside);
    EXPECT_EQ(inside->rows.at(0).i64(0), 1);
  }  // no commit
  {
    auto tx = pool_.begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE(tx->execute("INSERT INTO itest_kv (k) VALUES (?)", {"committed"}));
    ASSERT_TRUE(tx->commit());
  }
  auto r = pool_.execute("SELECT k FROM itest_kv ORDER BY k");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->rows.size(), 1U);
  EXPECT_EQ(r->rows[0].text(0), "committed");
}

TEST_F(MysqlTest, ReconnectsAfterPooledConnectionIsKilled) {
  auto opts = mysql_options();
  opts.pool_size = 1;
  Pool one(opts);
  auto before = one.execute("SELECT CONNECTION_ID()");
  ASSERT_TRUE(before) << before.error().message;
  const auto id = before->rows.at(0).u64(0);

  Pool killer(mysql_options());
  ASSERT_TRUE(killer.execute("KILL CONNECTION ?", {id}));

  // A read is retried on a fresh connection: the very next call succeeds.
  auto after = one.execute("SELECT CONNECTION_ID()");
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_NE(after->rows.at(0).u64(0), id);

  // A write on a killed connection may fail once (it might have run), never twice.
  auto id2 = after->rows.at(0).u64(0);
  ASSERT_TRUE(killer.execute("KILL CONNECTION ?", {id2}));
  auto first = one.execute("INSERT INTO itest_kv (k) VALUES (?)", {"after-kill"});
  if (!first) {
    EXPECT_EQ(first.error().kind, ErrorKind::kUnavailable) << first.error().message;
  }
  auto second = one.execute("INSERT INTO itest_kv (k) VALUES (?) ON DUPLICATE KEY UPDATE k = k", {"after-kill"});
  ASSERT_TRUE(second) << second.error().message;
  auto check = one.execute("SELECT COUNT(*) FROM itest_kv WHERE k = ?", {"after-kill"});
  ASSERT_TRUE(check);
  EXPECT_EQ(check->rows.at(0).i64(0), 1);
}

TEST_F(MysqlTest, PoolIsBoundedAndTimesOut) {
  auto opts = mysql_options();
  opts.pool_size = 2;
  opts.acquire_timeout = std::chrono::milliseconds(200);
  Pool pool(opts);
  auto a = pool.acquire();
  auto b = pool.acquire();
  ASSERT_TRUE(a && b);
  auto c = pool.acquire();
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().kind, ErrorKind::kUnavailable);
}

TEST(MysqlConnect, WrongPortIsUnavailable) {
  auto opts = mysql_options();
  opts.port = 1;
  Pool pool(opts);
  auto r = pool.execute("SELECT 1");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kUnavailable);
  EXPECT_NE(r.error().message.find("connect to"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace bgm::itest
