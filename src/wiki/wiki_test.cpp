#include "bgm/wiki/wiki.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace bgm::wiki {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string chomp(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

std::vector<std::string> case_names(const char* sub) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(fs::path(BGM_WIKI_CASES_DIR) / sub)) {
    if (e.path().extension() == ".wiki") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string case_label(const ::testing::TestParamInfo<std::string>& param_info) {
  std::string n = param_info.param;
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
}

std::string to_json(const Wiki& w) {
  std::string out;
  append_json(out, w);
  return out;
}

class ValidCase : public ::testing::TestWithParam<std::string> {};
TEST_P(ValidCase, ParsesToExpectedJson) {
  const auto dir = fs::path(BGM_WIKI_CASES_DIR) / "valid";
  const auto input = slurp(dir / (GetParam() + ".wiki"));
  const auto expected = chomp(slurp(dir / (GetParam() + ".json")));
  auto r = parse(input);
  ASSERT_TRUE(std::holds_alternative<Wiki>(r)) << std::get<SyntaxError>(r).message();
  EXPECT_EQ(to_json(std::get<Wiki>(r)), expected);

  // The zero-copy API gives the same JSON.
  Parser parser;
  WikiView view;
  ASSERT_FALSE(parser.parse(input, view));
  std::string via_view;
  append_json(via_view, view);
  EXPECT_EQ(via_view, expected);
}
INSTANTIATE_TEST_SUITE_P(Wiki, ValidCase, ::testing::ValuesIn(case_names("valid")),
                         case_label);

class InvalidCase : public ::testing::TestWithParam<std::string> {};
TEST_P(InvalidCase, IsRejectedWithExpectedMessage) {
  const auto dir = fs::path(BGM_WIKI_CASES_DIR) / "invalid";
  const auto input = slurp(dir / (GetParam() + ".wiki"));
  const auto expected = chomp(slurp(dir / (GetParam() + ".error")));
  auto r = parse(input);
  ASSERT_TRUE(std::holds_alternative<SyntaxError>(r)) << to_json(std::get<Wiki>(r));
  EXPECT_EQ(std::get<SyntaxError>(r).message(), expected);
  EXPECT_THROW(parse_or_throw(input), WikiSyntaxErrorException);
}
INSTANTIATE_TEST_SUITE_P(Wiki, InvalidCase, ::testing::ValuesIn(case_names("invalid")),
                         case_label);

TEST(WikiErrors, CarryCodeLineNumberAndTrimmedLine) {
  auto r = parse("{{Infobox\n|a=1\n   oops\t\n}}");
  const auto& e = std::get<SyntaxError>(r);
  EXPECT_EQ(e.code, ErrorCode::kExpectingNewField);
  EXPECT_EQ(e.lino, 3);
  EXPECT_EQ(e.line, "oops");
  auto g = std::get<SyntaxError>(parse("nope"));
  EXPECT_EQ(g.code, ErrorCode::kGlobalPrefix);
  EXPECT_EQ(g.lino, 1);
  EXPECT_FALSE(g.line);
  std::string json;
  append_error_json(json, e);
  EXPECT_EQ(json, R"({"message":"WikiSyntaxError: missing '|' to start a new field, line 3: \"oops\"","lino":3,"line":"oops"})");
  json.clear();
  append_error_json(json, g);
  EXPECT_EQ(json, R"({"message":"WikiSyntaxError: missing prefix '{{Infobox' at the start, line 1","lino":1,"line":null})");
}

TEST(WikiMap, MergesDuplicatedKeysBySpecRule) {
  auto r = parse_to_map("{{Infobox\n|a= 1\n|a= 2\n|b=\n|b= x\n|c={\n[k|v]\n}\n|c= y\n}}");
  const auto& m = std::get<WikiMap>(r);
  ASSERT_EQ(m.data.size(), 3U);
  EXPECT_EQ(m.data[0], (MapEntry{"a", true, "", {{"", "1"}, {"", "2"}}}));
  EXPECT_EQ(m.data[1], (MapEntry{"b", false, "x", {}}));
  EXPECT_EQ(m.data[2], (MapEntry{"c", true, "", {{"k", "v"}, {"", "y"}}}));
}

TEST(WikiMap, EmptyListCountsAsPresentEmptyStringDoesNot) {
  const auto m = std::get<WikiMap>(parse_to_map("{{Infobox\n|a={\n}\n|a=\n|b=\n|b={\n[1]\n}\n}}"));
  ASSERT_EQ(m.data.size(), 2U);
  EXPECT_EQ(m.data[0], (MapEntry{"a", true, "", {{"", ""}}}));
  EXPECT_EQ(m.data[1], (MapEntry{"b", true, "", {{"", "1"}}}));
}

TEST(WikiStringify, CanonicalTextAsSpecExample27) {
  const auto w = parse_or_throw("{{Infobox animanga/TVAnime\n|中文名= 某动画\n|别名={\n[罗马字|Mizuki Nana]\n[奈々]\n}\n|a=\n}}");
  EXPECT_EQ(stringify(w), "{{Infobox animanga/TVAnime\n|中文名 = 某动画\n|别名 = {\n[罗马字|Mizuki Nana]\n[奈々]\n}\n|a = \n}}");
  EXPECT_EQ(stringify(Wiki{}), "{{Infobox\n}}");
}

TEST(WikiStringify, MapAsSpec) {
  const auto m = std::get<WikiMap>(parse_to_map("{{Infobox\n|a= 1\n|a= 2\n|b=\n}}"));
  EXPECT_EQ(stringify_map(m), "{{Infobox\n|a = {\n[1]\n[2]\n}\n|b = \n}}");
  EXPECT_EQ(stringify_map(WikiMap{"X", {}}), "{{Infobox X\n\n}}");
}

TEST(WikiStringify, RoundTripsEveryValidCase) {
  for (const auto& name : case_names("valid")) {
    const auto input = slurp(fs::path(BGM_WIKI_CASES_DIR) / "valid" / (name + ".wiki"));
    const auto w = parse_or_throw(input);
    const auto text = stringify(w);
    auto again = parse(text);
    ASSERT_TRUE(std::holds_alternative<Wiki>(again)) << name << ": " << std::get<SyntaxError>(again).message();
    EXPECT_EQ(std::get<Wiki>(again), w) << name;
  }
}

TEST(WikiParser, ReusedParserKeepsViewsValidForCrlfInput) {
  Parser parser;
  WikiView view;
  const std::string crlf = "{{Infobox T\r\n|k= v\r\n}}";
  ASSERT_FALSE(parser.parse(crlf, view));
  EXPECT_EQ(view.type, "T");
  ASSERT_EQ(view.fields.size(), 1U);
  EXPECT_EQ(view.fields[0].value, "v");
  ASSERT_FALSE(parser.parse("{{Infobox\n|x={\n[1]\n[a|2]\n}\n}}", view));
  ASSERT_EQ(view.fields.size(), 1U);
  EXPECT_EQ(view.fields[0].item_count, 2U);
  EXPECT_EQ(view.items[1].key, "a");
}

TEST(WikiParser, InvalidUtf8AndNulNeverCrash) {
  using namespace std::string_literals;
  const std::string inputs[] = {std::string("{{Infobox\n|\xff\xfe=\xc2\n}}"), "{{Infobox\n|a=\0b\n}}"s,
                                std::string("\xe3\x80"), std::string("{{Infobox\xe3\x80\n}}"), std::string("}}"),
                                std::string("{{Infobox}"), std::string("{{Infobox\n[\n}}")};
  for (const auto& in : inputs) {
    auto r = parse(in);
    if (auto* w = std::get_if<Wiki>(&r)) {
      EXPECT_EQ(parse_or_throw(stringify(*w)), *w);
    }
  }
  EXPECT_EQ(std::get<Wiki>(parse("{{Infobox\n|a=\0b\n}}"s)).fields.at(0).value, std::string("\0b", 2));
}

}  // namespace
}  // namespace bgm::wiki
