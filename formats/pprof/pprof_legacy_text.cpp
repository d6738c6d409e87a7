// Legacy pprof text profiles: heap/growth/fragmentation, Go count profiles
// (goroutine, threadcreate), threads and contention.
#include <cctype>
#include <cmath>
#include <cstring>

#include "formats/io/line_scanner.h"
#include "formats/pprof/pprof_legacy_model.h"

namespace proflens::legacy {

namespace {

// A cursor over one line, for the small grammars of the sample lines.
struct Cursor {
  std::string_view s;
  size_t i = 0;

  void Spaces() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  bool Char(char c) {
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  }
  bool Word(std::string_view w) {
    if (s.substr(i).starts_with(w)) {
      i += w.size();
      return true;
    }
    return false;
  }
  // Decimal digits, optionally after a '-'.
  bool Number(int64_t* v, bool sign = false) {
    size_t start = i;
    if (sign) Char('-');
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return ParseInt(s.substr(start, i - start), v);
  }
  std::string_view Rest() const { return s.substr(i); }
};

// The text after "@": addresses and blanks, up to anything else.
bool AddressesAfterAt(std::string_view tail, std::vector<uint64_t>* out) {
  size_t end = 0;
  while (end < tail.size() && (tail[end] == ' ' || tail[end] == 'x' || (tail[end] >= '0' && tail[end] <= '9') ||
                               (tail[end] >= 'a' && tail[end] <= 'f'))) {
    ++end;
  }
  return HexAddresses(tail.substr(0, end), out);
}

Status LineError(const LineScanner& scanner, std::string_view expected, std::string_view line) {
  std::string shown(line.substr(0, 80));
  return Status::Input("line " + std::to_string(scanner.line_number()) + ": expected " + std::string(expected) +
                       ", found \"" + shown + (line.size() > 80 ? "...\"" : "\""));
}

// The memory map, in the lines after the first sentinel from `scanner` on
// (the current line included).
void ReadMapAfter(LineScanner& scanner, std::string_view current, Model& model) {
  std::string_view line = current;
  while (!IsMemoryMapSentinel(line)) {
    if (!scanner.Next(&line)) return;
  }
  ReadMemoryMap(scanner.text().substr(scanner.position()), model);
}

// Moves return addresses onto their call instruction (one byte back), from
// frame `from` on.
void OntoCalls(std::vector<uint64_t>& addresses, size_t from) {
  for (size_t i = from; i < addresses.size(); ++i) --addresses[i];
}

struct HeapHeader {
  bool unsample = false;  // heap_v2 and Go's heap: unsample with the rate
  int64_t rate = 1;
  bool has_alloc = false;
};

// "heap profile: 1: 2 [ 3: 4] @ heap_v2/524288" (or "@ growthz", "@ fragmentationz").
std::optional<HeapHeader> ParseHeapHeader(std::string_view line) {
  size_t at = line.find("heap profile:");
  if (at == std::string_view::npos) return std::nullopt;
  Cursor c{line, at + 13};
  std::string_view n[4];
  for (int k = 0; k < 4; ++k) {
    c.Spaces();
    if (k == 2 && !c.Char('[')) return std::nullopt;
    c.Spaces();
    size_t start = c.i;
    int64_t ignored;
    if (!c.Number(&ignored)) return std::nullopt;
    n[k] = line.substr(start, c.i - start);
    if (k % 2 == 0) {
      c.Spaces();
      if (!c.Char(':')) return std::nullopt;
    }
  }
  c.Spaces();
  if (!c.Char(']')) return std::nullopt;
  HeapHeader h;
  // Growth and fragmentation profiles: every allocation, no alloc columns.
  if (c.Word(" @ growth") || c.Word(" @ fragmentation")) return h;
  c.Spaces();
  if (!c.Char('@')) return std::nullopt;
  c.Spaces();
  size_t kind_start = c.i;
  if (!c.Word("heap")) return std::nullopt;
  while (c.i < line.size() && (line[c.i] == '_' || (line[c.i] >= 'a' && line[c.i] <= 'z') || (line[c.i] >= '0' && line[c.i] <= '9'))) ++c.i;
  std::string_view kind = line.substr(kind_start, c.i - kind_start);
  c.Char('/');
  int64_t period = 0;
  size_t digits = c.i;
  if (c.Number(&period) && c.i == digits) period = 0;
  h.has_alloc = (n[2] != n[0] && n[2] != "0") || (n[3] != n[1] && n[3] != "0");
  if (kind == "heapz_v2" || kind == "heap_v2") {
    h.unsample = true;
    h.rate = period;
  } else if (kind == "heapprofile") {
    h.rate = 1;
  } else if (kind == "heap") {
    h.unsample = true;  // Go: the number is twice MemProfileRate
    h.rate = period / 2;
  } else {
    return std::nullopt;
  }
  return h;
}

}  // namespace

// pprof's estimate of the unsampled values of a heap sample taken with a
// Poisson process of mean `rate` bytes: a block of S bytes is seen with
// probability 1 - exp(-S/rate).
void Unsample(int64_t* count, int64_t* size, int64_t rate) {
  if (*count == 0 || *size == 0) {
    *count = *size = 0;
    return;
  }
  if (rate <= 1) return;
  const double mean = static_cast<double>(*size) / static_cast<double>(*count);
  const double scale = 1 / (1 - std::exp(-mean / static_cast<double>(rate)));
  *count = SaturatingInt64(static_cast<double>(*count) * scale);
  *size = SaturatingInt64(static_cast<double>(*size) * scale);
}

std::optional<Result<Model>> ReadHeap(std::string_view text) {
  LineScanner scanner(text);
  std::string_view line;
  if (!scanner.Next(&line)) return std::nullopt;
  std::optional<HeapHeader> header = ParseHeapHeader(line);
  if (!header) return std::nullopt;
  Model m;
  m.period_type = {"space", "bytes"};
  m.period = header->unsample ? header->rate : 1;
  if (header->has_alloc) {
    m.sample_types = {{"alloc_objects", "count"}, {"alloc_space", "bytes"}, {"inuse_objects", "count"}, {"inuse_space", "bytes"}};
  } else {
    m.sample_types = {{"objects", "count"}, {"space", "bytes"}};
  }
  constexpr std::string_view kExpected = "a heap sample \"COUNT: BYTES [COUNT: BYTES] @ ADDRESSES\"";
  while (scanner.Next(&line)) {
    std::string_view t = Trim(line);
    if (IsBlankOrComment(t)) continue;
    if (IsMemoryMapSentinel(t)) break;
    Cursor c{t};
    int64_t v[4];
    bool ok = c.Number(&v[0], true) && c.Char(':');
    c.Spaces();
    ok = ok && c.Number(&v[1], true);
    c.Spaces();
    ok = ok && c.Char('[');
    c.Spaces();
    ok = ok && c.Number(&v[2]) && c.Char(':');
    c.Spaces();
    ok = ok && c.Number(&v[3]);
    c.Spaces();
    ok = ok && c.Word("] @");
    Sample s;
    if (!ok || !AddressesAfterAt(c.Rest(), &s.addresses)) return LineError(scanner, kExpected, t);
    int64_t block = 0;
    // Alloc columns (when present) before in-use ones; the block size is the in-use one when there is one.
    for (int k : header->has_alloc ? std::vector<int>{2, 0} : std::vector<int>{0}) {
      int64_t count = v[k], size = v[k + 1];
      if (count == 0 && size != 0) {
        return Status::Input("line " + std::to_string(scanner.line_number()) + ": " + std::to_string(size) +
                             " bytes in 0 " + (k == 2 ? "allocations" : "in-use objects"));
      }
      if (count != 0) {
        block = size / count;
        if (header->unsample) Unsample(&count, &size, header->rate);
      }
      s.values.push_back(count);
      s.values.push_back(size);
    }
    s.bytes = block;
    OntoCalls(s.addresses, 0);
    m.samples.push_back(std::move(s));
  }
  ReadMapAfter(scanner, line, m);
  return m;
}

std::optional<Result<Model>> ReadCount(std::string_view text) {
  LineScanner scanner(text);
  std::string_view line;
  while (scanner.Next(&line) && IsBlankOrComment(line)) {
  }
  // "goroutine profile: total 12"
  size_t space = line.find(' ');
  if (space == 0 || space == std::string_view::npos || line.find_first_of(" \t") != space) return std::nullopt;
  Cursor c{line, space};
  int64_t total = 0;
  if (!c.Word(" profile: total ") || !c.Number(&total) || c.i != line.size()) return std::nullopt;
  const std::string type(line.substr(0, space));
  Model m;
  m.period_type = {type, "count"};
  m.period = 1;
  m.sample_types = {{type, "count"}};
  std::string_view current;
  std::vector<uint64_t> fresh;  // the PCs the current sample's "#" lines name first
  while (scanner.Next(&line)) {
    current = line;
    if (!m.samples.empty() && Trim(line).starts_with('#')) {
      if (!ReadGoComment(line, m, m.samples.back(), fresh)) {
        return LineError(scanner, "a frame \"#\\t0xPC\\tFUNCTION+0xOFFSET\\tFILE:LINE\" or \"# labels: {...}\"", line);
      }
      continue;
    }
    if (IsBlankOrComment(line)) continue;
    if (line.starts_with("---")) break;
    Cursor s{line};
    int64_t n = 0;
    Sample sample;
    bool ok = s.Number(&n) && s.Word(" @");
    while (ok && s.i < line.size()) {
      size_t start = s.i;
      ok = s.Word(" 0x");
      while (ok && s.i < line.size() && ((line[s.i] >= '0' && line[s.i] <= '9') || (line[s.i] >= 'a' && line[s.i] <= 'f'))) ++s.i;
      ok = ok && s.i > start + 3 && HexAddresses(line.substr(start, s.i - start), &sample.addresses);
    }
    if (!ok || sample.addresses.empty()) return LineError(scanner, "a sample \"COUNT @ 0xADDRESS ...\"", line);
    sample.values = {n};
    OntoCalls(sample.addresses, 0);
    m.samples.push_back(std::move(sample));
    fresh.clear();
    current = {};
  }
  ReadMapAfter(scanner, current, m);
  return m;
}

namespace {

// "--- Thread 7f2a (name: worker/1234) stack: ---"
bool IsThreadStart(std::string_view line) {
  Cursor c{line};
  if (!c.Word("--- Thread ")) return false;
  size_t start = c.i;
  while (c.i < line.size() && std::isxdigit(static_cast<unsigned char>(line[c.i]))) ++c.i;
  if (c.i == start || !c.Word(" (name: ")) return false;
  size_t close = line.rfind(") stack: ---");
  if (close == std::string_view::npos || close < c.i) return false;
  std::string_view name = line.substr(c.i, close - c.i);
  size_t slash = name.rfind('/');
  int64_t id = 0;
  return slash != std::string_view::npos && ParseInt(name.substr(slash + 1), &id);
}

bool IsThreadzStart(std::string_view line) {
  size_t at = line.find("--- threadz ");
  if (at == std::string_view::npos) return false;
  Cursor c{line, at + 12};
  int64_t n = 0;
  return c.Number(&n) && c.Word(" ---");
}

}  // namespace

void DropDuplicateLeaves(Model& m) {
  for (Sample& s : m.samples) {
    if (s.addresses.size() > 1 && s.addresses[0] == s.addresses[1] + 1) s.addresses.erase(s.addresses.begin() + 1);
  }
}

std::optional<Result<Model>> ReadThread(std::string_view text) {
  LineScanner scanner(text);
  std::string_view line;
  while (scanner.Next(&line) && IsBlankOrComment(line)) {
  }
  if (IsThreadzStart(line)) {
    while (scanner.Next(&line) && !IsMemoryMapSentinel(line) && !line.starts_with("-")) {
    }
  } else if (!IsThreadStart(line)) {
    return std::nullopt;
  }
  Model m;
  m.sample_types = {{"thread", "count"}};
  m.period_type = {"thread", "count"};
  m.period = 1;
  bool more = true;
  while (more && !IsMemoryMapSentinel(line)) {
    if (line.starts_with("---- no stack trace for")) break;
    if (!IsThreadStart(line)) return LineError(scanner, "\"--- Thread ID (name: NAME/ID) stack: ---\"", line);
    Sample s;
    bool same_as_previous = false;
    more = false;
    while (scanner.Next(&line)) {
      line = Trim(line);
      if (line.empty()) continue;
      if (line.starts_with("---")) {
        more = true;
        break;
      }
      if (line.find("same as previous thread") != std::string_view::npos) {
        same_as_previous = true;
        continue;
      }
      if (!HexAddresses(line, &s.addresses)) return LineError(scanner, "addresses of 64 bits", line);
    }
    if (same_as_previous || s.addresses.empty()) {
      if (!m.samples.empty()) ++m.samples.back().values[0];
      continue;
    }
    s.values = {1};
    OntoCalls(s.addresses, 1);
    m.samples.push_back(std::move(s));
  }
  if (more) ReadMapAfter(scanner, line, m);
  DropDuplicateLeaves(m);
  return m;
}

std::optional<Result<Model>> ReadContention(std::string_view text) {
  LineScanner scanner(text);
  std::string_view line;
  if (!scanner.Next(&line)) return std::nullopt;
  if (!line.starts_with("--- contentionz ") && !line.starts_with("--- mutex:") && !line.starts_with("--- contention:")) {
    return std::nullopt;
  }
  Model m;
  m.period_type = {"contentions", "count"};
  m.period = 1;
  m.sample_types = {{"contentions", "count"}, {"delay", "nanoseconds"}};
  int64_t cycles_per_second = 0;
  bool have_line = false;
  // "key = value" attributes before the samples.
  while (scanner.Next(&line)) {
    std::string_view t = Trim(line);
    if (IsBlankOrComment(t)) continue;
    have_line = true;
    if (t.starts_with("---")) break;
    size_t eq = t.find('=');
    if (eq == std::string_view::npos) break;
    std::string_view key = Trim(t.substr(0, eq)), value = Trim(t.substr(eq + 1));
    // Java's contention profiles name a format and resolution: ReadJava reads them.
    if (key == "format" || key == "resolution") return std::nullopt;
    int64_t n = 0;
    bool ok = true;
    if (key == "cycles/second") {
      ok = ParseInt(value, &cycles_per_second, true);
    } else if (key == "sampling period") {
      ok = ParseInt(value, &m.period, true);
    } else if (key == "ms since reset") {
      ok = ParseInt(value, &n, true);
      m.duration_nanos = SaturatingMul(n, 1000 * 1000);
    } else if (key != "discarded samples") {
      return LineError(scanner, "an attribute (cycles/second, sampling period, ms since reset, discarded samples)", t);
    }
    if (!ok) return LineError(scanner, "a number after '='", t);
    have_line = false;
  }
  while (have_line) {
    std::string_view t = Trim(line);
    if (t.starts_with("---")) break;
    if (!IsBlankOrComment(t)) {
      Cursor c{t};
      int64_t delay = 0, count = 0;
      bool ok = c.Number(&delay);
      size_t before = c.i;
      c.Spaces();
      ok = ok && c.i > before && c.Number(&count) && c.Word(" @");
      Sample s;
      if (!ok || !AddressesAfterAt(c.Rest(), &s.addresses)) {
        return LineError(scanner, "a contention sample \"DELAY COUNT @ ADDRESSES\"", t);
      }
      // Delays in cycles become nanoseconds; both are scaled by the sampling period.
      if (m.period > 0) {
        if (cycles_per_second > 0) {
          delay = SaturatingInt64(static_cast<double>(delay) * static_cast<double>(m.period) /
                                  (static_cast<double>(cycles_per_second) / 1e9));
        }
        count = SaturatingMul(count, m.period);
      }
      s.values = {count, delay};
      OntoCalls(s.addresses, 0);
      m.samples.push_back(std::move(s));
    }
    have_line = scanner.Next(&line);
  }
  if (have_line) ReadMapAfter(scanner, line, m);
  return m;
}

}  // namespace proflens::legacy
