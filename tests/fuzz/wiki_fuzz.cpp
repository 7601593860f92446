// libFuzzer target for the wiki parser: arbitrary bytes must never crash or read out
// of bounds, both APIs must agree, and a parsed wiki must survive stringify → parse.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bgm/wiki/wiki.hpp"

namespace {

// @bgm38/wiki's stringify writes an item with no key as "[v]", so a keyless item whose
// value contains '|' reads back with a key: that shape has no exact text form.
bool representable(const bgm::wiki::Wiki& w) {
  for (const auto& f : w.fields) {
    for (const auto& item : f.values) {
      if (item.key.empty() && item.value.find('|') != std::string::npos) return false;
    }
  }
  return true;
}

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bgm::wiki;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  static Parser parser;  // reused, as in production batch use
  WikiView view;
  const auto view_error = parser.parse(text, view);
  auto owned = parse(text);
  check(view_error.has_value() == std::holds_alternative<SyntaxError>(owned));
  if (view_error) {
    check(*view_error == std::get<SyntaxError>(owned));
    (void)view_error->message();
    return 0;
  }
  const auto& w = std::get<Wiki>(owned);
  std::string a, b;
  append_json(a, view);
  append_json(b, w);
  check(a == b);

  if (representable(w)) {
    auto again = parse(stringify(w));
    check(std::holds_alternative<Wiki>(again) && std::get<Wiki>(again) == w);
  }
  const auto map = to_map(w);
  check(std::holds_alternative<Wiki>(parse(stringify_map(map))));
  return 0;
}
