#include "formats/detect.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "formats/detect_json.h"
#include "formats/detect_text.h"
#include "formats/io/line_scanner.h"
#include "formats/perf/perf_data_header.h"
#include "formats/pprof/pprof_legacy.h"
#include "formats/python/pickle.h"
#include "formats/python/pstats_reader.h"

namespace proflens {

namespace {

// JSON keys are looked for in the first MiB (a Firefox DevTools export has
// its profile after its markers).
constexpr size_t kJsonKeyBytes = size_t{1} << 20;

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

std::string DescribeUnknown(std::string_view bytes) {
  if (std::string_view foreign = ForeignFormat(bytes); !foreign.empty()) return std::string(foreign);
  std::string why;
  if (DetectJsonFormat(bytes.substr(0, kJsonKeyBytes), &why) == Format::kUnknown && !why.empty()) return why;
  if (LooksLikeCsv(bytes)) return "CSV";
  if (!LooksLikeText(bytes.substr(0, 4096))) return "";
  return DetectTextFormat(bytes).why;
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
    case Format::kV8CpuProfile: return "V8 CPU profile (.cpuprofile)";
    case Format::kV8Log: return "V8 log (node --prof-process --preprocess)";
    case Format::kFirefox: return "Firefox Profiler";
    case Format::kAustin: return "Austin";
    case Format::kGoroutineDump: return "Go goroutine dump (debug=2)";
    case Format::kPerfData: return "perf.data";
    case Format::kUnknown: break;
  }
  return "unknown";
}

Format DetectFormat(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 4096);
  if (IsPerfData(head)) return Format::kPerfData;
  if (LooksLikePstats(head)) return Format::kPstats;
  if (LooksLikePickle(head)) return Format::kTracemalloc;
  if (Format json = DetectJsonFormat(bytes.substr(0, kJsonKeyBytes)); json != Format::kUnknown) return json;
  if (LooksLikePprofLegacy(bytes)) return Format::kPprofLegacy;
  if (!ForeignFormat(bytes).empty() || LooksLikeCsv(bytes)) return Format::kUnknown;
  if (!LooksLikeText(head)) return LooksLikePprof(head) ? Format::kPprof : Format::kUnknown;
  // Text by its bytes, but a Profile message by its structure.
  if (ParsesAsPprof(bytes)) return Format::kPprof;
  // JSON that is no profile proflens reads is no text profile either.
  const size_t first = head.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && head[first] == '{') {
    const size_t next = head.find_first_not_of(" \t\r\n", first + 1);
    if (next == std::string_view::npos || head[next] == '"' || head[next] == '}') return Format::kUnknown;
  }
  return DetectTextFormat(bytes).format;
}

}  // namespace proflens
