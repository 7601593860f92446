#include "bgm/cron/expression.hpp"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <vector>

namespace bgm::cron {
namespace {

std::vector<std::string> fires(std::string_view expr, std::string_view zone, std::string_view from, int count) {
  auto e = Expression::parse(expr);
  EXPECT_TRUE(e) << expr << ": " << e.error().message;
  if (!e) return {};
  auto tz = find_zone(zone);
  EXPECT_TRUE(tz);
  auto t = parse_rfc3339(from);
  EXPECT_TRUE(t);
  std::vector<std::string> out;
  auto at = *t;
  for (int i = 0; i < count; ++i) {
    auto next = e->next_after(at, **tz);
    EXPECT_TRUE(next) << next.error().message;
    if (!next) break;
    out.push_back(format_utc(*next));
    at = *next;
  }
  return out;
}

using V = std::vector<std::string>;

// 2026-03-01T18:59:55Z is 2026-03-02 02:59:55 in Asia/Shanghai (UTC+8, no DST).
TEST(CronDefaults, EveryDefaultExpressionInShanghai) {
  const char* from = "2026-03-01T18:59:55Z";
  EXPECT_EQ(fires("*/10 * * * * *", "Asia/Shanghai", from, 3),
            (V{"2026-03-01T19:00:00Z", "2026-03-01T19:00:10Z", "2026-03-01T19:00:20Z"}));
  EXPECT_EQ(fires("0 0 3 * * *", "Asia/Shanghai", from, 2), (V{"2026-03-01T19:00:00Z", "2026-03-02T19:00:00Z"}));
  EXPECT_EQ(fires("0 */10 * * * *", "Asia/Shanghai", from, 3),
            (V{"2026-03-01T19:00:00Z", "2026-03-01T19:10:00Z", "2026-03-01T19:20:00Z"}));
  EXPECT_EQ(fires("*/10 * * * *", "Asia/Shanghai", from, 2), (V{"2026-03-01T19:00:00Z", "2026-03-01T19:10:00Z"}));
  EXPECT_EQ(fires("0 0 4 * * *", "Asia/Shanghai", from, 2), (V{"2026-03-01T20:00:00Z", "2026-03-02T20:00:00Z"}));
  EXPECT_EQ(fires("0 0 5 * * *", "Asia/Shanghai", from, 1), (V{"2026-03-01T21:00:00Z"}));
  EXPECT_EQ(fires("0 0 6 * * *", "Asia/Shanghai", from, 1), (V{"2026-03-01T22:00:00Z"}));
  EXPECT_EQ(fires("0 0 7 * * *", "Asia/Shanghai", from, 1), (V{"2026-03-01T23:00:00Z"}));
}

TEST(CronSemantics, NextIsStrictlyAfter) {
  EXPECT_EQ(fires("0 0 3 * * *", "Asia/Shanghai", "2026-03-01T19:00:00Z", 1), (V{"2026-03-02T19:00:00Z"}));
  EXPECT_EQ(fires("0 0 3 * * *", "Asia/Shanghai", "2026-03-01T18:59:59.999Z", 1), (V{"2026-03-01T19:00:00Z"}));
  EXPECT_EQ(fires("0 0 3 * * *", "Asia/Shanghai", "2026-03-02T02:00:00+08:00", 1), (V{"2026-03-01T19:00:00Z"}));
}

TEST(CronSemantics, RangesListsNamesAndSteps) {
  // 2026-03-05 is a Thursday.
  EXPECT_EQ(fires("0 0 12 * * mon-wed", "UTC", "2026-03-05T00:00:00Z", 4),
            (V{"2026-03-09T12:00:00Z", "2026-03-10T12:00:00Z", "2026-03-11T12:00:00Z", "2026-03-16T12:00:00Z"}));
  EXPECT_EQ(fires("0 30 9 1,15 JAN,jul *", "UTC", "2026-01-01T10:00:00Z", 4),
            (V{"2026-01-15T09:30:00Z", "2026-07-01T09:30:00Z", "2026-07-15T09:30:00Z", "2027-01-01T09:30:00Z"}));
  EXPECT_EQ(fires("0 0 0 */10 * *", "UTC", "2026-01-01T00:00:00Z", 4),
            (V{"2026-01-11T00:00:00Z", "2026-01-21T00:00:00Z", "2026-01-31T00:00:00Z", "2026-02-01T00:00:00Z"}));
  EXPECT_EQ(fires("5/15 * * * * *", "UTC", "2026-01-01T00:00:00Z", 5),
            (V{"2026-01-01T00:00:05Z", "2026-01-01T00:00:20Z", "2026-01-01T00:00:35Z", "2026-01-01T00:00:50Z",
               "2026-01-01T00:01:05Z"}));
  EXPECT_EQ(fires("0 10-40/15 * * * *", "UTC", "2026-01-01T00:00:00Z", 4),
            (V{"2026-01-01T00:10:00Z", "2026-01-01T00:25:00Z", "2026-01-01T00:40:00Z", "2026-01-01T01:10:00Z"}));
  EXPECT_EQ(fires("0 0 8-9,17 * * *", "UTC", "2026-01-01T00:00:00Z", 4),
            (V{"2026-01-01T08:00:00Z", "2026-01-01T09:00:00Z", "2026-01-01T17:00:00Z", "2026-01-02T08:00:00Z"}));
}

TEST(CronSemantics, WeekdaysZeroAndSevenAreSundayAndStepsStartAtZero) {
  // 2026-03-01 is a Sunday.
  EXPECT_EQ(fires("0 0 0 * * 7", "UTC", "2026-03-01T00:00:00Z", 2), (V{"2026-03-08T00:00:00Z", "2026-03-15T00:00:00Z"}));
  EXPECT_EQ(fires("0 0 0 * * 0", "UTC", "2026-03-01T00:00:00Z", 2), (V{"2026-03-08T00:00:00Z", "2026-03-15T00:00:00Z"}));
  EXPECT_EQ(fires("0 0 0 * * */2", "UTC", "2026-03-01T00:00:00Z", 4),
            (V{"2026-03-03T00:00:00Z", "2026-03-05T00:00:00Z", "2026-03-07T00:00:00Z", "2026-03-08T00:00:00Z"}));
}

TEST(CronSemantics, DayOfMonthOrDayOfWeekRule) {
  EXPECT_EQ(fires("0 0 0 13 * 5", "UTC", "2026-04-01T00:00:00Z", 4),
            (V{"2026-04-03T00:00:00Z", "2026-04-10T00:00:00Z", "2026-04-13T00:00:00Z", "2026-04-17T00:00:00Z"}));
  // 1-31 counts as unrestricted: Mondays only.
  EXPECT_EQ(fires("0 0 0 1-31 * 1", "UTC", "2026-03-01T00:00:00Z", 2), (V{"2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z"}));
}

TEST(CronSemantics, PresetsAndFebruary29) {
  EXPECT_EQ(fires("@yearly", "UTC", "2026-06-01T00:00:00Z", 1), (V{"2027-01-01T00:00:00Z"}));
  EXPECT_EQ(fires("@weekdays", "UTC", "2026-03-06T12:00:00Z", 2), (V{"2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z"}));
  EXPECT_EQ(fires("@weekends", "UTC", "2026-03-02T00:00:00Z", 2), (V{"2026-03-07T00:00:00Z", "2026-03-08T00:00:00Z"}));
  EXPECT_EQ(fires("@hourly", "UTC", "2026-03-02T00:00:00Z", 1), (V{"2026-03-02T01:00:00Z"}));
  EXPECT_EQ(fires("0 0 12 29 2 *", "UTC", "2026-01-01T00:00:00Z", 2), (V{"2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z"}));
}

TEST(CronDst, NewYorkGapFiresOnceAtTheEndOfTheGap) {
  // 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z): 02:30 does not exist that day.
  EXPECT_EQ(fires("0 30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 2),
            (V{"2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"}));
  // Every 10 minutes: the gap's times all map to 03:00 EDT, which fires once.
  EXPECT_EQ(fires("0 */10 * * * *", "America/New_York", "2026-03-08T06:45:00Z", 4),
            (V{"2026-03-08T06:50:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:10:00Z", "2026-03-08T07:20:00Z"}));
}

TEST(CronDst, NewYorkOverlapFiresOnceAtFirstOccurrence) {
  // 2026-11-01 02:00 EDT -> 01:00 EST: 01:30 happens twice (05:30Z and 06:30Z).
  EXPECT_EQ(fires("0 30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 2),
            (V{"2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"}));
  EXPECT_EQ(fires("0 */30 * * * *", "America/New_York", "2026-11-01T05:00:00Z", 2),
            (V{"2026-11-01T05:30:00Z", "2026-11-01T07:00:00Z"}));
  // Starting inside the repeated hour does not fire its times again.
  EXPECT_EQ(fires("0 30 1 * * *", "America/New_York", "2026-11-01T06:10:00Z", 1), (V{"2026-11-02T06:30:00Z"}));
}

TEST(CronDst, BerlinGapAndOverlap) {
  // 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z).
  EXPECT_EQ(fires("0 15 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 2),
            (V{"2026-03-29T01:00:00Z", "2026-03-30T00:15:00Z"}));
  // 2026-10-25 03:00 CEST -> 02:00 CET: 02:15 happens at 00:15Z and 01:15Z.
  EXPECT_EQ(fires("0 15 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 2),
            (V{"2026-10-25T00:15:00Z", "2026-10-26T01:15:00Z"}));
}

TEST(CronErrors, NameTheProblem) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"* * * *", "Too few fields"},
      {"* * * * * * *", "Too many fields"},
      {"60 * * * * *", "field second: value 60 out of range [0-59]"},
      {"* * * 0 * *", "field day of month: value 0 out of range [1-31]"},
      {"* * * * * 8", "field day of week: value 8 out of range [0-7]"},
      {"* * * * 13 *", "field month: value 13 out of range [1-12]"},
      {"*/0 * * * * *", "field second: step 0"},
      {"5-1 * * * * *", "goes backwards"},
      {"0 0 0 1 JANUARY *", "unknown name \"UARY\""},
      {"0 0 0 L * *", "unknown name \"L\""},
      {"0 0 0 ? * *", "is not a number"},
      {"0 0 0 * * 1#2", "is not a number"},
      {"1* * * * * *", "'*' must stand alone"},
      {"1,,2 * * * * *", "empty list element"},
      {"0 0 0 30 2 *", "never fires"},
      {"0 0 0 31 4,6,9,11 *", "never fires"},
  };
  for (const auto& [expr, message] : cases) {
    auto e = Expression::parse(expr);
    ASSERT_FALSE(e) << expr;
    EXPECT_NE(e.error().message.find(message), std::string::npos) << expr << " -> " << e.error().message;
  }
  // 30 February with a weekday restriction is fine: the OR rule still fires.
  EXPECT_TRUE(Expression::parse("0 0 0 30 2 1"));
}

TEST(CronErrors, ZonesAndDates) {
  EXPECT_FALSE(find_zone("Mars/Olympus_Mons"));
  EXPECT_TRUE(find_zone("Asia/Shanghai"));
  EXPECT_FALSE(parse_rfc3339("2026-03-01 19:00"));
  EXPECT_FALSE(parse_rfc3339("yesterday"));
  EXPECT_TRUE(parse_rfc3339("2026-03-01T19:00:00.250+08:00"));
}

}  // namespace
}  // namespace bgm::cron
