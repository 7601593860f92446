#include "bgm/text/json_string.hpp"

#include <gtest/gtest.h>

namespace bgm::text {
namespace {

std::string js(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonString, EscapesLikeJsonStringify) {
  EXPECT_EQ(js("a\"b\\c/d"), R"("a\"b\\c/d")");
  EXPECT_EQ(js(std::string("\x00\x01\b\t\n\x0b\f\r\x1f\x7f", 10)), "\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f\x7f\"");
  EXPECT_EQ(js("中文\xE2\x80\xA8"), "\"中文\xE2\x80\xA8\"");
  EXPECT_EQ(js(""), "\"\"");
}

TEST(JsTrim, AsciiAndUnicodeSpaces) {
  EXPECT_EQ(js_trim(" \t\n\v\f\rx y\r\n"), "x y");
  EXPECT_EQ(js_trim("\u3000某动画\u3000\u00a0"), "某动画");
  EXPECT_EQ(js_trim("\u2003y\ufeff"), "y");
  EXPECT_EQ(js_trim("\u1680\u2000\u200a\u2028\u2029\u202f\u205fz\u205f"), "z");
  EXPECT_EQ(js_trim("\u3000\u3000"), "");
  EXPECT_EQ(js_trim(""), "");
}

TEST(JsTrim, KeepsNonSpaceLookalikes) {
  EXPECT_EQ(js_trim("\u200bx\u200b"), "\u200bx\u200b");  // zero-width space is not JS whitespace
  EXPECT_EQ(js_trim("\u0085x"), "\u0085x");              // NEL is not JS whitespace
  EXPECT_EQ(js_trim("\u00a1x\u00a1"), "\u00a1x\u00a1");
}

TEST(JsTrim, NeverReadsOutsideTruncatedSequences) {
  EXPECT_EQ(js_trim(std::string_view("\xC2", 1)), std::string_view("\xC2", 1));
  EXPECT_EQ(js_trim(std::string_view("\xE3\x80", 2)), std::string_view("\xE3\x80", 2));
  EXPECT_EQ(js_trim(std::string_view("\xA0", 1)), std::string_view("\xA0", 1));
  EXPECT_EQ(js_trim(std::string_view("\x80\x80", 2)), std::string_view("\x80\x80", 2));
}

}  // namespace
}  // namespace bgm::text
