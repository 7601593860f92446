#pragma once
// MariaDB over Connector/C: a bounded pool of connections, prepared statements with
// bound parameters only, rows as typed accessors over text, RAII transactions.
//
// Every connection uses utf8mb4 and `SET time_zone = '+00:00'` (spec: TIMESTAMP
// values are sent and read as UTC). A connection that reports a lost link is dropped;
// a statement that failed before it reached the server (prepare, or a SELECT) is retried
// once on a fresh connection, so a server restart costs at most one failed write.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bgm/common/error.hpp"
#include "bgm/config/config.hpp"

struct st_mysql;
struct st_mysql_stmt;

namespace bgm::db::mysql {

struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 3306;
  std::string user;
  std::string password;
  std::string db;
  std::size_t pool_size = 8;
  std::chrono::seconds connect_timeout{5};
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  std::chrono::milliseconds acquire_timeout{10000};
};

// Connection settings from the configuration (pool size and timeouts keep their defaults).
Options options_from(const config::Config& cfg);

using Param = std::variant<std::nullptr_t, std::int64_t, std::uint64_t, double, std::string>;

class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  std::size_t size() const noexcept { return cells_.size(); }
  bool is_null(std::size_t i) const { return !cells_.at(i).has_value(); }
  // The column as text; throws FatalError on NULL (a schema mismatch, not input).
  const std::string& text(std::size_t i) const;
  // Converted values; throw FatalError when the column is NULL or not a number.
  std::int64_t i64(std::size_t i) const;
  std::uint64_t u64(std::size_t i) const;
  std::optional<std::string> optional_text(std::size_t i) const { return cells_.at(i); }

 private:
  std::vector<std::optional<std::string>> cells_;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::uint64_t affected_rows = 0;
  std::uint64_t insert_id = 0;
};

class Connection;

// A pooled connection, returned to the pool (or dropped when broken) on destruction.
class Lease {
 public:
  Lease(class Pool* pool, std::unique_ptr<Connection> conn);
  Lease(Lease&&) noexcept;
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  Connection& operator*() const { return *conn_; }
  Connection* operator->() const { return conn_.get(); }

 private:
  class Pool* pool_;
  std::unique_ptr<Connection> conn_;
};

class Connection {
 public:
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one prepared statement. `retry_safe` is set when the failure happened before
  // the statement could have had any effect.
  Result<QueryResult> execute(std::string_view sql, std::span<const Param> params, bool* retry_safe = nullptr);
  // Runs a constant statement without parameters (START TRANSACTION, COMMIT, ...).
  Result<void> simple(std::string_view sql);
  bool broken() const noexcept { return broken_; }

 private:
  friend class Pool;
  Connection() = default;
  Result<void> open(const Options& opts);
  Error fail(std::string_view what, std::string_view sql, unsigned err, const char* msg);

  struct MysqlCloser {
    void operator()(st_mysql* m) const noexcept;
  };
  struct StmtCloser {
    void operator()(st_mysql_stmt* s) const noexcept;
  };
  using StmtPtr = std::unique_ptr<st_mysql_stmt, StmtCloser>;
  Result<st_mysql_stmt*> prepared(std::string_view sql, bool* retry_safe);

  std::unique_ptr<st_mysql, MysqlCloser> handle_;
  // Prepared statements cached by SQL text; the set of statements is small and fixed.
  std::vector<std::pair<std::string, StmtPtr>> stmts_;
  bool broken_ = false;
};

// Rolls back on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Lease lease) : lease_(std::move(lease)) {}
  Transaction(Transaction&& other) noexcept : lease_(std::move(other.lease_)), done_(other.done_) {
    other.done_ = true;  // the moved-from object owns no connection
  }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Result<QueryResult> execute(std::string_view sql, std::initializer_list<Param> params = {});
  Result<QueryResult> execute(std::string_view sql, std::span<const Param> params);
  Result<void> commit();
  Result<void> rollback();

 private:
  Lease lease_;
  bool done_ = false;
};

class Pool {
 public:
  explicit Pool(Options opts);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool();

  // One autocommit statement on any pooled connection.
  Result<QueryResult> execute(std::string_view sql, std::initializer_list<Param> params = {});
  Result<QueryResult> execute(std::string_view sql, std::span<const Param> params);
  // START TRANSACTION on a dedicated connection.
  Result<Transaction> begin();
  // Waits up to acquire_timeout for a free slot, opening a connection if needed.
  Result<Lease> acquire();

  const Options& options() const noexcept { return opts_; }

 private:
  friend class Lease;
  void release(std::unique_ptr<Connection> conn);

  Options opts_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t in_use_ = 0;
};

}  // namespace bgm::db::mysql
