// CPU samples carried by Chrome traces, read as speedscope reads them:
//
// - V8's sampling profiler in a DevTools performance trace: a "Profile"
//   event (args.data.startTime) and "ProfileChunk" events with the same id
//   (or, without one, the same pid and tid) carrying args.data.cpuProfile
//   {nodes: [{id, callFrame, parent}], samples: [...]} and
//   args.data.timeDeltas; or an older "CpuProfile" event holding a whole
//   .cpuprofile in args.data.cpuProfile. Each profile is read as a
//   .cpuprofile is (formats/json/v8_cpuprofile_reader.h) and labelled with
//   its thread (pid, tid and the thread_name metadata).
// - The Trace Event Format's own sampling (Hermes, Android traces): a
//   top-level "samples" array [{"pid", "tid", "ts", "sf", "weight"}] whose
//   "sf" names a frame of the top-level "stackFrames" {"id": {"name",
//   "parent"}}. A sample lasts until the next sample of its thread (the
//   last 0); times may be strings ("11552125241").
//
// Both give samples/count and time/nanoseconds (the default).
#ifndef PROFLENS_FORMATS_JSON_CHROME_CPU_SAMPLES_H_
#define PROFLENS_FORMATS_JSON_CHROME_CPU_SAMPLES_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

// A thread's pid and tid as the trace wrote them (JSON text), and its name.
using ChromeThreadNames = std::map<std::pair<std::string, std::string>, std::string>;

// Reads the CPU profile events at `events` (indexes into traceEvents, in
// file order) of `json`.
Result<Profile> ReadChromeCpuProfiles(std::string_view json, const std::vector<size_t>& events,
                                      const ChromeThreadNames& threads, std::vector<std::string>* notes = nullptr);

// Reads the top-level "samples" and "stackFrames" of `json`; `found` says
// whether the document has both (when false, nothing is read).
Result<Profile> ReadTraceEventSamples(std::string_view json, const ChromeThreadNames& threads, bool* found);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_CHROME_CPU_SAMPLES_H_
