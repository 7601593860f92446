#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "support.hpp"

namespace bgm::itest {
namespace {

using db::redis::Args;
using db::redis::Client;
using db::redis::Reply;

class RedisTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(client_.command({"FLUSHDB"})); }
  Client client_{redis_options()};
};

TEST_F(RedisTest, BinarySafeArguments) {
  const std::string key("bin\0key\r\n", 9);
  const std::string value("\0\x01\xff\r\nvalue", 10);
  ASSERT_TRUE(client_.command({"SET", key, value}));
  auto r = client_.command({"GET", key});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->type, Reply::Type::kString);
  EXPECT_EQ(r->str, value);
  auto missing = client_.command({"GET", "absent"});
  ASSERT_TRUE(missing);
  EXPECT_TRUE(missing->is_nil());
}

TEST_F(RedisTest, PipelineOfTenThousandCommands) {
  std::vector<Args> cmds;
  for (int i = 0; i < 10000; ++i) cmds.push_back({"SET", "p:" + std::to_string(i), std::to_string(i * 2)});
  auto replies = client_.pipeline(cmds);
  ASSERT_TRUE(replies) << replies.error().message;
  ASSERT_EQ(replies->size(), 10000U);
  EXPECT_TRUE(std::all_of(replies->begin(), replies->end(),
                          [](const Reply& r) { return r.type == Reply::Type::kStatus && r.str == "OK"; }));
  auto size = client_.command({"DBSIZE"});
  ASSERT_TRUE(size);
  EXPECT_EQ(size->integer, 10000);
  auto v = client_.command({"GET", "p:9999"});
  ASSERT_TRUE(v);
  EXPECT_EQ(v->str, "19998");
}

TEST_F(RedisTest, PipelineKeepsErrorRepliesInPlace) {
  ASSERT_TRUE(client_.command({"SET", "s", "x"}));
  auto replies = client_.pipeline({{"INCR", "n"}, {"ZADD", "s", "1", "a"}, {"INCR", "n"}});
  ASSERT_TRUE(replies) << replies.error().message;
  EXPECT_EQ((*replies)[0].integer, 1);
  EXPECT_TRUE((*replies)[1].is_error());
  EXPECT_EQ((*replies)[1].str.rfind("WRONGTYPE", 0), 0U);
  EXPECT_EQ((*replies)[2].integer, 2);
}

TEST_F(RedisTest, ErrorReplyOfSingleCommandIsAnError) {
  ASSERT_TRUE(client_.command({"SET", "s", "x"}));
  auto r = client_.command({"ZREMRANGEBYRANK", "s", "0", "-201"});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("WRONGTYPE"), std::string::npos);
}

TEST_F(RedisTest, ScanWithMatchTypeAndCount) {
  std::vector<Args> cmds;
  for (int i = 0; i < 500; ++i) cmds.push_back({"ZADD", "tml:v3:user:" + std::to_string(i), "1", "1"});
  cmds.push_back({"SET", "tml:v3:user:str", "not a zset"});
  cmds.push_back({"ZADD", "tml:v2:user:1", "1", "1"});
  cmds.push_back({"HSET", "tml:v3:user:hash", "f", "v"});
  ASSERT_TRUE(client_.pipeline(cmds));

  std::set<std::string> seen;
  std::size_t pages = 0;
  auto r = client_.scan("tml:v3:user:*", "zset", 100, [&](const std::vector<std::string>& keys) -> Result<void> {
    ++pages;
    seen.insert(keys.begin(), keys.end());
    return {};
  });
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(seen.size(), 500U);
  EXPECT_FALSE(seen.count("tml:v3:user:str"));
  EXPECT_FALSE(seen.count("tml:v3:user:hash"));
  EXPECT_FALSE(seen.count("tml:v2:user:1"));
  EXPECT_GT(pages, 1U);
}

TEST_F(RedisTest, ScanStopsOnCallbackError) {
  ASSERT_TRUE(client_.command({"SET", "k", "v"}));
  auto r = client_.scan("*", std::nullopt, std::nullopt,
                        [](const std::vector<std::string>&) -> Result<void> { return internal_error("stop"); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "stop");
}

TEST_F(RedisTest, ReconnectsAfterClientKill) {
  auto opts = redis_options();
  opts.pool_size = 1;
  Client one(opts);
  auto id = one.command({"CLIENT", "ID"});
  ASSERT_TRUE(id) << id.error().message;
  auto killed = client_.command({"CLIENT", "KILL", "ID", std::to_string(id->integer)});
  ASSERT_TRUE(killed) << killed.error().message;
  EXPECT_EQ(killed->integer, 1);

  auto next = one.command({"CLIENT", "ID"});
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_NE(next->integer, id->integer);

  auto id2 = next->integer;
  ASSERT_TRUE(client_.command({"CLIENT", "KILL", "ID", std::to_string(id2)}));
  auto pipe = one.pipeline({{"SET", "after", "kill"}, {"GET", "after"}});
  ASSERT_TRUE(pipe) << pipe.error().message;
  EXPECT_EQ((*pipe)[1].str, "kill");
}

TEST_F(RedisTest, SelectsDatabaseFromUri) {
  auto opts = redis_options();
  opts.uri.db = 3;
  Client db3(opts);
  ASSERT_TRUE(db3.command({"FLUSHDB"}));
  ASSERT_TRUE(db3.command({"SET", "only-in-3", "1"}));
  auto here = client_.command({"EXISTS", "only-in-3"});
  ASSERT_TRUE(here);
  EXPECT_EQ(here->integer, 0);
  auto there = db3.command({"EXISTS", "only-in-3"});
  ASSERT_TRUE(there);
  EXPECT_EQ(there->integer, 1);
  ASSERT_TRUE(db3.command({"FLUSHDB"}));
}

TEST_F(RedisTest, WrongPasswordIsAClearError) {
  auto opts = redis_options();
  opts.uri.password = "wrong";
  Client c(opts);
  auto r = c.command({"PING"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kUnavailable);
  EXPECT_NE(r.error().message.find("AUTH"), std::string::npos) << r.error().message;
}

TEST(RedisConnect, WrongPortIsUnavailable) {
  auto opts = redis_options();
  opts.uri.port = 1;
  Client c(opts);
  auto r = c.command({"PING"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kUnavailable);
  EXPECT_NE(r.error().message.find("connect to 127.0.0.1:1"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace bgm::itest
