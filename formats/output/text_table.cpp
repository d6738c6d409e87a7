#include "formats/output/text_table.h"

#include <cstdio>

#include "analyzer/profile.h"
#include "analyzer/shown_text.h"
#include "analyzer/units.h"

namespace proflens {

void WriteTopText(const TopReport& report, std::ostream& out) {
  for (const std::string& label : report.labels) out << TerminalText(label) << '\n';
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
    out << "  " << TerminalText(row.name);
    if (!row.inline_label.empty()) out << ' ' << row.inline_label;
    out << '\n';
  }
}

void WritePeekText(const PeekReport& report, std::ostream& out) {
  const char* kSeparator = "----------------------------------------------------------+-------------";
  for (const std::string& label : report.labels) out << TerminalText(label) << '\n';
  out << kSeparator << '\n';
  // pprof names the arc column "calls"; a graph profile's arcs carry time,
  // and their call counts follow the names (total/primitive, as pstats).
  out << (report.has_calls ? "      flat  flat%   sum%        cum   cum%    time  time% + context  [calls]\n"
                           : "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t \n");
  auto calls = [](int64_t total, int64_t primitive) {
    std::string text = std::to_string(total);
    if (primitive >= 0 && primitive != total) text += "/" + std::to_string(primitive);
    return " [" + text + " calls]";
  };
  char buf[512];
  auto link = [&](const PeekLink& l, int64_t cum) {
    std::snprintf(buf, sizeof buf, "%50s %s |   ", report.FormatValue(l.weight).c_str(), Percentage(l.weight, cum).c_str());
    out << buf << TerminalText(l.name) << (l.inline_call ? " (inline)" : "");
    if (l.calls >= 0) out << calls(l.calls, l.primitive_calls);
    out << '\n';
  };
  for (const PeekEntry& e : report.entries) {
    out << kSeparator << '\n';
    for (const PeekLink& l : e.callers) link(l, e.cum);
    std::snprintf(buf, sizeof buf, "%10s %s %s %10s %s                | ", report.FormatValue(e.flat).c_str(),
                  Percentage(e.flat, report.total).c_str(), Percentage(e.sum, report.total).c_str(),
                  report.FormatValue(e.cum).c_str(), Percentage(e.cum, report.total).c_str());
    out << buf << TerminalText(e.name);
    if (e.calls >= 0) out << calls(e.calls, e.primitive_calls);
    out << '\n';
    for (const PeekLink& l : e.callees) link(l, e.cum);
  }
  if (!report.entries.empty()) out << kSeparator << '\n';
}

namespace {

std::string Relative(const DiffRow& row) {
  if (row.appeared) return "new";
  if (!row.relative) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.2f%%", *row.relative * 100);
  return buf;
}

std::string SignedValue(const DiffReport& report, int64_t v, int column = -1) {
  std::string text = column < 0 ? report.FormatValue(v) : report.FormatColumn(v, column);
  return v > 0 ? "+" + text : text;
}

}  // namespace

void WriteDiffText(const DiffReport& report, const std::string& base_name, const std::string& new_name,
                   std::ostream& out) {
  auto side = [&](const char* what, const std::string& name, const DiffSide& s) {
    out << what << TerminalText(name) << ": " << s.type << ", total " << report.FormatValue(s.total) << ", ";
    if (s.functions != 0) {
      out << s.functions << " functions";
    } else {
      out << s.samples << " samples";
    }
    if (s.duration_nanos != 0) out << ", duration " << FormatDuration(s.duration_nanos);
    out << '\n';
  };
  side("Base: ", base_name, report.base);
  side("New:  ", new_name, report.current);
  int64_t change = SaturatingAdd(report.current.total, -report.base.total);
  out << "Change: " << SignedValue(report, change);
  if (report.base.total != 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " (%+.2f%%)", static_cast<double>(change) / static_cast<double>(report.base.total) * 100);
    out << buf << '\n';
  } else {
    out << " (the base total is 0: no relative change)\n";
  }
  if (report.base_scale != 1) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", report.base_scale);
    out << "Normalized: base values scaled by " << buf << " so that both totals match\n";
  }
  // Counted over every function, whatever -n shows.
  out << "Functions: " << report.functions << ", " << report.appeared << " new, " << report.vanished << " gone ("
      << report.rows.size() << " shown)\n";
  char buf[512];
  std::snprintf(buf, sizeof buf, "%11s %11s %11s %11s %11s %11s %9s  %s\n", "base flat", "base cum", "new flat",
                "new cum", "delta flat", "delta cum", "change", "function");
  out << buf;
  for (const DiffRow& r : report.rows) {
    std::snprintf(buf, sizeof buf, "%11s %11s %11s %11s %11s %11s %9s  ", report.FormatColumn(r.base_flat, 0).c_str(),
                  report.FormatColumn(r.base_cum, 1).c_str(), report.FormatColumn(r.new_flat, 2).c_str(),
                  report.FormatColumn(r.new_cum, 3).c_str(), SignedValue(report, r.delta_flat, 4).c_str(),
                  SignedValue(report, r.delta_cum, 5).c_str(), Relative(r).c_str());
    out << buf << TerminalText(r.name) << (r.appeared ? " [new]" : r.vanished ? " [gone]" : "") << '\n';
  }
}

}  // namespace proflens
