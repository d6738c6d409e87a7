// The wall-clock time in the header block `perf script --header` prints
// before the samples:
//
//   # ========
//   # captured on    : Sun Nov 22 03:39:30 2026
//   # header version : 1
//
// perf writes there the perf.data file's change time (when the recording was
// written) with ctime(3): the recording host's local time, without its zone.
// It is read as UTC, to the second.
#ifndef PROFLENS_FORMATS_PERF_PERF_SCRIPT_HEADER_H_
#define PROFLENS_FORMATS_PERF_PERF_SCRIPT_HEADER_H_

#include <cstdint>
#include <string_view>

namespace proflens {

// Nanoseconds since the epoch of the "# captured on" line among the comment
// lines that open `text`, or 0 when there is none (or it is not a date).
int64_t PerfScriptCaptureTime(std::string_view text);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_SCRIPT_HEADER_H_
