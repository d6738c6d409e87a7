#include "formats/perf/perf_script_header.h"

#include <array>
#include <charconv>

namespace proflens {

namespace {

constexpr std::string_view kCapturedOn = "# captured on";

// Days from 1970-01-01 to year-month-day (proleptic Gregorian; month 1-12).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The next number of `text` after blanks, or -1.
int64_t Number(std::string_view& text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  int64_t value = -1;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc()) return -1;
  text.remove_prefix(static_cast<size_t>(end - text.data()));
  return value;
}

// "Sun Nov 22 03:39:30 2026", as ctime(3) writes it: seconds since the epoch, or -1.
int64_t ParseCtime(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (text.size() < 8 || text[3] != ' ') return -1;  // the weekday
  text.remove_prefix(4);
  int month = 0;
  while (month < 12 && !text.starts_with(kMonths[month])) ++month;
  if (month == 12) return -1;
  text.remove_prefix(3);
  const int64_t day = Number(text);
  const int64_t hour = Number(text);
  if (!text.starts_with(':')) return -1;
  text.remove_prefix(1);
  const int64_t minute = Number(text);
  if (!text.starts_with(':')) return -1;
  text.remove_prefix(1);
  const int64_t second = Number(text);
  const int64_t year = Number(text);
  if (day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60 ||
      year < 1970 || year > 9999) {
    return -1;
  }
  return DaysFromCivil(year, month + 1, static_cast<int>(day)) * 86400 + hour * 3600 + minute * 60 + second;
}

}  // namespace

int64_t PerfScriptCaptureTime(std::string_view text) {
  // Only the comment lines before the first sample: perf's header block.
  while (!text.empty() && text.front() == '#') {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.starts_with(kCapturedOn)) continue;
    line.remove_prefix(kCapturedOn.size());
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.starts_with(':')) return 0;
    line.remove_prefix(1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const int64_t seconds = ParseCtime(line);
    return seconds < 0 ? 0 : seconds * 1000000000;
  }
  return 0;
}

}  // namespace proflens
