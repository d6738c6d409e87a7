#include "formats/detect_text.h"

#include <algorithm>
#include <string>

#include "formats/callgrind/callgrind.h"
#include "formats/folded/folded.h"
#include "formats/go/goroutine_dump_reader.h"
#include "formats/io/line_scanner.h"
#include "formats/python/austin_reader.h"

namespace proflens {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string_view TrimEnd(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || IsBlank(s.back()))) s.remove_suffix(1);
  return s;
}

// The next blank-separated token of `rest`, taken off it.
std::string_view Token(std::string_view* rest) {
  size_t start = 0;
  while (start < rest->size() && IsBlank((*rest)[start])) ++start;
  size_t end = start;
  while (end < rest->size() && !IsBlank((*rest)[end])) ++end;
  std::string_view token = rest->substr(start, end - start);
  rest->remove_prefix(end);
  return token;
}

bool AllOf(std::string_view s, bool (*pred)(char)) { return !s.empty() && std::all_of(s.begin(), s.end(), pred); }

// "2185.251113:"
bool IsTimestamp(std::string_view t) {
  if (t.size() < 2 || t.back() != ':') return false;
  t.remove_suffix(1);
  const size_t dot = t.find('.');
  if (dot == std::string_view::npos) return AllOf(t, IsDigit);
  return AllOf(t.substr(0, dot), IsDigit) && AllOf(t.substr(dot + 1), IsDigit);
}

// "cpu-clock:", "cycles:u:", "sched:sched_switch:", "cpu/period=1000/:"
bool IsEventName(std::string_view t) {
  if (t.size() < 2 || t.back() != ':') return false;
  const char c = t.front();
  if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) return false;
  return std::all_of(t.begin(), t.end() - 1, [](char ch) { return ch > ' ' && ch != '(' && ch != ')' && ch != '%'; });
}

// What follows "comm pid[/tid]": "[cpu] time: [period] event: ...", with a
// time or an event at least.
bool IsHeaderRest(std::string_view rest) {
  std::string_view token = Token(&rest);
  if (token.size() > 2 && token.front() == '[' && token.back() == ']' && AllOf(token.substr(1, token.size() - 2), IsDigit)) {
    token = Token(&rest);
  }
  bool time = false;
  if (IsTimestamp(token)) {
    time = true;
    token = Token(&rest);
  }
  // The period (a negative one too: the reader says it is bad).
  if (AllOf(token.starts_with('-') ? token.substr(1) : token, IsDigit)) token = Token(&rest);
  return IsEventName(token) || (time && token.empty()) || (time && AllOf(token, IsHexDigit));
}

// Counts of the first lines, by what they can be.
struct LineCounts {
  int records = 0;           // lines at the left margin (not comments)
  int headers = 0;           // perf sample headers among them
  int margin_frames = 0;     // perf frames at the left margin (old perf versions)
  int folded = 0, austin = 0;
  int indented = 0, frames = 0, source_lines = 0;  // indented lines; perf frames and srclines among them
  uint64_t first_not_header = 0, first_not_folded = 0;  // line numbers
  std::string not_header_text, not_folded_text;
};

std::string Quote(std::string_view line) {
  line = TrimEnd(line);
  std::string out = "\"" + std::string(line.substr(0, 60)) + (line.size() > 60 ? "..." : "") + "\"";
  return out;
}

std::string Lines(int n) { return std::to_string(n) + (n == 1 ? " line" : " lines"); }

}  // namespace

bool IsPerfSampleHeader(std::string_view line) {
  line = TrimEnd(line);
  const size_t n = line.size();
  if (n < 3 || IsBlank(line[0]) || line[0] == '#') return false;
  for (size_t i = 1; i < n; ++i) {  // the command name may hold blanks ("V8 WorkerThread")
    if (!IsBlank(line[i])) continue;
    size_t j = i;
    while (j < n && IsBlank(line[j])) ++j;
    const size_t pid = j;
    while (j < n && IsDigit(line[j])) ++j;
    if (j == pid) continue;
    if (j < n && line[j] == '/') {
      const size_t tid = ++j;
      while (j < n && IsDigit(line[j])) ++j;
      if (j == tid) continue;
    }
    if (j == n || !IsBlank(line[j])) continue;
    if (IsHeaderRest(line.substr(j))) return true;
  }
  return false;
}

bool IsPerfFrame(std::string_view line) {
  line = TrimEnd(line);
  std::string_view rest = line;
  const std::string_view address = Token(&rest);
  if (!AllOf(address, IsHexDigit) || rest.empty()) return false;
  if (line.back() != ')') return false;
  const size_t open = line.rfind(" (");
  return open != std::string_view::npos && open >= static_cast<size_t>(address.data() + address.size() - line.data());
}

std::string DescribeReportText(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 8192);
  LineScanner scanner(head);
  std::string_view line;
  std::string_view first;  // the first line that is not blank
  int lines = 0;
  bool file = false, format = false, base = false, pass_fail = false, check_summary = false;
  bool top_header = false, peek_header = false, traces_rule = false, showing = false;
  while (lines < 40 && scanner.Next(&line)) {
    line = TrimEnd(line);
    if (line.empty()) continue;
    ++lines;
    if (first.empty()) first = line;
    std::string_view s = line;
    while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
    file |= line.starts_with("File: ");
    format |= line.starts_with("Format: ");
    base |= lines == 1 && line.starts_with("Base: ");
    pass_fail |= line.starts_with("PASS  ") || line.starts_with("FAIL  ");
    check_summary |= line.ends_with(" failed") && line.find(" passed, ") != std::string_view::npos;
    showing |= line.starts_with("Showing nodes accounting for ");
    top_header |= s.starts_with("flat  flat%   sum%        cum   cum%");
    peek_header |= s.find("calls calls% + context") != std::string_view::npos;
    traces_rule |= line.starts_with("-----------+---");
  }
  const std::string give = ": give the profile itself";
  if (first.starts_with("Statistical profiling result from ")) {
    return "`node --prof-process` text (a report, not a profile): give proflens the JSON of "
           "`node --prof-process --preprocess`, or record with `node --cpu-prof`";
  }
  if (peek_header) return "`go tool pprof -peek` (or `proflens peek`) text (a report, not a profile)" + give;
  if (traces_rule) return "`go tool pprof -traces` (or `proflens traces`) text (a report, not a profile)" + give;
  if (top_header || showing) return "`go tool pprof -top` (or `proflens top`) text (a report, not a profile)" + give;
  if (file && format) return "`proflens info` output (a report, not a profile)" + give;
  if (base && first.find(": ") != std::string_view::npos) return "`proflens diff` output (a report, not a profile): give the two profiles";
  if (pass_fail && check_summary) return "`proflens check` output (a report, not a profile)" + give;
  std::string_view word = first;
  if (word.starts_with("strict ")) word.remove_prefix(7);
  if ((word.starts_with("digraph") || word.starts_with("graph")) && first.find('{') != std::string_view::npos) {
    return "a Graphviz DOT graph (`go tool pprof -dot`, `proflens dot`), a picture of a profile" + give;
  }
  if (first.find("\tSymbol Name") != std::string_view::npos) {
    return "an Instruments call tree copied as text, which proflens does not read: export the trace with a "
           "profiler proflens reads, or give the samples as folded stacks";
  }
  if (head.find("Time and Allocation Profiling Report") != std::string_view::npos ||
      head.find("\nCOST CENTRE ") != std::string_view::npos) {
    return "a GHC profiling report (+RTS -p), which proflens does not read";
  }
  if (first.starts_with("# ========") && head.find("\n# Overhead") != std::string_view::npos) {
    return "`perf report` text (a report, not a profile): give `perf script` output, or the perf.data file";
  }
  if (head.find("ncalls  tottime  percall  cumtime  percall") != std::string_view::npos) {
    return "cProfile's printed stats (a report, not a profile): give the file of `python -m cProfile -o FILE`";
  }
  if (first.starts_with("Profile data file '") || head.find("\nProfile data file '") != std::string_view::npos) {
    return "`callgrind_annotate` output (a report, not a profile): give the callgrind.out file itself";
  }
  return "";
}

TextVerdict DetectTextFormat(std::string_view bytes) {
  TextVerdict verdict;
  // A goroutine dump by its own grammar (its header, a frame, a file line).
  if (LooksLikeGoroutineDump(bytes)) return {Format::kGoroutineDump, ""};
  if (std::string report = DescribeReportText(bytes); !report.empty()) {
    verdict.why = std::move(report);
    return verdict;
  }
  // Whole lines, however long (a frame name can be megabytes), up to 200
  // of them or 64 MiB.
  LineScanner scanner(bytes);
  std::string_view line;
  LineCounts c;
  int lines = 0;
  bool after_frame = false;
  while (lines < 200 && scanner.position() < (size_t{64} << 20) && scanner.Next(&line)) {
    line = TrimEnd(line);
    if (line.empty()) {
      after_frame = false;
      continue;
    }
    if (line.front() == '#') {
      if (line.starts_with("# austin: ")) return {Format::kAustin, ""};
      continue;
    }
    ++lines;
    if (IsCallgrindHeaderLine(line)) return {Format::kCallgrind, ""};
    // perf pads the command name of a sample without callchain on the left.
    std::string_view left = line;
    while (!left.empty() && IsBlank(left.front())) left.remove_prefix(1);
    if (IsBlank(line.front()) && IsPerfSampleHeader(left)) {
      ++c.records;
      ++c.headers;
      after_frame = false;
      continue;
    }
    if (IsBlank(line.front())) {
      ++c.indented;
      const bool frame = IsPerfFrame(line);
      c.frames += frame;
      c.source_lines += !frame && after_frame;  // "  work.c:9" after a frame (-F +srcline)
      after_frame = frame;
      continue;
    }
    after_frame = false;
    ++c.records;
    const bool header = IsPerfSampleHeader(line);
    const bool margin_frame = !header && IsPerfFrame(line);
    const bool folded = IsFoldedLine(line);
    c.headers += header;
    c.margin_frames += margin_frame;
    c.folded += folded;
    c.austin += IsAustinSampleLine(line);
    after_frame = margin_frame;
    if (!header && !margin_frame && c.first_not_header == 0) {
      c.first_not_header = scanner.line_number();
      c.not_header_text = Quote(line);
    }
    if (!folded && c.first_not_folded == 0) {
      c.first_not_folded = scanner.line_number();
      c.not_folded_text = Quote(line);
    }
  }
  // Austin: its sample lines throughout.
  if (c.austin > 0 && c.austin * 10 >= c.records * 9 && c.indented == 0) return {Format::kAustin, ""};
  // perf script: most records begin with a sample header, and most indented
  // lines are frames (or the source lines after them).
  const int header_records = c.records - c.margin_frames;
  if (c.headers > 0 && c.headers * 2 >= header_records && (c.frames + c.source_lines) * 5 >= c.indented * 4) {
    return {Format::kPerfScript, ""};
  }
  // Folded stacks: most lines are "frames count" (inferno and flamegraph.pl
  // skip the odd bad line).
  if (c.folded > 0 && c.headers == 0 && c.folded * 3 >= lines * 2) return {Format::kFolded, ""};
  // Unknown: say what it is closest to, and why it is not that.
  if (c.headers == 0 && c.frames > 0 && c.frames * 5 >= c.indented * 4 && c.folded == 0) {
    verdict.why = "closest is perf script, but it has frames (" + Lines(c.indented) +
                  " indented) and no sample header (\"comm pid [cpu] time: [period] event:\") above them";
  } else if (c.headers > 0 && c.headers * 2 >= c.folded) {
    verdict.why = "closest is perf script, but only " + std::to_string(c.headers) + " of the first " +
                  Lines(c.records) + " at the left margin begin with a sample header (\"comm pid [cpu] time: "
                  "[period] event:\")";
    if (c.headers * 2 >= header_records) {
      verdict.why = "closest is perf script, but only " + std::to_string(c.frames) + " of its " + Lines(c.indented) +
                    " indented are frames (\"address symbol (dso)\")";
    } else if (c.first_not_header != 0) {
      verdict.why += "; line " + std::to_string(c.first_not_header) + ": " + c.not_header_text;
    }
  } else if (c.folded > 0) {
    verdict.why = "closest is folded stacks, but only " + std::to_string(c.folded) + " of the first " + Lines(lines) +
                  " are \"frame;frame;frame count\"";
    if (c.first_not_folded != 0) verdict.why += "; line " + std::to_string(c.first_not_folded) + ": " + c.not_folded_text;
  }
  return verdict;
}

}  // namespace proflens
