// Operations on profiles. Each builds a new Profile through ProfileBuilder;
// none edits its input.
#ifndef PROFLENS_ANALYZER_PROFILE_OPS_H_
#define PROFLENS_ANALYZER_PROFILE_OPS_H_

#include <span>
#include <string>
#include <string_view>
#include <unordered_set>

#include "analyzer/profile.h"
#include "analyzer/profile_builder.h"
#include "analyzer/status.h"

namespace proflens {

// Sums profiles with the same sample types (type and unit, in order), as
// `pprof` merges several inputs: samples with equal stacks and labels add up,
// samples whose values are all zero are dropped; the time is the earliest, the
// duration the sum, the period the largest, comments are kept once each.
// `names` (same length) name the inputs in errors.
// The profile with every function shown exactly as its input wrote it (its
// system name: perf's frame as stackcollapse-perf.pl tidies it, a folded or
// pprof frame as it stands) instead of by the short-name policy: a view for
// --symbols full, made from the loaded profile, which keeps both names.
Profile WithFullNames(Profile profile);

// Merges profiles one at a time, each dropped once added: memory follows the
// distinct stacks, not the number of inputs. Merging merged profiles gives
// what merging all at once does (the sum is associative).
class ProfileMerger {
 public:
  // An input error when its sample types differ from the first's.
  Status Add(const Profile& profile, const std::string& name);
  size_t count() const { return count_; }
  Profile Build() &&;

 private:
  ProfileBuilder b_;
  std::string types_, first_name_;
  std::unordered_set<std::string> seen_comments_;
  uint64_t raw_samples_ = 0;
  size_t count_ = 0;
};

Result<Profile> MergeProfiles(std::span<const Profile* const> profiles,
                              std::span<const std::string> names);

// pprof's drop_frames: in every stack, the frame nearest the root whose
// function matches ^(drop)$ (and not ^(keep)$) is removed together with every
// frame below it; a stack with no frame above the match is left alone.
// Names are matched without their argument list ("f(int)" matches as "f").
Result<Profile> PruneFrames(const Profile& profile, std::string_view drop, std::string_view keep);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_PROFILE_OPS_H_
