#pragma once
// Redis over hiredis (blocking), a bounded pool of connections. Arguments are
// binary-safe (sent with explicit lengths). A connection that fails with an I/O or
// protocol error is dropped and the call is retried once on a fresh connection, so a
// Redis restart or CLIENT KILL costs no failed call once Redis is reachable again.
// Every command this project sends is idempotent, which makes that retry safe.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bgm/common/error.hpp"
#include "bgm/config/config.hpp"

struct redisContext;

namespace bgm::db::redis {

struct Reply {
  enum class Type { kNil, kString, kStatus, kInteger, kArray, kError };
  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  long long integer = 0;
  std::vector<Reply> elements;

  bool is_error() const noexcept { return type == Type::kError; }
  bool is_nil() const noexcept { return type == Type::kNil; }
};

struct Options {
  config::RedisUri uri;
  std::size_t pool_size = 4;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds command_timeout{5000};
  std::chrono::milliseconds acquire_timeout{10000};
};

// Connection settings from the configuration (pool size and timeouts keep their defaults).
Options options_from(const config::Config& cfg);

using Args = std::vector<std::string>;

class Client {
 public:
  explicit Client(Options opts);
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  ~Client();

  // One command. A Redis error reply (e.g. WRONGTYPE) is returned as an Error of kind
  // kInternal with the server's text; connection failures as kUnavailable.
  Result<Reply> command(std::initializer_list<std::string_view> args);
  Result<Reply> command(const Args& args);

  // Sends all commands, then reads all replies, on one connection. Error replies stay
  // in the returned vector at their position; only connection failures are errors.
  Result<std::vector<Reply>> pipeline(const std::vector<Args>& commands);

  // SCAN from cursor 0 until the cursor is 0 again, calling `on_page` with each page's
  // keys (possibly empty). Stops at the first error from Redis or from `on_page`.
  Result<void> scan(std::string_view match, std::optional<std::string_view> type,
                    std::optional<std::size_t> count,
                    const std::function<Result<void>(const std::vector<std::string>&)>& on_page);

 private:
  struct ContextCloser {
    void operator()(redisContext* c) const noexcept;
  };
  using ContextPtr = std::unique_ptr<redisContext, ContextCloser>;

  Result<ContextPtr> connect();
  Result<ContextPtr> acquire();
  void release(ContextPtr ctx);
  // Runs `fn` on a pooled connection, retrying once on a fresh one after a link error.
  template <class F>
  auto with_connection(F&& fn) -> decltype(fn(std::declval<redisContext*>()));

  Options opts_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<ContextPtr> idle_;
  std::size_t in_use_ = 0;
};

}  // namespace bgm::db::redis
