#include "bgm/common/log.hpp"

#include <gtest/gtest.h>

namespace bgm::log {
namespace {

TEST(LogFormat, LogFormatWinsOverNodeEnv) {
  EXPECT_EQ(choose_format("json", std::nullopt).format, Format::kJson);
  EXPECT_EQ(choose_format("TEXT", "production").format, Format::kText);
  EXPECT_EQ(choose_format("Json", "development").format, Format::kJson);
}

TEST(LogFormat, NodeEnvProductionAndStageMeanJson) {
  EXPECT_EQ(choose_format(std::nullopt, "production").format, Format::kJson);
  EXPECT_EQ(choose_format(std::nullopt, "stage").format, Format::kJson);
  EXPECT_EQ(choose_format(std::nullopt, "development").format, Format::kText);
  EXPECT_EQ(choose_format(std::nullopt, std::nullopt).format, Format::kText);
}

TEST(LogFormat, UnknownValueFallsBackWithWarning) {
  const auto c = choose_format("yaml", "production");
  EXPECT_EQ(c.format, Format::kJson);
  EXPECT_NE(c.warning.find("yaml"), std::string::npos);
  EXPECT_TRUE(choose_format("", "production").warning.empty());
}

TEST(LogRender, TextCarriesContextAsFields) {
  const LogContext ctx{{"job", "heartbeat"}};
  EXPECT_EQ(render(Format::kText, "Job completed", ctx, {{"duration_ms", 3}, {"note", "a b"}}),
            "Job completed job=heartbeat duration_ms=3 note=\"a b\"");
}

TEST(LogRender, JsonEscapesAndKeepsNumbersRaw) {
  const LogContext ctx = LogContext{}.with("topic", "debezium.chii.bangumi.chii_members");
  EXPECT_EQ(render(Format::kJson, "bad \"msg\"\n", ctx, {{"n", 7}, {"ok", true}}),
            R"("msg":"bad \"msg\"\n","topic":"debezium.chii.bangumi.chii_members","n":7,"ok":true)");
}

}  // namespace
}  // namespace bgm::log
