// JSON profiles told apart by their keys, read from the first 64 KiB:
//
//   speedscope        "$schema": ".../speedscope.app/file-format-schema.json"
//   Chrome trace      an array of event objects, or an object with "traceEvents"
//   V8 .cpuprofile    top-level "nodes" whose nodes have a "callFrame" (or the
//                     older top-level "head" node with "functionName")
//   V8 log JSON       top-level "code" first, entries with "name" and a "type"
//                     of SHARED_LIB, CPP, JS or CODE (`node --prof-process --preprocess`)
//   Firefox Profiler  top-level "meta" with "interval" and a Gecko or processed
//                     profile's own keys ("stackwalk", "preprocessedProfileVersion",
//                     "processType", "startTime"); or Firefox DevTools' wrapper
//                     (top-level "profile" with "duration" or "systemHost", or its
//                     recording keys "label", "duration", "markers", "ticks", "allocations")
//
// Other JSON is named when it is a known profile proflens does not read (a
// V8 heap profile, stackprof, GHC's -pj) or described by its keys.
#ifndef PROFLENS_FORMATS_DETECT_JSON_H_
#define PROFLENS_FORMATS_DETECT_JSON_H_

#include <string>
#include <string_view>

#include "formats/detect.h"

namespace proflens {

// kUnknown when `head` does not start like JSON of a profile proflens reads;
// `why` then says what it looks like ("" when it is not JSON at all).
Format DetectJsonFormat(std::string_view head, std::string* why = nullptr);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_DETECT_JSON_H_
