#include "formats/text_table.h"

#include <cstdio>

#include "analyzer/units.h"

namespace proflens {

void WriteTopText(const TopReport& report, std::ostream& out) {
  for (const std::string& label : report.labels) out << label << '\n';
  char buf[256];
  std::snprintf(buf, sizeof buf, "%10s %5s%% %5s%% %10s %5s%%", "flat", "flat", "sum", "cum", "cum");
  out << buf;
  if (report.has_calls) {
    std::snprintf(buf, sizeof buf, " %10s", "calls");
    out << buf;
  }
  out << '\n';
  for (const TopRow& row : report.rows) {
    std::snprintf(buf, sizeof buf, "%10s %s %s %10s %s", report.FormatValue(row.flat).c_str(),
                  Percentage(row.flat, report.total).c_str(), Percentage(row.sum, report.total).c_str(),
                  report.FormatValue(row.cum).c_str(), Percentage(row.cum, report.total).c_str());
    out << buf;
    if (report.has_calls) {
      std::snprintf(buf, sizeof buf, " %10s", row.calls < 0 ? "-" : std::to_string(row.calls).c_str());
      out << buf;
    }
    out << "  " << row.name;
    if (!row.inline_label.empty()) out << ' ' << row.inline_label;
    out << '\n';
  }
}

}  // namespace proflens
