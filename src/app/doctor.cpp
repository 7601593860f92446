// `doctor`: one line per dependency, non-zero exit when a required one fails.

#include <dlfcn.h>
#include <librdkafka/rdkafka.h>

#include <iomanip>
#include <iostream>
#include <optional>
#include <type_traits>

#include "cli.hpp"

namespace bgm::app {
namespace {

struct Check {
  std::string name;
  bool required;
  bool ok;
  std::string detail;
};

Check check_mysql(const config::Config& cfg) {
  auto opts = db::mysql::options_from(cfg);
  opts.pool_size = 1;
  opts.connect_timeout = std::chrono::seconds(3);
  opts.read_timeout = std::chrono::seconds(3);
  db::mysql::Pool pool(opts);
  const auto where = cfg.mysql.host + ":" + std::to_string(cfg.mysql.port) + "/" + cfg.mysql.db;
  auto r = pool.execute("SELECT VERSION()");
  if (!r) return {"mariadb", true, false, where + ": " + r.error().message};
  return {"mariadb", true, true, where + " (server " + r->rows.at(0).text(0) + ")"};
}

Check check_redis(const config::Config& cfg) {
  auto opts = db::redis::options_from(cfg);
  opts.pool_size = 1;
  opts.connect_timeout = std::chrono::milliseconds(3000);
  opts.command_timeout = std::chrono::milliseconds(3000);
  db::redis::Client client(opts);
  const auto where = cfg.redis.host + ":" + std::to_string(cfg.redis.port) + "/" + std::to_string(cfg.redis.db);
  auto r = client.command({"PING"});
  if (!r) return {"redis", true, false, where + ": " + r.error().message};
  return {"redis", true, true, where + " (" + r->str + ")"};
}

// librdkafka (and its SASL/LZ4/Zstd dependencies) is loaded only here, when Kafka is
// configured: every other command (cron one-shots, the server) starts without it,
// which keeps their resident memory about 1 MB lower.
struct Kafka {
  decltype(&rd_kafka_conf_new) conf_new;
  decltype(&rd_kafka_conf_set) conf_set;
  decltype(&rd_kafka_new) create;
  decltype(&rd_kafka_destroy) destroy;
  decltype(&rd_kafka_metadata) metadata;
  decltype(&rd_kafka_metadata_destroy) metadata_destroy;
  decltype(&rd_kafka_err2str) err2str;
};

std::optional<Kafka> load_kafka(std::string& error) {
  void* lib = dlopen("librdkafka.so.1", RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    error = std::string("cannot load librdkafka.so.1: ") + dlerror();
    return std::nullopt;
  }
  Kafka k{};
  bool ok = true;
  auto sym = [&](auto& fn, const char* name) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(lib, name));
    ok = ok && fn != nullptr;
  };
  sym(k.conf_new, "rd_kafka_conf_new");
  sym(k.conf_set, "rd_kafka_conf_set");
  sym(k.create, "rd_kafka_new");
  sym(k.destroy, "rd_kafka_destroy");
  sym(k.metadata, "rd_kafka_metadata");
  sym(k.metadata_destroy, "rd_kafka_metadata_destroy");
  sym(k.err2str, "rd_kafka_err2str");
  if (!ok) {
    error = "librdkafka.so.1 lacks an expected symbol";
    return std::nullopt;
  }
  return k;  // the library stays loaded for the rest of the process
}

// Kafka is checked only when kafkaBrokers was configured explicitly (file or env);
// the built-in default is not a claim that a broker exists.
Check check_kafka(const config::Config& cfg) {
  const auto& brokers = cfg.kafka_brokers;
  bool configured = false;
  for (const auto& s : cfg.settings) {
    if (s.key == "kafkaBrokers") configured = s.source != config::Source::kDefault;
  }
  if (!configured) return {"kafka", false, true, "skipped (kafkaBrokers not configured)"};
  if (brokers.empty()) return {"kafka", true, false, "KAFKA_BROKERS is not set"};
  std::string load_error;
  const auto kafka = load_kafka(load_error);
  if (!kafka) return {"kafka", true, false, load_error};
  char err[512];
  rd_kafka_conf_t* conf = kafka->conf_new();
  kafka->conf_set(conf, "bootstrap.servers", brokers.c_str(), err, sizeof err);
  kafka->conf_set(conf, "log_level", "0", err, sizeof err);
  std::unique_ptr<rd_kafka_t, decltype(kafka->destroy)> rk(kafka->create(RD_KAFKA_PRODUCER, conf, err, sizeof err),
                                                          kafka->destroy);
  if (!rk) return {"kafka", true, false, brokers + ": " + err};
  const rd_kafka_metadata_t* md = nullptr;
  const auto rc = kafka->metadata(rk.get(), 0, nullptr, &md, 5000);
  if (rc != RD_KAFKA_RESP_ERR_NO_ERROR) return {"kafka", true, false, brokers + ": " + kafka->err2str(rc)};
  const int n = md->broker_cnt;
  kafka->metadata_destroy(md);
  return {"kafka", true, true, brokers + " (" + std::to_string(n) + " brokers)"};
}

}  // namespace

void add_doctor_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("doctor", "Check that MariaDB, Redis (and Kafka when configured) are reachable");
  cmd->callback([&action] {
    action = [] {
      const auto cfg = load_config_or_exit();
      const std::vector<Check> checks{check_mysql(cfg), check_redis(cfg), check_kafka(cfg)};
      bool failed = false;
      for (const auto& c : checks) {
        std::cout << std::left << std::setw(8) << c.name << " " << std::setw(5) << (c.ok ? "ok" : "error") << " "
                  << c.detail << "\n";
        failed = failed || (c.required && !c.ok);
      }
      return failed ? 1 : 0;
    };
  });
}

}  // namespace bgm::app
