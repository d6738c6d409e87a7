// FilterWalk: pprof's stack filters (filters.h) applied to all the samples
// of one stored stack at once. The samples of a run (sample_stacks.h) have
// stacks [first, end) of one stored stack; one walk from its root in knows,
// at every frame, what the steps decide for the stack that starts there:
//   focus/ignore  whether a frame at or above it is focused / ignored;
//   hide, show    which frames stay (the kept frames: a stored stack of
//                 their own, of which each stack keeps a suffix);
//   show_from     the outermost kept frame that matches, where it stops;
//   prune_from    the innermost matching frame of what is left, where it starts.
// So each sample keeps a window of the kept frames, found in O(1), and the
// walk costs O(frames stored) however many samples share them.
#ifndef PROFLENS_ANALYZER_FILTER_WALK_H_
#define PROFLENS_ANALYZER_FILTER_WALK_H_

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/profile_builder.h"
#include "analyzer/sample_stacks.h"

namespace proflens {

// What the per-location steps decided, by source LocationId.
struct FrameDecisions {
  const std::vector<int8_t>* focus_or_ignore;  // 1 focused, 0 ignored, -1 neither
  const std::vector<bool>* hidden;             // by hide or show
  const std::vector<bool>* shows_from;         // null without show_from
  const std::vector<bool>* prune_beneath;      // null without prune_from
};

class FilterWalk {
 public:
  // Frames [first, first + size) of the kept frames, leaf first.
  struct Window {
    uint32_t first = 0, size = 0;
  };

  // Walks frames [run.lo, run.end) of `profile` from the root in.
  void Run(const Profile& profile, const StoredRun& run, const FrameDecisions& decisions);
  // What the steps keep of the stack starting `offset` frames from run.lo:
  // size 0 when the sample goes.
  Window WindowOf(uint32_t offset) const;

  // Samples kept (source sample, window), filled by the caller.
  std::vector<std::pair<uint32_t, Window>> windows;
  // Hands the kept frames that some window holds, through `location` (into
  // `b`), to b.SetStackParts, and renumbers `windows` to them.
  void Copy(ProfileBuilder& b, const std::function<LocationId(LocationId)>& location);

 private:
  const FrameDecisions* decisions_ = nullptr;
  std::vector<LocationId> kept_;      // kept frames, root first
  std::vector<uint32_t> kept_at_;     // by offset: kept frames at or above it
  std::vector<uint8_t> reach_;        // by offset: bit 0 a focused frame at or above, bit 1 an ignored one
  std::vector<uint32_t> shows_at_;    // by offset: 1 + root-first index of the outermost show_from frame, or 0
  std::vector<uint32_t> next_prune_;  // by leaf-first kept index: the first prune_from frame at or above it
  std::vector<int32_t> cover_;
  std::vector<uint32_t> renumber_;
  std::vector<LocationId> frames_;
};

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_FILTER_WALK_H_
