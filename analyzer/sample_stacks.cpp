#include "analyzer/sample_stacks.h"

#include <algorithm>

#include "analyzer/stack_runs.h"

namespace proflens {

void ForEachStoredRun(const Profile& profile, const std::function<bool(size_t sample)>& keep,
                      const std::function<void(const StoredRun&)>& visit) {
  const StackRuns runs = BuildStackRuns(profile);
  std::vector<uint32_t> kept;
  for (const StackRun& run : runs.runs) {
    kept.clear();
    uint32_t lo = run.end;
    for (uint32_t k = 0; k < run.samples; ++k) {
      const uint32_t s = runs.order[run.first_sample + k];
      if (!keep(s)) continue;
      kept.push_back(s);
      lo = std::min(lo, profile.stacks[profile.samples[s].stack].first);
    }
    if (!kept.empty()) visit(StoredRun{lo, run.end, run.labels, kept});
  }
}

std::vector<StackId> CopySampleStacks(const Profile& src, ProfileBuilder& dst,
                                      const std::function<bool(size_t sample)>& keep,
                                      const std::function<LocationId(LocationId)>& location) {
  std::vector<StackId> out(src.samples.size(), kNoId);
  std::vector<LocationId> frames;
  ForEachStoredRun(src, keep, [&](const StoredRun& run) {
    frames.clear();
    for (LocationId l : src.stack_locations.View(run.lo, run.end - run.lo)) frames.push_back(location(l));
    dst.SetStackParts(frames);
    for (uint32_t s : run.samples) {
      const uint32_t first = src.stacks[src.samples[s].stack].first;
      out[s] = dst.InternStackPart(first - run.lo, run.end - first);
    }
  });
  return out;
}

}  // namespace proflens
