// Root frames: where a sample ran, as its labels say, drawn (flame graphs)
// and written (folded stacks) above its stack. A Python sampler's process and
// thread frames were kept as labels when read; perf's process is its comm,
// pid and tid labels, named as stackcollapse-perf.pl names it.
#ifndef PROFLENS_ANALYZER_ROOT_FRAMES_H_
#define PROFLENS_ANALYZER_ROOT_FRAMES_H_

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/profile.h"

namespace proflens {

// perf script's sample labels.
inline constexpr std::string_view kCommLabel = "comm";
inline constexpr std::string_view kPidLabel = "pid";
inline constexpr std::string_view kTidLabel = "tid";

// How processes become roots: by name (flamegraph.pl's default), name-PID,
// name-PID/TID (stackcollapse-perf.pl --pid, --tid), or not at all (every
// process and thread merged).
enum class ProcessRoots { kName, kPid, kTid, kNone };

// perf's process frame: comm with blanks as '_', then -PID or -PID/TID ("?"
// for a pid perf did not print); "" without a comm label or with kNone.
std::string PerfProcessFrame(const Profile& profile, LabelSetId labels, ProcessRoots mode);

// Every root frame of a label set, outermost first: the sampler's process
// and thread frames, then perf's process frame. None with kNone.
std::vector<std::string> RootFrames(const Profile& profile, LabelSetId labels, ProcessRoots mode);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_ROOT_FRAMES_H_
