// The executable's contract: exit codes, help, config show, doctor.

#include <gtest/gtest.h>

#include <algorithm>

#include "support.hpp"

namespace bgm::itest {
namespace {

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST(Cli, HelpListsCommandGroupsAndExitsZero) {
  auto r = run_binary("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("config"), std::string::npos);
  EXPECT_NE(r.out.find("doctor"), std::string::npos);
  EXPECT_EQ(run_binary("config show --help").exit_code, 0);
  EXPECT_EQ(run_binary("doctor --help").exit_code, 0);
}

TEST(Cli, UsageErrorsExitTwoWithUsageOnStderr) {
  for (const char* args : {"", "no-such-command", "doctor --no-such-flag", "config", "config show --format xml"}) {
    auto r = run_binary(args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_NE(r.err.find("Usage:"), std::string::npos) << args << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << args;
  }
}

TEST(Cli, ConfigShowNamesSources) {
  auto r = run_binary("config show", "PORT=4100 MYSQL_PASS=s3cr3t-pass");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("server.port: \"4100\"  # env PORT"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("server.host: \"0.0.0.0\"  # default"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("s3cr3t-pass"), std::string::npos);
  auto j = run_binary("config show --format json", "PORT=4100");
  ASSERT_EQ(j.exit_code, 0);
  EXPECT_NE(j.out.find(R"("server.port":{"value":"4100","source":"env","env":"PORT"})"), std::string::npos) << j.out;
}

TEST(Cli, BadPortIsAOneLineErrorWithExitOne) {
  auto r = run_binary("config show", "PORT=abc");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "Error: config: server.port (env PORT) = \"abc\": must be an integer between 1 and 65535\n");
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, DoctorReportsLiveServicesOk) {
  auto r = run_binary("doctor");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("mariadb  ok"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("redis    ok"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kafka    ok    skipped"), std::string::npos) << r.out;
  EXPECT_EQ(lines(r.out), 3U);
}

TEST(Cli, DoctorFailsClearlyOnWrongMysqlPort) {
  auto r = run_binary("doctor", "MYSQL_PORT=1");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("mariadb  error 127.0.0.1:1/"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("redis    ok"), std::string::npos) << r.out;
}

TEST(Cli, DoctorFailsClearlyOnWrongRedisPort) {
  auto r = run_binary("doctor", "REDIS_URI=redis://127.0.0.1:1/0");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("redis    error 127.0.0.1:1/0: redis: connect to 127.0.0.1:1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("mariadb  ok"), std::string::npos) << r.out;
}

TEST(Cli, DoctorChecksKafkaWhenConfigured) {
  auto r = run_binary("doctor", "KAFKA_BROKERS=127.0.0.1:1");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("kafka    error 127.0.0.1:1"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace bgm::itest
