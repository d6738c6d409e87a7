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

void WritePeekText(const PeekReport& report, std::ostream& out) {
  const char* kSeparator = "----------------------------------------------------------+-------------";
  for (const std::string& label : report.labels) out << label << '\n';
  out << kSeparator << '\n';
  out << "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t \n";
  char buf[512];
  auto link = [&](const PeekLink& l, int64_t cum) {
    std::snprintf(buf, sizeof buf, "%50s %s |   ", report.FormatValue(l.weight).c_str(), Percentage(l.weight, cum).c_str());
    out << buf << l.name << (l.inline_call ? " (inline)" : "");
    if (l.calls >= 0) out << " [" << l.calls << " calls]";
    out << '\n';
  };
  for (const PeekEntry& e : report.entries) {
    out << kSeparator << '\n';
    for (const PeekLink& l : e.callers) link(l, e.cum);
    std::snprintf(buf, sizeof buf, "%10s %s %s %10s %s                | ", report.FormatValue(e.flat).c_str(),
                  Percentage(e.flat, report.total).c_str(), Percentage(e.sum, report.total).c_str(),
                  report.FormatValue(e.cum).c_str(), Percentage(e.cum, report.total).c_str());
    out << buf << e.name;
    if (e.calls >= 0) out << " [" << e.calls << " calls]";
    out << '\n';
    for (const PeekLink& l : e.callees) link(l, e.cum);
  }
  if (!report.entries.empty()) out << kSeparator << '\n';
}

}  // namespace proflens
