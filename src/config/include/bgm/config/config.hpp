#pragma once
// Configuration exactly as spec/cli-and-config.md §2–3: defaults < YAML file < env.
// An env value that is empty after trimming ASCII whitespace counts as unset; a
// present but invalid value is an error naming the setting and its source.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bgm/common/error.hpp"

namespace bgm::config {

enum class Source { kDefault, kFile, kEnv, kGenerated };
std::string_view to_string(Source s) noexcept;

struct RedisUri {
  std::string host = "127.0.0.1";
  std::uint16_t port = 6379;
  int db = 0;
  std::string user;      // percent-decoded; empty when absent
  std::string password;  // percent-decoded; empty when absent
};

struct MysqlSettings {
  std::string host;
  std::uint16_t port = 3306;
  std::string user;
  std::string password;
  std::string db;
};

// One resolved setting, kept for `config show`.
struct Setting {
  std::string key;  // YAML path, or the env name for env-only settings
  std::string env;
  std::string value;
  Source source = Source::kDefault;
  bool secret = false;
};

struct Config {
  std::string server_host;
  std::uint16_t server_port = 4000;
  std::string request_id_header;
  unsigned http_io_threads = 1;
  MysqlSettings mysql;
  std::string redis_uri;
  RedisUri redis;
  std::string kafka_brokers;
  std::string kafka_js_group_id;
  std::string kafka_mq_group_id;
  std::string cookie_secret;
  std::string php_session_secret;
  std::string image_gateway_domain;
  std::string cron_enable;   // comma list of TS job names (or "all") to switch on
  std::string cron_disable;  // comma list of TS job names (or "all") to switch off; wins
  std::string cron_time_zone;
  bool cron_single_runner = false;

  std::string file_path;     // the file that was looked for
  bool file_loaded = false;  // false when it does not exist
  std::vector<Setting> settings;
};

// Returns the value of an environment variable, or nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup process_env();

// Reads CHII_CONFIG_FILE (trimmed; default ./config.yaml), then env. Errors:
// kInvalidInput for an invalid value, an unreadable or unparsable file.
Result<Config> load(const EnvLookup& env);

// When cookie_secret_token is unset: 32 random bytes (hex) for this process, source
// "generated" (TS behaviour). Only the server needs it. Throws FatalError if the kernel
// CSPRNG fails.
void generate_cookie_secret(Config& cfg);

// redis://[user[:password]@]host[:port][/db], default port 6379, db 0.
Result<RedisUri> parse_redis_uri(std::string_view uri);

// The effective settings with secrets masked, one per line: `key: value  # source`.
std::string show_yaml(const Config& cfg);
// {"key":{"value":...,"source":"env","env":"PORT"},...}
std::string show_json(const Config& cfg);

}  // namespace bgm::config
