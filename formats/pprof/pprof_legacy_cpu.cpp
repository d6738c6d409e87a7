// Legacy pprof: gperftools' binary CPU profile (C++ and Java), and Java's
// heap and contention text with their symbol table.
#include <algorithm>
#include <map>

#include "formats/io/line_scanner.h"
#include "formats/pprof/pprof_legacy_model.h"

namespace proflens::legacy {

namespace {

// Words of 4 or 8 bytes in either byte order, as the header tells.
struct WordReader {
  size_t size = 8;
  bool big_endian = false;

  bool Read(std::string_view bytes, size_t* pos, uint64_t* v) const {
    if (bytes.size() - *pos < size) return false;
    *v = 0;
    for (size_t k = 0; k < size; ++k) {
      const uint64_t b = static_cast<unsigned char>(bytes[*pos + k]);
      *v |= b << (8 * (big_endian ? size - 1 - k : k));
    }
    *pos += size;
    return true;
  }
};

// The header: words 0, 3, 0 (C++) or 1 (Java), the period in microseconds, 0.
struct CpuHeader {
  WordReader words;
  bool java = false;
  uint64_t period_us = 0;
  size_t end = 0;
};

std::optional<CpuHeader> ReadCpuHeader(std::string_view bytes) {
  for (const WordReader w : {WordReader{4, false}, WordReader{4, true}, WordReader{8, false}, WordReader{8, true}}) {
    size_t pos = 0;
    uint64_t n[5];
    bool ok = true;
    for (uint64_t& v : n) ok = ok && w.Read(bytes, &pos, &v);
    if (ok && n[0] == 0 && n[1] == 3 && n[2] <= 1 && n[3] > 0 && n[4] == 0) return CpuHeader{w, n[2] == 1, n[3], pos};
  }
  return std::nullopt;
}

// If nearly every sample has the same second frame, it is the profiler's
// signal handler, not the program: pprof removes it (twice at most), allowing
// one sample in 32 to differ.
void DropSignalFrames(Model& m) {
  const size_t margin = m.samples.size() / 32;
  for (int round = 0; round < 2; ++round) {
    std::map<uint64_t, size_t> second;
    for (const Sample& s : m.samples) {
      if (s.addresses.size() > 1) ++second[s.addresses[1]];
    }
    auto most = std::max_element(second.begin(), second.end(), [](auto& a, auto& b) { return a.second < b.second; });
    if (most == second.end() || most->second < m.samples.size() - margin) continue;
    for (Sample& s : m.samples) {
      if (s.addresses.size() > 1 && s.addresses[1] == most->first) s.addresses.erase(s.addresses.begin() + 1);
    }
  }
}

}  // namespace

bool HasCpuHeader(std::string_view bytes) { return ReadCpuHeader(bytes).has_value(); }

std::optional<Result<Model>> ReadCpu(std::string_view bytes) {
  std::optional<CpuHeader> header = ReadCpuHeader(bytes);
  if (!header || header->period_us > static_cast<uint64_t>(INT64_MAX / 1000)) return std::nullopt;
  const WordReader& w = header->words;
  Model m;
  m.period = static_cast<int64_t>(header->period_us) * 1000;
  m.period_type = {"cpu", "nanoseconds"};
  m.sample_types = {{"samples", "count"}, {"cpu", "nanoseconds"}};
  size_t pos = header->end;
  while (pos < bytes.size()) {
    const size_t at = pos;
    uint64_t count = 0, depth = 0;
    if (!w.Read(bytes, &pos, &count) || !w.Read(bytes, &pos, &depth) || depth > (bytes.size() - pos) / w.size) {
      return Status::Input("byte " + std::to_string(at) +
                           ": a sample record runs past the end of the data (a truncated legacy CPU profile?)");
    }
    Sample s;
    s.addresses.resize(depth);
    for (uint64_t& a : s.addresses) w.Read(bytes, &pos, &a);
    if (count == 0 && depth == 1 && s.addresses[0] == 0) break;  // the end-of-samples record
    if (count > static_cast<uint64_t>(INT64_MAX / m.period)) {
      return Status::Input("byte " + std::to_string(at) + ": a sample count of " + std::to_string(count) + " is too large");
    }
    s.values = {static_cast<int64_t>(count), static_cast<int64_t>(count) * m.period};
    // C++ return addresses move onto their call; the leaf is no call. Java's are ids.
    if (!header->java) {
      for (size_t i = 1; i < s.addresses.size(); ++i) --s.addresses[i];
    }
    m.samples.push_back(std::move(s));
  }
  const std::string_view rest = bytes.substr(pos);
  if (header->java) {
    ReadJavaFrames(rest, m);
    return m;
  }
  DropSignalFrames(m);
  ReadMemoryMap(rest, m);
  DropDuplicateLeaves(m);
  return m;
}

namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ' ';
}

// "function (File.java:12)", "function (/path/lib.so)", a JIT stub, or a
// state such as "GC" as the whole text.
JavaFrame ParseJavaFrame(std::string_view text) {
  JavaFrame f;
  if (text.ends_with(')')) {
    // The last " (" whose contents read "file:line".
    for (size_t open = text.rfind('('); open != std::string_view::npos && open > 0;
         open = open == 0 ? std::string_view::npos : text.rfind('(', open - 1)) {
      if (text[open - 1] != ' ' && text[open - 1] != '\t') continue;
      std::string_view inner = text.substr(open + 1, text.size() - open - 2);
      size_t colon = inner.rfind(':');
      if (colon == std::string_view::npos || colon == 0) continue;
      int64_t line = 0;
      if (!ParseInt(inner.substr(colon + 1), &line)) continue;
      f.function = std::string(Trim(text.substr(0, open)));
      f.file = std::string(inner.substr(0, colon));
      f.line = line > 0 ? line : 0;
      return f;
    }
    size_t open = text.rfind(" (");
    if (open != std::string_view::npos) {
      std::string_view path = text.substr(open + 2, text.size() - open - 3);
      size_t slash = path.rfind('/');
      f.function = std::string(Trim(text.substr(0, open)));
      f.file = std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
      return f;
    }
  }
  f.function = text.find("generated stub/JIT") != std::string_view::npos ? "STUB" : std::string(text);
  return f;
}

}  // namespace

void ReadJavaFrames(std::string_view text, Model& model) {
  LineScanner scanner(text);
  std::string_view line;
  while (scanner.Next(&line)) {
    line = Trim(line);
    if (!line.starts_with("0x")) continue;
    size_t end = 2;
    while (end < line.size() && std::isxdigit(static_cast<unsigned char>(line[end]))) ++end;
    if (end == 2 || end == line.size() || (line[end] != ' ' && line[end] != '\t')) continue;
    std::vector<uint64_t> address;
    if (!HexAddresses(line.substr(0, end), &address) || address.size() != 1) continue;
    model.java_frames.emplace(address[0], ParseJavaFrame(Trim(line.substr(end))));
  }
}

std::optional<Result<Model>> ReadJava(std::string_view text) {
  LineScanner scanner(text);
  std::string_view line;
  if (!scanner.Next(&line)) return std::nullopt;
  const std::string_view first = Trim(line);
  const bool heap = first == "--- heapz 1 ---";
  if (!heap && first != "--- contentionz 1 ---") return std::nullopt;
  Model m;
  bool more = false;
  // "attribute = value" lines.
  while ((more = scanner.Next(&line))) {
    std::string_view t = Trim(line);
    if (t.empty()) continue;
    size_t eq = t.find('=');
    if (eq == std::string_view::npos) break;
    std::string_view key = Trim(t.substr(0, eq)), value = Trim(t.substr(eq + 1));
    while (!value.empty() && !IsWordChar(value.back())) value.remove_suffix(1);
    value = Trim(value.substr(0, std::find_if_not(value.begin(), value.end(), IsWordChar) - value.begin()));
    auto error = [&](std::string_view what) {
      return Status::Input("line " + std::to_string(scanner.line_number()) + ": " + std::string(what));
    };
    int64_t n = 0;
    if (key == "format") {
      if (value != "java") return error("format is \"" + std::string(value) + "\", expected java");
    } else if (key == "resolution") {
      m.sample_types = heap ? std::vector<std::pair<std::string, std::string>>{{"inuse_objects", "count"}, {"inuse_space", std::string(value)}}
                            : std::vector<std::pair<std::string, std::string>>{{"contentions", "count"}, {"delay", std::string(value)}};
    } else if (!heap && key == "sampling period") {
      if (!ParseInt(value, &m.period, true)) return error("the sampling period is not a number");
      m.period_type = {"contentions", "count"};
    } else if (!heap && key == "ms since reset") {
      if (!ParseInt(value, &n, true)) return error("ms since reset is not a number");
      m.duration_nanos = n * 1000 * 1000;
    } else {
      return error("unknown attribute \"" + std::string(key) + "\" in a Java " + (heap ? "heap" : "contention") + " profile");
    }
  }
  if (m.sample_types.empty()) return Status::Input("a Java profile without its resolution attribute: the unit is unknown");
  // " BYTES COUNT @ ADDRESSES" (heap) or " DELAY COUNT @ ADDRESSES" (contention).
  while (more) {
    std::string_view t = Trim(line);
    if (!t.empty()) {
      size_t at = t.find(" @ ");
      std::vector<std::string_view> numbers;
      for (size_t i = 0; at != std::string_view::npos && i < at;) {
        size_t start = i;
        while (i < at && t[i] >= '0' && t[i] <= '9') ++i;
        if (i == start) break;
        numbers.push_back(t.substr(start, i - start));
        while (i < at && t[i] == ' ') ++i;
      }
      int64_t first = 0, second = 0;
      if (numbers.size() != 2 || !ParseInt(numbers[0], &first) || !ParseInt(numbers[1], &second)) break;  // the symbol table
      Sample s;
      if (!HexAddresses(t.substr(at + 3), &s.addresses)) {
        return Status::Input("line " + std::to_string(scanner.line_number()) + ": an address wider than 64 bits");
      }
      s.values = {second, first};
      if (heap) {
        if (second == 0) return Status::Input("line " + std::to_string(scanner.line_number()) + ": a heap sample of 0 objects");
        s.bytes = first / second;
        Unsample(&s.values[0], &s.values[1], 524288);  // Java's heap sampling rate: 512 KiB
      } else if (m.period != 0) {
        s.values[0] = SaturatingMul(s.values[0], m.period);
        s.values[1] = SaturatingMul(s.values[1], m.period);
      }
      m.samples.push_back(std::move(s));
    }
    more = scanner.Next(&line);
  }
  if (more) ReadJavaFrames(text.substr(static_cast<size_t>(line.data() - text.data())), m);
  return m;
}

}  // namespace proflens::legacy
