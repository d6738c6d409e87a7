// Chrome trace event JSON (chrome://tracing, Perfetto's JSON import,
// VizTracer, Catapult): an array of events, or an object whose "traceEvents"
// holds them.
//
// Per thread (pid, tid), "B"/"E" pairs and "X" complete events (ts, dur in
// microseconds) become nested intervals; the time each stack of event names
// is innermost becomes a sample of the "time" type in nanoseconds, labelled
// with pid, tid and the thread's name (from "M" thread_name metadata). An
// "E" closes the innermost open "B" of its thread; an interval that outlives
// its parent is cut at the parent's end. Other phases (instant, counter,
// async, flow, ...) carry no duration and are left out. What was read
// anyway but is odd (an "E" with no open "B", a "B" never closed, an
// interval cut at its parent's end) is counted in `notes`, one line each.
#ifndef PROFLENS_FORMATS_JSON_CHROME_TRACE_READER_H_
#define PROFLENS_FORMATS_JSON_CHROME_TRACE_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/status.h"
#include "analyzer/timeline.h"

namespace proflens {

// `timeline`, when given, receives each thread's spans in time order (for
// the report's time-order view).
Result<Profile> ReadChromeTrace(std::string_view json, std::vector<std::string>* notes = nullptr,
                                TimelineRecording* timeline = nullptr);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_CHROME_TRACE_READER_H_
