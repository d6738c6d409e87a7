#include "analyzer/set_labels.h"

#include <algorithm>

#include "analyzer/profile_builder.h"
#include "analyzer/profile_copier.h"

namespace proflens {

Result<std::vector<LabelValue>> ParseLabelArgs(std::span<const std::string> args) {
  std::vector<LabelValue> labels;
  for (const std::string& arg : args) {
    const size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::Usage("--label \"" + arg + "\": expected KEY=VALUE");
    }
    LabelValue label{arg.substr(0, eq), arg.substr(eq + 1)};
    const bool repeated =
        std::any_of(labels.begin(), labels.end(), [&](const LabelValue& l) { return l.key == label.key; });
    if (repeated) return Status::Usage("--label: key \"" + label.key + "\" given twice");
    labels.push_back(std::move(label));
  }
  return labels;
}

Profile SetLabels(const Profile& src, std::span<const LabelValue> labels) {
  ProfileBuilder b;
  ProfileCopier copier(src, b);
  copier.CopyHeader();
  // The first mapping is the main binary: mappings keep their order.
  for (MappingId m = 0; m < src.mappings.size(); ++m) copier.Mapping(m);
  std::vector<Label> added;
  for (const LabelValue& l : labels) added.push_back({.key = b.InternString(l.key), .str = b.InternString(l.value)});
  auto replaced = [&](StringId key) {
    return std::any_of(labels.begin(), labels.end(), [&](const LabelValue& l) { return l.key == src.str(key); });
  };
  // Each source label set maps to one new set, made on first use.
  std::vector<LabelSetId> sets(src.label_sets.size(), kNoId);
  std::vector<Label> set;
  std::vector<LocationId> stack;
  for (size_t s = 0; s < src.samples.size(); ++s) {
    LabelSetId& to = sets[src.samples[s].labels];
    if (to == kNoId) {
      set = added;
      for (Label l : src.LabelsOf(src.samples[s].labels)) {
        if (replaced(l.key)) continue;
        l.key = copier.String(l.key);
        l.str = copier.String(l.str);
        l.num_unit = copier.String(l.num_unit);
        set.push_back(l);
      }
      to = b.InternLabels(set);
    }
    stack.clear();
    for (LocationId l : src.StackOf(src.samples[s].stack)) stack.push_back(copier.Location(l));
    b.AddSample(b.InternStack(stack), to, src.ValuesOf(s));
  }
  Profile out = std::move(b).Build();
  out.raw_sample_count = src.raw_sample_count;
  return out;
}

}  // namespace proflens
