#include "bgm/cron/expression.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <sstream>
#include <vector>

namespace bgm::cron {
namespace {

struct FieldSpec {
  std::string_view name;
  unsigned min;
  unsigned max;
};
constexpr std::array<FieldSpec, 6> kFields{{{"second", 0, 59},
                                            {"minute", 0, 59},
                                            {"hour", 0, 23},
                                            {"day of month", 1, 31},
                                            {"month", 1, 12},
                                            {"day of week", 0, 7}}};

struct Preset {
  std::string_view name;
  std::string_view expansion;
};
constexpr std::array<Preset, 9> kPresets{{{"@yearly", "0 0 0 1 1 *"},
                                          {"@monthly", "0 0 0 1 * *"},
                                          {"@weekly", "0 0 0 * * 0"},
                                          {"@daily", "0 0 0 * * *"},
                                          {"@hourly", "0 0 * * * *"},
                                          {"@minutely", "0 * * * * *"},
                                          {"@secondly", "* * * * * *"},
                                          {"@weekdays", "0 0 0 * * 1-5"},
                                          {"@weekends", "0 0 0 * * 0,6"}}};

constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                   "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> kDays{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

Error bad(std::string msg) { return invalid_input(std::move(msg)); }

// Replaces 3-letter month and day names anywhere (case-insensitive), as npm cron does;
// any letter left afterwards is an error.
Result<std::string> replace_names(std::string_view in) {
  std::string lower(in);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string out;
  for (std::size_t i = 0; i < lower.size();) {
    bool replaced = false;
    if (i + 3 <= lower.size()) {
      const auto word = std::string_view(lower).substr(i, 3);
      for (std::size_t m = 0; m < kMonths.size() && !replaced; ++m) {
        if (word == kMonths[m]) {
          out += std::to_string(m + 1);
          replaced = true;
        }
      }
      for (std::size_t d = 0; d < kDays.size() && !replaced; ++d) {
        if (word == kDays[d]) {
          out += std::to_string(d);
          replaced = true;
        }
      }
    }
    if (replaced) {
      i += 3;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(lower[i])) != 0) {
      std::size_t end = i;
      while (end < lower.size() && std::isalpha(static_cast<unsigned char>(lower[end])) != 0) ++end;
      return bad("unknown name \"" + std::string(in.substr(i, end - i)) + "\" (only 3-letter month and day names)");
    }
    out.push_back(lower[i++]);
  }
  return out;
}

Result<unsigned> number(std::string_view s, const FieldSpec& f) {
  unsigned v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
    return bad("field " + std::string(f.name) + ": \"" + std::string(s) + "\" is not a number");
  }
  if (v < f.min || v > f.max) {
    return bad("field " + std::string(f.name) + ": value " + std::to_string(v) + " out of range [" +
               std::to_string(f.min) + "-" + std::to_string(f.max) + "]");
  }
  return v;
}

// Expands one comma-separated field into the set of values it matches.
Result<std::vector<bool>> expand(std::string_view field, const FieldSpec& f) {
  std::vector<bool> set(f.max + 1, false);
  std::size_t start = 0;
  while (start <= field.size()) {
    const auto comma = field.find(',', start);
    const auto elem = field.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (elem.empty()) return bad("field " + std::string(f.name) + ": empty list element in \"" + std::string(field) + "\"");
    std::string_view range = elem;
    unsigned step = 1;
    bool stepped = false;
    if (const auto slash = elem.find('/'); slash != std::string_view::npos) {
      auto s = number(elem.substr(slash + 1), FieldSpec{f.name, 0, 1U << 30});
      if (!s) return s.error();
      if (*s == 0) return bad("field " + std::string(f.name) + ": step 0 in \"" + std::string(elem) + "\"");
      step = *s;
      stepped = true;
      range = elem.substr(0, slash);
    }
    unsigned lo = 0;
    unsigned hi = 0;
    if (range == "*") {
      lo = f.min;
      hi = f.max;
    } else if (range.find('*') != std::string_view::npos) {
      return bad("field " + std::string(f.name) + ": '*' must stand alone in \"" + std::string(elem) + "\"");
    } else if (const auto dash = range.find('-'); dash != std::string_view::npos) {
      auto a = number(range.substr(0, dash), f);
      if (!a) return a.error();
      auto b = number(range.substr(dash + 1), f);
      if (!b) return b.error();
      if (*a > *b) return bad("field " + std::string(f.name) + ": range \"" + std::string(range) + "\" goes backwards");
      lo = *a;
      hi = *b;
    } else {
      auto a = number(range, f);
      if (!a) return a.error();
      lo = *a;
      hi = stepped ? f.max : *a;  // "N/S" runs from N to the field maximum
    }
    for (unsigned v = lo; v <= hi; v += step) set[v] = true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return set;
}

constexpr unsigned kMaxDays[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

template <std::size_t N>
int next_set(const std::bitset<N>& bits, unsigned from) {
  for (unsigned i = from; i < N; ++i) {
    if (bits[i]) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

Result<Expression> Expression::parse(std::string_view text) {
  Expression e;
  e.text_ = std::string(text);
  std::string_view src = text;
  while (!src.empty() && std::isspace(static_cast<unsigned char>(src.front())) != 0) src.remove_prefix(1);
  while (!src.empty() && std::isspace(static_cast<unsigned char>(src.back())) != 0) src.remove_suffix(1);
  for (const auto& p : kPresets) {
    if (src == p.name) src = p.expansion;
  }
  auto named = replace_names(src);
  if (!named) return named.error();

  std::vector<std::string> fields;
  std::istringstream in(*named);
  for (std::string f; in >> f;) fields.push_back(f);
  if (fields.size() < 5) return bad("Too few fields");
  if (fields.size() > 6) return bad("Too many fields");
  if (fields.size() == 5) fields.insert(fields.begin(), "0");

  std::array<std::vector<bool>, 6> sets;
  for (std::size_t i = 0; i < 6; ++i) {
    auto s = expand(fields[i], kFields[i]);
    if (!s) return s.error();
    sets[i] = std::move(*s);
  }
  for (unsigned v = 0; v < 60; ++v) {
    e.seconds_[v] = sets[0][v];
    e.minutes_[v] = sets[1][v];
  }
  for (unsigned v = 0; v < 24; ++v) e.hours_[v] = sets[2][v];
  for (unsigned v = 1; v <= 31; ++v) e.days_[v] = sets[3][v];
  for (unsigned v = 1; v <= 12; ++v) e.months_[v] = sets[4][v];
  for (unsigned v = 0; v <= 7; ++v) {
    if (sets[5][v]) e.weekdays_[v % 7] = true;  // 7 is Sunday too
  }
  e.days_restricted_ = e.days_.count() != 31;
  e.weekdays_restricted_ = e.weekdays_.count() != 7;

  // With weekdays unrestricted, the chosen days must exist in some chosen month.
  if (!e.weekdays_restricted_) {
    bool possible = false;
    for (unsigned m = 1; m <= 12 && !possible; ++m) {
      if (!e.months_[m]) continue;
      for (unsigned d = 1; d <= kMaxDays[m] && !possible; ++d) possible = e.days_[d];
    }
    if (!possible) return bad("expression never fires: no selected day of month exists in the selected months");
  }
  return e;
}

bool Expression::day_matches(unsigned dom, unsigned dow) const noexcept {
  if (days_restricted_ && weekdays_restricted_) return days_[dom] || weekdays_[dow];
  if (days_restricted_) return days_[dom];
  if (weekdays_restricted_) return weekdays_[dow];
  return true;
}

Result<SysSeconds> Expression::next_after(std::chrono::system_clock::time_point after, const date::time_zone& tz) const {
  using namespace std::chrono;
  const auto after_s = floor<seconds>(after);
  auto t = tz.to_local(after_s) + seconds(1);
  const auto limit = t + days(366 * 12);
  while (t < limit) {
    const auto day = floor<days>(t);
    const date::year_month_day ymd{day};
    const auto month = static_cast<unsigned>(ymd.month());
    if (!months_[month]) {
      t = date::local_days{(ymd.year() / ymd.month() / 1) + date::months(1)};
      continue;
    }
    const auto dom = static_cast<unsigned>(ymd.day());
    if (!day_matches(dom, date::weekday{day}.c_encoding())) {
      t = day + days(1);
      continue;
    }
    const auto tod = t - day;
    const auto h = static_cast<unsigned>(duration_cast<hours>(tod).count());
    const auto m = static_cast<unsigned>(duration_cast<minutes>(tod).count() % 60);
    const auto s = static_cast<unsigned>(tod.count() % 60);
    if (!hours_[h]) {
      const int nh = next_set(hours_, h + 1);
      t = nh < 0 ? day + days(1) : day + hours(nh);
      continue;
    }
    if (!minutes_[m]) {
      const int nm = next_set(minutes_, m + 1);
      t = nm < 0 ? day + hours(h + 1) : day + hours(h) + minutes(nm);
      continue;
    }
    if (!seconds_[s]) {
      const int ns = next_set(seconds_, s + 1);
      t = ns < 0 ? day + hours(h) + minutes(m + 1) : day + hours(h) + minutes(m) + seconds(ns);
      continue;
    }
    // earliest: first occurrence of a repeated time; a time in a gap maps to the gap's end.
    const SysSeconds instant = tz.to_sys(t, date::choose::earliest);
    if (instant > after_s) return instant;
    t += seconds(1);
  }
  return bad("expression \"" + text_ + "\" does not fire within 12 years");
}

Result<const date::time_zone*> find_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return bad("unknown time zone \"" + std::string(name) + "\"");
  }
}

std::string format_utc(SysSeconds t) { return date::format("%Y-%m-%dT%H:%M:%SZ", t); }

Result<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text) {
  using namespace std::chrono;
  std::string s(text);
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) {
    s.pop_back();
    s += "+00:00";
  }
  if (s.size() > 10 && (s[10] == 't' || s[10] == ' ')) s[10] = 'T';
  std::istringstream in(s);
  date::sys_time<milliseconds> tp;
  in >> date::parse("%FT%T%Ez", tp);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
    return bad("\"" + std::string(text) + "\" is not an RFC 3339 date-time (e.g. 2026-03-01T19:00:00Z)");
  }
  return time_point_cast<system_clock::duration>(tp);
}

}  // namespace bgm::cron
