#include "bgm/db/redis/client.hpp"

#include <hiredis/hiredis.h>

namespace bgm::db::redis {
namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<decltype(tv.tv_sec)>(ms.count() / 1000);
  tv.tv_usec = static_cast<decltype(tv.tv_usec)>((ms.count() % 1000) * 1000);
  return tv;
}

Reply convert(const redisReply* r) {
  Reply out;
  switch (r->type) {
    case REDIS_REPLY_STRING:
      out.type = Reply::Type::kString;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::kStatus;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = Reply::Type::kError;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::kInteger;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::kArray;
      out.elements.reserve(r->elements);
      for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(convert(r->element[i]));
      break;
    default:
      out.type = Reply::Type::kNil;
  }
  return out;
}

struct ReplyFree {
  void operator()(redisReply* r) const noexcept { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyFree>;

Error link_error(redisContext* c, std::string_view what) {
  return unavailable("redis: " + std::string(what) + ": " + (c->errstr[0] != '\0' ? c->errstr : "connection lost"));
}

// argv/argvlen views over the arguments, for binary-safe sends.
struct ArgView {
  mutable std::vector<const char*> argv;  // hiredis 0.14 takes const char** 
  std::vector<std::size_t> lens;
  template <class Range>
  explicit ArgView(const Range& args) {
    for (const auto& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
  }
};

Result<Reply> run_one(redisContext* c, const ArgView& v) {
  ReplyPtr reply(static_cast<redisReply*>(
      redisCommandArgv(c, static_cast<int>(v.argv.size()), v.argv.data(), v.lens.data())));
  if (!reply) return link_error(c, "command failed");
  return convert(reply.get());
}

}  // namespace

Options options_from(const config::Config& cfg) {
  Options o;
  o.uri = cfg.redis;
  return o;
}

void Client::ContextCloser::operator()(redisContext* c) const noexcept { redisFree(c); }

Client::Client(Options opts) : opts_(std::move(opts)) {
  if (opts_.pool_size == 0) opts_.pool_size = 1;
}
Client::~Client() = default;

Result<Client::ContextPtr> Client::connect() {
  const auto where = opts_.uri.host + ":" + std::to_string(opts_.uri.port);
  ContextPtr ctx(redisConnectWithTimeout(opts_.uri.host.c_str(), opts_.uri.port, to_timeval(opts_.connect_timeout)));
  if (!ctx) return unavailable("redis: cannot allocate a context");
  if (ctx->err != 0) return unavailable("redis: connect to " + where + ": " + ctx->errstr);
  if (redisSetTimeout(ctx.get(), to_timeval(opts_.command_timeout)) != REDIS_OK) {
    return unavailable("redis: cannot set timeout on " + where);
  }
  auto check = [&](std::vector<std::string> args, std::string_view what) -> Result<void> {
    auto r = run_one(ctx.get(), ArgView(args));
    if (!r) return r.error();
    if (r->is_error()) return unavailable("redis: " + std::string(what) + " on " + where + ": " + r->str);
    return {};
  };
  if (!opts_.uri.password.empty() || !opts_.uri.user.empty()) {
    std::vector<std::string> auth{"AUTH"};
    if (!opts_.uri.user.empty()) auth.push_back(opts_.uri.user);
    auth.push_back(opts_.uri.password);
    if (auto r = check(std::move(auth), "AUTH"); !r) return r.error();
  }
  if (opts_.uri.db != 0) {
    if (auto r = check({"SELECT", std::to_string(opts_.uri.db)}, "SELECT"); !r) return r.error();
  }
  return ctx;
}

Result<Client::ContextPtr> Client::acquire() {
  {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, opts_.acquire_timeout, [&] { return !idle_.empty() || in_use_ < opts_.pool_size; })) {
      return unavailable("redis: no free connection within " + std::to_string(opts_.acquire_timeout.count()) + " ms");
    }
    ++in_use_;
    if (!idle_.empty()) {
      auto ctx = std::move(idle_.back());
      idle_.pop_back();
      return ctx;
    }
  }
  auto ctx = connect();
  if (!ctx) {
    std::lock_guard lock(mu_);
    --in_use_;
    cv_.notify_one();
  }
  return ctx;
}

void Client::release(ContextPtr ctx) {
  std::lock_guard lock(mu_);
  --in_use_;
  if (ctx && ctx->err == 0) idle_.push_back(std::move(ctx));
  cv_.notify_one();
}

template <class F>
auto Client::with_connection(F&& fn) -> decltype(fn(std::declval<redisContext*>())) {
  for (int attempt = 0;; ++attempt) {
    auto ctx = acquire();
    if (!ctx) return ctx.error();
    auto result = fn(ctx->get());
    const bool lost = (*ctx)->err != 0;
    release(std::move(*ctx));
    if (!lost || attempt > 0) return result;
  }
}

Result<Reply> Client::command(std::initializer_list<std::string_view> args) {
  const ArgView view(args);
  auto r = with_connection([&](redisContext* c) { return run_one(c, view); });
  if (r && r->is_error()) return internal_error("redis: " + r->str);
  return r;
}

Result<Reply> Client::command(const Args& args) {
  const ArgView view(args);
  auto r = with_connection([&](redisContext* c) { return run_one(c, view); });
  if (r && r->is_error()) return internal_error("redis: " + r->str);
  return r;
}

Result<std::vector<Reply>> Client::pipeline(const std::vector<Args>& commands) {
  return with_connection([&](redisContext* c) -> Result<std::vector<Reply>> {
    for (const auto& cmd : commands) {
      const ArgView view(cmd);
      if (redisAppendCommandArgv(c, static_cast<int>(view.argv.size()), view.argv.data(), view.lens.data()) !=
          REDIS_OK) {
        return link_error(c, "pipeline append failed");
      }
    }
    std::vector<Reply> replies;
    replies.reserve(commands.size());
    for (std::size_t i = 0; i < commands.size(); ++i) {
      void* raw = nullptr;
      if (redisGetReply(c, &raw) != REDIS_OK || raw == nullptr) return link_error(c, "pipeline read failed");
      ReplyPtr reply(static_cast<redisReply*>(raw));
      replies.push_back(convert(reply.get()));
    }
    return replies;
  });
}

Result<void> Client::scan(std::string_view match, std::optional<std::string_view> type,
                          std::optional<std::size_t> count,
                          const std::function<Result<void>(const std::vector<std::string>&)>& on_page) {
  std::string cursor = "0";
  std::vector<std::string> keys;
  do {
    Args args{"SCAN", cursor, "MATCH", std::string(match)};
    if (count) {
      args.emplace_back("COUNT");
      args.push_back(std::to_string(*count));
    }
    if (type) {
      args.emplace_back("TYPE");
      args.emplace_back(*type);
    }
    auto r = command(args);
    if (!r) return r.error();
    if (r->type != Reply::Type::kArray || r->elements.size() != 2 ||
        r->elements[0].type != Reply::Type::kString || r->elements[1].type != Reply::Type::kArray) {
      return internal_error("redis: unexpected SCAN reply shape");
    }
    cursor = r->elements[0].str;
    keys.clear();
    for (auto& k : r->elements[1].elements) keys.push_back(std::move(k.str));
    if (auto page = on_page(keys); !page) return page.error();
  } while (cursor != "0");
  return {};
}

}  // namespace bgm::db::redis
