// speedscope's JSON file format (https://www.speedscope.app/file-format-schema.json).
//
// Reading: shared frames (name, file, line) and every profile in the file,
// "sampled" (stacks root first, with weights) and "evented" (open/close
// events, weighted by the time between them). Profiles of time units become
// one "time" sample type in nanoseconds, "bytes" profiles a "space" type in
// bytes, "none" a "samples" count; each sample is labelled with its profile's
// name ("profile" label), as speedscope profiles are per thread.
//
// Writing (`convert --to speedscope`): one sampled profile per sample type,
// frames shared, so any stack profile opens in speedscope.
#ifndef PROFLENS_FORMATS_JSON_SPEEDSCOPE_H_
#define PROFLENS_FORMATS_JSON_SPEEDSCOPE_H_

#include <ostream>
#include <string_view>

#include "analyzer/profile.h"
#include "analyzer/status.h"
#include "analyzer/timeline.h"

namespace proflens {

// `timeline`, when given, receives each evented profile's spans (for the
// report's time-order view).
Result<Profile> ReadSpeedscope(std::string_view json, TimelineRecording* timeline = nullptr);

// Needs stacks: a usage error for graph profiles.
Status WriteSpeedscope(const Profile& profile, std::ostream& out);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_SPEEDSCOPE_H_
