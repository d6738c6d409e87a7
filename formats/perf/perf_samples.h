// The samples of a perf capture as its readers hand them over, and the one
// merge that makes a profile of them. `perf script` text (read in pieces) and
// perf.data (read record by record) both end here, so the two give the same
// profile for the same capture: each event a sample type of its own (named
// as perf names it, without its modifiers; clock events in nanoseconds),
// valued by the period (1 when there is none), comm/pid/tid labels, the
// program's mapping first.
#ifndef PROFLENS_FORMATS_PERF_PERF_SAMPLES_H_
#define PROFLENS_FORMATS_PERF_PERF_SAMPLES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/profile_builder.h"
#include "analyzer/status.h"
#include "formats/io/line_scanner.h"

namespace proflens {

// What a perf reader gives: the profile, and what it passed over or read in
// an odd way.
struct PerfScriptResult {
  Profile profile;
  // Lines that could not belong to a sample, and samples whose period is bad.
  std::vector<SkippedLines> skipped;
  // What was read in an odd way: a last sample that no blank line ended (perf
  // always ends one; it may have been cut off) is read, where
  // stackcollapse-perf.pl drops it.
  std::vector<std::string> notes;
  size_t pieces = 1;  // how many pieces the input was read in (see PieceReadOptions)
};

// One event (sample type) as a piece of the input saw it.
struct PerfEvent {
  std::string name;
  bool missing_period = false;
};

// A piece's samples as read, in order, not interned: the merge interns each
// stack once, in the one profile (interning them in the piece too cost as
// much again, for stacks that rarely repeat within a piece).
struct SampleLog {
  std::vector<LocationId> ids;   // every sample's stack (the piece's location ids, leaf first), back to back
  std::vector<size_t> ends;      // by sample: where its stack ends in ids
  std::vector<LabelSetId> labels;
  std::vector<uint32_t> events;  // by sample: the event it counts (perf prints one a sample)
  std::vector<int64_t> values;

  size_t size() const { return ends.size(); }
  void clear() {  // keeps the capacity, for the next piece
    ids.clear();
    ends.clear();
    labels.clear();
    events.clear();
    values.clear();
  }
};

// What one piece of the input gave; pieces are merged in input order.
struct PerfChunk {
  Profile profile;                    // strings, mappings, functions, locations, label sets; no samples
  SampleLog samples;
  std::vector<PerfEvent> events;
  std::vector<SkippedLines> skipped;  // [0] lines of no sample, [1] bad periods
  uint64_t unended_line = 0;          // the line of a last sample no blank line ended (read all the same)
  uint64_t lines = 0;
  bool have_time = false;
  int64_t first_time = 0, last_time = 0;
};

// The function of a frame as perf prints its symbol ("main", "std::vector<int>::push_back"):
// the frame as stackcollapse-perf.pl writes it is the system name, the short
// name the name. (Not for "[unknown]": such a frame has no function.)
FunctionId InternPerfFunction(ProfileBuilder& b, std::string_view symbol, std::string_view file = {});

// The mapping of a frame's DSO as perf prints it ("/usr/lib/x86_64-linux-gnu/libc.so.6",
// "[kernel.kallsyms]", "[unknown]").
MappingId InternPerfMapping(ProfileBuilder& b, std::string_view dso);

// Folds each piece into one profile as the pieces are read, in input order,
// each piece released once copied: memory holds the profile and the pieces
// read ahead, not every piece. Every sample, stack, location and string is
// copied in the order of its first appearance in the input, and the sample
// types are named last (an event may first appear in any piece), so the
// profile is the same, byte for byte, however the input was cut.
class PerfMerger {
 public:
  // `pieces`: how many the input was cut into, so that room can be made for
  // what those still to come will add.
  explicit PerfMerger(size_t pieces);

  void Add(PerfChunk& chunk);

  // The profile; `no_samples` is the error when no piece held an event.
  Result<PerfScriptResult> Finish(std::string_view no_samples) &&;

 private:
  void ExpectMore();

  ProfileBuilder b_;
  std::vector<PerfEvent> events_;
  PerfScriptResult result_;
  bool any_sample_ = false;
  uint64_t raw_ = 0, line_offset_ = 0;
  bool have_time_ = false;
  int64_t first_time_ = 0, last_time_ = 0;
  std::vector<LocationId> stack_;
  std::vector<int64_t> values_;
  const size_t pieces_;
  size_t first_samples_ = 0, first_ids_ = 0;  // the profile's after the first piece
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_SAMPLES_H_
