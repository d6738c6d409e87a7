// What `info` counts of a profile, apart from the profile: each sample type's
// total, the samples as read and as merged, the distinct stacks, and what the
// samples of each label set add up to. CountProfile takes them from a profile
// read whole; a reader that can count without building the profile (pprof,
// formats/pprof/pprof_counts.h) fills them itself, and `info` prints either.
#ifndef PROFLENS_ANALYZER_PROFILE_COUNTS_H_
#define PROFLENS_ANALYZER_PROFILE_COUNTS_H_

#include <cstdint>
#include <vector>

#include "analyzer/profile.h"

namespace proflens {

struct ProfileCounts {
  std::vector<int64_t> totals;  // by sample type: Profile::Totals
  uint64_t records = 0;         // samples as read (Profile::raw_sample_count)
  uint64_t samples = 0;         // distinct (stack, labels)
  uint64_t stacks = 0;          // distinct stacks
  // By label set: whether a sample has it, and the sum of its samples' |value|
  // of the default sample type.
  std::vector<bool> label_set_used;
  std::vector<int64_t> label_set_totals;

  bool operator==(const ProfileCounts&) const = default;
};

ProfileCounts CountProfile(const Profile& profile);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_PROFILE_COUNTS_H_
