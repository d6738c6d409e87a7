// `perf script` text (Linux perf, cargo-flamegraph), as perf prints it with
// its default fields and common -F choices.
//
// Lines are matched the way stackcollapse-perf.pl matches them, so both tools
// see the same samples and frames:
//   - a sample header: "comm pid/tid [cpu] time: period event: ..." (comm may
//     hold spaces; pid, cpu, time, period are optional; tracepoints have text
//     after the event);
//   - a frame: "  addr sym+0xoff (dso)", "[unknown]" symbols, "(inlined)"
//     frames (merged into the location of the next frame at the same address),
//     "a->b" inline chains (one folded location);
//   - an optional source line after a frame (perf script -F +srcline);
//   - a blank line ends a sample; "#" lines are comments;
//   - a capture recorded without -g: each header, its command padded on the
//     left, ends with the sample's one frame ("... cpu-clock:  7f6f... sym+0x2a
//     (dso)"), which is the sample's stack (stackcollapse-perf.pl makes nothing
//     of such a capture);
//   - a last sample that no blank line ends is read, with a note
//     (stackcollapse-perf.pl drops it; inferno and speedscope read it).
// The model it builds is lossless: each event name is its own sample type,
// valued by the period (1 when none is printed), comm/pid/tid are labels,
// the dso is the mapping, the symbol as printed is the system name.
#ifndef PROFLENS_FORMATS_PERF_PERF_SCRIPT_READER_H_
#define PROFLENS_FORMATS_PERF_PERF_SCRIPT_READER_H_

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/root_frames.h"
#include "analyzer/status.h"
#include "formats/io/line_scanner.h"
#include "formats/io/text_pieces.h"
#include "formats/perf/perf_samples.h"

namespace proflens {

Result<PerfScriptResult> ReadPerfScript(std::string_view text, const PieceReadOptions& options = {});

// True when `line` is a sample header or a frame line as defined above.
bool IsPerfHeaderLine(std::string_view line);
bool IsPerfFrameLine(std::string_view line);

// The label keys the reader sets on samples.

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_SCRIPT_READER_H_
