#include "formats/output/traces_text.h"

#include <string_view>

#include "analyzer/text.h"

namespace proflens {

namespace {

constexpr std::string_view kRule = "-----------+-------------------------------------------------------\n";

}  // namespace

void WriteTracesText(const TracesReport& report, std::ostream& out) {
  for (const std::string& line : report.labels) out << line << '\n';
  // pprof joins the legend lines and prints them with a newline: an empty
  // legend is an empty line.
  if (report.labels.empty()) out << '\n';
  for (const Trace& trace : report.traces) {
    out << kRule;
    for (const TraceLabel& label : trace.labels) {
      out << PadLeft(label.key, 10) << ":  " << label.values << '\n';
    }
    for (size_t i = 0; i < trace.frames.size(); ++i) {
      out << PadLeft(i == 0 ? report.FormatValue(trace.value) : std::string(), 10) << "   " << trace.frames[i].name << (trace.frames[i].inlined ? " (inline)" : "") << '\n';
    }
  }
  out << kRule;
}

}  // namespace proflens
