#include "analyzer/traces.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "analyzer/filters.h"
#include "analyzer/report_labels.h"
#include "analyzer/text.h"
#include "analyzer/units.h"

namespace proflens {

namespace {

// The frames of each location at the granularity, innermost first.
std::vector<std::vector<TraceFrame>> FramesByLocation(const Profile& p, Granularity granularity) {
  std::vector<std::vector<TraceFrame>> frames(p.locations.size());
  for (size_t l = 0; l < p.locations.size(); ++l) {
    const Location& loc = p.locations[l];
    const auto lines = p.LinesOf(loc);
    if (lines.empty()) {
      frames[l].push_back({InfoForLine(p, loc, nullptr, granularity).PrintableName(), false});
      continue;
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      frames[l].push_back({InfoForLine(p, loc, &lines[i], granularity).PrintableName(), i + 1 != lines.size()});
    }
  }
  return frames;
}

// pprof prints each label as "%10s:  %s" and sorts those lines: a shorter key
// (more padding) sorts first.
std::string PrintedForm(const TraceLabel& label) { return PadLeft(label.key, 10) + ":  " + label.values; }

void SortAsPrinted(std::vector<TraceLabel>& labels) {
  std::sort(labels.begin(), labels.end(),
            [](const TraceLabel& a, const TraceLabel& b) { return PrintedForm(a) < PrintedForm(b); });
}

// A label set as pprof lists it: string labels by key, then numeric ones.
std::vector<TraceLabel> LabelsOf(const Profile& p, LabelSetId id,
                                 const std::unordered_map<std::string, std::string>& units) {
  std::map<std::string, std::string> strings, numbers;  // key -> values joined by blanks
  for (const Label& l : p.LabelsOf(id)) {
    const std::string key(p.str(l.key));
    std::string value;
    std::map<std::string, std::string>* group = &strings;
    if (l.str != 0) {
      value = p.str(l.str);
    } else if (l.num != 0 || l.num_unit != 0) {
      auto unit = units.find(key);
      value = ScaledLabel(l.num, unit == units.end() ? key : unit->second, "auto");  // pprof's measurement.Label
      group = &numbers;
    } else {
      continue;  // neither a string nor a number: pprof reads no label
    }
    std::string& joined = (*group)[key];
    if (!joined.empty()) joined += ' ';
    joined += value;
  }
  std::vector<TraceLabel> out, numeric;
  for (auto& [key, values] : strings) out.push_back({key, values});
  for (auto& [key, values] : numbers) numeric.push_back({key, values});
  SortAsPrinted(out);
  SortAsPrinted(numeric);
  out.insert(out.end(), numeric.begin(), numeric.end());
  return out;
}

}  // namespace

std::string TracesReport::FormatValue(int64_t value) const { return ScaledLabel(value, sample_type.unit, output_unit); }

TracesReport ComputeTraces(const Profile& profile, const TracesOptions& options) {
  TracesReport report;
  const size_t index = static_cast<size_t>(options.sample_index);
  if (index < profile.sample_types.size()) {
    const ValueType& type = profile.sample_types[index];
    report.sample_type = {std::string(profile.str(type.type)), std::string(profile.str(type.unit))};
  }
  report.output_unit = options.unit;
  report.labels = BuildProfileLabels(BuildSourceInfo(profile), report.sample_type, options.total,
                                     [&report](int64_t v) { return report.FormatValue(v); });
  std::vector<Trace>& traces = report.traces;
  const std::vector<std::vector<TraceFrame>> frames = FramesByLocation(profile, options.granularity);
  const std::unordered_map<std::string, std::string> units = NumLabelUnits(profile);
  std::unordered_map<LabelSetId, std::vector<TraceLabel>> labels;
  for (size_t s = 0; s < profile.samples.size(); ++s) {
    const auto values = profile.ValuesOf(s);
    if (std::all_of(values.begin(), values.end(), [](int64_t v) { return v == 0; })) continue;
    const StackView stack = profile.StackOf(profile.samples[s].stack);
    if (stack.size() == 0) continue;
    Trace trace;
    trace.value = index < values.size() ? values[index] : 0;
    for (size_t i = 0; i < stack.size(); ++i) {
      const std::vector<TraceFrame>& of = frames[stack[i]];
      trace.frames.insert(trace.frames.end(), of.begin(), of.end());
    }
    const LabelSetId set = profile.samples[s].labels;
    auto [it, added] = labels.try_emplace(set);
    if (added) it->second = LabelsOf(profile, set, units);
    trace.labels = it->second;
    traces.push_back(std::move(trace));
  }
  return report;
}

}  // namespace proflens
