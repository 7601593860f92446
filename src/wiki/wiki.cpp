#include "bgm/wiki/wiki.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "bgm/text/json_string.hpp"

namespace bgm::wiki {
namespace {

constexpr std::string_view kPrefix = "{{Infobox";
constexpr std::string_view kSuffix = "}}";
constexpr auto npos = std::string_view::npos;

using text::js_trim;

std::size_t find_char(std::string_view s, char c, std::size_t from) noexcept {
  if (from >= s.size()) return npos;
  const void* p = std::memchr(s.data() + from, c, s.size() - from);
  return p == nullptr ? npos : static_cast<std::size_t>(static_cast<const char*>(p) - s.data());
}

SyntaxError error_at(ErrorCode code, int lino, std::string_view line) {
  return SyntaxError{code, lino, std::string(line)};
}

// Replaces every "\r\n" by "\n" (a lone "\r" stays), like s.replace(/\r\n/g, '\n').
void normalize_into(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  std::size_t from = 0;
  for (;;) {
    const auto cr = in.find("\r\n", from);
    if (cr == npos) break;
    out.append(in.data() + from, cr - from);
    from = cr + 1;  // keep the '\n'
  }
  out.append(in.data() + from, in.size() - from);
}

template <class Fields, class ItemsOf>
void write_json(std::string& out, std::string_view type, const Fields& fields, ItemsOf items_of) {
  out += "{\"type\":";
  text::append_json_string(out, type);
  out += ",\"data\":[";
  bool first = true;
  for (const auto& f : fields) {
    if (!first) out.push_back(',');
    first = false;
    out += "{\"key\":";
    text::append_json_string(out, f.key);
    if (f.array) {
      out += ",\"array\":true,\"values\":[";
      bool first_item = true;
      items_of(f, [&](std::string_view k, std::string_view v) {
        if (!first_item) out.push_back(',');
        first_item = false;
        out.push_back('{');
        if (!k.empty()) {
          out += "\"k\":";
          text::append_json_string(out, k);
          out.push_back(',');
        }
        out += "\"v\":";
        text::append_json_string(out, v);
        out.push_back('}');
      });
      out += "]}";
    } else {
      out += ",\"value\":";
      text::append_json_string(out, f.value);
      out.push_back('}');
    }
  }
  out += "]}";
}

void append_items(std::string& out, const std::vector<Item>& items) {
  for (const auto& item : items) {
    out += "\n[";
    if (!item.key.empty()) {
      out += item.key;
      out.push_back('|');
    }
    out += item.value;
    out.push_back(']');
  }
}

}  // namespace

std::string_view message_of(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kGlobalPrefix: return "missing prefix '{{Infobox' at the start";
    case ErrorCode::kGlobalSuffix: return "missing suffix '}}' at the end";
    case ErrorCode::kArrayNoClose: return "array should be closed by '}'";
    case ErrorCode::kArrayItemWrapped: return "array item should be wrapped by '[]'";
    case ErrorCode::kExpectingNewField: return "missing '|' to start a new field";
    case ErrorCode::kExpectingSignEqual: return "missing '=' to separate field name and value";
  }
  return "";
}

std::string SyntaxError::message() const {
  std::string out = "WikiSyntaxError: ";
  out += message_of(code);
  out += ", line ";
  out += std::to_string(lino);
  if (line) {
    out += ": ";
    text::append_json_string(out, *line);
  }
  return out;
}

std::optional<SyntaxError> Parser::parse(std::string_view input, WikiView& out) {
  out.type = {};
  out.fields.clear();
  out.items.clear();

  std::string_view s = input;
  if (input.find("\r\n") != npos) {
    normalize_into(input, normalized_);
    s = normalized_;
  }

  // Line numbers start at 2 plus the blank lines (space/tab only) before the content.
  int offset = 2;
  for (const char c : s) {
    if (c == '\n') {
      ++offset;
    } else if (c != ' ' && c != '\t') {
      break;
    }
  }

  const std::string_view text = js_trim(s);
  if (text.empty()) return std::nullopt;
  if (!text.starts_with(kPrefix)) return SyntaxError{ErrorCode::kGlobalPrefix, offset - 1, std::nullopt};
  if (!text.ends_with(kSuffix)) {
    const auto newlines = std::count(input.begin(), input.end(), '\n');
    return SyntaxError{ErrorCode::kGlobalSuffix, newlines == 0 ? -1 : static_cast<int>(newlines) + 1, std::nullopt};
  }

  const std::size_t first_nl = find_char(text, '\n', 0);
  const std::string_view first_line = text.substr(0, first_nl);
  const std::size_t close = first_line.find(kSuffix);
  out.type = js_trim(close == npos ? first_line.substr(kPrefix.size())
                                   : first_line.substr(kPrefix.size(), close - kPrefix.size()));
  if (first_nl == npos) return std::nullopt;

  // Field lines lie strictly between the first and the last line (the last is dropped
  // whole, even when it has content before "}}").
  const std::size_t last_nl = text.rfind('\n');
  bool in_array = false;
  int i = 0;
  for (std::size_t pos = first_nl + 1; pos <= last_nl; ++i) {
    const std::size_t end = find_char(text, '\n', pos);
    const std::string_view line = js_trim(text.substr(pos, end - pos));
    const bool is_last = end == last_nl;
    const int lino = offset + i;
    pos = end + 1;
    if (line.empty()) continue;

    if (line.front() == '|') {
      if (in_array) return error_at(ErrorCode::kArrayNoClose, lino, line);
      const std::string_view rest = line.substr(1);
      const std::size_t eq = find_char(rest, '=', 0);
      if (eq == npos) return error_at(ErrorCode::kExpectingSignEqual, lino, line);
      FieldView field;
      field.key = js_trim(rest.substr(0, eq));
      const std::string_view value = js_trim(rest.substr(eq + 1));
      if (value == "{") {
        field.array = true;
        field.first_item = static_cast<std::uint32_t>(out.items.size());
        in_array = true;
      } else {
        field.value = value;
        in_array = false;
      }
      out.fields.push_back(field);
    } else if (in_array) {
      if (line.front() == '}') {
        in_array = false;
        continue;
      }
      if (is_last) return error_at(ErrorCode::kArrayNoClose, lino, line);
      if (line.front() != '[' || line.back() != ']' || line.size() < 2) {
        return error_at(ErrorCode::kArrayItemWrapped, lino, line);
      }
      const std::string_view content = line.substr(1, line.size() - 2);
      const std::size_t bar = find_char(content, '|', 0);
      if (bar == npos) {
        out.items.push_back({{}, js_trim(content)});
      } else {
        out.items.push_back({js_trim(content.substr(0, bar)), js_trim(content.substr(bar + 1))});
      }
      ++out.fields.back().item_count;
    } else {
      return error_at(ErrorCode::kExpectingNewField, lino, line);
    }
  }
  return std::nullopt;
}

Wiki to_owned(const WikiView& view) {
  Wiki w;
  w.type = std::string(view.type);
  w.fields.reserve(view.fields.size());
  for (const auto& f : view.fields) {
    Field field;
    field.key = std::string(f.key);
    field.array = f.array;
    if (f.array) {
      field.values.reserve(f.item_count);
      for (std::uint32_t k = 0; k < f.item_count; ++k) {
        const auto& item = view.items[f.first_item + k];
        field.values.push_back({std::string(item.key), std::string(item.value)});
      }
    } else {
      field.value = std::string(f.value);
    }
    w.fields.push_back(std::move(field));
  }
  return w;
}

ParseResult parse(std::string_view text) {
  Parser parser;
  WikiView view;
  if (auto err = parser.parse(text, view)) return std::move(*err);
  return to_owned(view);
}

Wiki parse_or_throw(std::string_view text) {
  auto r = parse(text);
  if (auto* err = std::get_if<SyntaxError>(&r)) throw WikiSyntaxErrorException(std::move(*err));
  return std::move(std::get<Wiki>(r));
}

WikiMap to_map(const Wiki& wiki) {
  WikiMap map;
  map.type = wiki.type;
  std::unordered_map<std::string_view, std::size_t> index;  // views into wiki's keys
  for (const auto& f : wiki.fields) {
    auto [it, inserted] = index.try_emplace(f.key, map.data.size());
    if (inserted) map.data.push_back(MapEntry{f.key, false, {}, {}});
    auto& entry = map.data[it->second];
    if (inserted || (!entry.is_list && entry.value.empty())) {
      entry.is_list = f.array;
      entry.value = f.array ? std::string() : f.value;
      entry.items = f.array ? f.values : std::vector<Item>{};
      continue;
    }
    if (!entry.is_list) {
      entry.items = {Item{{}, std::move(entry.value)}};
      entry.value.clear();
      entry.is_list = true;
    }
    if (f.array) {
      entry.items.insert(entry.items.end(), f.values.begin(), f.values.end());
    } else {
      entry.items.push_back(Item{{}, f.value});
    }
  }
  return map;
}

std::variant<WikiMap, SyntaxError> parse_to_map(std::string_view text) {
  auto r = parse(text);
  if (auto* err = std::get_if<SyntaxError>(&r)) return std::move(*err);
  return to_map(std::get<Wiki>(r));
}

std::string stringify(const Wiki& wiki) {
  std::string out(kPrefix);
  if (!wiki.type.empty()) {
    out.push_back(' ');
    out += wiki.type;
  }
  for (const auto& f : wiki.fields) {
    out += "\n|";
    out += f.key;
    if (f.array) {
      out += " = {";
      append_items(out, f.values);
      out += "\n}";
    } else {
      out += " = ";
      out += f.value;
    }
  }
  out += "\n}}";
  return out;
}

std::string stringify_map(const WikiMap& map) {
  std::string out(kPrefix);
  if (!map.type.empty()) {
    out.push_back(' ');
    out += map.type;
  }
  out.push_back('\n');
  bool first = true;
  for (const auto& e : map.data) {
    if (!first) out.push_back('\n');
    first = false;
    out.push_back('|');
    out += e.key;
    if (e.is_list) {
      out += " = {";
      append_items(out, e.items);
      out += "\n}";
    } else {
      out += " = ";
      out += e.value;
    }
  }
  out += "\n}}";
  return out;
}

void append_json(std::string& out, const Wiki& wiki) {
  write_json(out, wiki.type, wiki.fields, [](const Field& f, auto&& emit) {
    for (const auto& item : f.values) emit(item.key, item.value);
  });
}

void append_json(std::string& out, const WikiView& wiki) {
  write_json(out, wiki.type, wiki.fields, [&wiki](const FieldView& f, auto&& emit) {
    for (std::uint32_t k = 0; k < f.item_count; ++k) {
      const auto& item = wiki.items[f.first_item + k];
      emit(item.key, item.value);
    }
  });
}

void append_error_json(std::string& out, const SyntaxError& error) {
  out += "{\"message\":";
  text::append_json_string(out, error.message());
  out += ",\"lino\":";
  out += std::to_string(error.lino);
  out += ",\"line\":";
  if (error.line) {
    text::append_json_string(out, *error.line);
  } else {
    out += "null";
  }
  out.push_back('}');
}

}  // namespace bgm::wiki
