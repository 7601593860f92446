#pragma once

#include <string>
#include <string_view>

namespace bgm {

// Removes ASCII whitespace (space, \t, \n, \v, \f, \r) from both ends.
std::string_view trim_ascii(std::string_view s) noexcept;

// Appends `s` as a JSON string literal (with quotes). Control characters become
// \b \t \n \f \r or \u00xx (lower-case hex), like JavaScript's JSON.stringify;
// all other bytes are copied verbatim.
void append_json_string(std::string& out, std::string_view s);
std::string json_string(std::string_view s);

// Constant-time comparison of two secrets (length is not hidden).
bool constant_time_equals(std::string_view a, std::string_view b) noexcept;

}  // namespace bgm
