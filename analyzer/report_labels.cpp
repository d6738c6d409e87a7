#include "analyzer/report_labels.h"

#include <cstdint>
#include <cstdlib>
#include <ctime>

#include "analyzer/symbol_names.h"
#include "analyzer/units.h"

namespace proflens {

namespace {



int64_t AbsCutoff(int64_t total, double fraction) {
  return std::llabs(static_cast<int64_t>(static_cast<double>(total) * fraction));
}

}  // namespace

std::string FormatProfileTime(int64_t time_nanos) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t seconds = static_cast<std::time_t>(time_nanos / 1000000000);
  if (time_nanos < 0 && time_nanos % 1000000000 != 0) --seconds;
  std::tm tm{};
  localtime_r(&seconds, &tm);
  char zone[64];
  std::strftime(zone, sizeof zone, "%Z", &tm);
  int hour12 = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
  char buf[128];
  std::snprintf(buf, sizeof buf, "%s %d, %d at %d:%02d%s (%s)", kMonths[tm.tm_mon], tm.tm_mday,
                tm.tm_year + 1900, hour12, tm.tm_min, tm.tm_hour < 12 ? "am" : "pm", zone);
  return buf;
}

std::vector<std::string> BuildProfileLabels(const SourceInfo& source, const SampleTypeName& type,
                                            int64_t total, const ValueFormatter& format) {
  std::vector<std::string> labels;
  if (!source.main_binary.empty()) labels.push_back("File: " + std::string(BaseName(source.main_binary)));
  if (!source.build_id.empty()) labels.push_back("Build ID: " + source.build_id);
  for (const std::string& c : source.comments) {
    if (!c.starts_with("#")) labels.push_back(c);
  }
  if (!type.type.empty()) labels.push_back("Type: " + type.type);
  if (source.time_nanos != 0) labels.push_back("Time: " + FormatProfileTime(source.time_nanos));
  if (source.duration_nanos != 0) {
    // The share of wall time is shown only for time-valued sample types.
    ScaledValue total_ns = ScaleValue(total, type.unit, "nanoseconds");
    std::string ratio;
    if (total_ns.unit == "ns" && total_ns.value != 0) {
      ratio = "(" + Percentage(static_cast<int64_t>(total_ns.value), source.duration_nanos) + ")";
    }
    labels.push_back("Duration: " + FormatDuration(source.duration_nanos) +
                     ", Total samples = " + format(total) + " " + ratio);
  }
  return labels;
}

std::vector<std::string> BuildTrimLabels(const TrimSummary& trim, int64_t total,
                                         const ValueFormatter& format) {
  std::vector<std::string> labels;
  labels.push_back("Showing nodes accounting for " + format(trim.shown_flat) + ", " +
                   TrimmedPercentage(trim.shown_flat, total) + " of " + format(total) + " total");
  if (total == INT64_MAX || total == INT64_MIN) {
    labels.push_back("Values saturated: the sum does not fit in 64 bits, so totals and percentages are not exact");
  }
  if (total == 0) return labels;
  auto dropped = [&](int count, const char* what, const char* measure, double fraction) {
    labels.push_back("Dropped " + std::to_string(count) + " " + what + (count > 1 ? "s" : "") + " (" +
                     measure + " <= " + format(AbsCutoff(total, fraction)) + ")");
  };
  if (trim.dropped_nodes > 0) dropped(trim.dropped_nodes, "node", "cum", trim.node_fraction);
  if (trim.dropped_edges > 0) dropped(trim.dropped_edges, "edge", "freq", trim.edge_fraction);
  if (trim.shown_nodes > 0 && trim.shown_nodes < trim.candidate_nodes) {
    labels.push_back("Showing top " + std::to_string(trim.shown_nodes) + " nodes out of " +
                     std::to_string(trim.candidate_nodes));
  }
  return labels;
}

}  // namespace proflens
