// ReadProfileFile: one entry point for every stack format. Reads the file (or
// standard input for "-"), decompresses gzip, detects the format by content
// and calls its reader. Errors read "reading FILE: ...".
#ifndef PROFLENS_FORMATS_READ_PROFILE_H_
#define PROFLENS_FORMATS_READ_PROFILE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/profile.h"
#include "analyzer/status.h"
#include "formats/detect.h"
#include "formats/io/gzip.h"
#include "formats/io/input.h"
#include "formats/io/line_scanner.h"
#include "analyzer/timeline.h"

namespace proflens {

struct ReadOptions {
  uint64_t max_decompressed_size = kDefaultMaxDecompressedSize;
  int threads = 0;              // readers that can split their input (perf script, folded): 0 = one per core
  bool progress = false;        // show progress on stderr for inputs over 100 MB (when it is a terminal)
  bool release_pages = false;   // set by ReadProfileFile for memory-mapped files
  int mapped_fd = -1;           // with release_pages: the mapped file, open (for readers that pread it)
  bool timeline = false;        // keep timeline inputs' spans in time order (the report's time-order view)
  bool strict = false;          // an input with lines its reader skipped (bad lines) is an error, not a note
  std::string symfs;            // perf.data: the root recorded binaries are looked up under (--symfs); "" = /
  std::string perf_debug_dir;   // perf.data: perf's build-id cache; "" = $HOME/.debug
};

struct LoadedProfile {
  std::string path;
  Format format = Format::kUnknown;
  bool gzipped = false;
  uint64_t file_size = 0;
  AnyProfile profile;
  std::optional<Profile> base;        // a two-column folded file's "before" column
  std::vector<SkippedLines> skipped;  // what the reader passed over, by kind
  std::vector<std::string> notes;     // what the reader read in an odd way, one line each
  // What the capture's own header says, for `info` (perf.data: command line,
  // host, events, samples, lost), as (what, value) in the order shown.
  std::vector<std::pair<std::string, std::string>> capture;
  std::shared_ptr<const TimelineRecording> timeline;  // with ReadOptions::timeline, for Chrome traces and evented speedscope
};

Result<LoadedProfile> ReadProfileFile(const std::string& path, const ReadOptions& options = {});

// The same for a file already read (ReadInput): for a caller that looked at
// its bytes first.
Result<LoadedProfile> ReadProfileInput(const InputBuffer& input, const std::string& path, const ReadOptions& options = {});

// Whether bytes (gzipped or not) are of a format proflens reads, by
// detection alone: a damaged profile is one (reading it says what is wrong).
bool LooksLikeProfile(std::string_view bytes);

// The same from bytes in memory; `name` is used in errors.
Result<LoadedProfile> ReadProfileBytes(std::string_view bytes, const std::string& name, const ReadOptions& options = {});

}  // namespace proflens

#endif  // PROFLENS_FORMATS_READ_PROFILE_H_
