#pragma once
// Standard-library-only text helpers shared by every component (including the wiki
// parser, which must not depend on anything else).

#include <string>
#include <string_view>

namespace bgm::text {

// Appends `s` as a JSON string literal, exactly as JavaScript's JSON.stringify writes
// it for valid UTF-8: `"` and `\` escaped, U+0008/9/A/C/D as \b \t \n \f \r, other
// control characters as \u00xx (lower-case hex), every other byte verbatim.
void append_json_string(std::string& out, std::string_view s);

namespace detail {
std::string_view js_trim_slow(std::string_view s) noexcept;

// Bytes that can start (kLead) or end (kTail) a JavaScript whitespace character in
// UTF-8. Most values start and end with other bytes, so trim is two table lookups.
// `wide_*` are the same without the ASCII spaces.
struct TrimTables {
  bool lead[256] = {};
  bool tail[256] = {};
  bool ascii[256] = {};
  bool wide_lead[256] = {};
  bool wide_tail[256] = {};
  constexpr TrimTables() {
    for (unsigned c : {0x09U, 0x0AU, 0x0BU, 0x0CU, 0x0DU, 0x20U}) lead[c] = tail[c] = ascii[c] = true;
    for (unsigned c : {0xC2U, 0xE1U, 0xE2U, 0xE3U, 0xEFU}) lead[c] = wide_lead[c] = true;
    for (unsigned c = 0x80U; c <= 0x8AU; ++c) tail[c] = wide_tail[c] = true;  // U+1680, U+2000–200A, U+3000
    for (unsigned c : {0xA0U, 0xA8U, 0xA9U, 0xAFU, 0x9FU, 0xBFU}) tail[c] = wide_tail[c] = true;
  }
};
inline constexpr TrimTables kTrimTables{};

}  // namespace detail

// JavaScript String.prototype.trim on UTF-8 text: strips U+0009–U+000D, U+0020,
// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF.
inline std::string_view js_trim(std::string_view s) noexcept {
  const auto& t = detail::kTrimTables;
  if (s.empty()) return s;
  const char* b = s.data();
  const char* e = b + s.size();
  if (!t.lead[static_cast<unsigned char>(*b)] && !t.tail[static_cast<unsigned char>(e[-1])]) return s;
  // Common second case: ASCII spaces only (e.g. "|key= value").
  while (b < e && t.ascii[static_cast<unsigned char>(*b)]) ++b;
  while (e > b && t.ascii[static_cast<unsigned char>(e[-1])]) --e;
  if (b == e) return {};
  const std::string_view rest(b, static_cast<std::size_t>(e - b));
  if (!t.wide_lead[static_cast<unsigned char>(*b)] && !t.wide_tail[static_cast<unsigned char>(e[-1])]) return rest;
  return detail::js_trim_slow(rest);
}

}  // namespace bgm::text
