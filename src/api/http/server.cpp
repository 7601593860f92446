#include "bgm/api/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <thread>

#include "bgm/api/codec.hpp"

namespace bgm::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kShutdownGrace = std::chrono::seconds(30);

// "<random per-process prefix>-<counter>": unique without a CSPRNG call per request.
std::string make_request_id() {
  static const std::string prefix = random_token(6);
  static std::atomic<std::uint64_t> counter{0};
  return prefix + "-" + std::to_string(++counter);
}

// Completion handler of spawned coroutines: an escaped exception is logged, never lost.
void log_failure(const std::exception_ptr& e) {
  if (!e) return;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    log::error({{"component", "http"}}, "connection task failed", {{"error", ex.what()}});
  }
}

Request to_request(bhttp::request<bhttp::string_body>&& in, const std::string& request_id_header) {
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  const auto q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string::npos) r.query = r.target.substr(q + 1);
  r.headers.reserve(static_cast<std::size_t>(std::distance(in.begin(), in.end())));
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    r.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  r.body = std::move(in.body());
  const auto* id = r.header(request_id_header);
  const bool usable = id != nullptr && !id->empty() && id->size() <= 128 &&
                      std::all_of(id->begin(), id->end(), [](unsigned char c) {
                        return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == ':';
                      });
  r.request_id = usable ? *id : make_request_id();
  return r;
}

// Runs a handler on the worker pool; the session awaits it without blocking the loop.
awaitable<Response> run_handler(const Router* router, Request req, log::LogContext ctx) {
  co_return router->dispatch(req, ctx);
}

}  // namespace

struct Server::Impl {
  ServerOptions opts;
  const Router& router;
  asio::io_context io;
  asio::thread_pool workers;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io};
  std::atomic<std::size_t> in_flight{0};  // requests being handled or written
  std::atomic<bool> stopping{false};

  Impl(ServerOptions o, const Router& r)
      : opts(std::move(o)), router(r), workers(std::max<std::size_t>(1, opts.worker_threads)) {}

  // One buffer, one write: responses are small and complete, so Beast's generic
  // serializer (a third of the validation path's instructions) is not needed.
  // Header values are ours (fixed texts, URLs serialised by Boost.URL, checked ids).
  awaitable<void> write(beast::tcp_stream& stream, const std::string* request_id, Response res, bool keep_alive,
                        bool head) {
    std::string wire;
    wire.reserve(192 + res.body.size());
    wire += "HTTP/1.1 ";
    wire += std::to_string(res.status);
    wire += ' ';
    wire += reason_phrase(res.status);
    wire += "\r\n";
    if (!res.content_type.empty()) {
      wire += "Content-Type: ";
      wire += res.content_type;
      wire += "\r\n";
    }
    for (const auto& [k, v] : res.headers) {
      wire += k;
      wire += ": ";
      wire += v;
      wire += "\r\n";
    }
    if (request_id != nullptr) {
      wire += "x-request-id: ";
      wire += *request_id;
      wire += "\r\n";
    }
    if (!keep_alive) wire += "Connection: close\r\n";
    wire += "Content-Length: ";
    wire += std::to_string(res.body.size());
    wire += "\r\n\r\n";
    if (!head) wire += res.body;
    auto [ec, n] = co_await asio::async_write(stream, asio::buffer(wire), asio::as_tuple(use_awaitable));
    (void)n;
    if (ec) stream.socket().close();
  }

  awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(opts.body_limit);
      parser.header_limit(16 * 1024);
      stream.expires_after(buffer.size() > 0 ? opts.header_timeout : opts.idle_timeout);
      auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, asio::as_tuple(use_awaitable));
      (void)n;
      if (!ec) {
        stream.expires_after(opts.header_timeout);
        std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(use_awaitable));
      }
      if (ec == bhttp::error::body_limit) {
        co_await write(stream, nullptr, error_response(413, "FST_ERR_CTP_BODY_TOO_LARGE", "Request body is too large"),
                       false, false);
        break;
      }
      if (ec == bhttp::error::header_limit) {
        co_await write(stream, nullptr, error_response(431, "FST_ERR_HEADER_TOO_LARGE", "Request header is too large"),
                       false, false);
        break;
      }
      if (ec) {
        // EOF, timeout, reset: nothing to answer. A malformed request gets a 400.
        if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout && ec != asio::error::eof &&
            ec != asio::error::connection_reset && ec != asio::error::operation_aborted) {
          co_await write(stream, nullptr, error_response(400, "FST_ERR_BAD_REQUEST", "Bad Request"), false, false);
        }
        break;
      }
      const auto started = std::chrono::steady_clock::now();
      ++in_flight;
      auto message = parser.release();
      const bool keep_alive = message.keep_alive() && !stopping;
      Request req = to_request(std::move(message), opts.request_id_header);
      const bool head = req.method == "HEAD";
      const log::LogContext ctx{{"route", router.route_name(req)}, {"request_id", req.request_id}};
      const std::string method = req.method;
      const std::string path = req.path;  // never the query: it can carry codes and secrets
      const std::string request_id = req.request_id;
      // Cheap answers (validation errors, 404) are made here; only blocking work hops to the pool.
      // (No co_await inside ?: — GCC 12 destroys the temporaries of such an expression early.)
      Response res;
      if (auto early = router.precheck(req)) {
        res = std::move(*early);
      } else {
        res = co_await asio::co_spawn(workers, run_handler(&router, std::move(req), ctx), use_awaitable);
      }
      const auto status = res.status;
      co_await write(stream, &request_id, std::move(res), keep_alive, head);
      --in_flight;
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
      log::info(ctx, "request completed",
                {{"method", method}, {"path", path}, {"status", status}, {"duration_us", us.count()}});
      if (!keep_alive || !stream.socket().is_open()) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
  }

  awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(use_awaitable));
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
        log::warn({{"component", "http"}}, "accept failed", {{"error", ec.message()}});
        continue;
      }
      socket.set_option(tcp::no_delay(true));
      asio::co_spawn(io, session(std::move(socket)), log_failure);
    }
  }

  void begin_stop() {
    if (stopping.exchange(true)) return;
    log::info({{"component", "http"}}, "stopping: no new connections; finishing in-flight requests");
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    asio::co_spawn(io, drain(), log_failure);
  }

  // Waits for in-flight requests (bounded), then stops the loop; idle keep-alive
  // connections are closed with it.
  awaitable<void> drain() {
    asio::steady_timer timer(io);
    const auto deadline = std::chrono::steady_clock::now() + kShutdownGrace;
    while (in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(std::chrono::milliseconds(50));
      co_await timer.async_wait(use_awaitable);
    }
    io.stop();
  }
};

Server::Server(ServerOptions opts, const Router& router) : impl_(std::make_unique<Impl>(std::move(opts), router)) {}

Server::~Server() {
  impl_->workers.join();
}

std::uint16_t Server::listen() {
  auto& a = impl_->acceptor;
  const tcp::endpoint ep{asio::ip::make_address(impl_->opts.host), impl_->opts.port};
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(asio::socket_base::max_listen_connections);
  return a.local_endpoint().port();
}

void Server::run() {
  auto& im = *impl_;
  if (im.opts.handle_signals) {
    im.signals.add(SIGINT);
    im.signals.add(SIGTERM);
    im.signals.async_wait([&im](const beast::error_code& ec, int) {
      if (!ec) im.begin_stop();
    });
  }
  asio::co_spawn(im.io, im.accept_loop(), log_failure);
  std::vector<std::thread> extra;
  for (std::size_t i = 1; i < im.opts.io_threads; ++i) extra.emplace_back([&im] { im.io.run(); });
  im.io.run();
  for (auto& t : extra) t.join();
}

void Server::stop() {
  asio::post(impl_->io, [this] { impl_->begin_stop(); });
}

}  // namespace bgm::api
