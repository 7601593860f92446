#include "bgm/db/mysql/client.hpp"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace bgm::db::mysql {
namespace {

bool is_link_error(unsigned err) {
  switch (err) {
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_SERVER_LOST_EXTENDED:
    case ER_CONNECTION_KILLED:
    case ER_SERVER_SHUTDOWN:
      return true;
    default:
      return false;
  }
}

// Only reads are retried after an execute-time link failure: a write may have run.
bool is_read_only(std::string_view sql) {
  const auto b = sql.find_first_not_of(" \t\r\n(");
  if (b == std::string_view::npos || sql.size() - b < 6) return false;
  std::string head(sql.substr(b, 6));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return head == "SELECT" && sql.find("FOR UPDATE") == std::string_view::npos;
}

template <class T>
T parse_number(const std::optional<std::string>& cell, std::size_t i) {
  if (!cell) throw FatalError(internal_error("mysql: column " + std::to_string(i) + " is NULL"));
  T value{};
  const auto* end = cell->data() + cell->size();
  const auto [ptr, ec] = std::from_chars(cell->data(), end, value);
  if (ec != std::errc() || ptr != end) {
    throw FatalError(internal_error("mysql: column " + std::to_string(i) + " is not an integer: " + *cell));
  }
  return value;
}

// A short, secret-free name for a statement in error messages.
std::string statement_label(std::string_view sql) {
  auto s = std::string(sql.substr(0, 60));
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s + (sql.size() > 60 ? "..." : "");
}

}  // namespace

Options options_from(const config::Config& cfg) {
  Options o;
  o.host = cfg.mysql.host;
  o.port = cfg.mysql.port;
  o.user = cfg.mysql.user;
  o.password = cfg.mysql.password;
  o.db = cfg.mysql.db;
  return o;
}

const std::string& Row::text(std::size_t i) const {
  const auto& cell = cells_.at(i);
  if (!cell) throw FatalError(internal_error("mysql: column " + std::to_string(i) + " is NULL"));
  return *cell;
}
std::int64_t Row::i64(std::size_t i) const { return parse_number<std::int64_t>(cells_.at(i), i); }
std::uint64_t Row::u64(std::size_t i) const { return parse_number<std::uint64_t>(cells_.at(i), i); }

void Connection::MysqlCloser::operator()(st_mysql* m) const noexcept { mysql_close(m); }
void Connection::StmtCloser::operator()(st_mysql_stmt* s) const noexcept { mysql_stmt_close(s); }

Connection::~Connection() {
  stmts_.clear();  // statements must close before their connection
}

Error Connection::fail(std::string_view what, std::string_view sql, unsigned err, const char* msg) {
  if (is_link_error(err)) {
    broken_ = true;
    return unavailable("mysql errno " + std::to_string(err) + ": " + msg + " (" + std::string(what) +
                       (sql.empty() ? "" : ": " + statement_label(sql)) + ")");
  }
  return internal_error("mysql errno " + std::to_string(err) + ": " + msg + " (" + std::string(what) +
                        (sql.empty() ? "" : ": " + statement_label(sql)) + ")");
}

Result<void> Connection::open(const Options& opts) {
  handle_.reset(mysql_init(nullptr));
  if (!handle_) return internal_error("mysql: out of memory in mysql_init");
  auto* m = handle_.get();
  const auto ct = static_cast<unsigned>(opts.connect_timeout.count());
  const auto rt = static_cast<unsigned>(opts.read_timeout.count());
  const auto wt = static_cast<unsigned>(opts.write_timeout.count());
  mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &ct);
  mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &rt);
  mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &wt);
  mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  mysql_optionsv(m, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
  const my_bool no = 0;
  mysql_optionsv(m, MYSQL_OPT_RECONNECT, &no);  // we reconnect ourselves: session state matters
  const char* host = opts.host.empty() ? nullptr : opts.host.c_str();
  if (mysql_real_connect(m, host, opts.user.c_str(), opts.password.c_str(), opts.db.c_str(), opts.port,
                         nullptr, 0) == nullptr) {
    const auto err = mysql_errno(m);
    return unavailable("mysql errno " + std::to_string(err) + ": " + mysql_error(m) + " (connect to " +
                       opts.host + ":" + std::to_string(opts.port) + ")");
  }
  return {};
}

Result<void> Connection::simple(std::string_view sql) {
  auto* m = handle_.get();
  if (mysql_real_query(m, sql.data(), sql.size()) != 0) return fail("query", sql, mysql_errno(m), mysql_error(m));
  if (MYSQL_RES* res = mysql_store_result(m)) mysql_free_result(res);
  return {};
}

Result<st_mysql_stmt*> Connection::prepared(std::string_view sql, bool* retry_safe) {
  for (auto& [text, stmt] : stmts_) {
    if (text == sql) return stmt.get();
  }
  StmtPtr stmt(mysql_stmt_init(handle_.get()));
  if (!stmt) return internal_error("mysql: out of memory in mysql_stmt_init");
  if (mysql_stmt_prepare(stmt.get(), sql.data(), sql.size()) != 0) {
    if (retry_safe != nullptr) *retry_safe = true;  // nothing was executed
    return fail("prepare", sql, mysql_stmt_errno(stmt.get()), mysql_stmt_error(stmt.get()));
  }
  const my_bool update_max = 1;
  mysql_stmt_attr_set(stmt.get(), STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
  auto* raw = stmt.get();
  stmts_.emplace_back(std::string(sql), std::move(stmt));
  return raw;
}

Result<QueryResult> Connection::execute(std::string_view sql, std::span<const Param> params, bool* retry_safe) {
  if (retry_safe != nullptr) *retry_safe = false;
  auto prepared_stmt = prepared(sql, retry_safe);
  if (!prepared_stmt) return prepared_stmt.error();
  MYSQL_STMT* stmt = *prepared_stmt;

  if (mysql_stmt_param_count(stmt) != params.size()) {
    return internal_error("mysql: statement expects " + std::to_string(mysql_stmt_param_count(stmt)) +
                          " parameters, got " + std::to_string(params.size()) + " (" + statement_label(sql) + ")");
  }
  std::vector<MYSQL_BIND> binds(params.size());
  std::vector<unsigned long> lengths(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    auto& b = binds[i];
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            b.buffer_type = MYSQL_TYPE_NULL;
          } else if constexpr (std::is_same_v<T, std::string>) {
            b.buffer_type = MYSQL_TYPE_STRING;
            b.buffer = const_cast<char*>(v.data());  // NOLINT: the API takes void*, reads only
            lengths[i] = static_cast<unsigned long>(v.size());
            b.buffer_length = lengths[i];
            b.length = &lengths[i];
          } else if constexpr (std::is_same_v<T, double>) {
            b.buffer_type = MYSQL_TYPE_DOUBLE;
            b.buffer = const_cast<double*>(&v);  // NOLINT
          } else {
            b.buffer_type = MYSQL_TYPE_LONGLONG;
            b.buffer = const_cast<T*>(&v);  // NOLINT
            b.is_unsigned = std::is_same_v<T, std::uint64_t>;
          }
        },
        params[i]);
  }
  if (!binds.empty() && mysql_stmt_bind_param(stmt, binds.data()) != 0) {
    return fail("bind", sql, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
  }
  if (mysql_stmt_execute(stmt) != 0) {
    const auto err = mysql_stmt_errno(stmt);
    if (retry_safe != nullptr) *retry_safe = is_link_error(err) && (err == CR_SERVER_GONE_ERROR || is_read_only(sql));
    return fail("execute", sql, err, mysql_stmt_error(stmt));
  }

  QueryResult out;
  MYSQL_RES* meta = mysql_stmt_result_metadata(stmt);
  if (meta == nullptr) {
    out.affected_rows = mysql_stmt_affected_rows(stmt);
    out.insert_id = mysql_stmt_insert_id(stmt);
    return out;
  }
  std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> meta_guard(meta, &mysql_free_result);
  if (mysql_stmt_store_result(stmt) != 0) {
    const auto err = mysql_stmt_errno(stmt);
    if (retry_safe != nullptr) *retry_safe = is_link_error(err) && is_read_only(sql);
    return fail("fetch", sql, err, mysql_stmt_error(stmt));
  }
  const unsigned n = mysql_num_fields(meta);
  MYSQL_FIELD* fields = mysql_fetch_fields(meta);
  out.columns.reserve(n);
  std::vector<MYSQL_BIND> res(n);
  std::vector<std::string> buffers(n);
  std::vector<unsigned long> res_len(n);
  std::vector<my_bool> nulls(n);
  for (unsigned i = 0; i < n; ++i) {
    out.columns.emplace_back(fields[i].name);
    // max_length is filled by store_result; numbers and dates need room for their text.
    buffers[i].resize(std::max<unsigned long>(fields[i].max_length, 64) + 1);
    res[i].buffer_type = MYSQL_TYPE_STRING;
    res[i].buffer = buffers[i].data();
    res[i].buffer_length = static_cast<unsigned long>(buffers[i].size());
    res[i].length = &res_len[i];
    res[i].is_null = &nulls[i];
  }
  if (mysql_stmt_bind_result(stmt, res.data()) != 0) {
    return fail("bind result", sql, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
  }
  out.rows.reserve(mysql_stmt_num_rows(stmt));
  for (;;) {
    const int rc = mysql_stmt_fetch(stmt);
    if (rc == MYSQL_NO_DATA) break;
    if (rc == 1) {
      const auto err = mysql_stmt_errno(stmt);
      mysql_stmt_free_result(stmt);
      return fail("fetch", sql, err, mysql_stmt_error(stmt));
    }
    std::vector<std::optional<std::string>> cells(n);
    for (unsigned i = 0; i < n; ++i) {
      if (nulls[i]) continue;
      if (res_len[i] > buffers[i].size()) {  // MYSQL_DATA_TRUNCATED: fetch this column whole
        std::string big(res_len[i], '\0');
        MYSQL_BIND one{};
        one.buffer_type = MYSQL_TYPE_STRING;
        one.buffer = big.data();
        one.buffer_length = res_len[i];
        mysql_stmt_fetch_column(stmt, &one, i, 0);
        cells[i] = std::move(big);
      } else {
        cells[i].emplace(buffers[i].data(), res_len[i]);
      }
    }
    out.rows.emplace_back(std::move(cells));
  }
  mysql_stmt_free_result(stmt);
  out.affected_rows = mysql_stmt_affected_rows(stmt);
  return out;
}

Lease::Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
Lease::Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(std::move(other.conn_)) {}
Lease::~Lease() {
  if (conn_) pool_->release(std::move(conn_));
}

Transaction::~Transaction() {
  if (!done_) (void)rollback();  // a failed rollback marks the connection broken
}

Result<QueryResult> Transaction::execute(std::string_view sql, std::initializer_list<Param> params) {
  return execute(sql, std::span<const Param>(params.begin(), params.size()));
}
Result<QueryResult> Transaction::execute(std::string_view sql, std::span<const Param> params) {
  return lease_->execute(sql, params);
}
Result<void> Transaction::commit() {
  done_ = true;
  return lease_->simple("COMMIT");
}
Result<void> Transaction::rollback() {
  done_ = true;
  return lease_->simple("ROLLBACK");
}

Pool::Pool(Options opts) : opts_(std::move(opts)) {
  if (opts_.pool_size == 0) opts_.pool_size = 1;
}
Pool::~Pool() = default;

Result<Lease> Pool::acquire() {
  std::unique_ptr<Connection> conn;
  {
    std::unique_lock lock(mu_);
    const bool ok = cv_.wait_for(lock, opts_.acquire_timeout,
                                 [&] { return !idle_.empty() || in_use_ < opts_.pool_size; });
    if (!ok) {
      return unavailable("mysql: no free connection within " + std::to_string(opts_.acquire_timeout.count()) +
                         " ms (pool size " + std::to_string(opts_.pool_size) + ")");
    }
    ++in_use_;
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!conn) {
    conn.reset(new Connection());  // NOLINT: private constructor, owned at once
    if (auto r = conn->open(opts_); !r) {
      std::lock_guard lock(mu_);
      --in_use_;
      cv_.notify_one();
      return r.error();
    }
  }
  return Lease(this, std::move(conn));
}

void Pool::release(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mu_);
  --in_use_;
  if (!conn->broken()) idle_.push_back(std::move(conn));
  cv_.notify_one();
}

Result<QueryResult> Pool::execute(std::string_view sql, std::initializer_list<Param> params) {
  return execute(sql, std::span<const Param>(params.begin(), params.size()));
}

Result<QueryResult> Pool::execute(std::string_view sql, std::span<const Param> params) {
  for (int attempt = 0;; ++attempt) {
    auto lease = acquire();
    if (!lease) return lease.error();
    bool retry_safe = false;
    auto r = (*lease)->execute(sql, params, &retry_safe);
    if (r || attempt > 0 || !retry_safe || !(*lease)->broken()) return r;
  }
}

Result<Transaction> Pool::begin() {
  for (int attempt = 0;; ++attempt) {
    auto lease = acquire();
    if (!lease) return lease.error();
    auto r = (*lease)->simple("START TRANSACTION");
    if (r) return Transaction(std::move(*lease));
    if (attempt > 0 || !(*lease)->broken()) return r.error();
  }
}

}  // namespace bgm::db::mysql
