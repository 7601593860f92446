#include "bgm/common/strings.hpp"

#include <gtest/gtest.h>

namespace bgm {
namespace {

TEST(Strings, TrimAscii) {
  EXPECT_EQ(trim_ascii("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim_ascii(" \t "), "");
  EXPECT_EQ(trim_ascii(""), "");
}

TEST(Strings, JsonStringMatchesJavaScript) {
  EXPECT_EQ(json_string("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(json_string(std::string("\x01\b\t\n\f\r\x1f", 7)), R"("\u0001\b\t\n\f\r\u001f")");
  EXPECT_EQ(json_string("/中文\xE2\x80\xA8"), "\"/中文\xE2\x80\xA8\"");
  EXPECT_EQ(json_string(std::string("\0", 1)), R"("\u0000")");
}

TEST(Strings, ConstantTimeEquals) {
  EXPECT_TRUE(constant_time_equals("secret", "secret"));
  EXPECT_FALSE(constant_time_equals("secret", "secreT"));
  EXPECT_FALSE(constant_time_equals("secret", "secrets"));
}

}  // namespace
}  // namespace bgm
