#include "formats/output/trend_output.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "analyzer/units.h"
#include "formats/output/json_writer.h"

namespace proflens {

std::string FormatUtcTime(int64_t time_nanos) {
  // Floored, so times before 1970 count back from the second before.
  int64_t seconds = time_nanos / 1000000000, nanos = time_nanos % 1000000000;
  if (nanos < 0) {
    --seconds;
    nanos += 1000000000;
  }
  const int64_t millis = nanos / 1000000;
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%03d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return buf;
}

namespace {

int64_t Span(const TrendReport& report) {
  return report.points.empty() ? 0 : report.points.back().time_nanos - report.points.front().time_nanos;
}

}  // namespace

void WriteTrendText(const TrendReport& report, std::ostream& out) {
  // One unit for every value, as pprof's tables choose it.
  int64_t smallest = 0, largest = 0;
  for (const TrendPoint& p : report.points) {
    const int64_t v = p.value < 0 ? -p.value : p.value;
    if (v != 0 && (smallest == 0 || v < smallest)) smallest = v;
    largest = std::max(largest, v);
  }
  const std::string unit = ChooseReportUnit(smallest, largest, report.unit);
  std::vector<std::string> values, elapsed;
  size_t value_width = report.sample_type.size(), elapsed_width = 7;
  bool any_file_time = false;
  for (const TrendPoint& p : report.points) {
    values.push_back(ScaledLabel(p.value, report.unit, unit));
    elapsed.push_back(FormatDuration(p.time_nanos - report.points.front().time_nanos));
    value_width = std::max(value_width, values.back().size());
    elapsed_width = std::max(elapsed_width, elapsed.back().size());
    any_file_time = any_file_time || p.time_from_file;
  }
  auto pad = [](const std::string& s, size_t width) { return std::string(width > s.size() ? width - s.size() : 0, ' ') + s; };
  out << "time (UTC)               " << pad("elapsed", elapsed_width) << "  " << pad(report.sample_type, value_width) << "  file\n";
  for (size_t i = 0; i < report.points.size(); ++i) {
    const TrendPoint& p = report.points[i];
    out << FormatUtcTime(p.time_nanos) << (p.time_from_file ? '*' : ' ') << ' ' << pad(elapsed[i], elapsed_width) << "  "
        << pad(values[i], value_width) << "  " << p.name << '\n';
  }
  out << "growth: " << FormatGrowth(report) << " (least squares over " << report.points.size() << " profiles, "
      << FormatDuration(Span(report)) << ")\n";
  if (any_file_time) out << "* the file's modification time: its format records no time\n";
}

void WriteTrendJson(const TrendReport& report, std::ostream& out) {
  std::string json;
  JsonWriter w(&json);
  w.BeginObject();
  w.Member("sample_type", report.sample_type);
  w.Member("unit", report.unit);
  w.Key("points");
  w.BeginArray();
  for (const TrendPoint& p : report.points) {
    w.BeginObject();
    w.Member("file", p.name);
    w.Member("time", FormatUtcTime(p.time_nanos));
    w.Member("time_nanos", p.time_nanos);
    w.Key("time_from_file");
    w.Bool(p.time_from_file);
    w.Member("value", p.value);
    w.EndObject();
  }
  w.EndArray();
  w.Key("growth_per_hour");
  w.Double(report.growth_per_hour);
  w.Member("growth", FormatGrowth(report));
  w.EndObject();
  out << json << '\n';
}

}  // namespace proflens
