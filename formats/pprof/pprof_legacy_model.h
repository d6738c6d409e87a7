// What the legacy pprof readers (pprof_legacy_*.cpp) gather before a Profile
// is built: samples as raw addresses, the memory map, Java's symbol table.
// Internal to those readers.
#ifndef PROFLENS_FORMATS_PPROF_PPROF_LEGACY_MODEL_H_
#define PROFLENS_FORMATS_PPROF_PPROF_LEGACY_MODEL_H_

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzer/text.h"
#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens::legacy {

struct Sample {
  std::vector<uint64_t> addresses;  // leaf first
  std::vector<int64_t> values;      // one per sample type
  std::optional<int64_t> bytes;     // heap profiles: the "bytes" label (block size)
  std::vector<std::pair<std::string, std::string>> labels;  // Go's "# labels: {...}" (count profiles)
};

// A frame Go's debug=1 text names in a "#" line under a sample: the
// function (without its "+0x.." offset), file and line.
struct GoFrame {
  std::string function, file;
  int64_t line = 0;
};

struct MappingEntry {
  uint64_t start = 0, limit = 0, offset = 0;
  std::string file, build_id;
};

// A Java frame from the symbol table after the samples.
struct JavaFrame {
  std::string function, file;
  int64_t line = 0;
};

struct Model {
  std::vector<std::pair<std::string, std::string>> sample_types;  // (type, unit)
  std::pair<std::string, std::string> period_type;
  int64_t period = 0;
  int64_t duration_nanos = 0;
  std::vector<Sample> samples;
  std::vector<MappingEntry> mappings;
  std::unordered_map<uint64_t, JavaFrame> java_frames;  // by address; named frames lose their address
  std::unordered_map<uint64_t, std::vector<GoFrame>> go_frames;  // by call address (PC), innermost first
  std::string drop_frames, keep_frames;
};

// Text helpers shared by the readers (Trim is analyzer/text.h's).
bool IsBlankOrComment(std::string_view line);
// "--- Memory map: ---" or "MAPPED_LIBRARIES:" anywhere in the line.
bool IsMemoryMapSentinel(std::string_view line);
// Every "0x<lowercase hex>" in the text; false when one does not fit in 64 bits.
bool HexAddresses(std::string_view text, std::vector<uint64_t>* out);
// A decimal (or, with `any_base`, 0x / 0 prefixed) integer, the whole text.
bool ParseInt(std::string_view text, int64_t* value, bool any_base = false);

// Values scaled from a file's numbers saturate at the int64 limits, as every
// count does (docs/limits-and-errors.md), instead of overflowing: a product,
// and a double made an integer (NaN as 0).
inline int64_t SaturatingMul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return (a < 0) != (b < 0) ? INT64_MIN : INT64_MAX;
  return r;
}
inline int64_t SaturatingInt64(double v) {
  if (std::isnan(v)) return 0;
  if (v >= 9223372036854775808.0) return INT64_MAX;  // 2^63
  if (v <= -9223372036854775808.0) return INT64_MIN;
  return static_cast<int64_t>(v);
}

// pprof's estimate of a heap sample's unsampled count and size, for a
// sampling rate in bytes (heap_v2, Go, Java).
void Unsample(int64_t* count, int64_t* size, int64_t rate);

// Reads the memory map (procfs maps lines, or "start-limit file (@offset)
// build-id" lines) from `text` into model.mappings, merging a mapping split in
// two and putting the main binary first, as pprof does.
void ReadMemoryMap(std::string_view text, Model& model);

// Builds the profile: one location per address (on its mapping, or on one
// mapping without a file for addresses outside the map), Java frames by name,
// and pprof's frames to drop for the profile's kind.
Result<Profile> BuildProfile(Model model);

// Whether the bytes begin with the binary CPU profile's header (words 0, 3,
// 0 or 1, a period, 0, of 4 or 8 bytes in either order).
bool HasCpuHeader(std::string_view bytes);

// The leaf's own address appears twice when the profiler took it from both
// the signal context and the unwinder (the second moved one byte back): the
// second goes.
void DropDuplicateLeaves(Model& model);

// The readers; each returns nullopt when the bytes are not its format and an
// error (with the line) when they are but cannot be read.
std::optional<Result<Model>> ReadCpu(std::string_view bytes);
std::optional<Result<Model>> ReadHeap(std::string_view text);
std::optional<Result<Model>> ReadCount(std::string_view text);
std::optional<Result<Model>> ReadThread(std::string_view text);
std::optional<Result<Model>> ReadContention(std::string_view text);
std::optional<Result<Model>> ReadJava(std::string_view text);
// Go's debug=1 "#" lines under a sample (count profiles):
//   "#\t0x674346\tmain.handle+0x26\t/src/app/main.go:34" (tabs padded by Go's tabwriter)
//   "# labels: {\"role\":\"consumer\", \"tenant\":\"acme\"}"
// ReadGoComment adds a frame to model.go_frames (at `pc`, when the sample
// is the first to name that PC: `fresh` holds the PCs it named first) or
// the labels to `sample`. Other comments are passed over; false for a frame
// or labels line that does not read as one.
bool ReadGoComment(std::string_view line, Model& model, Sample& sample, std::vector<uint64_t>& fresh);

// Java's symbol table ("0x<address> function (file:line)" lines).
void ReadJavaFrames(std::string_view text, Model& model);

}  // namespace proflens::legacy

#endif  // PROFLENS_FORMATS_PPROF_PPROF_LEGACY_MODEL_H_
