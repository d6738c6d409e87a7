#include "analyzer/profile_counts.h"

namespace proflens {

ProfileCounts CountProfile(const Profile& p) {
  ProfileCounts counts;
  counts.totals = p.Totals();
  counts.records = p.raw_sample_count;
  counts.samples = p.samples.size();
  counts.stacks = p.stacks.size();
  counts.label_set_used.assign(p.label_sets.size(), false);
  counts.label_set_totals.assign(p.label_sets.size(), 0);
  const int shown = p.DefaultSampleIndex();
  for (size_t i = 0; i < p.samples.size(); ++i) {
    const LabelSetId set = p.samples[i].labels;
    counts.label_set_used[set] = true;
    if (shown < 0) continue;
    counts.label_set_totals[set] = SaturatingAdd(counts.label_set_totals[set], SaturatingAbs(p.ValuesOf(i)[shown]));
  }
  return counts;
}

}  // namespace proflens
