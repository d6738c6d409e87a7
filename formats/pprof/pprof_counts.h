// `info` of a pprof profile without building the profile: the Sample
// messages are read as the data is inflated (on a thread of its own, a piece
// ahead), counted and hashed, not kept; the rest (strings, mappings,
// functions, locations) is read as ReadPprof reads it. A big heap profile's
// info then costs about its inflating, in a few MB instead of the profile.
#ifndef PROFLENS_FORMATS_PPROF_PPROF_COUNTS_H_
#define PROFLENS_FORMATS_PPROF_PPROF_COUNTS_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "analyzer/profile.h"
#include "analyzer/profile_counts.h"

namespace proflens {

struct PprofCounts {
  Profile header;  // as ReadPprof would read it, but with no samples or stacks
  ProfileCounts counts;
  bool gzipped = false;
};

struct PprofCountOptions {
  uint64_t max_decompressed_size = uint64_t{2} << 30;
  size_t piece_size = size_t{256} << 10;  // inflated at a time (tests make it small)
  // The file is a read-only file mapping: its pages are given back once read
  // (read again from the file if it is read whole after all).
  bool release_input = false;
};

// The counts of `file` (pprof, gzipped or not), equal to CountProfile of the
// profile ReadPprof reads from it. nullopt when they could differ or the data
// is not a valid profile: then read it whole, which gives the same counts or
// says what is wrong. That is when the data is not pprof, corrupt, cut short
// or over the size limit; a value is negative (info adds |merged values|);
// drop_frames is set (frames are pruned as the profile is read); the samples'
// location ids are not all those of distinct locations from the lowest to the
// highest; or a reference is out of range.
//
// Stacks are told apart by a 128-bit hash of their location ids (XXH3): two
// different stacks would have to collide for a count to be off, a chance
// near 2^-128 per pair (about 10^-26 for two million stacks).
std::optional<PprofCounts> CountPprof(std::string_view file, const PprofCountOptions& options = {});

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PPROF_PPROF_COUNTS_H_
