// Outputs that list every sample's whole stack (pprof, folded and speedscope
// files, the traces text) against inputs whose stacks are shared: nested
// trace events store each stack once, as a stretch of the enclosing frames'
// stack, so N nested events D deep store N frames but list N * D (1e5 deep:
// 5e9 frames, tens of GB). Such an output is refused before anything is
// written, with its size and what reads the input instead.
#ifndef PROFLENS_APP_LISTED_FRAMES_H_
#define PROFLENS_APP_LISTED_FRAMES_H_

#include <string>

#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

// Ok when `profile` lists at most kMaxFrameGrowth (64) times the frames it
// stores, or at most kMaxListedFrames (1e8): a profile without shared stacks
// lists about what it stores, so this never refuses one. Otherwise an input
// error: "<where>: <what> lists every sample's whole stack: N frames here, ...".
// `where`: "writing x.pb.gz"; `what`: "a pprof file".
Status CheckListedFrames(const Profile& profile, const std::string& what, const std::string& where);

}  // namespace proflens

#endif  // PROFLENS_APP_LISTED_FRAMES_H_
