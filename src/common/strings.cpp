#include "bgm/common/strings.hpp"

#include <openssl/crypto.h>

#include "bgm/text/json_string.hpp"

namespace bgm {

std::string_view trim_ascii(std::string_view s) noexcept {
  constexpr std::string_view kWs = " \t\n\v\f\r";
  const auto b = s.find_first_not_of(kWs);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(kWs);
  return s.substr(b, e - b + 1);
}

void append_json_string(std::string& out, std::string_view s) { text::append_json_string(out, s); }

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

bool constant_time_equals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace bgm
