#include "analyzer/diff.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "analyzer/profile_builder.h"
#include "analyzer/profile_copier.h"
#include "analyzer/sample_stacks.h"
#include "analyzer/task.h"
#include "analyzer/units.h"

namespace proflens {

namespace {

int64_t ScaleInt(int64_t v, double factor) {
  if (factor == 1) return v;
  double scaled = static_cast<double>(v) * factor;
  if (scaled >= 9.2e18) return INT64_MAX;
  if (scaled <= -9.2e18) return INT64_MIN;
  return static_cast<int64_t>(scaled);  // truncates, as pprof's Scale does
}

// Copies `src`'s samples (value `index`, times `factor`) into `b`, adding
// `extra` to every sample's labels when it is set.
void CopySamples(const Profile& src, int index, double factor, ProfileBuilder& b, const Label* extra) {
  ProfileCopier copier(src, b);
  for (MappingId m = 0; m < src.mappings.size(); ++m) copier.Mapping(m);
  auto value_of = [&](size_t s) { return ScaleInt(src.ValuesOf(s)[index], factor); };
  const std::vector<StackId> stacks = CopySampleStacks(
      src, b, [&](size_t s) { return value_of(s) != 0; }, [&](LocationId l) { return copier.Location(l); });
  std::vector<Label> labels;
  for (size_t s = 0; s < src.samples.size(); ++s) {
    if (stacks[s] == kNoId) continue;
    const int64_t value = value_of(s);
    labels.clear();
    for (Label l : src.LabelsOf(src.samples[s].labels)) {
      l.key = copier.String(l.key);
      l.str = copier.String(l.str);
      l.num_unit = copier.String(l.num_unit);
      labels.push_back(l);
    }
    if (extra != nullptr) labels.push_back(*extra);
    b.AddSample(stacks[s], b.InternLabels(labels), {&value, 1});
  }
}

// Folded stacks with fractional counts are read in thousandths of a sample:
// against whole counts, a base in thousandths is scaled by 1/1000 (and a
// whole base against thousandths by 1000).
double ThousandthsFactor(std::string_view base_unit, std::string_view new_unit) {
  const bool base_milli = base_unit == kMilliSamplesUnit, new_milli = new_unit == kMilliSamplesUnit;
  if (base_milli == new_milli || !UnitFamily(base_milli ? new_unit : base_unit).empty()) return 1;
  return base_milli ? 0.001 : 1000;
}

}  // namespace

Result<DiffPair> MatchSampleTypes(const Profile& base, const Profile& new_profile, int new_index) {
  DiffPair pair;
  pair.new_index = new_index;
  const ValueType& want = new_profile.sample_types[new_index];
  std::string_view want_type = new_profile.str(want.type), want_unit = new_profile.str(want.unit);
  if (base.sample_types.empty()) return Status::Input("the base profile has no sample types");
  int found = -1;
  for (size_t i = 0; i < base.sample_types.size(); ++i) {
    if (base.str(base.sample_types[i].type) == want_type) found = static_cast<int>(i);
  }
  if (found < 0) found = base.DefaultSampleIndex();
  std::string_view base_unit = base.str(base.sample_types[found].unit);
  std::string_view base_family = UnitFamily(base_unit), want_family = UnitFamily(want_unit);
  // Plain counts (folded stacks have no unit) compare as they are.
  if (base_family != want_family && !base_family.empty() && !want_family.empty()) {
    return Status::Input("cannot compare base sample type " + std::string(base.str(base.sample_types[found].type)) +
                         "/" + std::string(base_unit) + " with " + std::string(want_type) + "/" +
                         std::string(want_unit) + ": their units differ (choose one with --sample-index)");
  }
  pair.base_index = found;
  if (!base_family.empty() && base_family == want_family) pair.base_to_new_unit = ScaleValue(1000000, base_unit, want_unit).value / 1000000.0;
  pair.base_to_new_unit *= ThousandthsFactor(base_unit, want_unit);
  return pair;
}

Result<double> NormalizeRatio(const AnyProfile& base, const AnyProfile& new_profile, const DiffPair& pair) {
  double base_total = static_cast<double>(base.Totals()[pair.base_index]) * pair.base_to_new_unit;
  double new_total = static_cast<double>(new_profile.Totals()[pair.new_index]);
  if (base_total == 0) return Status::Usage("cannot normalize: the base profile's total is 0");
  return new_total / base_total;
}

Profile BuildDiffProfile(const Profile& base, const Profile& new_profile, const DiffPair& pair, double base_scale) {
  ProfileBuilder b;
  const ValueType& type = new_profile.sample_types[pair.new_index];
  b.AddSampleType(new_profile.str(type.type), new_profile.str(type.unit));
  Profile& p = b.profile();
  // Header fields combine as pprof merges the two: durations add up, the
  // earliest time wins.
  p.time_nanos = new_profile.time_nanos;
  if (p.time_nanos == 0 || base.time_nanos < p.time_nanos) p.time_nanos = base.time_nanos;
  p.duration_nanos = SaturatingAdd(new_profile.duration_nanos, base.duration_nanos);
  for (StringId c : new_profile.comments) p.comments.push_back(b.InternString(new_profile.str(c)));
  CopySamples(new_profile, pair.new_index, 1, b, nullptr);
  Label base_label{b.InternString(kDiffBaseLabel), b.InternString("true")};
  CopySamples(base, pair.base_index, -pair.base_to_new_unit * base_scale, b, &base_label);
  Profile out = std::move(b).Build();
  out.raw_sample_count = base.raw_sample_count + new_profile.raw_sample_count;
  return out;
}

std::vector<int64_t> DiffBaseTotals(const Profile& p) {
  std::vector<int64_t> totals(p.sample_types.size(), 0);
  for (size_t s = 0; s < p.samples.size(); ++s) {
    bool base = false;
    for (const Label& l : p.LabelsOf(p.samples[s].labels)) base |= p.str(l.key) == kDiffBaseLabel;
    if (!base) continue;
    auto values = p.ValuesOf(s);
    for (size_t t = 0; t < totals.size(); ++t) totals[t] = SaturatingAdd(totals[t], values[t] < 0 ? -values[t] : values[t]);
  }
  return totals;
}

namespace {

// A node's key without what changes between runs and edits: the start line
// of a name that embeds it ("file:line(function)" as "file(function)"), the
// address of a builtin ("{... at 0x7f...}"). `lined` tells whether a line was dropped.
std::string StableKey(const NodeInfo& info, bool* lined) {
  NodeInfo stable = info;
  *lined = false;
  const std::string prefix = info.file + ":" + std::to_string(info.start_line) + "(";
  if (info.start_line != 0 && !info.file.empty() && info.name.starts_with(prefix)) {
    stable.name = info.file + "(" + info.name.substr(prefix.size());
    stable.start_line = 0;
    stable.line = 0;
    *lined = true;
  } else if (size_t at = stable.name.find(" at 0x"); at != std::string::npos && stable.name.ends_with("}")) {
    stable.name = stable.name.substr(0, at) + "}";
  }
  return stable.Key();
}

}  // namespace

NodeMatch MatchNodes(const CallGraph& a, const CallGraph& b) {
  NodeMatch m;
  m.a.resize(a.nodes.size());
  m.b.resize(b.nodes.size());
  // Same file, line and name in both: the same function.
  std::unordered_map<std::string, size_t> exact_b;
  exact_b.reserve(b.nodes.size());
  for (size_t n = 0; n < b.nodes.size(); ++n) exact_b.emplace(b.nodes[n].info.Key(), n);
  std::vector<bool> done_a(a.nodes.size()), done_b(b.nodes.size());
  for (size_t n = 0; n < a.nodes.size(); ++n) {
    std::string key = a.nodes[n].info.Key();
    auto it = exact_b.find(key);
    if (it == exact_b.end() || done_b[it->second]) continue;
    m.b[it->second] = key;
    m.a[n] = std::move(key);
    done_a[n] = done_b[it->second] = true;
  }
  // The rest by stable key; functions with lines pair up in line order.
  std::unordered_map<std::string, std::pair<std::vector<size_t>, std::vector<size_t>>> groups;
  std::vector<std::string> order;
  auto add = [&](const CallGraph& g, const std::vector<bool>& done, std::vector<std::string>& keys, bool first) {
    for (size_t n = 0; n < g.nodes.size(); ++n) {
      if (done[n]) continue;
      bool lined = false;
      std::string key = StableKey(g.nodes[n].info, &lined);
      keys[n] = key;
      if (!lined) continue;
      auto [it, added] = groups.try_emplace(key);
      if (added) order.push_back(key);
      (first ? it->second.first : it->second.second).push_back(n);
    }
  };
  add(a, done_a, m.a, true);
  add(b, done_b, m.b, false);
  for (const std::string& key : order) {
    auto& [in_a, in_b] = groups[key];
    auto by_line = [](const CallGraph& g) {
      return [&g](size_t x, size_t y) { return g.nodes[x].info.start_line < g.nodes[y].info.start_line; };
    };
    std::sort(in_a.begin(), in_a.end(), by_line(a));
    std::sort(in_b.begin(), in_b.end(), by_line(b));
    for (size_t k = 0; k < std::max(in_a.size(), in_b.size()); ++k) {
      const std::string numbered = k == 0 ? key : key + "#" + std::to_string(k + 1);
      if (k < in_a.size()) m.a[in_a[k]] = numbered;
      if (k < in_b.size()) m.b[in_b[k]] = numbered;
    }
  }
  return m;
}

Result<DiffSort> ParseDiffSort(std::string_view name) {
  if (name == "delta" || name == "delta-cum" || name == "cum") return DiffSort::kDeltaCum;
  if (name == "delta-flat" || name == "flat") return DiffSort::kDeltaFlat;
  if (name == "relative") return DiffSort::kRelative;
  if (name == "name") return DiffSort::kName;
  return Status::Usage("unknown sort \"" + std::string(name) + "\" (expected delta-cum, delta-flat, relative or name)");
}

std::string DiffReport::FormatValue(int64_t v) const { return ScaledLabel(v, sample_type.unit, output_unit); }

std::string DiffReport::FormatColumn(int64_t v, int column) const {
  if (column_units.empty()) return FormatValue(v);
  return ScaledLabel(v, sample_type.unit, column_units[column]);
}

Status SetDiffUnits(DiffReport& report, std::string_view unit) {
  if (!IsKnownUnit(unit)) {
    return Status::Usage("unknown unit \"" + std::string(unit) + "\" (expected minimum, auto, ns, us, ms, s, B, kB, MB, GB, ...)");
  }
  report.column_units.assign(6, std::string(unit));
  if (unit == "auto") {
    report.output_unit = "auto";
    return Status::Ok();
  }
  if (unit != "minimum") {
    report.output_unit = std::string(unit);
    return Status::Ok();
  }
  report.output_unit = "auto";  // the totals: each on its own
  for (int c = 0; c < 6; ++c) {
    int64_t min_value = 0, max_value = 0;
    for (const DiffRow& r : report.rows) {
      const int64_t values[] = {r.base_flat, r.base_cum, r.new_flat, r.new_cum, r.delta_flat, r.delta_cum};
      const int64_t v = std::llabs(values[c]);
      if (v > 0 && (min_value == 0 || v < min_value)) min_value = v;
      max_value = std::max(max_value, v);
    }
    report.column_units[c] = ChooseReportUnit(min_value, max_value, report.sample_type.unit);
  }
  return Status::Ok();
}

DiffReport ComputeDiff(const AnyProfile& base_any, const AnyProfile& new_any, const DiffPair& pair,
                       const DiffOptions& options) {
  const Profile& base = base_any.header();
  const Profile& new_profile = new_any.header();
  DiffReport report;
  const ValueType& type = new_profile.sample_types[pair.new_index];
  report.sample_type = {std::string(new_profile.str(type.type)), std::string(new_profile.str(type.unit))};
  report.base_scale = options.base_scale;
  const double factor = pair.base_to_new_unit * options.base_scale;

  std::optional<CallGraph> built_old, built_new;
  {
    auto build_old = [&] {
      if (options.base_graph == nullptr) built_old = base_any.BuildGraph({options.granularity});
    };
    std::optional<Task> old_thread;
    if (options.threads > 1 && options.base_graph == nullptr && options.new_graph == nullptr) {
      old_thread.emplace(build_old);
    } else {
      build_old();
    }
    if (options.new_graph == nullptr) built_new = new_any.BuildGraph({options.granularity});
    if (old_thread) old_thread->Join();
  }
  const CallGraph& old_graph = options.base_graph != nullptr ? *options.base_graph : *built_old;
  const CallGraph& new_graph = options.new_graph != nullptr ? *options.new_graph : *built_new;
  report.base = {ScaleInt(old_graph.totals[pair.base_index], factor), base.raw_sample_count, base.duration_nanos,
                 std::string(base.str(base.sample_types[pair.base_index].type))};
  report.current = {new_graph.totals[pair.new_index], new_profile.raw_sample_count, new_profile.duration_nanos,
                    report.sample_type.type};
  if (base_any.graph() != nullptr) report.base.functions = old_graph.nodes.size();
  if (new_any.graph() != nullptr) report.current.functions = new_graph.nodes.size();

  // Rows for the union of both graphs' nodes, matched by NodeMatchKeys; a
  // row is named as the new profile names it.
  std::unordered_map<std::string, size_t> row_of;
  auto row_for = [&](const std::string& key, const CallGraphNode& n) -> DiffRow& {
    auto [it, inserted] = row_of.try_emplace(key, report.rows.size());
    if (inserted) report.rows.push_back(DiffRow{n.name});
    return report.rows[it->second];
  };
  const NodeMatch match = MatchNodes(old_graph, new_graph);
  const std::vector<std::string>& old_keys = match.a;
  const std::vector<std::string>& new_keys = match.b;
  for (size_t n = 0; n < old_graph.nodes.size(); ++n) {
    if (!old_graph.present(n, pair.base_index)) continue;
    DiffRow& row = row_for(old_keys[n], old_graph.nodes[n]);
    row.base_flat = ScaleInt(old_graph.nodes[n].flat[pair.base_index], factor);
    row.base_cum = ScaleInt(old_graph.nodes[n].cum[pair.base_index], factor);
  }
  for (size_t n = 0; n < new_graph.nodes.size(); ++n) {
    if (!new_graph.present(n, pair.new_index)) continue;
    DiffRow& row = row_for(new_keys[n], new_graph.nodes[n]);
    row.name = new_graph.nodes[n].name;
    row.new_flat = new_graph.nodes[n].flat[pair.new_index];
    row.new_cum = new_graph.nodes[n].cum[pair.new_index];
  }
  for (DiffRow& row : report.rows) {
    row.delta_flat = SaturatingAdd(row.new_flat, -row.base_flat);
    row.delta_cum = SaturatingAdd(row.new_cum, -row.base_cum);
    row.appeared = row.base_cum == 0 && row.base_flat == 0;
    row.vanished = row.new_cum == 0 && row.new_flat == 0;
    if (row.base_cum != 0) row.relative = static_cast<double>(row.delta_cum) / static_cast<double>(std::llabs(row.base_cum));
    report.appeared += row.appeared;
    report.vanished += row.vanished;
  }
  report.functions = report.rows.size();
  // Each value in the unit that fits it ("291.37ms", not "291373509ns").
  report.output_unit = "auto";
  SortDiffRows(report.rows, DiffSort::kDeltaCum);
  return report;
}

void SortDiffRows(std::vector<DiffRow>& rows, DiffSort sort) {
  // Appearing and vanishing functions have no relative change: they rank above all others.
  auto relative_rank = [](const DiffRow& r) {
    return r.relative ? std::fabs(*r.relative) : std::numeric_limits<double>::infinity();
  };
  std::sort(rows.begin(), rows.end(), [&](const DiffRow& a, const DiffRow& b) {
    switch (sort) {
      case DiffSort::kDeltaCum:
        if (std::llabs(a.delta_cum) != std::llabs(b.delta_cum)) return std::llabs(a.delta_cum) > std::llabs(b.delta_cum);
        if (std::llabs(a.delta_flat) != std::llabs(b.delta_flat)) return std::llabs(a.delta_flat) > std::llabs(b.delta_flat);
        break;
      case DiffSort::kDeltaFlat:
        if (std::llabs(a.delta_flat) != std::llabs(b.delta_flat)) return std::llabs(a.delta_flat) > std::llabs(b.delta_flat);
        if (std::llabs(a.delta_cum) != std::llabs(b.delta_cum)) return std::llabs(a.delta_cum) > std::llabs(b.delta_cum);
        break;
      case DiffSort::kRelative:
        if (relative_rank(a) != relative_rank(b)) return relative_rank(a) > relative_rank(b);
        if (std::llabs(a.delta_cum) != std::llabs(b.delta_cum)) return std::llabs(a.delta_cum) > std::llabs(b.delta_cum);
        break;
      case DiffSort::kName:
        break;
    }
    return a.name < b.name;
  });
}

}  // namespace proflens
