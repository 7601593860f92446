#pragma once
// Cron expressions with the semantics of npm `cron` 4.4.0 (spec/cron.md §4): five or
// six fields (seconds first when six), ranges, steps, lists, month and weekday names,
// 0 and 7 as Sunday, presets, and the day-of-month/day-of-week OR rule.
//
// Next fire times are computed in an IANA time zone. Across DST: a local time that
// does not exist fires once, at the first instant after the gap; a local time that
// occurs twice fires once, at its first occurrence.

#include <bitset>
#include <chrono>
#include <string>
#include <string_view>

#include "bgm/common/error.hpp"

namespace date {
class time_zone;
}

namespace bgm::cron {

using SysSeconds = std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds>;

class Expression {
 public:
  // kInvalidInput with a message naming the problem (field, value, or "never fires").
  static Result<Expression> parse(std::string_view text);

  // The first fire instant strictly after `after`. kInvalidInput when there is none
  // within the next 12 years (cannot happen for an expression that passed parse).
  Result<SysSeconds> next_after(std::chrono::system_clock::time_point after, const date::time_zone& tz) const;

  const std::string& text() const noexcept { return text_; }

 private:
  Expression() = default;
  bool day_matches(unsigned dom, unsigned dow) const noexcept;

  std::string text_;
  std::bitset<60> seconds_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;    // 1..31
  std::bitset<13> months_;  // 1..12
  std::bitset<7> weekdays_;  // 0 = Sunday
  bool days_restricted_ = false;
  bool weekdays_restricted_ = false;
};

// An IANA zone from the system tzdata, or kInvalidInput naming it.
Result<const date::time_zone*> find_zone(std::string_view name);

// RFC 3339 in UTC with whole seconds, e.g. 2026-03-01T19:00:00Z.
std::string format_utc(SysSeconds t);
// Parses RFC 3339 ("Z" or a numeric offset, optional fraction).
Result<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace bgm::cron
