#include <string>
#include <unordered_map>

#include "analyzer/call_graph.h"
#include "formats/callgrind/callgrind.h"

namespace proflens {

namespace {

// Names go on one line, and an event name is one word.
std::string OneLine(std::string_view s, bool word) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || (word && (c == ' ' || c == '\t'))) c = word ? '_' : ' ';
  }
  return out;
}

// Writes "(id) name" the first time a name is seen in a namespace, "(id)" after.
class Compressor {
 public:
  std::string operator()(const std::string& name) {
    auto [it, added] = ids_.try_emplace(name, ids_.size() + 1);
    std::string out = "(" + std::to_string(it->second) + ")";
    // An unknown file or object is "???", as valgrind writes it (an empty
    // name would not read back).
    if (added) out += " " + (name.empty() ? std::string("???") : OneLine(name, false));
    return out;
  }

 private:
  std::unordered_map<std::string, size_t> ids_;
};

void Costs(const std::vector<int64_t>& values, std::ostream& out) {
  for (int64_t v : values) out << ' ' << (v < 0 ? 0 : v);
}

int64_t LineOf(const NodeInfo& info) { return info.line != 0 ? info.line : info.start_line; }

}  // namespace

void WriteCallgrind(const AnyProfile& profile, std::ostream& out) {
  CallGraph g = profile.BuildGraph({});
  out << "# callgrind format\nversion: 1\ncreator: proflens\npositions: line\nevents:";
  for (const SampleTypeName& t : g.sample_types) out << ' ' << OneLine(t.type, true);
  out << "\nsummary:";
  Costs(g.totals, out);
  out << "\n";
  std::vector<std::vector<uint32_t>> calls(g.nodes.size());
  for (uint32_t e = 0; e < g.edges.size(); ++e) calls[g.edges[e].caller].push_back(e);
  Compressor objects, files, functions;
  for (size_t n = 0; n < g.nodes.size(); ++n) {
    const CallGraphNode& node = g.nodes[n];
    out << '\n';
    if (!node.info.objfile.empty()) out << "ob=" << objects(node.info.objfile) << '\n';
    out << "fl=" << files(node.info.file) << "\nfn=" << functions(node.info.name) << '\n';
    out << LineOf(node.info);
    Costs(node.flat, out);
    out << '\n';
    for (uint32_t e : calls[n]) {
      const CallGraphEdge& edge = g.edges[e];
      const NodeInfo& callee = g.nodes[edge.callee].info;
      if (!callee.objfile.empty() && callee.objfile != node.info.objfile) out << "cob=" << objects(callee.objfile) << '\n';
      out << "cfl=" << files(callee.file) << "\ncfn=" << functions(callee.name) << '\n';
      // Stack profiles know no call counts: one call stands for them.
      out << "calls=" << (edge.calls > 0 ? edge.calls : 1) << ' ' << LineOf(callee) << '\n' << LineOf(node.info);
      Costs(edge.weight, out);
      out << '\n';
    }
  }
}

}  // namespace proflens
