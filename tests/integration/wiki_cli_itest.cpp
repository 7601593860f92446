// `bangumi-backend wiki …`: the JSON contract of @bgm38/wiki through the executable.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support.hpp"

namespace bgm::itest {
namespace {

TEST(WikiCli, ParseFileAndStdinPrintTheResultJson) {
  const auto path = std::filesystem::temp_directory_path() / "bgm_wiki_cli.wiki";
  {
    std::ofstream f(path, std::ios::binary);
    f << "{{Infobox Album\r\n|价格=  ¥3,000 \r\n|别名={\r\n[罗马字|Mizuki]\r\n[奈々]\r\n}\r\n}}";
  }
  const std::string expected =
      R"({"type":"Album","data":[{"key":"价格","value":"¥3,000"},{"key":"别名","array":true,"values":[{"k":"罗马字","v":"Mizuki"},{"v":"奈々"}]}]})"
      "\n";
  auto from_file = run_binary("wiki parse " + path.string());
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(from_file.out, expected);
  auto from_stdin = run_binary("wiki parse -", "", "{{Infobox\n|a= b\n}}");
  EXPECT_EQ(from_stdin.exit_code, 0);
  EXPECT_EQ(from_stdin.out, "{\"type\":\"\",\"data\":[{\"key\":\"a\",\"value\":\"b\"}]}\n");
  std::filesystem::remove(path);
}

TEST(WikiCli, SyntaxErrorPrintsErrorJsonAndExitsOne) {
  auto r = run_binary("wiki parse", "", "{{Infobox\n|a={\n[x]\ny\n}\n}}");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            R"({"error":{"message":"WikiSyntaxError: array item should be wrapped by '[]', line 4: \"y\"","lino":4,"line":"y"}})"
            "\n");
  auto g = run_binary("wiki parse", "", "{{Infobox");
  EXPECT_EQ(g.exit_code, 1);
  EXPECT_EQ(g.out, R"({"error":{"message":"WikiSyntaxError: missing suffix '}}' at the end, line -1","lino":-1,"line":null}})"
                   "\n");
}

TEST(WikiCli, BatchKeepsOrderHandlesEscapesAndBadLines) {
  const std::string input =
      "\"{{Infobox\\n|a= x\\u0000y\\n}}\"\n"
      "[1,2]\n"
      "\"{{Infobox\\u2028T\\n|b={\\n[k|\\\"q\\\"]\\n}\\n}}\"\n"
      "{not json\n"
      "\"oops\"\n";
  auto r = run_binary("wiki parse --batch", "", input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"wiki\":{\"type\":\"\",\"data\":[{\"key\":\"a\",\"value\":\"x\\u0000y\"}]}}\n"
            "{\"error\":{\"message\":\"invalid input line 2: expected a JSON string holding the wiki text\",\"lino\":null,\"line\":null}}\n"
            "{\"wiki\":{\"type\":\"T\",\"data\":[{\"key\":\"b\",\"array\":true,\"values\":[{\"k\":\"k\",\"v\":\"\\\"q\\\"\"}]}]}}\n"
            "{\"error\":{\"message\":\"invalid input line 4: not valid JSON (syntax error)\",\"lino\":null,\"line\":null}}\n"
            "{\"error\":{\"message\":\"WikiSyntaxError: missing prefix '{{Infobox' at the start, line 1\",\"lino\":1,\"line\":null}}\n");
}

TEST(WikiCli, StringifyWritesCanonicalText) {
  auto r = run_binary("wiki stringify", "",
                      R"({"type":"Game","data":[{"key":"平台","array":true,"values":[{"v":"PS5"},{"k":"k","v":"v"}]},{"key":"a","value":""}]})");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{{Infobox Game\n|平台 = {\n[PS5]\n[k|v]\n}\n|a = \n}}\n");
}

TEST(WikiCli, BadInputIsAClearErrorWithExitOne) {
  auto bad_json = run_binary("wiki stringify", "", "{\"data\":[{\"value\":1}]}");
  EXPECT_EQ(bad_json.exit_code, 1);
  EXPECT_NE(bad_json.err.find("Error: wiki JSON: data[0]: missing \"key\""), std::string::npos) << bad_json.err;
  auto missing = run_binary("wiki parse /nonexistent/file.wiki");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("Error: cannot read /nonexistent/file.wiki"), std::string::npos) << missing.err;
  EXPECT_EQ(run_binary("wiki").exit_code, 2);
}

}  // namespace
}  // namespace bgm::itest
