#include "formats/output/pstats_table.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "analyzer/shown_text.h"
#include "formats/python/pstats_time.h"

namespace proflens {

namespace {

void Seconds(double seconds, std::ostream& out) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%8.3f ", seconds);
  out << buf;
}

// The function's own name (pstats' key for "name"), from its standard name:
// "file:line(name)", or a builtin's "{name}" (whose name is "<name>").
std::string FunctionName(const NodeInfo& info) {
  const std::string& std_name = info.name;
  if (info.file == "~" && info.start_line == 0) {
    if (std_name.size() >= 2 && std_name.front() == '{' && std_name.back() == '}') {
      return "<" + std_name.substr(1, std_name.size() - 2) + ">";
    }
    return std_name;
  }
  const size_t open = info.file.size() + 1 + std::to_string(info.start_line).size();
  if (open >= std_name.size() || std_name[open] != '(' || std_name.back() != ')') return std_name;
  return std_name.substr(open + 1, std_name.size() - open - 2);
}

}  // namespace

PstatsSummary SummarizePstats(const CallGraph& graph, int t, NodeOrder order) {
  PstatsSummary summary;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    const CallGraphNode& node = graph.nodes[n];
    if (!graph.present(n, t)) continue;
    ++summary.functions;
    summary.total_calls += node.calls;
    summary.primitive_calls += node.primitive_calls;
    summary.total_seconds += PstatsSeconds(node.flat[t]);
  }
  switch (order) {
    case NodeOrder::kFlat: summary.order = "internal time"; break;
    case NodeOrder::kCum: summary.order = "cumulative time"; break;
    case NodeOrder::kCalls: summary.order = "call count"; break;
    case NodeOrder::kPrimitiveCalls: summary.order = "primitive call count"; break;
    case NodeOrder::kFile: summary.order = "file name"; break;
    case NodeOrder::kLine: summary.order = "line number"; break;
    case NodeOrder::kFunctionName: summary.order = "function name"; break;
    case NodeOrder::kNameFileLine: summary.order = "name/file/line"; break;
    default: summary.order = "standard name"; break;
  }
  return summary;
}

void SortPstatsNodes(const CallGraph& graph, int t, NodeOrder order, std::vector<uint32_t>& nodes) {
  if (order == NodeOrder::kEntropy) {
    SortNodes(graph, t, order, nodes);
    return;
  }
  std::sort(nodes.begin(), nodes.end());
  std::stable_sort(nodes.begin(), nodes.end(), [&](uint32_t l, uint32_t r) {
    const CallGraphNode& a = graph.nodes[l];
    const CallGraphNode& b = graph.nodes[r];
    switch (order) {
      case NodeOrder::kFlat: return a.flat[t] > b.flat[t];
      case NodeOrder::kCum: return a.cum[t] > b.cum[t];
      case NodeOrder::kCalls: return a.calls > b.calls;
      case NodeOrder::kPrimitiveCalls: return a.primitive_calls > b.primitive_calls;
      case NodeOrder::kFile: return a.info.file < b.info.file;
      case NodeOrder::kLine: return a.info.start_line < b.info.start_line;
      case NodeOrder::kFunctionName: return FunctionName(a.info) < FunctionName(b.info);
      case NodeOrder::kNameFileLine: {
        const std::string an = FunctionName(a.info), bn = FunctionName(b.info);
        if (an != bn) return an < bn;
        if (a.info.file != b.info.file) return a.info.file < b.info.file;
        return a.info.start_line < b.info.start_line;
      }
      default: return a.name < b.name;
    }
  });
}

void WritePstatsText(const TopReport& report, const PstatsSummary& s, std::ostream& out) {
  out << "         " << s.total_calls << " function calls ";
  if (s.total_calls != s.primitive_calls) out << "(" << s.primitive_calls << " primitive calls) ";
  char total[64];
  std::snprintf(total, sizeof total, "in %.3f seconds\n\n", s.total_seconds);
  out << total;
  if (report.rows.empty()) return;
  out << "   Ordered by: " << s.order << '\n';
  // One line per restriction, as pstats prints them: the regex, then the count.
  size_t from = s.functions;
  if (!report.rows_filter.empty()) {
    out << "   List reduced from " << from << " to " << report.rows_matching << " due to restriction <'"
        << report.rows_filter << "'>\n";
    from = report.rows_matching;
  }
  if (report.rows.size() != from) {
    out << "   List reduced from " << from << " to " << report.rows.size() << " due to restriction <"
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
    out << TerminalText(row.name) << '\n';
  }
  out << "\n\n";
}

}  // namespace proflens
