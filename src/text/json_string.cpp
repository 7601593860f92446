#include "bgm/text/json_string.hpp"

namespace bgm::text {
namespace {

constexpr bool kNeedsEscape[256] = {
    true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,  // 0x00
    true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,  // 0x10
    false, false, true, false, false, false, false, false, false, false, false, false, false, false, false, false,
    false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,
    false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,
    false, false, false, false, false, false, false, false, false, false, false, false, true, false, false, false,
};

// Length of the JavaScript whitespace sequence that starts at s[i], or 0.
std::size_t space_at(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return (b0 == 0x20 || (b0 >= 0x09 && b0 <= 0x0D)) ? 1 : 0;
  const std::size_t left = s.size() - i;
  if (b0 == 0xC2) return (left >= 2 && static_cast<unsigned char>(s[i + 1]) == 0xA0) ? 2 : 0;
  if (left < 3) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  const auto b2 = static_cast<unsigned char>(s[i + 2]);
  switch (b0) {
    case 0xE1: return (b1 == 0x9A && b2 == 0x80) ? 3 : 0;  // U+1680
    case 0xE2:
      if (b1 == 0x80) return (b2 <= 0x8A && b2 >= 0x80) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0;
      return (b1 == 0x81 && b2 == 0x9F) ? 3 : 0;           // U+205F
    case 0xE3: return (b1 == 0x80 && b2 == 0x80) ? 3 : 0;  // U+3000
    case 0xEF: return (b1 == 0xBB && b2 == 0xBF) ? 3 : 0;  // U+FEFF
    default: return 0;
  }
}

// Length of the JavaScript whitespace sequence that ends at s[end-1], or 0.
std::size_t space_before(std::string_view s, std::size_t end) noexcept {
  const auto last = static_cast<unsigned char>(s[end - 1]);
  if (last < 0x80) return (last == 0x20 || (last >= 0x09 && last <= 0x0D)) ? 1 : 0;
  if (end >= 2 && last == 0xA0 && static_cast<unsigned char>(s[end - 2]) == 0xC2) return 2;
  if (end >= 3 && space_at(s, end - 3) == 3) return 3;
  return 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x60 || !kNeedsEscape[c]) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

std::string_view detail::js_trim_slow(std::string_view s) noexcept {
  std::size_t b = 0;
  while (b < s.size()) {
    const auto n = space_at(s, b);
    if (n == 0) break;
    b += n;
  }
  std::size_t e = s.size();
  while (e > b) {
    const auto n = space_before(s, e);
    if (n == 0 || e - n < b) break;
    e -= n;
  }
  return s.substr(b, e - b);
}

}  // namespace bgm::text
