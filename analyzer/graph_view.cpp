#include "analyzer/graph_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "analyzer/graph_input.h"
#include "analyzer/shown_text.h"
#include "analyzer/symbol_names.h"
#include "analyzer/units.h"

namespace proflens {

namespace {

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// Graphviz escString for literal text: backslashes doubled, line breaks left-justified.
std::string EscapeLabelText(std::string_view text) {
  return ReplaceAll(ReplaceAll(std::string(text), "\\", "\\\\"), "\n", "\\l");
}


// A name that holds its file, split where it reads well and never inside
// the file: pstats's "file:line(function)" as "file:line" over "function",
// a Python sampler's "function (file)" as "function" over "(file)". Empty
// for every other name.
std::string SplitNameWithFile(std::string_view name) {
  if (name.ends_with(')')) {
    size_t open = name.rfind(" (");
    if (open != std::string_view::npos && open > 0) {
      return EscapeLabelText(name.substr(0, open)) + "\\n" + EscapeLabelText(name.substr(open + 1));
    }
    open = name.rfind('(');
    size_t colon = open == std::string_view::npos ? open : name.rfind(':', open);
    if (colon != std::string_view::npos && colon > 0 && colon + 1 < open &&
        name.substr(colon + 1, open - colon - 1).find_first_not_of("0123456789") == std::string_view::npos) {
      return EscapeLabelText(name.substr(0, open)) + "\\n" + EscapeLabelText(name.substr(open + 1, name.size() - open - 2));
    }
  }
  return "";
}

// The node's name over several centred lines: short name split at "::" and
// "." (or, for a name holding its file, as SplitNameWithFile says), then the
// file (base name) and line where the granularity has them.
std::string MultilineName(const NodeInfo& info) {
  NodeInfo copy = info;
  // Bounded, and control characters escaped, before anything else reads
  // them (shown_text.h): XML, which Graphviz writes, cannot hold them.
  copy.name = TerminalText(info.name);
  copy.file = TerminalText(info.file);
  copy.objfile = TerminalText(info.objfile);
  std::string name = SplitNameWithFile(copy.name);
  if (name.empty()) {
    name = EscapeLabelText(ShortenFunctionName(copy.name));
    name = ReplaceAll(name, "::", "\\n");
    name = ReplaceAll(name, "[...]", "[\xe2\x80\xa6]");
    name = ReplaceAll(name, ".", "\\n");
  } else if (copy.line == 0) {
    copy.file.clear();  // the name says it already
  }
  copy.name = name;
  if (!copy.file.empty()) copy.file = std::string(BaseName(copy.file));
  // PrintableName joins its parts with spaces; the label wants one per line.
  std::vector<std::string> parts;
  if (copy.address != 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(copy.address));
    parts.push_back(buf);
  }
  if (!copy.name.empty()) parts.push_back(copy.name);
  if (copy.line != 0) {
    parts.push_back(copy.file + ":" + std::to_string(copy.line));
  } else if (!copy.file.empty()) {
    parts.push_back(copy.file);
  } else if (copy.name.empty()) {
    parts.push_back(copy.objfile.empty() ? "<unknown>" : "[" + std::string(BaseName(copy.objfile)) + "]");
  }
  std::string out;
  for (const std::string& p : parts) out += p + "\\n";
  return out;
}


// pprof's tag order: by cum (unless ordering by flat), then flat, then name.
void SortTags(std::vector<NodeTag>& tags, int t, bool flat) {
  std::stable_sort(tags.begin(), tags.end(), [&](const NodeTag& a, const NodeTag& b) {
    if (!flat && a.cum[t] != b.cum[t]) return std::llabs(a.cum[t]) > std::llabs(b.cum[t]);
    if (a.flat[t] != b.flat[t]) return std::llabs(a.flat[t]) > std::llabs(b.flat[t]);
    return a.name < b.name;
  });
}

// More than `count` numeric tags are grouped around the `count` heaviest,
// each group shown as its value range ("1kB..4kB").
std::vector<NodeTag> CollapseTags(std::vector<NodeTag> tags, int t, size_t count, bool flat) {
  SortTags(tags, t, flat);
  if (tags.size() <= count) return tags;
  std::vector<std::vector<const NodeTag*>> groups(count);
  for (size_t i = 0; i < count; ++i) groups[i].push_back(&tags[i]);
  auto distance = [](const NodeTag& a, const NodeTag& seed) {
    double v = ScaleValue(seed.value, seed.unit, a.unit).value;
    return std::fabs(v - static_cast<double>(a.value));
  };
  for (size_t i = count; i < tags.size(); ++i) {
    size_t best = 0;
    double d = distance(tags[i], *groups[0][0]);
    for (size_t g = 1; g < count; ++g) {
      double nd = distance(tags[i], *groups[g][0]);
      if (nd < d) {
        best = g;
        d = nd;
      }
    }
    groups[best].push_back(&tags[i]);
  }
  std::vector<NodeTag> out;
  for (const auto& group : groups) {
    NodeTag merged = *group[0];
    if (group.size() == 1) {
      merged.name = ScaledLabel(merged.value, merged.unit, "auto");
      out.push_back(merged);
      continue;
    }
    const NodeTag* low = group[0];
    const NodeTag* high = group[0];
    for (size_t k = 1; k < group.size(); ++k) {
      const NodeTag* g = group[k];
      if (static_cast<int64_t>(ScaleValue(g->value, g->unit, low->unit).value) < low->value) low = g;
      if (static_cast<int64_t>(ScaleValue(g->value, g->unit, high->unit).value) > high->value) high = g;
      merged.flat[t] += g->flat[t];
      merged.cum[t] += g->cum[t];
    }
    merged.name = ScaledLabel(low->value, low->unit, "auto") + ".." + ScaledLabel(high->value, high->unit, "auto");
    out.push_back(merged);
  }
  SortTags(out, t, flat);
  return out;
}

// The nodelets of one node, in pprof's order: label-set tags (at most four),
// each followed by its numeric tags, then the numeric tags without labels.
std::vector<GraphViewNodelet> BuildNodelets(const CallGraphNode& node, int t, const std::string& id, bool flat,
                                            const ValueFormatter& format) {
  std::vector<GraphViewNodelet> out;
  std::vector<NodeTag> sets;
  for (const NodeTag& tag : node.tags) {
    if (!tag.numeric) sets.push_back(tag);
  }
  SortTags(sets, t, flat);
  if (sets.size() > static_cast<size_t>(kMaxNodelets)) sets.resize(kMaxNodelets);
  auto numeric = [&](const std::string& label_set, const std::string& source) {
    std::vector<NodeTag> values;
    for (const NodeTag& tag : node.tags) {
      if (tag.numeric && tag.label_set == label_set) values.push_back(tag);
    }
    if (values.empty()) return;
    std::vector<NodeTag> shown = CollapseTags(values, t, kMaxNodelets, flat);
    for (size_t j = 0; j < shown.size(); ++j) {
      bool by_flat = flat || shown[j].flat[t] == shown[j].cum[t];
      int64_t w = by_flat ? shown[j].flat[t] : shown[j].cum[t];
      if (w == 0) continue;
      out.push_back({"N" + source + "_" + std::to_string(j), source, TerminalText(shown[j].name), format(w), !by_flat});
    }
  };
  for (size_t i = 0; i < sets.size(); ++i) {
    int64_t w = flat ? sets[i].flat[t] : sets[i].cum[t];
    if (w == 0) continue;
    std::string nodelet = id + "_" + std::to_string(i);
    out.push_back({nodelet, id, TerminalText(sets[i].name), format(w), false});
    numeric(sets[i].name, nodelet);
  }
  numeric("", id);
  return out;
}

}  // namespace

std::string ShareColor(double score, bool background) {
  const double shift = 0.7;
  double saturation = background ? 0.1 : 1.0;
  double value = background ? 0.93 : 0.7;
  score = std::max(-1.0, std::min(1.0, score));
  if (std::fabs(score) < 0.2) saturation *= std::fabs(score) / 0.2;
  if (score > 0.0) score = std::pow(score, 1.0 - shift);
  if (score < 0.0) score = -std::pow(-score, 1.0 - shift);
  double r, g;
  if (score < 0.0) {
    g = value;
    r = value * (1 + saturation * score);
  } else {
    r = value;
    g = value * (1 - saturation * score);
  }
  double b = value * (1 - saturation);
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<unsigned>(static_cast<uint8_t>(r * 255.0)),
                static_cast<unsigned>(static_cast<uint8_t>(g * 255.0)), static_cast<unsigned>(static_cast<uint8_t>(b * 255.0)));
  return buf;
}

GraphView ComputeGraphView(const GraphBuilder& build, const GraphViewOptions& options) {
  TrimOptions trim;
  trim.sample_index = options.sample_index;
  trim.node_count = options.node_count;
  trim.node_fraction = options.node_fraction;
  trim.edge_fraction = options.edge_fraction;
  trim.order = NodeOrder::kEntropy;
  trim.remove_redundant_edges = true;
  trim.count_tags = true;
  TrimmedGraph trimmed = TrimCallGraph(build, trim);
  const CallGraph& g = trimmed.graph;
  const int t = options.sample_index;
  const SampleTypeName& type = g.sample_types[t];
  const int64_t total = g.totals[t];

  const std::string unit = ResolveReportUnit(g, trimmed.order, t, options.unit);
  ValueFormatter format = [&](int64_t v) { return ScaledLabel(v, type.unit, unit); };

  GraphView view;
  view.title = g.source.main_binary.empty() ? "unnamed" : TerminalText(BaseName(g.source.main_binary));
  view.legend = BuildProfileLabels(g.source, type, total, format);
  for (std::string& line : ActiveFilterLabels(options.active_filters)) view.legend.push_back(std::move(line));
  for (std::string& line : BuildTrimLabels(trimmed.summary, total, format)) view.legend.push_back(std::move(line));
  for (std::string& line : view.legend) line = TerminalText(line);

  std::vector<std::string> ids(g.nodes.size());
  double max_flat = trimmed.order.empty() ? 0 : std::fabs(static_cast<double>(g.nodes[trimmed.order[0]].flat[t]));
  for (uint32_t n : trimmed.order) max_flat = std::max(max_flat, std::fabs(static_cast<double>(g.nodes[n].flat[t])));
  for (size_t i = 0; i < trimmed.order.size(); ++i) {
    const CallGraphNode& node = g.nodes[trimmed.order[i]];
    const int64_t flat = node.flat[t], cum = node.cum[t];
    GraphViewNode v;
    v.id = "N" + std::to_string(i + 1);
    ids[trimmed.order[i]] = v.id;
    v.name = node.name;
    v.flat = flat;
    v.cum = cum;
    // "name\n flat (flat%)\nof cum (cum%)", as pprof labels nodes.
    std::string flat_text = format(flat);
    v.label = MultilineName(node.info);
    v.label += flat != 0 ? flat_text + " (" + TrimmedPercentage(flat, total) + ")" : "0";
    std::string cum_text = flat_text;
    if (cum != flat) {
      cum_text = format(cum);
      v.label += (flat != 0 ? "\\n" : " ") + std::string("of ") + cum_text + " (" + TrimmedPercentage(cum, total) + ")";
    }
    if (g.has_calls && node.calls >= 0) {
      v.label += "\\n" + std::to_string(node.calls) + "\xc3\x97";
    }
    if (max_flat != 0 && flat != 0 && std::fabs(static_cast<double>(flat)) <= max_flat) {
      v.font_size += static_cast<int>(std::ceil(16.0 * std::sqrt(std::fabs(static_cast<double>(flat)) / max_flat)));
    }
    v.tooltip = EscapeLabelText(TerminalText(node.name, kFullNameChars)) + " (" + cum_text + ")";
    double share = total == 0 ? 0 : static_cast<double>(cum) / std::fabs(static_cast<double>(total));
    v.color = ShareColor(share, false);
    v.fill_color = ShareColor(share, true);
    view.nodes.push_back(std::move(v));
  }

  std::vector<uint32_t> edges;
  std::vector<bool> has_out(g.nodes.size(), false);
  for (uint32_t e = 0; e < g.edges.size(); ++e) {
    if (!ids[g.edges[e].caller].empty() && !ids[g.edges[e].callee].empty()) {
      edges.push_back(e);
      has_out[g.edges[e].caller] = true;
    }
  }
  // Tags hang below a node: by flat where the node calls others, else by cum.
  std::vector<bool> has_nodelets(g.nodes.size(), false);
  for (uint32_t n : trimmed.order) {
    view.nodelets.push_back(BuildNodelets(g.nodes[n], t, ids[n], has_out[n], format));
    has_nodelets[n] = !view.nodelets.back().empty();
  }
  SortEdges(g, t, edges);
  for (uint32_t e : edges) {
    const CallGraphEdge& edge = g.edges[e];
    const int64_t w = edge.weight[t];
    GraphViewEdge v;
    v.from = ids[edge.caller];
    v.to = ids[edge.callee];
    v.value = w;
    v.residual = edge.residual(t);
    v.long_edge = has_nodelets[edge.caller];
    std::string w_text = format(w);
    v.label = " " + w_text + (edge.is_inline(t) ? "\\n (inline)" : "");
    if (edge.calls >= 0) v.label += "\\n" + std::to_string(edge.calls) + "\xc3\x97";
    if (total != 0) {
      int64_t abs_total = std::llabs(total);
      int weight = 1 + static_cast<int>(std::min<int64_t>(std::llabs(w * 100 / total), 100));
      if (weight > 1) v.weight = weight;
      int width = 1 + static_cast<int>(std::min<int64_t>(std::llabs(w * 5 / total), 5));
      if (width > 1) v.pen_width = width;
      v.color = ShareColor(static_cast<double>(w) / static_cast<double>(abs_total), false);
    }
    v.tooltip = EscapeLabelText(TerminalText(g.nodes[edge.caller].name, kFullNameChars)) + (v.residual ? " ... " : " -> ") +
                EscapeLabelText(TerminalText(g.nodes[edge.callee].name, kFullNameChars)) + " (" + w_text + ")";
    view.edges.push_back(std::move(v));
  }
  return view;
}

}  // namespace proflens
