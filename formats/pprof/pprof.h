// pprof's profile.proto (Go, gperftools, Java agents, Pyroscope), parsed with
// C++ generated at build time from the .proto that pprof itself ships.
// Only this file pair includes the generated protobuf code.
#ifndef PROFLENS_FORMATS_PPROF_PPROF_H_
#define PROFLENS_FORMATS_PPROF_PPROF_H_

#include <string_view>

#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

// Parses an uncompressed profile.proto message (gunzip first). Every id and
// string index is checked; drop_frames / keep_frames are applied as pprof does.
struct PprofReadOptions {
  // `bytes` are a read-only file mapping or memory the caller will not read
  // again: pages of samples already read are given back as reading goes on.
  bool release_pages = false;
};

Result<Profile> ReadPprof(std::string_view bytes, const PprofReadOptions& options = {});

// Serializes a profile as an uncompressed profile.proto message (ids are the
// model's dense ids plus one; the string table is the model's). drop_frames is
// not written: it was applied when the profile was read.
std::string WritePprof(const Profile& profile);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PPROF_PPROF_H_
