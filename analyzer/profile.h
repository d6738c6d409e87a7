// Profile: the lossless, pprof-shaped model of stack samples that every stack
// reader produces (pprof, perf script, folded, ...).
//
// It mirrors profile.proto, with dense integer ids in place of pointers:
//   - strings are interned; StringId 0 is always "".
//   - functions, mappings and locations are interned by content.
//   - a stack is a list of locations, stack[0] is the LEAF (the innermost frame),
//     the last element is the root.
//   - a location's lines are its frames after inlining: lines[0] is the innermost
//     (inlined) function, the last line is the function it was inlined into.
//   - each sample has one value per sample type, and a label set.
// Profiles are built with ProfileBuilder and not edited afterwards: operations
// (merge, prune, filters) build a new Profile.
#ifndef PROFLENS_ANALYZER_PROFILE_H_
#define PROFLENS_ANALYZER_PROFILE_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/stack_store.h"
#include "analyzer/status.h"

namespace proflens {

using StringId = uint32_t;
using MappingId = uint32_t;
using FunctionId = uint32_t;
using LocationId = uint32_t;
using StackId = uint32_t;
using LabelSetId = uint32_t;

// "No such id" for optional references (a location without mapping, a line without function).
inline constexpr uint32_t kNoId = UINT32_MAX;

struct ValueType {
  StringId type = 0;  // "cpu", "alloc_space", "samples", ...
  StringId unit = 0;  // "nanoseconds", "bytes", "count", ...
};

struct Mapping {
  uint64_t memory_start = 0;
  uint64_t memory_limit = 0;
  uint64_t file_offset = 0;
  StringId file = 0;
  StringId build_id = 0;
  bool has_functions = false;
  bool has_filenames = false;
  bool has_line_numbers = false;
  bool has_inline_frames = false;

  friend bool operator==(const Mapping&, const Mapping&) = default;
};

struct Function {
  StringId name = 0;         // demangled, human-readable
  StringId system_name = 0;  // as the system knows it (mangled)
  StringId filename = 0;
  int64_t start_line = 0;

  friend bool operator==(const Function&, const Function&) = default;
};

struct Line {
  FunctionId function = kNoId;
  int64_t line = 0;

  friend bool operator==(const Line&, const Line&) = default;
};

struct Location {
  MappingId mapping = kNoId;
  uint64_t address = 0;
  uint32_t first_line = 0;  // index into Profile::lines
  uint32_t line_count = 0;
  bool is_folded = false;
};

// One label: a string value (str != 0) or a number with an optional unit.
struct Label {
  StringId key = 0;
  StringId str = 0;
  int64_t num = 0;
  StringId num_unit = 0;

  friend bool operator==(const Label&, const Label&) = default;
};

struct Stack {
  uint32_t first = 0;  // index into Profile::stack_locations
  uint32_t size = 0;
};

struct LabelSet {
  uint32_t first = 0;  // index into Profile::labels
  uint32_t size = 0;
};

struct Sample {
  StackId stack = 0;
  LabelSetId labels = 0;  // label set 0 is the empty set
};

struct Profile {
  // Interned strings; strings[0] == "". A deque so that views stay valid as it grows.
  std::deque<std::string> strings{std::string()};

  std::vector<ValueType> sample_types;
  StringId default_sample_type = 0;
  ValueType period_type;
  int64_t period = 0;
  int64_t time_nanos = 0;
  int64_t duration_nanos = 0;
  std::vector<StringId> comments;
  StringId drop_frames = 0;  // regex of frames pprof drops, with everything below them
  StringId keep_frames = 0;  // regex of frames exempt from drop_frames

  std::vector<Mapping> mappings;  // mappings[0], when present, is the main binary
  std::vector<Function> functions;
  std::vector<Location> locations;
  std::vector<Line> lines;
  StackStore stack_locations;  // every stack's location ids, back to back
  std::vector<Stack> stacks;
  std::vector<Label> labels;
  std::vector<LabelSet> label_sets{LabelSet{}};
  std::vector<Sample> samples;
  std::vector<int64_t> sample_values;  // samples.size() x sample_types.size(), row-major

  // Sample records read from the input before equal (stack, labels) pairs were summed.
  uint64_t raw_sample_count = 0;

  std::string_view str(StringId id) const { return strings[id]; }
  std::span<const Line> LinesOf(const Location& loc) const {
    return {lines.data() + loc.first_line, loc.line_count};
  }
  // Leaf first: StackOf(id)[0] is the innermost frame's location.
  StackView StackOf(StackId id) const {
    const Stack& s = stacks[id];
    return stack_locations.View(s.first, s.size);
  }
  std::span<const Label> LabelsOf(LabelSetId id) const {
    const LabelSet& s = label_sets[id];
    return {labels.data() + s.first, s.size};
  }
  std::span<const int64_t> ValuesOf(size_t sample) const {
    return {sample_values.data() + sample * sample_types.size(), sample_types.size()};
  }

  // The sample type reports use when none is asked for: default_sample_type
  // when set and present, else the last one (as pprof picks it).
  int DefaultSampleIndex() const;
  // Resolves a --sample-index argument: a number, a type name, or "" for the default.
  // Like pprof, "inuse_X" also finds a type named "X".
  Result<int> SampleIndexByName(std::string_view name) const;
  // Sum of |value| over all samples, per sample type (pprof's report total).
  std::vector<int64_t> Totals() const;
};

// Labels that stand for root frames a stack format wrote before a sample's
// functions (Austin's "P6360;T6360", py-spy's process and thread frames):
// their values are the frames as written. Flame graphs and folded output draw
// them as roots again, process above thread.
inline constexpr std::string_view kProcessFrameLabel = "process";
inline constexpr std::string_view kThreadFrameLabel = "thread";

// The label pprof puts on base samples of a -diff_base profile (their values
// negated); reports of such a profile show NEW minus BASE.
inline constexpr std::string_view kDiffBaseLabel = "pprof::base";

// Adds with saturation at INT64_MIN/INT64_MAX instead of wrapping.
inline int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return b > 0 ? INT64_MAX : INT64_MIN;
  return r;
}

// |v|, INT64_MAX for INT64_MIN.
inline int64_t SaturatingAbs(int64_t v) { return v >= 0 ? v : v == INT64_MIN ? INT64_MAX : -v; }

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_PROFILE_H_
