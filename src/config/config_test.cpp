#include "bgm/config/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace bgm::config {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("bgm_config_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    env_["CHII_CONFIG_FILE"] = (dir_ / "config.yaml").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write_file(const std::string& text) {
    std::ofstream out(dir_ / "config.yaml");
    out << text;
  }
  Result<Config> run() {
    return load([this](const std::string& k) -> std::optional<std::string> {
      auto it = env_.find(k);
      if (it == env_.end()) return std::nullopt;
      return it->second;
    });
  }
  static const Setting& setting(const Config& c, std::string_view key) {
    for (const auto& s : c.settings) {
      if (s.key == key) return s;
    }
    throw std::runtime_error("no setting " + std::string(key));
  }

  fs::path dir_;
  std::map<std::string, std::string> env_;
};

TEST_F(ConfigTest, DefaultsWhenNoFileAndNoEnv) {
  auto c = run();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_FALSE(c->file_loaded);
  EXPECT_EQ(c->server_host, "0.0.0.0");
  EXPECT_EQ(c->server_port, 4000);
  EXPECT_EQ(c->mysql.host, "127.0.0.1");
  EXPECT_EQ(c->mysql.port, 3306);
  EXPECT_EQ(c->mysql.user, "user");
  EXPECT_EQ(c->mysql.password, "password");
  EXPECT_EQ(c->mysql.db, "bangumi");
  EXPECT_EQ(c->redis.host, "127.0.0.1");
  EXPECT_EQ(c->redis.port, 6379);
  EXPECT_EQ(c->redis.db, 0);
  EXPECT_EQ(c->kafka_brokers, "127.0.0.1:9092");
  EXPECT_EQ(c->kafka_js_group_id, "server-private");
  EXPECT_EQ(c->kafka_mq_group_id, "server-private-rust-mq");
  EXPECT_EQ(c->php_session_secret, "default-secret-key-not-safe-in-production");
  EXPECT_EQ(c->image_gateway_domain, "lain.bgm.tv");
  EXPECT_EQ(c->request_id_header, "x-request-id");
  EXPECT_EQ(c->cookie_secret, "");
  EXPECT_EQ(setting(*c, "cookie_secret_token").source, Source::kDefault);
  auto with_secret = *c;
  generate_cookie_secret(with_secret);
  EXPECT_EQ(with_secret.cookie_secret.size(), 64U);
  EXPECT_EQ(setting(with_secret, "cookie_secret_token").source, Source::kGenerated);
  auto other = *c;
  generate_cookie_secret(other);
  EXPECT_NE(other.cookie_secret, with_secret.cookie_secret);
  EXPECT_EQ(setting(*c, "server.port").source, Source::kDefault);
}

TEST_F(ConfigTest, FileOverridesDefaultsAndEnvOverridesFile) {
  write_file(
      "server:\n  port: '4100'\n  host: 127.0.0.2\n  requestIDHeader: X-Req\n"
      "mysql:\n  host: db.local\n  port: 3307\n  password: filepass\n"
      "redisUri: redis://:pw@10.0.0.1:6380/2\nadmin_token: ignored-unknown-key\n"
      "meilisearch:\n  url: http://x\n");
  env_["PORT"] = "4200";
  env_["MYSQL_PASS"] = "envpass";
  auto c = run();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_TRUE(c->file_loaded);
  EXPECT_EQ(c->server_port, 4200);
  EXPECT_EQ(setting(*c, "server.port").source, Source::kEnv);
  EXPECT_EQ(c->server_host, "127.0.0.2");
  EXPECT_EQ(setting(*c, "server.host").source, Source::kFile);
  EXPECT_EQ(c->request_id_header, "x-req");
  EXPECT_EQ(c->mysql.host, "db.local");
  EXPECT_EQ(c->mysql.port, 3307);
  EXPECT_EQ(c->mysql.password, "envpass");
  EXPECT_EQ(c->redis.host, "10.0.0.1");
  EXPECT_EQ(c->redis.port, 6380);
  EXPECT_EQ(c->redis.db, 2);
  EXPECT_EQ(c->redis.password, "pw");
}

TEST_F(ConfigTest, EmptyOrBlankEnvCountsAsUnset) {
  write_file("server:\n  port: 4100\n");
  env_["PORT"] = "  ";
  env_["MYSQL_HOST"] = "";
  env_["COOKIE_SECRET_TOKEN"] = "";
  auto c = run();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->server_port, 4100);
  EXPECT_EQ(c->mysql.host, "127.0.0.1");
  EXPECT_EQ(setting(*c, "cookie_secret_token").source, Source::kDefault);
}

TEST_F(ConfigTest, EmptyConfigFileEnvMeansDefaultPath) {
  env_["CHII_CONFIG_FILE"] = " ";
  auto c = run();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->file_path, "./config.yaml");
}

TEST_F(ConfigTest, NonNumericPortFromEnvNamesSettingAndSource) {
  env_["PORT"] = "abc";
  auto c = run();
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(c.error().message,
            "config: server.port (env PORT) = \"abc\": must be an integer between 1 and 65535");
}

TEST_F(ConfigTest, PortOutOfRangeFromFile) {
  write_file("mysql:\n  port: 70000\n");
  auto c = run();
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("mysql.port (file "), std::string::npos) << c.error().message;
  EXPECT_NE(c.error().message.find("between 1 and 65535"), std::string::npos);
}

TEST_F(ConfigTest, PortZeroAndTrailingJunkRejected) {
  for (const char* bad : {"0", "80x", "-1", "4000.5"}) {
    env_["MYSQL_PORT"] = bad;
    auto c = run();
    ASSERT_FALSE(c) << bad;
    EXPECT_NE(c.error().message.find("mysql.port (env MYSQL_PORT)"), std::string::npos);
  }
}

TEST_F(ConfigTest, MalformedRedisUriIsRejectedWithoutLeakingIt) {
  for (const char* bad : {"http://127.0.0.1:6379", "redis://", "redis://h:99999/0", "redis://h:6379/x",
                          "not a uri"}) {
    env_["REDIS_URI"] = bad;
    auto c = run();
    ASSERT_FALSE(c) << bad;
    EXPECT_NE(c.error().message.find("redisUri (env REDIS_URI)"), std::string::npos) << c.error().message;
    EXPECT_EQ(c.error().message.find(bad), std::string::npos) << "secret-bearing URI echoed";
  }
}

TEST_F(ConfigTest, ShortCookieSecretRejected) {
  env_["COOKIE_SECRET_TOKEN"] = "too-short";
  auto c = run();
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message,
            "config: cookie_secret_token (env COOKIE_SECRET_TOKEN): must be at least 32 characters (got 9)");
}

TEST_F(ConfigTest, PhpSecretNeedsAlphanumeric) {
  env_["PHP_SESSION_SECRET_KEY"] = "----";
  auto c = run();
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("php_session_secret_key (env PHP_SESSION_SECRET_KEY)"), std::string::npos);
}

TEST_F(ConfigTest, CronSettingsFromEnv) {
  env_["CRON_ENABLE"] = "cleanupExpiredAccessTokens";
  env_["CRON_SINGLE_RUNNER"] = "1";
  auto c = run();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->cron_enable, "cleanupExpiredAccessTokens");
  EXPECT_TRUE(c->cron_single_runner);
  EXPECT_EQ(c->cron_time_zone, "Asia/Shanghai");
  env_["CRON_SINGLE_RUNNER"] = "yes";
  auto bad = run();
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "config: CRON_SINGLE_RUNNER (env CRON_SINGLE_RUNNER) = \"yes\": must be true, false, 1 or 0");
}

TEST_F(ConfigTest, HttpIoThreadsBounded) {
  env_["HTTP_IO_THREADS"] = "4";
  auto c = run();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->http_io_threads, 4U);
  for (const char* bad : {"0", "65", "two"}) {
    env_["HTTP_IO_THREADS"] = bad;
    auto b = run();
    ASSERT_FALSE(b) << bad;
    EXPECT_NE(b.error().message.find("HTTP_IO_THREADS (env HTTP_IO_THREADS)"), std::string::npos);
  }
}

TEST_F(ConfigTest, EqualConsumerGroupsRefused) {
  env_["KAFKA_RUST_MQ_GROUP_ID"] = "server-private";
  auto c = run();
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("must differ from kafkaJsMqGroupId"), std::string::npos);
}

TEST_F(ConfigTest, BadYamlIsAnErrorNamingTheFile) {
  write_file("server: [unclosed\n");
  auto c = run();
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("config.yaml: failed to parse yaml"), std::string::npos) << c.error().message;
}

TEST_F(ConfigTest, NonMappingYamlIsAnError) {
  write_file("- a\n- b\n");
  auto c = run();
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("top level must be a mapping"), std::string::npos);
}

TEST_F(ConfigTest, NestedValueWhereScalarExpected) {
  write_file("server:\n  port:\n    a: 1\n");
  auto c = run();
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message.rfind("config: server.port (file ", 0), 0U) << c.error().message;
}

TEST_F(ConfigTest, UnreadableFileIsAnError) {
  fs::create_directories(dir_ / "config.yaml");  // a directory cannot be read as a file
  auto c = run();
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("cannot be read"), std::string::npos) << c.error().message;
}

TEST_F(ConfigTest, ShowMasksSecretsAndNamesSources) {
  write_file("mysql:\n  password: hunter2\n");
  env_["REDIS_URI"] = "redis://:topsecret@127.0.0.1:6379/1";
  env_["COOKIE_SECRET_TOKEN"] = std::string(40, 'k');
  auto c = run();
  ASSERT_TRUE(c) << c.error().message;
  const auto yaml = show_yaml(*c);
  const auto json = show_json(*c);
  for (const auto& out : {yaml, json}) {
    EXPECT_EQ(out.find("hunter2"), std::string::npos);
    EXPECT_EQ(out.find("topsecret"), std::string::npos);
    EXPECT_EQ(out.find(std::string(40, 'k')), std::string::npos);
  }
  EXPECT_NE(yaml.find("mysql.password: \"***\"  # file"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("redisUri: \"redis://:***@127.0.0.1:6379/1\"  # env REDIS_URI"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("server.port: \"4000\"  # default"), std::string::npos) << yaml;
  EXPECT_NE(json.find(R"("server.port":{"value":"4000","source":"default","env":"PORT"})"), std::string::npos)
      << json;
}

TEST(RedisUri, ParsesUserPasswordAndDefaults) {
  auto a = parse_redis_uri("redis://127.0.0.1");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->port, 6379);
  EXPECT_EQ(a->db, 0);
  auto b = parse_redis_uri("redis://us%40er:p%3Ass@redis.local:7000/3");
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->host, "redis.local");
  EXPECT_EQ(b->user, "us@er");
  EXPECT_EQ(b->password, "p:ss");
  EXPECT_EQ(b->port, 7000);
  EXPECT_EQ(b->db, 3);
  auto c = parse_redis_uri("redis://:redis-pass@127.0.0.1:6379/0");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->user, "");
  EXPECT_EQ(c->password, "redis-pass");
}

}  // namespace
}  // namespace bgm::config
