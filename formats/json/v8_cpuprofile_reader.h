// V8's CPU profiles, in the two JSON forms other tools write:
//
// `.cpuprofile` (`node --cpu-prof`, Chrome DevTools' "Save profile", the
// inspector's Profiler.stop):
//   {"nodes": [{"id": 1, "callFrame": {"functionName": "(root)", "url": "",
//     "lineNumber": -1, "columnNumber": -1}, "children": [2, 3]}, ...],
//    "startTime": 748356228, "endTime": 749912328,
//    "samples": [3, 3, 7, ...], "timeDeltas": [10018, 5856, ...]}
// and the older form with a "head" node tree and absolute "timestamps"
// (v8-profiler, Node 8 to 10). A sample is the stack from its node up to
// the tree's "(root)" (left out); "(program)", "(idle)" and "(garbage
// collector)" stay the roots of their own samples, as DevTools shows them.
// Two sample types: samples/count (1 a sample) and time/nanoseconds, the
// default: a sample lasts from its time to the next sample's, as speedscope
// weighs them (times are startTime plus the deltas so far, a time before the
// one before it counts as equal to it, and the last sample lasts 0). A
// function is named as speedscope names it: its functionName, or
// "(anonymous FILE:LINE)" by the last part of its url (lines 1-based).
//
// `node --prof-process --preprocess` (of a `node --prof` log):
//   {"code": [{"name": "fib /app/work.js:3:13", "type": "JS", "kind": "Opt"},
//             {"name": "/usr/lib/x86_64-linux-gnu/libc.so.6", "type": "SHARED_LIB"}, ...],
//    "functions": [...], "ticks": [{"tm": 130554, "vm": 0, "s": [37083, 1499322, -1, 22129536, ...]}]}
// A tick's "s" holds (code index, offset) pairs, the leaf first; a pair
// whose code is -1 is an address no code covers and is left out, as
// speedscope does. Frames are named as speedscope names them ("(c++) f",
// "(LIB) /path", "(builtin) Name", a JS function by its name, file and
// line). Two sample types: samples/count (ticks, what --prof-process counts;
// the default) and time/nanoseconds (a tick lasts from the tick before it,
// speedscope's weighing: ticks in time order, the first from time 0). Each
// tick is labelled with its VM state ("vm": "JS", "GC", "EXTERNAL", ...).
#ifndef PROFLENS_FORMATS_JSON_V8_CPUPROFILE_READER_H_
#define PROFLENS_FORMATS_JSON_V8_CPUPROFILE_READER_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/profile_builder.h"
#include "analyzer/status.h"

namespace proflens {

// Samples of nodes the profile does not have are passed over (a note says
// how many).
Result<Profile> ReadV8CpuProfile(std::string_view json, std::vector<std::string>* notes = nullptr);

// The note for `count` samples passed over, as speedscope passes them over.
std::string UnknownNodesNote(uint64_t count);
Result<Profile> ReadV8ProfLog(std::string_view json);

// The parts of one V8 CPU profile, wherever they were read from (a
// .cpuprofile, or the Profile and ProfileChunk events of a Chrome trace).
struct V8CpuProfileData {
  static constexpr int64_t kNoParent = INT64_MIN;
  struct Node {
    int64_t id = 0;
    int64_t parent = kNoParent;  // a node id
    std::string function_name, url;
    int64_t line = -1, column = -1;  // 0-based, -1 when unknown
  };
  std::vector<Node> nodes;
  std::vector<std::pair<int64_t, int64_t>> child_links;  // (child id, parent id) from "children" lists
  std::vector<int64_t> samples;     // node ids
  std::vector<double> time_deltas;  // microseconds, one per sample: the first from start_time
  double start_time = 0, end_time = 0;  // microseconds
};

// Appends the nodes of a JSON array (a .cpuprofile's "nodes", a
// ProfileChunk's "cpuProfile.nodes") to `data`: {"id", "callFrame": {...}},
// a parent given by "parent" or by the parent's "children".
Status AppendV8Nodes(const nlohmann::json& nodes, V8CpuProfileData& data, const std::string& where);

// Adds the samples of `data` to `builder`, whose sample types 0 and 1 are
// samples/count and time/nanoseconds (see above), labelled `labels`.
// `where` names the profile in errors ("the profile", "traceEvents[12]").
// A sample of a node the profile does not have is passed over, as
// speedscope and DevTools pass it over: its time goes to the sample before
// it (counted in `*unknown` when given).
Status AddV8CpuSamples(const V8CpuProfileData& data, ProfileBuilder& builder, LabelSetId labels, const std::string& where,
                       uint64_t* unknown = nullptr);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_V8_CPUPROFILE_READER_H_
