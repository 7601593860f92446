#include "bgm/common/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>

#include "bgm/common/strings.hpp"

namespace bgm::log {
namespace {

// The chosen format is process-wide state, like spdlog's default logger it feeds.
std::atomic<Format> g_format{Format::kText};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool needs_quotes(std::string_view v) {
  if (v.empty()) return true;
  return std::any_of(v.begin(), v.end(), [](unsigned char c) {
    return c <= 0x20 || c == '"' || c == '=' || c == '\\';
  });
}

void append_field(Format format, std::string& out, const Field& f) {
  if (format == Format::kJson) {
    out.push_back(',');
    append_json_string(out, f.key);
    out.push_back(':');
    if (f.value.raw()) {
      out += f.value.text();
    } else {
      append_json_string(out, f.value.text());
    }
    return;
  }
  out.push_back(' ');
  out += f.key;
  out.push_back('=');
  if (!f.value.raw() && needs_quotes(f.value.text())) {
    append_json_string(out, f.value.text());
  } else {
    out += f.value.text();
  }
}

spdlog::level::level_enum to_spd(Level l) {
  switch (l) {
    case Level::kDebug: return spdlog::level::debug;
    case Level::kInfo: return spdlog::level::info;
    case Level::kWarn: return spdlog::level::warn;
    case Level::kError: return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

FormatChoice choose_format(std::optional<std::string> log_format,
                           std::optional<std::string> node_env) {
  FormatChoice choice;
  if (log_format && !trim_ascii(*log_format).empty()) {
    const auto v = lower(std::string(trim_ascii(*log_format)));
    if (v == "json") return {Format::kJson, {}};
    if (v == "text") return {Format::kText, {}};
    choice.warning = "unknown LOG_FORMAT value \"" + *log_format +
                     "\" (expected json or text); falling back to NODE_ENV";
  }
  if (node_env) {
    const auto env = std::string(trim_ascii(*node_env));
    if (env == "production" || env == "stage") choice.format = Format::kJson;
  }
  return choice;
}

LogContext LogContext::with(std::string key, Value value) const {
  LogContext copy = *this;
  copy.fields_.push_back({std::move(key), std::move(value)});
  return copy;
}

std::string render(Format format, std::string_view msg, const LogContext& ctx,
                   std::initializer_list<Field> extra) {
  std::string out;
  if (format == Format::kJson) {
    out += "\"msg\":";
    append_json_string(out, msg);
  } else {
    out.append(msg);
  }
  for (const auto& f : ctx.fields()) append_field(format, out, f);
  for (const auto& f : extra) append_field(format, out, f);
  return out;
}

void init(Format format, Level min_level) {
  g_format.store(format);
  auto logger = std::make_shared<spdlog::logger>("bgm", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (format == Format::kJson) {
    logger->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","pid":%P,%v})",
        spdlog::pattern_time_type::utc, "\n"));
  } else {
    logger->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        "%Y-%m-%d %H:%M:%S.%e %-5l %v", spdlog::pattern_time_type::local, "\n"));
  }
  logger->set_level(to_spd(min_level));
  // Lines are written in blocks (one write(2) per 64 KiB or per second) instead of one
  // syscall per line: the HTTP access log would otherwise dominate a request's cost.
  // Warnings and errors flush at once; exit flushes the rest (see flush()).
  static char buffer[1 << 16];
  std::setvbuf(stderr, buffer, _IOFBF, sizeof buffer);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
}

Format current_format() noexcept { return g_format.load(); }

void start_periodic_flush() { spdlog::flush_every(std::chrono::seconds(1)); }

void flush() {
  spdlog::default_logger_raw()->flush();
  std::fflush(stderr);
}

void write(Level level, const LogContext& ctx, std::string_view msg,
           std::initializer_list<Field> extra) {
  const auto lvl = to_spd(level);
  auto* logger = spdlog::default_logger_raw();
  if (!logger->should_log(lvl)) return;
  const auto line = render(current_format(), msg, ctx, extra);
  logger->log(lvl, spdlog::string_view_t(line.data(), line.size()));
}

}  // namespace bgm::log
