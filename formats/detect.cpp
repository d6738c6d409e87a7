#include "formats/detect.h"

#include "formats/callgrind.h"
#include "formats/folded.h"
#include "formats/line_scanner.h"
#include "formats/perf_script.h"
#include "formats/pstats.h"

namespace proflens {

namespace {

// Text is what the text readers accept: no NUL and few control bytes in the
// first few kilobytes. Anything else is a binary format.
bool LooksLikeText(std::string_view head) {
  size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') ++control;
  }
  return control * 100 <= head.size();
}

// profile.proto starts with a field of Profile: numbers 1..14, and the
// repeated/string fields (1-6, 11) are length-delimited (wire type 2), the
// rest varints (wire type 0).
bool LooksLikePprof(std::string_view head) {
  if (head.empty()) return false;
  unsigned char tag = static_cast<unsigned char>(head[0]);
  int field = tag >> 3, wire = tag & 7;
  if (field < 1 || field > 14) return false;
  bool delimited = field <= 6 || field == 11;
  return wire == (delimited ? 2 : 0);
}

// JSON objects: speedscope files name their schema; Chrome traces are an
// array of events or an object with "traceEvents".
Format DetectJson(std::string_view head) {
  size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return Format::kUnknown;
  if (head[start] == '[') {
    size_t next = head.find_first_not_of(" \t\r\n", start + 1);
    return next == std::string_view::npos || head[next] == '{' || head[next] == ']' ? Format::kChromeTrace
                                                                                    : Format::kUnknown;
  }
  if (head[start] != '{') return Format::kUnknown;
  if (head.find("speedscope.app/file-format-schema.json") != std::string_view::npos) return Format::kSpeedscope;
  if (head.find("\"traceEvents\"") != std::string_view::npos) return Format::kChromeTrace;
  return Format::kUnknown;
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kPprof: return "pprof";
    case Format::kPerfScript: return "perf script";
    case Format::kFolded: return "folded";
    case Format::kPstats: return "cProfile";
    case Format::kCallgrind: return "callgrind";
    case Format::kSpeedscope: return "speedscope";
    case Format::kChromeTrace: return "Chrome trace";
    case Format::kUnknown: break;
  }
  return "unknown";
}

Format DetectFormat(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 4096);
  if (LooksLikePstats(head)) return Format::kPstats;
  if (Format json = DetectJson(head); json != Format::kUnknown) return json;
  if (!LooksLikeText(head)) return LooksLikePprof(head) ? Format::kPprof : Format::kUnknown;
  // Text: perf script has indented frame lines (and "#" header comments);
  // folded stacks are unindented "frames count" lines.
  // Whole lines, however long (a frame name can be megabytes), up to 200 of
  // them or 64 MiB.
  LineScanner scanner(bytes);
  std::string_view line;
  int frames = 0, folded = 0, headers = 0, lines = 0;
  while (lines < 200 && scanner.position() < (size_t{64} << 20) && scanner.Next(&line)) {
    if (line.empty()) continue;
    ++lines;
    if (IsCallgrindHeaderLine(line)) return Format::kCallgrind;
    if (line[0] == ' ' || line[0] == '\t') {
      frames += IsPerfFrameLine(line);
    } else if (line[0] != '#') {
      folded += IsFoldedLine(line);
      headers += IsPerfHeaderLine(line);
    }
  }
  if (frames > 0) return Format::kPerfScript;
  if (folded > 0) return Format::kFolded;
  if (headers > 0) return Format::kPerfScript;
  return Format::kUnknown;
}

}  // namespace proflens
