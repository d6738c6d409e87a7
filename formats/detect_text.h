// Text formats told apart by what only each has, on the first lines of the
// input (up to 200 non-blank lines or 64 MiB):
//
//   callgrind     a header line of the callgrind format ("events:", "fn=", ...);
//   Austin        "# austin: 3.x" metadata, or "P<pid>;T<id>;..." / "Thread <hex>;..."
//                 sample lines on nine in ten lines;
//   perf script   a sample header, "comm pid[/tid] [cpu] time: [period] event:",
//                 on half the records at least (lines that start at the left
//                 margin, or perf's padded headers), and frames
//                 "  <hex address> symbol (dso)" on four in five indented lines;
//   folded        "frame;frame;frame count" on two in three lines.
//
// Reports that tools print for people are never profiles, and are named by
// their headers: `go tool pprof -top`/-peek/-traces text (and proflens's own
// top, peek, info, check and diff outputs), Graphviz DOT, Instruments and
// GHC reports, `node --prof-process` and `perf report` text, printed
// cProfile stats, callgrind_annotate output. Anything else is unknown, and
// what it is closest to is said with why it is not that.
#ifndef PROFLENS_FORMATS_DETECT_TEXT_H_
#define PROFLENS_FORMATS_DETECT_TEXT_H_

#include <string>
#include <string_view>

#include "formats/detect.h"

namespace proflens {

struct TextVerdict {
  Format format = Format::kUnknown;
  // For kUnknown: what the text is ("`go tool pprof -top` text: give the
  // profile itself"), or the closest format and why it is not that; "" when
  // nothing is close.
  std::string why;
};

// `bytes` is text (no NUL); its first lines decide.
TextVerdict DetectTextFormat(std::string_view bytes);

// What a report for people looks like, by its first lines: "`go tool pprof
// -top` text (a report, not a profile): give the profile itself", ...; "" when
// the text is no known report.
std::string DescribeReportText(std::string_view bytes);

// The strict line grammars detection uses (the readers themselves are
// lenient once the format is known).
bool IsPerfSampleHeader(std::string_view line);
bool IsPerfFrame(std::string_view line);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_DETECT_TEXT_H_
