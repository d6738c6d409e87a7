// StackRuns: the samples of a profile whose stacks share their storage.
// Nested trace events (Timeline) store a frame's stack once and give every
// enclosing frame's stack as a suffix of it (the same ids, fewer of the
// innermost ones), so 100,000 nested events hold 100,000 ids, not 5e9. A
// walk that reads each sample's stack whole is then quadratic; a walk over
// runs reads each stored id once:
//   a run is the samples whose stacks end at the same place in
//   stack_locations (suffixes of one stored stack) with the same labels;
//   each sample's stack is [first, end) there, stack[0] (at `first`) the leaf.
#ifndef PROFLENS_ANALYZER_STACK_RUNS_H_
#define PROFLENS_ANALYZER_STACK_RUNS_H_

#include <cstdint>
#include <vector>

#include "analyzer/profile.h"

namespace proflens {

struct StackRun {
  uint32_t end = 0;                  // one past the outermost frame, in stack_locations
  LabelSetId labels = 0;
  uint32_t first_sample = 0, samples = 0;  // into StackRuns::order
};

struct StackRuns {
  std::vector<StackRun> runs;    // in the order of their first sample
  std::vector<uint32_t> order;   // sample indexes, each run's by `first` (innermost first)
};

// True when the samples' stacks hold many more frames than are stored (the
// shared storage above), so a walk over runs does less work than one over
// samples: more than 4 times, and more than a million frames.
bool StacksShareStorage(const Profile& profile);

// The frames of all the samples' stacks, each counted whole: what an output
// that lists every sample's stack (pprof, folded, speedscope) writes.
uint64_t SampleFrames(const Profile& profile);

StackRuns BuildStackRuns(const Profile& profile);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_STACK_RUNS_H_
