// Copying the stacks of a profile's samples into another profile without
// copying any stored stack more than once. Nested trace events (stack_runs.h)
// give N samples stacks that are suffixes of one stored stack D deep: copying
// each sample's stack whole would cost O(N * D) time and memory; copying each
// stored stack once and interning its windows (ProfileBuilder::SetStackParts)
// costs O(N + D). Operations that rebuild a profile (merge, diff, filters)
// go through here, so their output shares storage as their input does.
#ifndef PROFLENS_ANALYZER_SAMPLE_STACKS_H_
#define PROFLENS_ANALYZER_SAMPLE_STACKS_H_

#include <functional>
#include <span>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/profile_builder.h"

namespace proflens {

// One stored stack of `profile` and the samples whose stacks end with it:
// frames [lo, end) of stack_locations (leaf first); each sample's stack is
// [first, end) there, first >= lo.
struct StoredRun {
  uint32_t lo = 0, end = 0;
  LabelSetId labels = 0;
  std::span<const uint32_t> samples;  // innermost first
};

// Calls `visit` for each run of `profile`'s samples that `keep` accepts,
// lo being the first frame of the deepest accepted sample.
void ForEachStoredRun(const Profile& profile, const std::function<bool(size_t sample)>& keep,
                      const std::function<void(const StoredRun&)>& visit);

// The copy in `dst` of each sample's stack (kNoId where `keep` says no),
// each frame mapped by `location` (a location of `dst`).
std::vector<StackId> CopySampleStacks(const Profile& src, ProfileBuilder& dst,
                                      const std::function<bool(size_t sample)>& keep,
                                      const std::function<LocationId(LocationId)>& location);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_SAMPLE_STACKS_H_
