#pragma once
// HTTP/1.1 server on Boost.Beast + Asio C++20 coroutines: keep-alive, 1 MiB body limit
// (413), header and idle timeouts, one access-log line per request, handlers on a
// bounded worker pool, graceful stop (stop accepting, finish in-flight, return).

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "bgm/api/http.hpp"

namespace bgm::api {

struct ServerOptions {
  std::string host = "0.0.0.0";
  std::uint16_t port = 4000;  // 0: any free port (tests)
  std::size_t io_threads = 1;
  std::size_t worker_threads = 8;  // blocking handler pool; size it like the DB pool
  std::size_t body_limit = 1024 * 1024;
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds idle_timeout{60};
  std::string request_id_header = "x-request-id";
  bool handle_signals = true;  // SIGINT/SIGTERM stop the server
};

class Server {
 public:
  Server(ServerOptions opts, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port. Throws on bind failure (startup).
  std::uint16_t listen();
  // Serves until stop() or a signal; returns after in-flight requests finished.
  void run();
  // Thread-safe.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bgm::api
