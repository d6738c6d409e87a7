// A gzipped pprof profile read as it is inflated: the data is inflated a
// piece at a time on a thread of its own (formats/io/gzip.h) while the samples
// are added to the profile, instead of inflated whole first and read after.
// The 2 M-sample heap profile's 100 MB are then never held, and its
// inflating overlaps the reading.
#ifndef PROFLENS_FORMATS_PPROF_PPROF_STREAM_READER_H_
#define PROFLENS_FORMATS_PPROF_PPROF_STREAM_READER_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "analyzer/profile.h"

namespace proflens {

// The profile ReadPprof reads from Gunzip(gz), or nullopt: then read it that
// way, which gives the same profile or says what is wrong. nullopt when the
// data is not a valid profile, or when its samples cannot be taken as they
// come (they precede the locations and strings they refer to): a sample
// before the sample types, location ids that are not each one more than
// their location's place among the profile's locations (1..N in order, as
// Go and pprof write them), or two label sets as written that are one set.
// `release_input`: `gz` is a file mapping whose pages can be given back as
// they are inflated.
std::optional<Profile> StreamPprof(std::string_view gz, uint64_t max_decompressed_size, bool release_input = false,
                                   size_t piece_size = size_t{256} << 10);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PPROF_PPROF_STREAM_READER_H_
