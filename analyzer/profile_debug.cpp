#include "analyzer/profile_debug.h"

#include <algorithm>
#include <sstream>
#include <vector>

namespace proflens {

namespace {

// The frames of one location, outermost first (lines are stored innermost first).
void AppendFrames(const Profile& p, const Location& loc, std::vector<std::string>& frames) {
  std::span<const Line> lines = p.LinesOf(loc);
  if (lines.empty()) {
    std::ostringstream address;
    address << "0x" << std::hex << loc.address;
    frames.push_back(address.str());
    return;
  }
  for (size_t i = lines.size(); i-- > 0;) {
    const Line& line = lines[i];
    std::string frame = line.function == kNoId ? "?" : std::string(p.str(p.functions[line.function].name));
    if (line.line != 0) frame += ":" + std::to_string(line.line);
    frames.push_back(std::move(frame));
  }
}

Status Broken(const std::string& what) { return Status::Input("internal error: the model is broken: " + what); }

}  // namespace

std::string DebugString(const Profile& p) {
  std::ostringstream out;
  out << "sample types:";
  const int default_index = p.sample_types.empty() ? -1 : p.DefaultSampleIndex();
  for (size_t t = 0; t < p.sample_types.size(); ++t) {
    out << ' ' << p.str(p.sample_types[t].type) << '/' << p.str(p.sample_types[t].unit)
        << (static_cast<int>(t) == default_index ? "*" : "");
  }
  out << '\n';
  if (p.period != 0) out << "period: " << p.period << ' ' << p.str(p.period_type.type) << '/' << p.str(p.period_type.unit) << '\n';
  if (p.time_nanos != 0) out << "time: " << p.time_nanos << '\n';
  if (p.duration_nanos != 0) out << "duration: " << p.duration_nanos << '\n';
  for (StringId c : p.comments) out << "comment: " << p.str(c) << '\n';
  std::vector<std::string> lines;
  for (size_t s = 0; s < p.samples.size(); ++s) {
    std::ostringstream line;
    for (int64_t v : p.ValuesOf(s)) line << v << ' ';
    std::vector<std::string> frames;
    const StackView stack = p.StackOf(p.samples[s].stack);
    for (size_t i = stack.size(); i-- > 0;) AppendFrames(p, p.locations[stack[i]], frames);
    for (size_t i = 0; i < frames.size(); ++i) line << (i == 0 ? "" : ";") << frames[i];
    for (const Label& l : p.LabelsOf(p.samples[s].labels)) {
      line << " [" << p.str(l.key) << '=';
      if (l.str != 0) {
        line << p.str(l.str);
      } else {
        line << l.num << (l.num_unit != 0 ? std::string(p.str(l.num_unit)) : "");
      }
      line << ']';
    }
    lines.push_back(line.str());
  }
  // Samples in a canonical order: readers may number stacks differently.
  std::sort(lines.begin(), lines.end());
  for (const std::string& l : lines) out << l << '\n';
  return out.str();
}

std::string DebugString(const CallGraph& graph) {
  std::ostringstream out;
  auto row = [&out](const std::vector<int64_t>& values) {
    for (int64_t v : values) out << ' ' << v;
  };
  for (const CallGraphNode& n : graph.nodes) {
    out << n.name << " flat";
    row(n.flat);
    out << " cum";
    row(n.cum);
    out << '\n';
  }
  for (const CallGraphEdge& e : graph.edges) {
    out << e.caller << " -> " << e.callee;
    row(e.weight);
    for (uint8_t f : e.flags) out << " f" << int{f};
    out << '\n';
  }
  return out.str();
}

std::string DebugString(const GraphProfile& profile) {
  std::ostringstream out;
  const CallGraph& g = *profile.graph;
  out << profile.format << " total " << (g.totals.empty() ? 0 : g.totals[0]) << "\n";
  for (const CallGraphNode& n : g.nodes) {
    out << n.name << " | " << n.info.file << ":" << n.info.start_line << " flat " << n.flat[0] << " cum " << n.cum[0]
        << " calls " << n.calls << "/" << n.primitive_calls << "\n";
  }
  for (const CallGraphEdge& e : g.edges) {
    out << e.caller << " -> " << e.callee << " " << e.weight[0] << " calls " << e.calls << " flags " << int{e.flags[0]}
        << "\n";
  }
  return out.str();
}

Status CheckValid(const Profile& p) {
  const size_t strings = p.strings.size();
  if (strings == 0 || !p.strings[0].empty()) return Broken("strings[0] is not \"\"");
  auto string_ok = [strings](StringId id) { return id < strings; };
  for (const ValueType& t : p.sample_types) {
    if (!string_ok(t.type) || !string_ok(t.unit)) return Broken("a sample type refers to a missing string");
  }
  if (!string_ok(p.default_sample_type) || !string_ok(p.period_type.type) || !string_ok(p.period_type.unit) ||
      !string_ok(p.drop_frames) || !string_ok(p.keep_frames)) {
    return Broken("a header field refers to a missing string");
  }
  for (StringId c : p.comments) {
    if (!string_ok(c)) return Broken("a comment refers to a missing string");
  }
  for (size_t m = 0; m < p.mappings.size(); ++m) {
    if (!string_ok(p.mappings[m].file) || !string_ok(p.mappings[m].build_id)) {
      return Broken("mapping " + std::to_string(m) + " refers to a missing string");
    }
  }
  for (size_t f = 0; f < p.functions.size(); ++f) {
    const Function& fn = p.functions[f];
    if (!string_ok(fn.name) || !string_ok(fn.system_name) || !string_ok(fn.filename)) {
      return Broken("function " + std::to_string(f) + " refers to a missing string");
    }
  }
  for (size_t l = 0; l < p.lines.size(); ++l) {
    if (p.lines[l].function != kNoId && p.lines[l].function >= p.functions.size()) {
      return Broken("line " + std::to_string(l) + " refers to a missing function");
    }
  }
  for (size_t l = 0; l < p.locations.size(); ++l) {
    const Location& loc = p.locations[l];
    if (loc.mapping != kNoId && loc.mapping >= p.mappings.size()) {
      return Broken("location " + std::to_string(l) + " refers to a missing mapping");
    }
    if (uint64_t{loc.first_line} + loc.line_count > p.lines.size()) {
      return Broken("location " + std::to_string(l) + "'s lines run past the end");
    }
  }
  for (size_t s = 0; s < p.stacks.size(); ++s) {
    if (uint64_t{p.stacks[s].first} + p.stacks[s].size > p.stack_locations.size()) {
      return Broken("stack " + std::to_string(s) + " runs past the end");
    }
  }
  for (LocationId l : p.stack_locations.View(0, p.stack_locations.size())) {
    if (l >= p.locations.size()) return Broken("a stack refers to a missing location");
  }
  if (p.label_sets.empty() || p.label_sets[0].size != 0) return Broken("label set 0 is not the empty set");
  for (const LabelSet& set : p.label_sets) {
    if (uint64_t{set.first} + set.size > p.labels.size()) return Broken("a label set runs past the end");
  }
  for (const Label& l : p.labels) {
    if (!string_ok(l.key) || !string_ok(l.str) || !string_ok(l.num_unit)) return Broken("a label refers to a missing string");
  }
  if (p.sample_values.size() != p.samples.size() * p.sample_types.size()) {
    return Broken("there are " + std::to_string(p.sample_values.size()) + " sample values for " +
                  std::to_string(p.samples.size()) + " samples of " + std::to_string(p.sample_types.size()) + " types");
  }
  for (size_t s = 0; s < p.samples.size(); ++s) {
    if (p.samples[s].stack >= p.stacks.size() || p.samples[s].labels >= p.label_sets.size()) {
      return Broken("sample " + std::to_string(s) + " refers to a missing stack or label set");
    }
  }
  return Status::Ok();
}

Status CheckValid(const GraphProfile& profile) {
  if (profile.graph == nullptr) return Broken("a graph profile has no graph");
  PROFLENS_RETURN_IF_ERROR(CheckValid(profile.header));
  const CallGraph& g = *profile.graph;
  const size_t types = g.sample_types.size();
  if (types != profile.header.sample_types.size()) return Broken("the graph and its header have different sample types");
  if (g.totals.size() != types) return Broken("the graph has " + std::to_string(g.totals.size()) + " totals for " + std::to_string(types) + " types");
  for (size_t n = 0; n < g.nodes.size(); ++n) {
    if (g.nodes[n].flat.size() != types || g.nodes[n].cum.size() != types) {
      return Broken("node " + std::to_string(n) + " has the wrong number of values");
    }
  }
  for (size_t e = 0; e < g.edges.size(); ++e) {
    const CallGraphEdge& edge = g.edges[e];
    if (edge.caller >= g.nodes.size() || edge.callee >= g.nodes.size()) {
      return Broken("edge " + std::to_string(e) + " refers to a missing node");
    }
    if (edge.weight.size() != types || edge.flags.size() != types) {
      return Broken("edge " + std::to_string(e) + " has the wrong number of values");
    }
  }
  return Status::Ok();
}

}  // namespace proflens
