// The Firefox Profiler's JSON (profiler.firefox.com), in the forms Firefox
// and samply write:
//
// - the Gecko profile Firefox's profiler dumps ("raw"): {"meta": {"version",
//   "interval", ...}, "threads": [{"name": "GeckoMain", "pid", "tid",
//   "samples": {"schema": {"stack": 0, "time": 1, ...}, "data": [[17, 1.25], ...]},
//   "stackTable": {"schema": {"prefix": 0, "frame": 1}, "data": [...]},
//   "frameTable": {"schema": {"location": 0, ...}, "data": [...]},
//   "stringTable": ["(root)", "foo (https://site/app.js:12:3)", "0x7ff...", ...]}],
//   "processes": [sub-profiles of the same shape]}; and the same wrapped in
//   {"profile": ...} as Firefox DevTools' old performance panel saved it;
// - the processed profile (meta.preprocessedProfileVersion; samply, and
//   profiler.firefox.com's "Download"): tables of columns, {"stack": [...],
//   "time": [...] or "timeDeltas", "length"}, functions in a funcTable, the
//   strings in "stringArray" (per thread, or "shared" from version 56 on),
//   the stack, frame and function tables per thread or "shared" (version
//   60 on), a stack's parent as "prefix" or "prefixOffset" (version 66 on).
//
// Each thread's samples are labelled with its name ("thread"), "pid",
// "tid" and, when given, its process name ("process"). A frame is its
// function: in raw profiles, a JS location "name (url:line:col)" is
// function `name` of `url` (unnamed: "(root scope) url"), as the Firefox
// Profiler names it; any other location (a label frame, an unsymbolized
// address "0x7ff...") is its own name.
//
// Sample types: samples/count (the default: each sample's weight, 1 unless
// the profile gives weights; the Firefox Profiler's "Total (samples)") and
// time/nanoseconds, the Profiler's "traced running time": a sample lasts
// until the thread's next sample, the last one the profile's interval.
// Samples weighted in "tracing-ms" count as that time; "bytes" weights
// become a space/bytes type. Samples with no stack are left out (as the
// Profiler's call tree does), counted in a note.
#ifndef PROFLENS_FORMATS_JSON_FIREFOX_PROFILE_READER_H_
#define PROFLENS_FORMATS_JSON_FIREFOX_PROFILE_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

Result<Profile> ReadFirefoxProfile(std::string_view json, std::vector<std::string>* notes = nullptr);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_FIREFOX_PROFILE_READER_H_
