#include "formats/detect.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "formats/callgrind/callgrind.h"
#include "formats/folded/folded.h"
#include "formats/io/line_scanner.h"
#include "formats/perf/perf_script_reader.h"
#include "formats/pprof/pprof_legacy.h"
#include "formats/python/pickle.h"
#include "formats/python/pstats_reader.h"

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

// The first fields of `bytes` read as a Profile message: each a field of
// profile.proto (1 to 15) with its wire type (messages and strings
// length-delimited, numbers varints, the repeated numbers 13 also packed),
// lengths within the data, until 4 KiB are read or the data ends. Text does
// not get past its first bytes; a profile whose first field is a long packed
// list does (it looks like text by its bytes).
bool ParsesAsPprof(std::string_view bytes) {
  auto varint = [&bytes](size_t* pos, uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64 && *pos < bytes.size(); shift += 7) {
      const uint8_t b = static_cast<uint8_t>(bytes[(*pos)++]);
      *v |= uint64_t{b & 0x7fu} << shift;
      if ((b & 0x80) == 0) return true;
    }
    return false;
  };
  size_t pos = 0;
  int fields = 0;
  while (pos < bytes.size() && pos < 4096) {
    uint64_t tag = 0;
    if (!varint(&pos, &tag)) return false;
    const uint64_t field = tag >> 3, wire = tag & 7;
    if (field < 1 || field > 15) return false;
    const bool message_or_bytes = field <= 6 || field == 11;
    const bool packable = field == 13;
    if (wire == 2 && (message_or_bytes || packable)) {
      uint64_t length = 0;
      if (!varint(&pos, &length) || length > bytes.size() - pos) return false;
      pos += length;
    } else if (wire == 0 && !message_or_bytes) {
      uint64_t ignored = 0;
      if (!varint(&pos, &ignored)) return false;
    } else {
      return false;
    }
    ++fields;
  }
  return fields > 0;
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

// Formats proflens does not read, by how they begin (pprof's legacy formats
// as go tool pprof reads them, and reports meant for people).
std::string_view ForeignFormat(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 4096);
  size_t start = head.find_first_not_of(" \t\r\n");
  std::string_view text = start == std::string_view::npos ? "" : head.substr(start);
  struct Sign {
    std::string_view prefix;
    std::string_view what;
  };
  static constexpr Sign kPrefixes[] = {
      {"--- heap", "a pprof legacy heap profile"},
      {"mutex profile", "a Go mutex profile in debug=1 text"},
      {"--- delay", "a Go block profile in debug=1 text"},
      {"cycles/second", "a pprof legacy contention profile"},
      {"Flat profile:", "a gprof report"},
      {"Call graph (explanation follows)", "a gprof report"},
      {"package ", "Go source code"},
      {"#include", "C or C++ source code"},
      {"#!", "a script"},
      {"<?xml", "an XML document"},
      {"<!DOCTYPE", "an HTML document"},
      {"<html", "an HTML document"},
      {"<svg", "an SVG image"},
  };
  for (const Sign& s : kPrefixes) {
    if (text.starts_with(s.prefix)) return s.what;
  }
  if (head.find("\nEach sample counts as") != std::string_view::npos) return "a gprof report";
  if (head.starts_with("PK\x03\x04")) return "a zip archive";
  return "";
}

// Comma-separated text: a header line of two or more fields that is not a
// stack (no ';', no count at its end), and rows with as many fields at least,
// in the first kBinaryVerdictBytes.
bool LooksLikeCsv(std::string_view bytes) {
  LineScanner scanner(bytes.substr(0, kBinaryVerdictBytes));
  std::string_view line;
  int lines = 0;
  size_t fields = 0;
  while (lines < 20 && scanner.Next(&line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    size_t commas = static_cast<size_t>(std::count(line.begin(), line.end(), ','));
    if (lines == 0) {
      if (commas < 2 || line.find(';') != std::string_view::npos || std::isdigit(static_cast<unsigned char>(line.back()))) {
        return false;
      }
      fields = commas;
    } else if (commas < fields) {
      return false;
    }
    ++lines;
  }
  return lines >= 2;
}

}  // namespace

std::string_view DescribeUnknown(std::string_view bytes) {
  if (std::string_view foreign = ForeignFormat(bytes); !foreign.empty()) return foreign;
  if (LooksLikeCsv(bytes)) return "CSV";
  return "";
}

std::string DescribeStrayNul(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 4096);
  const size_t first = head.find('\0');
  if (first == std::string_view::npos) return "";
  const size_t nuls = static_cast<size_t>(std::count(head.begin(), head.end(), '\0'));
  if (nuls > 4 && nuls * 100 > head.size()) return "";
  std::string without(head);
  std::erase(without, '\0');
  const Format format = LooksLikeText(without) ? DetectFormat(without) : Format::kUnknown;
  if (format == Format::kUnknown) return "";
  return std::string(FormatName(format)) + " text, but byte " + std::to_string(first) +
         " is a NUL, which no text profile holds (a corrupted or truncated capture?)";
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kPprof: return "pprof";
    case Format::kPprofLegacy: return "pprof legacy";
    case Format::kPerfScript: return "perf script";
    case Format::kFolded: return "folded";
    case Format::kPstats: return "cProfile";
    case Format::kTracemalloc: return "tracemalloc";
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
  if (LooksLikePickle(head)) return Format::kTracemalloc;
  if (Format json = DetectJson(head); json != Format::kUnknown) return json;
  if (LooksLikePprofLegacy(bytes)) return Format::kPprofLegacy;
  if (!ForeignFormat(bytes).empty() || LooksLikeCsv(bytes)) return Format::kUnknown;
  if (!LooksLikeText(head)) return LooksLikePprof(head) ? Format::kPprof : Format::kUnknown;
  // Text by its bytes, but a Profile message by its structure.
  if (ParsesAsPprof(bytes)) return Format::kPprof;
  // Text: perf script has indented frame lines (and "#" header comments);
  // folded stacks are unindented "frames count" lines.
  // Whole lines, however long (a frame name can be megabytes), up to 200 of
  // them or 64 MiB.
  LineScanner scanner(bytes);
  std::string_view line;
  int frames = 0, folded = 0, headers = 0, lines = 0, other = 0;
  while (lines < 200 && scanner.position() < (size_t{64} << 20) && scanner.Next(&line)) {
    if (line.empty()) continue;
    ++lines;
    if (IsCallgrindHeaderLine(line)) return Format::kCallgrind;
    if (line[0] == ' ' || line[0] == '\t') {
      frames += IsPerfFrameLine(line);
    } else if (line[0] != '#') {
      const bool is_folded = IsFoldedLine(line), is_header = IsPerfHeaderLine(line);
      // Old perf versions wrote frame lines unindented.
      const bool is_frame = !is_folded && !is_header && IsPerfFrameLine(line);
      folded += is_folded;
      headers += is_header;
      frames += is_frame;
      other += !is_folded && !is_header && !is_frame;
    }
  }
  // perf script: sample headers and their frames, next to nothing else.
  if (frames > 0 && headers > 0 && other <= headers) return Format::kPerfScript;
  // Folded stacks: most lines are; inferno and flamegraph.pl skip stray bad
  // lines, so up to one in four may be something else.
  if (frames == 0 && folded > 0 && other * 3 <= folded) return Format::kFolded;
  if (frames > 0 && headers > 0 && other * 10 <= frames + headers) return Format::kPerfScript;
  if (frames > 0 && headers == 0 && folded == 0 && other == 0) return Format::kPerfScript;
  return Format::kUnknown;
}

}  // namespace proflens
