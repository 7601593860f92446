#include "bgm/config/config.hpp"

#include <sys/random.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "bgm/common/strings.hpp"

namespace bgm::config {
namespace {

enum class Check { kAny, kNonEmpty, kPort, kRedisUri, kCookieSecret, kPhpSecret, kBool, kThreads };

struct Row {
  std::string_view yaml_path;  // empty: env-only (must not go into the shared file)
  std::string_view env;        // empty: file-only
  std::string_view fallback;
  Check check;
  bool secret;
};

// The single table of settings. Order is the order of `config show`.
constexpr std::array kRows{
    Row{"server.host", "HOST", "0.0.0.0", Check::kNonEmpty, false},
    Row{"server.port", "PORT", "4000", Check::kPort, false},
    Row{"server.requestIDHeader", "", "x-request-id", Check::kNonEmpty, false},
    // C++ only, env only: event-loop threads of `server run` (handlers run on a pool).
    Row{"", "HTTP_IO_THREADS", "1", Check::kThreads, false},
    Row{"mysql.host", "MYSQL_HOST", "127.0.0.1", Check::kAny, false},
    Row{"mysql.port", "MYSQL_PORT", "3306", Check::kPort, false},
    Row{"mysql.user", "MYSQL_USER", "user", Check::kAny, false},
    Row{"mysql.password", "MYSQL_PASS", "password", Check::kAny, true},
    Row{"mysql.db", "MYSQL_DB", "bangumi", Check::kNonEmpty, false},
    Row{"redisUri", "REDIS_URI", "redis://127.0.0.1:6379/0", Check::kRedisUri, true},
    Row{"kafkaBrokers", "KAFKA_BROKERS", "127.0.0.1:9092", Check::kAny, false},
    Row{"kafkaJsMqGroupId", "KAFKA_JS_MQ_GROUP_ID", "server-private", Check::kNonEmpty, false},
    Row{"", "KAFKA_RUST_MQ_GROUP_ID", "server-private-rust-mq", Check::kNonEmpty, false},
    Row{"cookie_secret_token", "COOKIE_SECRET_TOKEN", "", Check::kCookieSecret, true},
    Row{"php_session_secret_key", "PHP_SESSION_SECRET_KEY", "default-secret-key-not-safe-in-production",
        Check::kPhpSecret, true},
    Row{"image.gatewayDomain", "", "lain.bgm.tv", Check::kNonEmpty, false},
    // cron scheduler (C++ only, env only): see docs/cron.md
    Row{"", "CRON_ENABLE", "", Check::kAny, false},
    Row{"", "CRON_DISABLE", "", Check::kAny, false},
    Row{"", "CRON_TIME_ZONE", "Asia/Shanghai", Check::kNonEmpty, false},
    Row{"", "CRON_SINGLE_RUNNER", "false", Check::kBool, false},
};

constexpr std::size_t index_of(std::string_view key) {
  for (std::size_t i = 0; i < kRows.size(); ++i) {
    if ((kRows[i].yaml_path.empty() ? kRows[i].env : kRows[i].yaml_path) == key) return i;
  }
  throw "unknown config key";  // compile-time only
}

std::string describe(const Row& row, Source src, const std::string& file) {
  const std::string key(row.yaml_path.empty() ? row.env : row.yaml_path);
  switch (src) {
    case Source::kEnv: return key + " (env " + std::string(row.env) + ")";
    case Source::kFile: return key + " (file " + file + ")";
    default: return key + " (default)";
  }
}

Result<std::uint16_t> parse_port(std::string_view s) {
  unsigned value = 0;
  const auto* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, value);
  if (s.empty() || ec != std::errc() || ptr != end || value < 1 || value > 65535) {
    return invalid_input("must be an integer between 1 and 65535");
  }
  return static_cast<std::uint16_t>(value);
}

// Returns an empty string when the value is acceptable, else the problem.
std::string check_value(Check check, const std::string& v) {
  switch (check) {
    case Check::kAny: return {};
    case Check::kNonEmpty: return v.empty() ? "must not be empty" : "";
    case Check::kPort: {
      auto p = parse_port(v);
      return p ? "" : p.error().message;
    }
    case Check::kRedisUri: {
      auto r = parse_redis_uri(v);
      return r ? "" : r.error().message;
    }
    case Check::kCookieSecret:
      if (!v.empty() && v.size() < 32) {
        return "must be at least 32 characters (got " + std::to_string(v.size()) + ")";
      }
      return {};
    case Check::kThreads: {
      unsigned n = 0;
      const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      return (ec == std::errc() && ptr == v.data() + v.size() && n >= 1 && n <= 64) ? ""
                                                                                   : "must be an integer between 1 and 64";
    }
    case Check::kBool:
      return (v == "true" || v == "false" || v == "1" || v == "0") ? "" : "must be true, false, 1 or 0";
    case Check::kPhpSecret:
      for (char c : v) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) return {};
      }
      return "must contain at least one character in [0-9a-zA-Z]";
  }
  return {};
}

Result<std::optional<std::string>> yaml_lookup(const YAML::Node& root, std::string_view path) {
  YAML::Node node;
  node.reset(root);
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto dot = path.find('.', start);
    const auto part = std::string(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (!node.IsMap()) return std::optional<std::string>{};
    // reset() rebinds; operator= would write into the shared tree.
    node.reset(node[part]);
    if (!node.IsDefined() || node.IsNull()) return std::optional<std::string>{};
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (!node.IsScalar()) return invalid_input("must be a scalar value");
  return std::optional<std::string>{node.Scalar()};
}

// YAML::Node converts from anything, so errors must be placed explicitly.
Result<YAML::Node> file_error(const std::string& path, const std::string& problem) {
  return {boost::system::in_place_error, invalid_input("config file " + path + ": " + problem)};
}

Result<YAML::Node> read_file(const std::string& path, bool& loaded) {
  loaded = false;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return YAML::Node{};
  if (std::filesystem::is_directory(path, ec)) return file_error(path, "cannot be read (it is a directory)");
  std::ifstream in(path);
  if (!in) return file_error(path, "cannot be read");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return file_error(path, "cannot be read");
  try {
    YAML::Node root = YAML::Load(text);
    if (root.IsDefined() && !root.IsNull() && !root.IsMap()) {
      return file_error(path, "the top level must be a mapping");
    }
    loaded = true;
    return root;
  } catch (const YAML::Exception& e) {
    return file_error(path, std::string("failed to parse yaml: ") + e.what());
  }
}

}  // namespace

std::string_view to_string(Source s) noexcept {
  switch (s) {
    case Source::kDefault: return "default";
    case Source::kFile: return "file";
    case Source::kEnv: return "env";
    case Source::kGenerated: return "generated";
  }
  return "default";
}

void generate_cookie_secret(Config& cfg) {
  if (!cfg.cookie_secret.empty()) return;
  unsigned char buf[32];
  std::size_t got = 0;
  while (got < sizeof buf) {
    const auto n = getrandom(buf + got, sizeof buf - got, 0);
    if (n <= 0) throw FatalError(internal_error("CSPRNG failure while generating cookie secret"));
    got += static_cast<std::size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (auto b : buf) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  cfg.cookie_secret = out;
  for (auto& s : cfg.settings) {
    if (s.key == "cookie_secret_token") {
      s.value = out;
      s.source = Source::kGenerated;
    }
  }
}

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe): read at startup
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

Result<RedisUri> parse_redis_uri(std::string_view uri) {
  auto parsed = boost::urls::parse_uri(uri);
  if (!parsed) return invalid_input("is not a valid URI");
  const auto& u = *parsed;
  if (u.scheme() != "redis") return invalid_input("must use the redis:// scheme");
  if (!u.has_authority() || u.host().empty()) return invalid_input("has no host");
  if (u.has_query() || u.has_fragment()) return invalid_input("must not have a query or fragment");
  RedisUri out;
  out.host = u.host_address();
  if (u.has_port()) {
    auto port = parse_port(u.port());
    if (!port) return invalid_input("has an invalid port: " + port.error().message);
    out.port = *port;
  }
  if (u.has_userinfo()) {
    out.user = u.user();
    out.password = u.password();
  }
  std::string path = u.path();
  if (!path.empty() && path != "/") {
    const std::string_view db = std::string_view(path).substr(1);
    int value = 0;
    const auto [ptr, ec] = std::from_chars(db.data(), db.data() + db.size(), value);
    if (ec != std::errc() || ptr != db.data() + db.size() || value < 0) {
      return invalid_input("has an invalid database number \"" + std::string(db) + "\"");
    }
    out.db = value;
  }
  return out;
}

Result<Config> load(const EnvLookup& env) {
  Config cfg;
  auto env_value = [&](std::string_view name) -> std::optional<std::string> {
    if (name.empty()) return std::nullopt;
    auto v = env(std::string(name));
    if (!v || trim_ascii(*v).empty()) return std::nullopt;
    return v;
  };

  cfg.file_path = "./config.yaml";
  if (auto p = env_value("CHII_CONFIG_FILE")) cfg.file_path = std::string(trim_ascii(*p));
  BGM_TRY(root, read_file(cfg.file_path, cfg.file_loaded));

  for (const auto& row : kRows) {
    Setting s;
    s.key = std::string(row.yaml_path.empty() ? row.env : row.yaml_path);
    s.env = std::string(row.env);
    s.secret = row.secret;
    s.value = std::string(row.fallback);
    if (!row.yaml_path.empty()) {
      auto v = yaml_lookup(root, row.yaml_path);
      if (!v) {
        return invalid_input("config: " + describe(row, Source::kFile, cfg.file_path) + ": " +
                             v.error().message);
      }
      if (*v) {
        s.value = **v;
        s.source = Source::kFile;
      }
    }
    if (auto v = env_value(row.env)) {
      s.value = *v;
      s.source = Source::kEnv;
    }
    if (auto problem = check_value(row.check, s.value); !problem.empty()) {
      std::string shown = row.secret ? "" : " = " + json_string(s.value);
      return invalid_input("config: " + describe(row, s.source, cfg.file_path) + shown + ": " + problem);
    }
    cfg.settings.push_back(std::move(s));
  }

  auto value = [&](std::string_view key) -> const std::string& {
    return cfg.settings[index_of(key)].value;
  };
  cfg.server_host = value("server.host");
  cfg.server_port = *parse_port(value("server.port"));
  cfg.request_id_header = value("server.requestIDHeader");
  cfg.http_io_threads = static_cast<unsigned>(std::stoul(value("HTTP_IO_THREADS")));
  for (auto& c : cfg.request_id_header) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  cfg.mysql = {value("mysql.host"), *parse_port(value("mysql.port")), value("mysql.user"),
               value("mysql.password"), value("mysql.db")};
  cfg.redis_uri = value("redisUri");
  cfg.redis = *parse_redis_uri(cfg.redis_uri);
  cfg.kafka_brokers = value("kafkaBrokers");
  cfg.kafka_js_group_id = value("kafkaJsMqGroupId");
  cfg.kafka_mq_group_id = value("KAFKA_RUST_MQ_GROUP_ID");
  if (cfg.kafka_mq_group_id == cfg.kafka_js_group_id) {
    return invalid_input("config: KAFKA_RUST_MQ_GROUP_ID (" +
                         std::string(to_string(cfg.settings[index_of("KAFKA_RUST_MQ_GROUP_ID")].source)) +
                         ") must differ from kafkaJsMqGroupId \"" + cfg.kafka_js_group_id +
                         "\": two workers in one consumer group would split the partitions");
  }
  // Unset stays empty here; the server generates a per-process secret at start
  // (generate_cookie_secret), so other commands never initialise a CSPRNG.
  cfg.cookie_secret = value("cookie_secret_token");
  cfg.php_session_secret = value("php_session_secret_key");
  cfg.image_gateway_domain = value("image.gatewayDomain");
  cfg.cron_enable = value("CRON_ENABLE");
  cfg.cron_disable = value("CRON_DISABLE");
  cfg.cron_time_zone = value("CRON_TIME_ZONE");
  cfg.cron_single_runner = value("CRON_SINGLE_RUNNER") == "true" || value("CRON_SINGLE_RUNNER") == "1";
  return cfg;
}

namespace {

std::string masked(const Setting& s) {
  if (!s.secret) return s.value;
  if (s.key == "redisUri") {
    // Show where Redis is, hide only the credentials.
    auto u = boost::urls::parse_uri(s.value);
    if (u && u->has_password()) {
      boost::urls::url copy(*u);
      copy.set_password("***");
      return std::string(copy.buffer());
    }
    return s.value;
  }
  return s.value.empty() ? "" : "***";
}

}  // namespace

std::string show_yaml(const Config& cfg) {
  std::string out = "# config file: " + cfg.file_path + (cfg.file_loaded ? "" : " (not found)") + "\n";
  for (const auto& s : cfg.settings) {
    out += s.key + ": " + json_string(masked(s)) + "  # " + std::string(to_string(s.source));
    if (s.source == Source::kEnv) out += " " + s.env;
    out += "\n";
  }
  return out;
}

std::string show_json(const Config& cfg) {
  std::string out = "{\"file\":" + json_string(cfg.file_path) +
                    ",\"fileLoaded\":" + (cfg.file_loaded ? "true" : "false") + ",\"settings\":{";
  bool first = true;
  for (const auto& s : cfg.settings) {
    if (!first) out += ",";
    first = false;
    out += json_string(s.key) + ":{\"value\":" + json_string(masked(s)) +
           ",\"source\":" + json_string(to_string(s.source));
    if (!s.env.empty()) out += ",\"env\":" + json_string(s.env);
    out += "}";
  }
  out += "}}\n";
  return out;
}

}  // namespace bgm::config
