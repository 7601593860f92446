// `server run` and `server export-openapi-json` (spec cli-and-config.md §1, oauth.md §9).

#include <algorithm>
#include <fstream>
#include <thread>
#include <iostream>

#include "bgm/api/oauth.hpp"
#include "bgm/api/server.hpp"
#include "cli.hpp"

namespace bgm::app {
namespace {

// Worker threads run handlers that block on MariaDB/Redis: one per pooled connection.
constexpr std::size_t kWorkers = 8;

int run_server() {
  auto cfg = load_config_or_exit();
  config::generate_cookie_secret(cfg);
  const log::LogContext ctx{{"component", "http"}};
  for (const auto& s : cfg.settings) {
    if (s.key == "cookie_secret_token" && s.source == config::Source::kGenerated) {
      log::warn(ctx, "cookie_secret_token is not set: using a random secret for this process only; "
                     "csrf-secret cookies issued by other servers will not verify");
    }
  }
  api::CookieSigner signer(api::hex_key(cfg.cookie_secret));
  if (signer.key_size() < 16) {
    log::warn(ctx, "cookie_secret_token decodes to fewer than 16 key bytes (it is read as hex, like TS)",
              {{"key_bytes", signer.key_size()}});
  }
  auto mysql_opts = db::mysql::options_from(cfg);
  mysql_opts.pool_size = kWorkers;
  auto redis_opts = db::redis::options_from(cfg);
  redis_opts.pool_size = kWorkers;
  db::mysql::Pool mysql(mysql_opts);
  db::redis::Client redis(redis_opts);
  SystemClock clock;
  api::OAuthDeps deps{mysql, redis, clock, std::move(signer), cfg.php_session_secret, cfg.image_gateway_domain};
  api::Router router;
  api::add_oauth_routes(router, &deps);

  api::ServerOptions opts;
  opts.host = cfg.server_host;
  opts.port = cfg.server_port;
  opts.worker_threads = kWorkers;
  // One event-loop thread answers ~100k cheap requests/s here; blocking work is on the
  // worker pool. More only help where cores are not shared with other processes.
  opts.io_threads = cfg.http_io_threads;
  opts.request_id_header = cfg.request_id_header;
  api::Server server(opts, router);
  std::uint16_t port = 0;
  try {
    port = server.listen();
  } catch (const std::exception& e) {
    throw FatalError(unavailable("cannot listen on " + cfg.server_host + ":" + std::to_string(cfg.server_port) + ": " +
                                 e.what()));
  }
  log::start_periodic_flush();
  log::info(ctx, "server listening", {{"host", cfg.server_host}, {"port", port}});
  server.run();
  log::info(ctx, "server stopped");
  return 0;
}

int export_openapi(const std::string& file) {
  api::Router router;
  api::add_oauth_routes(router, nullptr);
  std::ofstream out(file, std::ios::binary);
  out << api::openapi_json(router, true);
  out.close();
  if (!out) throw FatalError(unavailable("cannot write " + file));
  log::info({}, "openapi json exported to " + file);
  return 0;
}

}  // namespace

void add_server_commands(CLI::App& app, Action& action) {
  auto* group = app.add_subcommand("server", "HTTP server: /oauth/*, /openapi.json (spec: oauth.md)");
  group->require_subcommand(1);
  group->add_subcommand("run", "Serve HTTP on HOST:PORT until SIGINT/SIGTERM")->callback([&action] {
    action = [] { return run_server(); };
  });
  auto file = std::make_shared<std::string>("openapi.json");
  auto* exp = group->add_subcommand("export-openapi-json", "Write the OpenAPI document (no config, no connections)");
  exp->add_option("-o,--output", *file, "Output file")->capture_default_str();
  exp->callback([&action, file] { action = [file] { return export_openapi(*file); }; });
}

}  // namespace bgm::app
