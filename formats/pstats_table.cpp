#include "formats/pstats_table.h"

#include <cstdio>
#include <string>

#include "analyzer/pstats_time.h"

namespace proflens {

namespace {

void Seconds(double seconds, std::ostream& out) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%8.3f ", seconds);
  out << buf;
}

}  // namespace

void WritePstatsText(const TopReport& report, std::ostream& out) {
  const PstatsSummary& s = *report.pstats;
  out << "         " << s.total_calls << " function calls ";
  if (s.total_calls != s.primitive_calls) out << "(" << s.primitive_calls << " primitive calls) ";
  char total[64];
  std::snprintf(total, sizeof total, "in %.3f seconds\n\n", s.total_seconds);
  out << total;
  if (report.rows.empty()) return;
  out << "   Ordered by: " << s.order << '\n';
  if (report.rows.size() != s.functions) {
    out << "   List reduced from " << s.functions << " to " << report.rows.size() << " due to restriction <"
        << report.node_count << ">\n";
  }
  out << "\n   ncalls  tottime  percall  cumtime  percall filename:lineno(function)\n";
  for (const TopRow& row : report.rows) {
    std::string calls = std::to_string(row.calls);
    if (row.calls != row.primitive_calls) calls += "/" + std::to_string(row.primitive_calls);
    if (calls.size() < 9) calls.insert(0, 9 - calls.size(), ' ');
    out << calls << ' ';
    double tottime = PstatsSeconds(row.flat), cumtime = PstatsSeconds(row.cum);
    Seconds(tottime, out);
    if (row.calls == 0) {
      out << "         ";
    } else {
      Seconds(tottime / static_cast<double>(row.calls), out);
    }
    Seconds(cumtime, out);
    if (row.primitive_calls == 0) {
      out << "         ";
    } else {
      Seconds(cumtime / static_cast<double>(row.primitive_calls), out);
    }
    out << row.name << '\n';
  }
  out << "\n\n";
}

}  // namespace proflens
