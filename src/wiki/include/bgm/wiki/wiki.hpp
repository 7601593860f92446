#pragma once
// Bangumi infobox ("wiki") parser with the exact behaviour of npm @bgm38/wiki 0.3.3
// (spec/wiki.md). Standard library only.
//
// Two APIs:
//  - Parser::parse(text, view): zero-copy; the view's string_views point into `text`
//    (or into the parser's buffer when the text had CRLF line ends) and stay valid
//    until the next parse with the same Parser or until `text` is gone. A reused
//    Parser allocates nothing in the steady state.
//  - parse(text): an owning Wiki, or the SyntaxError.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace bgm::wiki {

enum class ErrorCode {
  kGlobalPrefix,
  kGlobalSuffix,
  kArrayNoClose,
  kArrayItemWrapped,
  kExpectingNewField,
  kExpectingSignEqual,
};

// The bare message, e.g. "missing '|' to start a new field".
std::string_view message_of(ErrorCode code) noexcept;

struct SyntaxError {
  ErrorCode code = ErrorCode::kGlobalPrefix;
  int lino = 0;
  std::optional<std::string> line;  // the trimmed offending line; none for the global errors

  // "WikiSyntaxError: <message>, line <lino>[: <line as a JSON string>]" (the
  // JavaScript error's .message).
  std::string message() const;
  bool operator==(const SyntaxError&) const = default;
};

struct Item {
  std::string key;  // empty when the item has none
  std::string value;
  bool operator==(const Item&) const = default;
};

struct Field {
  std::string key;
  std::string value;  // scalar fields only
  bool array = false;
  std::vector<Item> values;  // array fields only
  bool operator==(const Field&) const = default;
};

struct Wiki {
  std::string type;
  std::vector<Field> fields;
  bool operator==(const Wiki&) const = default;
};

// ---- zero-copy view API ----
struct ItemView {
  std::string_view key;
  std::string_view value;
};
struct FieldView {
  std::string_view key;
  std::string_view value;
  bool array = false;
  std::uint32_t first_item = 0;  // index into WikiView::items
  std::uint32_t item_count = 0;
};
struct WikiView {
  std::string_view type;
  std::vector<FieldView> fields;
  std::vector<ItemView> items;
};

class Parser {
 public:
  // Returns nullopt on success (and fills `out`), else the error.
  std::optional<SyntaxError> parse(std::string_view text, WikiView& out);

 private:
  std::string normalized_;  // CRLF-normalised copy, only used when the input has "\r\n"
};

Wiki to_owned(const WikiView& view);

// ---- owning API ----
using ParseResult = std::variant<Wiki, SyntaxError>;
ParseResult parse(std::string_view text);

// Throws WikiSyntaxErrorException (what() == SyntaxError::message()).
Wiki parse_or_throw(std::string_view text);
class WikiSyntaxErrorException : public std::exception {
 public:
  explicit WikiSyntaxErrorException(SyntaxError e) : error_(std::move(e)), what_(error_.message()) {}
  const char* what() const noexcept override { return what_.c_str(); }
  const SyntaxError& error() const noexcept { return error_; }

 private:
  SyntaxError error_;
  std::string what_;
};

// ---- parseToMap / stringify ----
struct MapEntry {
  std::string key;
  bool is_list = false;
  std::string value;        // when !is_list
  std::vector<Item> items;  // when is_list
  bool operator==(const MapEntry&) const = default;
};
struct WikiMap {
  std::string type;
  std::vector<MapEntry> data;  // first-appearance order
  bool operator==(const WikiMap&) const = default;
};

// Merges duplicated keys by the spec's rule (§4.2).
WikiMap to_map(const Wiki& wiki);
std::variant<WikiMap, SyntaxError> parse_to_map(std::string_view text);

std::string stringify(const Wiki& wiki);
std::string stringify_map(const WikiMap& map);

// JSON exactly as JSON.stringify(parse(text)) (spec §4.1).
void append_json(std::string& out, const Wiki& wiki);
void append_json(std::string& out, const WikiView& wiki);
// {"message":...,"lino":N,"line":"..."|null}
void append_error_json(std::string& out, const SyntaxError& error);

}  // namespace bgm::wiki
