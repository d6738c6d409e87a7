// Format detection by content, never by file name: gzip is looked into,
// a marshalled dict is cProfile's, other binary data is pprof's protobuf,
// JSON is speedscope or Chrome trace events by its keys, and text formats are
// told apart by their lines.
#ifndef PROFLENS_FORMATS_DETECT_H_
#define PROFLENS_FORMATS_DETECT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace proflens {

enum class Format { kUnknown, kPprof, kPprofLegacy, kPerfScript, kFolded, kPstats, kCallgrind, kSpeedscope, kChromeTrace, kTracemalloc };

std::string_view FormatName(Format format);

// Detects the format of uncompressed bytes. Text is a format only when it
// reads as one throughout its first lines: a few folded-looking lines in
// source code or a report are not folded stacks.
Format DetectFormat(std::string_view bytes);

// A verdict of kPprof depends on no more than the first bytes of the data:
// DetectFormat of these (or more) gives it too. A reader that inflates the
// data as it goes can tell what it holds from its first piece.
inline constexpr size_t kBinaryVerdictBytes = size_t{64} << 10;

// What unreadable bytes look like, for the error: "a gprof report", "a pprof
// legacy heap profile (gperftools or Go's debug=1 text)", ...; "" when they
// look like nothing known.
std::string_view DescribeUnknown(std::string_view bytes);

// Text of a known format but for a few NUL bytes (a corrupted capture): what
// the text is and the offset of its first NUL; "" for anything else.
std::string DescribeStrayNul(std::string_view bytes);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_DETECT_H_
