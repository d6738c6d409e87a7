// Format detection by content, never by file name: gzip is looked into,
// a marshalled dict is cProfile's, other binary data is pprof's protobuf,
// JSON profiles are told apart by their keys (formats/detect_json.h), and
// text formats by what only each has on its first lines
// (formats/detect_text.h): anything else is unknown, and says what it looks
// like.
#ifndef PROFLENS_FORMATS_DETECT_H_
#define PROFLENS_FORMATS_DETECT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace proflens {

enum class Format {
  kUnknown,
  kPprof,
  kPprofLegacy,
  kPerfScript,
  kFolded,
  kPstats,
  kCallgrind,
  kSpeedscope,
  kChromeTrace,
  kTracemalloc,
  kV8CpuProfile,  // .cpuprofile (node --cpu-prof, Chrome DevTools)
  kV8Log,         // node --prof-process --preprocess JSON
  kFirefox,       // the Firefox Profiler's JSON (Firefox, samply)
  kAustin,        // Austin's samples
  kGoroutineDump, // Go's goroutine dump (/debug/pprof/goroutine?debug=2)
  kPerfData,      // perf.data (perf record), file or pipe mode
};

// The format's own name, as `info` shows it ("V8 CPU profile (.cpuprofile)").
std::string_view FormatName(Format format);

// Detects the format of uncompressed bytes. Text is a format only when it
// reads as one throughout its first lines: a few folded-looking lines in
// source code or a report are not folded stacks.
Format DetectFormat(std::string_view bytes);

// A verdict of kPprof depends on no more than the first bytes of the data:
// DetectFormat of these (or more) gives it too. A reader that inflates the
// data as it goes can tell what it holds from its first piece.
inline constexpr size_t kBinaryVerdictBytes = size_t{64} << 10;

// Why unreadable bytes are refused, for the error: what they look like ("a
// gprof report", "`go tool pprof -top` text (a report, not a profile): give
// the profile itself"), or the closest format and why they are not that
// ("closest is folded stacks, but only 3 of the first 40 lines are ...");
// "" when they look like nothing known.
std::string DescribeUnknown(std::string_view bytes);

// Text of a known format but for a few NUL bytes (a corrupted capture): what
// the text is and the offset of its first NUL; "" for anything else.
std::string DescribeStrayNul(std::string_view bytes);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_DETECT_H_
