#pragma once
// Structured logging over spdlog. Context (job, topic, route, request id) travels
// in a LogContext value and extra fields, never inside the message text.
//
// Text:  2026-12-04 16:35:49.123 info  Job completed job=heartbeat duration_ms=3
// JSON:  {"time":"2026-12-04T16:35:49.123Z","level":"info","pid":7,"msg":"Job completed",
//         "job":"heartbeat","duration_ms":3}

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace bgm::log {

enum class Format { kText, kJson };
enum class Level { kDebug, kInfo, kWarn, kError };

struct FormatChoice {
  Format format = Format::kText;
  std::string warning;  // non-empty when LOG_FORMAT had an unknown value
};

// LOG_FORMAT (json/text, case-insensitive) wins; else NODE_ENV production or stage
// means JSON; else text. Empty values count as unset.
FormatChoice choose_format(std::optional<std::string> log_format,
                           std::optional<std::string> node_env);

// One field value: text, or a number/bool rendered without quotes in JSON.
class Value {
 public:
  Value(std::string_view s) : text_(s) {}                   // NOLINT(google-explicit-constructor)
  Value(const std::string& s) : text_(s) {}                 // NOLINT
  Value(const char* s) : text_(s) {}                        // NOLINT
  Value(bool b) : text_(b ? "true" : "false"), raw_(true) {}  // NOLINT
  template <class T>
    requires(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>)
  Value(T n) : text_(std::to_string(n)), raw_(true) {}  // NOLINT
  const std::string& text() const noexcept { return text_; }
  bool raw() const noexcept { return raw_; }

 private:
  std::string text_;
  bool raw_ = false;
};

struct Field {
  std::string key;
  Value value;
};

class LogContext {
 public:
  LogContext() = default;
  LogContext(std::initializer_list<Field> fields) : fields_(fields) {}
  // A copy with one more field.
  LogContext with(std::string key, Value value) const;
  const std::vector<Field>& fields() const noexcept { return fields_; }

 private:
  std::vector<Field> fields_;
};

// Installs the process logger (stderr) in the chosen format. Called once by main.
void init(Format format, Level min_level = Level::kInfo);
Format current_format() noexcept;
// Writes out buffered lines (before _exit, or when a caller needs them on disk now).
void flush();
// Long-running commands: flush buffered lines every second. This starts a thread, so a
// command that waits for signals with sigwait must block them before calling it.
void start_periodic_flush();

// The message part of a line (everything after time/level/pid), exposed for tests.
std::string render(Format format, std::string_view msg, const LogContext& ctx,
                   std::initializer_list<Field> extra);

void write(Level level, const LogContext& ctx, std::string_view msg,
           std::initializer_list<Field> extra = {});

inline void debug(const LogContext& ctx, std::string_view msg, std::initializer_list<Field> extra = {}) {
  write(Level::kDebug, ctx, msg, extra);
}
inline void info(const LogContext& ctx, std::string_view msg, std::initializer_list<Field> extra = {}) {
  write(Level::kInfo, ctx, msg, extra);
}
inline void warn(const LogContext& ctx, std::string_view msg, std::initializer_list<Field> extra = {}) {
  write(Level::kWarn, ctx, msg, extra);
}
inline void error(const LogContext& ctx, std::string_view msg, std::initializer_list<Field> extra = {}) {
  write(Level::kError, ctx, msg, extra);
}

}  // namespace bgm::log
