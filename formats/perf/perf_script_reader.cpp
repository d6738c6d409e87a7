#include "formats/perf/perf_script_reader.h"

#include "formats/detect_text.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string>
#include <tuple>
#include <unordered_map>

#include "analyzer/text.h"
#include "analyzer/hash.h"
#include "analyzer/intern_table.h"
#include "analyzer/profile_builder.h"
#include "analyzer/profile_copier.h"
#include "analyzer/symbol_names.h"
#include "formats/detect_text.h"
#include "formats/folded/folded.h"
#include "formats/io/input.h"
#include "formats/io/text_arena.h"
#include "formats/io/text_pieces.h"
#include "formats/io/text_search.h"
#include "formats/perf/perf_samples.h"
#include "formats/perf/perf_script_header.h"

namespace proflens {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWord(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_';
}
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// A sample header, matched as /^(\S.+?)\s+(\d+)\/*(\d+)*\s+/ matches it:
//   "perf 47118 [011] 51499.088689:          1 page-faults: "
//   "iperf 27409/28744 [000] 441995.133575: cpu-clock: "
//   "Web Content 4031/4032 ..." (comm with spaces)
struct HeaderMatch {
  std::string_view comm, pid, tid;  // tid empty when only one number was printed
  std::string_view identity;        // "comm pid/tid", the span that picks the labels
  std::string_view rest;            // after the whitespace that ends pid/tid
};

bool MatchHeader(std::string_view line, HeaderMatch* m) {
  const size_t n = line.size();
  if (n < 2 || IsSpace(line[0])) return false;
  for (size_t i = 2; i < n; ++i) {  // comm is at least two characters long
    if (!IsSpace(line[i])) continue;
    size_t j = i;
    while (j < n && IsSpace(line[j])) ++j;
    size_t pid_start = j;
    while (j < n && IsDigit(line[j])) ++j;
    if (j == pid_start) continue;
    size_t pid_end = j;
    while (j < n && line[j] == '/') ++j;
    size_t tid_start = j;
    while (j < n && IsDigit(line[j])) ++j;
    size_t tid_end = j;
    if (j == n || !IsSpace(line[j])) continue;
    while (j < n && IsSpace(line[j])) ++j;
    m->comm = line.substr(0, i);
    m->pid = line.substr(pid_start, pid_end - pid_start);
    m->tid = line.substr(tid_start, tid_end - tid_start);
    m->identity = line.substr(0, tid_end);
    m->rest = line.substr(j);
    return true;
  }
  return false;
}

// What follows pid/tid: "[cpu] time: period event: trace text". The event is
// the first token ending in ':' that is not the time; the period is the
// number just before it.
struct EventMatch {
  std::string_view event;  // empty when the line names none
  int64_t period = 0;
  bool has_period = false;
  int64_t time_ns = 0;
  bool has_time = false;
  bool bad_period = false;  // a period that is negative or does not fit in 64 bits
  std::string_view after;   // the text after the event (a tracepoint's, or a sample's one frame)
};

bool ParseTimestamp(std::string_view token, int64_t* ns) {
  // "1410597.984841:" -> nanoseconds
  if (token.size() < 2 || token.back() != ':') return false;
  token.remove_suffix(1);
  size_t dot = token.find('.');
  std::string_view whole = token.substr(0, dot), frac = dot == std::string_view::npos ? "" : token.substr(dot + 1);
  if (whole.empty()) return false;
  for (char c : whole) if (!IsDigit(c)) return false;
  for (char c : frac) if (!IsDigit(c)) return false;
  int64_t seconds = 0, nanos = 0;
  auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), seconds);
  for (size_t k = 0; k < 9; ++k) nanos = nanos * 10 + (k < frac.size() ? frac[k] - '0' : 0);
  // A time beyond 292 years of seconds is no time (it would wrap in nanoseconds).
  if (ec != std::errc() || __builtin_mul_overflow(seconds, 1000000000, ns) || __builtin_add_overflow(*ns, nanos, ns)) {
    return false;
  }
  return true;
}

void ParseEvent(std::string_view rest, EventMatch* e) {
  std::string_view previous;
  while (true) {
    while (!rest.empty() && IsSpace(rest.front())) rest.remove_prefix(1);
    if (rest.empty()) return;
    size_t end = 0;
    while (end < rest.size() && !IsSpace(rest[end])) ++end;
    std::string_view token = rest.substr(0, end);
    rest.remove_prefix(end);
    if (!e->has_time && ParseTimestamp(token, &e->time_ns)) {
      e->has_time = true;
    } else if (token.size() > 1 && token.back() == ':') {
      e->event = token.substr(0, token.size() - 1);
      std::string_view number = previous;
      const bool negative = number.size() > 1 && number.front() == '-';
      if (negative) number.remove_prefix(1);
      bool digits = !number.empty();
      for (char c : number) digits &= IsDigit(c);
      if (digits) {
        auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), e->period);
        e->has_period = ec == std::errc() && !negative;
        e->bad_period = !e->has_period;
      }
      e->after = rest;
      return;
    }
    previous = token;
  }
}

// A frame line, matched as /^\s*(\w+)\s*(.+) \((.*)\)/ matches it:
//   "\t    7fcf703ea8c6 Ljava/util/zip/Inflater;::inflateBytes (/tmp/perf-43287.map)"
//   "\tffffffff8106b2e5 native_write_msr_safe+0x5 ([kernel.kallsyms])"
//   "\t            1301 hash_loop+0x261 (inlined)"
struct FrameMatch {
  std::string_view pc, func, mod;
};

bool MatchFrame(std::string_view line, FrameMatch* m) {
  size_t i = 0, n = line.size();
  while (i < n && IsSpace(line[i])) ++i;
  size_t pc_start = i;
  while (i < n && IsWord(line[i])) ++i;
  size_t pc_end = i;
  if (pc_end == pc_start) return false;
  while (i < n && IsSpace(line[i])) ++i;
  size_t func_start = i;
  size_t close = line.rfind(')');
  if (close == std::string_view::npos || close < 2) return false;
  size_t open = line.rfind(" (", close - 2);  // the last " (" with a ")" after it
  if (open == std::string_view::npos || open < pc_end) return false;
  if (open > func_start) {
    m->pc = line.substr(pc_start, pc_end - pc_start);
    m->func = line.substr(func_start, open - func_start);
  } else if (open > pc_end) {
    // Only whitespace between the address and " (": the regex takes one blank as the symbol.
    m->pc = line.substr(pc_start, pc_end - pc_start);
    m->func = line.substr(open - 1, 1);
  } else if (open - pc_start >= 2) {
    // No symbol at all: the regex gives the address's last character to the symbol.
    m->pc = line.substr(pc_start, open - 1 - pc_start);
    m->func = line.substr(open - 1, 1);
  } else {
    return false;
  }
  m->mod = line.substr(open + 2, close - open - 2);
  return true;
}

// perf prints an instruction address in hex ("7f6f608b499a").
bool IsHexAddress(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); });
}

// "sym+0x1a" -> "sym" (lower-case hex only, as stackcollapse-perf.pl strips it).
std::string_view StripOffset(std::string_view func) {
  size_t plus = func.rfind("+0x");
  if (plus == std::string_view::npos || plus + 3 == func.size()) return func;
  for (size_t k = plus + 3; k < func.size(); ++k) {
    char c = func[k];
    if (!IsDigit(c) && !(c >= 'a' && c <= 'f')) return func;
  }
  return func.substr(0, plus);
}

// A source line from -F +srcline: "  work.c:9" -> file "work.c", line 9.
void ParseSrcline(std::string_view text, std::string* file, int64_t* line) {
  std::string cleaned;
  for (size_t k = 0; k < text.size(); ++k) {
    if (text[k] == '[') {
      size_t close = text.find(']', k);
      if (close != std::string_view::npos) {
        k = close;
        continue;
      }
    }
    cleaned += text[k];
  }
  std::string_view t = Trim(cleaned);
  *line = 0;
  file->clear();
  if (t.empty()) return;
  size_t colon = t.rfind(':');
  if (colon != std::string_view::npos && colon + 1 < t.size()) {
    std::string_view num = t.substr(colon + 1);
    int64_t value = 0;
    auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), value);
    if (ec == std::errc() && p == num.data() + num.size()) {
      *line = value;
      t = t.substr(0, colon);
    }
  }
  if (t == "??") {
    *line = 0;
    return;
  }
  *file = std::string(t);
}

// Everything the reader derives from one distinct frame line (plus its source line).
struct FrameInfo {
  bool skip = false;           // a "(process name)" pseudo-frame
  bool inline_marker = false;  // "(inlined)": belongs to the next frame at this address
  uint64_t address = 0;
  MappingId mapping = kNoId;
  uint32_t first_line = 0;     // into lines_, innermost first
  uint32_t line_count = 0;
  bool folded = false;         // an "a->b" chain
  LocationId location = kNoId; // ready-made for frames that need no merging
};

constexpr size_t kReportEvery = size_t{32} << 20;

class PerfScriptReader {
 public:
  // Reads one piece of the input (the whole of it, or a piece that starts
  // and ends at a sample boundary) into `chunk`.
  // chunk->samples may hold an empty log whose buffers are reused.
  void ReadChunk(std::string_view text, const PieceReadOptions& options, PerfChunk* chunk) {
    log_ = std::move(chunk->samples);
    log_.clear();
    LineScanner scanner(text);
    std::string_view line;
    chunk->skipped.resize(2);
    // A file mapping's piece is mapped in one call: a scan of the real
    // capture in 16 MiB pieces took 0.25-0.28 s with a fault every 64 KiB and
    // 0.23-0.24 s so.
    if (options.release_pages) PrefaultPages(text.data(), text.size());
    size_t reported = 0;  // bytes counted in options.progress / released so far
    while (NextLine(scanner, &line)) {
      // (Counted to the line's start: the scanner may stand after lines read ahead.)
      const size_t at = static_cast<size_t>(line.data() - text.data());
      if (at - reported >= kReportEvery) Report(text, at, options, &reported);
      if (line.empty() || line == "\r") {  // a CRLF file's blank lines end samples too
        FinishFrame({});
        EndSample();
        continue;
      }
      if (line[0] == '#') {
        FinishFrame({});
        continue;
      }
      // A frame line seen before is known by its text alone: no parsing.
      if (in_sample_ && IsSpace(line[0])) {
        uint64_t h = LineHash(line);
        const uint32_t known = frame_cache_.Find(h, [&](uint32_t i) { return SameFrame(i, line); });
        if (CheckFrameHash()) h = FrameKeyHash(line);
        if (known != InternTable::kEmpty) {
          FinishFrame({});
          pending_frame_ = line;
          pending_id_ = known;
          continue;
        }
        pending_hash_line_ = line.data();
        pending_hash_ = h;
      }
      HeaderMatch header;
      // A sample without callchain has its command padded on the left
      // ("            work  5646  2185.251113: ... cpu-clock:  7f6f... sym (dso)").
      std::string_view header_line = line;
      if (IsSpace(line[0])) {
        size_t k = 0;
        while (k < line.size() && IsSpace(line[k])) ++k;
        header_line = IsPerfSampleHeader(line.substr(k)) ? line.substr(k) : std::string_view();
      }
      if (!header_line.empty() && MatchHeader(header_line, &header)) {
        header_line_ = LineNumber(scanner);
        FinishFrame({});
        if (in_sample_) EndSample();
        StartSample(header);
        if (bad_period_) {
          chunk->skipped[1].Add(LineNumber(scanner), line);
          continue;
        }
        // (Not while lines read ahead are still to come: a capture without
        // callchains has its next headers indented, read ahead as frames.)
        if (handed_ >= prehashed_count_) PrefetchFrames(scanner);
        continue;
      }
      FrameMatch frame;
      if (MatchFrame(line, &frame)) {
        FinishFrame({});
        if (!in_sample_) {
          chunk->skipped[0].Add(LineNumber(scanner), line);
          continue;
        }
        pending_frame_ = line;
        pending_match_ = frame;
        continue;
      }
      if (!pending_frame_.empty() && IsSpace(line[0])) {
        FinishFrame(line);  // a source line for the frame above
        continue;
      }
      FinishFrame({});
      chunk->skipped[0].Add(LineNumber(scanner), line);
    }
    Report(text, text.size(), options, &reported);
    FinishFrame({});
    chunk->unended_line = 0;
    if (in_sample_) {  // stackcollapse-perf.pl drops it; inferno and speedscope read it, as here
      chunk->unended_line = header_line_;
      EndSample();
    }
    chunk->lines = scanner.line_number();
    chunk->events = std::move(events_);
    chunk->have_time = have_time_;
    chunk->first_time = first_time_;
    chunk->last_time = last_time_;
    chunk->profile = std::move(b_).Build();
    chunk->samples = std::move(log_);
  }

 private:
  void StartSample(const HeaderMatch& h) {
    in_sample_ = true;
    stack_.clear();
    pending_inline_.clear();
    EventMatch e;
    ParseEvent(h.rest, &e);
    if (e.has_time) {
      if (!have_time_ || e.time_ns < first_time_) first_time_ = e.time_ns;
      if (!have_time_ || e.time_ns > last_time_) last_time_ = e.time_ns;
      have_time_ = true;
    }
    event_ = EventIndex(e.event.empty() ? std::string_view("samples") : e.event);
    bad_period_ = e.bad_period;
    // As stackcollapse-perf.pl: a missing or zero period counts 1.
    value_ = e.has_period && e.period != 0 ? e.period : 1;
    if (!e.has_period) events_[event_].missing_period = true;
    labels_ = LabelsFor(h);
    // A capture recorded without -g: the sample's one frame ends its header.
    header_frame_ = {};
    std::string_view after = e.after;
    while (!after.empty() && IsSpace(after.front())) after.remove_prefix(1);
    if (!after.empty() && after.back() == '\r') after.remove_suffix(1);
    if (!after.empty() && MatchFrame(after, &header_match_) && IsHexAddress(header_match_.pc)) header_frame_ = after;
  }

  void EndSample() {
    if (!in_sample_) return;
    if (stack_.empty() && pending_inline_.empty() && !header_frame_.empty()) {
      pending_frame_ = header_frame_;
      pending_match_ = header_match_;
      pending_id_ = InternTable::kEmpty;
      FinishFrame({});
    }
    header_frame_ = {};
    FlushInline();
    if (bad_period_) {  // counted by ReadChunk; never added as 1
      in_sample_ = false;
      stack_.clear();
      return;
    }
    log_.ids.insert(log_.ids.end(), stack_.begin(), stack_.end());
    log_.ends.push_back(log_.ids.size());
    log_.labels.push_back(labels_);
    log_.events.push_back(static_cast<uint32_t>(event_));
    log_.values.push_back(value_);
    in_sample_ = false;
    stack_.clear();
  }

  int EventIndex(std::string_view name) {
    for (size_t i = 0; i < events_.size(); ++i) {
      if (events_[i].name == name) return static_cast<int>(i);
    }
    events_.push_back({std::string(name)});  // the merge makes the sample types
    return static_cast<int>(events_.size() - 1);
  }

  LabelSetId LabelsFor(const HeaderMatch& h) {
    auto [id, inserted] = label_cache_.FindOrInsert(
        HashString(h.identity), static_cast<uint32_t>(label_keys_.size()),
        [&](uint32_t i) { return label_keys_[i] == h.identity; });
    if (!inserted) return label_ids_[id];
    label_keys_.push_back(keys_.Store(h.identity));
    // Like stackcollapse-perf.pl: one number is the tid (perf's default), and
    // a tid of "0" falls back to the first number.
    std::string_view pid = h.pid, tid = h.tid;
    if (tid.empty() || tid == "0") {
      tid = pid;
      pid = {};
    }
    std::vector<Label> labels;
    labels.push_back(Label{b_.InternString(kCommLabel), b_.InternString(h.comm)});
    auto number = [&](std::string_view key, std::string_view digits) {
      int64_t v = 0;
      std::from_chars(digits.data(), digits.data() + digits.size(), v);
      labels.push_back(Label{b_.InternString(key), 0, v, 0});
    };
    if (!pid.empty()) number(kPidLabel, pid);
    if (!tid.empty()) number(kTidLabel, tid);
    LabelSetId set = b_.InternLabels(labels);
    label_ids_.push_back(set);
    return set;
  }

  // A sample's frame lines are looked up in a table far bigger than the
  // cache: one line at a time, each lookup waits for up to three misses (the
  // table's slot, the key's place, its text). Before the lines are read, the
  // lookups of the next ones are started together, in three rounds, so their
  // misses overlap; the lines and their hashes are kept for the reading,
  // and the scanner moves past them (NextLine hands them out first).
  void PrefetchFrames(LineScanner& scanner) {
    prehashed_count_ = handed_ = 0;
    std::string_view line;
    while (prehashed_count_ < kPrehashed) {
      const LineScanner before = scanner;
      if (!scanner.Next(&line)) break;
      if (line.empty() || !IsSpace(line[0])) {
        scanner = before;  // not a frame line: read as usual
        break;
      }
      const uint64_t h = FrameKeyHash(line);
      prehashed_[prehashed_count_++] = {line, h};
      frame_cache_.Prefetch(h);
    }
    uint32_t candidate[kPrehashed];
    for (size_t i = 0; i < prehashed_count_; ++i) {
      candidate[i] = frame_cache_.Candidate(prehashed_[i].hash);
      if (candidate[i] != InternTable::kEmpty) __builtin_prefetch(&frame_keys_[candidate[i]]);
    }
    for (size_t i = 0; i < prehashed_count_; ++i) {
      if (candidate[i] == InternTable::kEmpty) continue;
      __builtin_prefetch(frame_keys_[candidate[i]].data());
      __builtin_prefetch(&frames_[candidate[i]]);
    }
  }

  // The next line: those PrefetchFrames read ahead first, then the scanner's.
  bool NextLine(LineScanner& scanner, std::string_view* line) {
    line_prehashed_ = handed_ < prehashed_count_;
    if (line_prehashed_) {
      *line = prehashed_[handed_++].line;
      return true;
    }
    return scanner.Next(line);
  }

  // The frame cache's hash of the line NextLine gave last: the one
  // PrefetchFrames computed, or a new one.
  uint64_t LineHash(std::string_view line) const {
    return line_prehashed_ ? prehashed_[handed_ - 1].hash : FrameKeyHash(line);
  }

  // The number of the line NextLine gave last (the scanner may stand after
  // lines read ahead).
  uint64_t LineNumber(const LineScanner& scanner) const {
    return scanner.line_number() - (prehashed_count_ - handed_);
  }

  // The frame cache's hash of a frame line (a match is then compared in
  // full): its first 24 bytes, where perf writes the address and the start
  // of the symbol, its last 8 (the binary) and its length. Four loads
  // instead of a pass over every byte of 22 M lines.
  uint64_t FrameKeyHash(std::string_view key) const {
    if (full_hash_ || key.size() < 32) return HashString(key);
    uint64_t w[4];
    std::memcpy(w, key.data(), 24);
    std::memcpy(&w[3], key.data() + key.size() - 8, 8);
    return HashMix(MultiplyFold(w[0] ^ 0x243f6a8885a308d3ULL, w[1] ^ 0x13198a2e03707344ULL) ^
                   MultiplyFold(w[2] ^ 0xa4093822299f31d0ULL, w[3] ^ key.size()));
  }

  // A full comparison of a frame line with cached frame i; those that fail
  // are counted.
  bool SameFrame(uint32_t i, std::string_view key) {
    if (frame_keys_[i] == key) return true;
    ++frame_misses_;
    return false;
  }

  // Lines made alike where FrameKeyHash looks (a crafted input) would make
  // every lookup compare with all of them: after kMaxFrameMisses failed
  // comparisons the cache is rebuilt with hashes of every byte. True when
  // it was (hashes computed before are then stale).
  bool CheckFrameHash() {
    if (full_hash_ || frame_misses_ < kMaxFrameMisses) return false;
    full_hash_ = true;
    frame_cache_ = InternTable();
    for (uint32_t i = 0; i < frame_keys_.size(); ++i) {
      frame_cache_.FindOrInsert(HashString(frame_keys_[i]), i, [](uint32_t) { return false; });
    }
    for (size_t i = handed_; i < prehashed_count_; ++i) prehashed_[i].hash = FrameKeyHash(prehashed_[i].line);
    pending_hash_line_ = nullptr;
    return true;
  }

  // Resolves the pending frame line (and its source line, if any) into the stack.
  void FinishFrame(std::string_view srcline) {
    if (pending_frame_.empty()) return;
    uint32_t id = pending_id_;
    bool inserted = false;
    pending_id_ = InternTable::kEmpty;
    std::string_view key = srcline.empty() ? pending_frame_ : LineScanner::Span(pending_frame_, srcline);
    if (id == InternTable::kEmpty || !srcline.empty()) {
      // A frame seen before but now with a source line is parsed after all.
      if (id != InternTable::kEmpty) MatchFrame(pending_frame_, &pending_match_);
      const uint64_t h = srcline.empty() && key.data() == pending_hash_line_ ? pending_hash_ : FrameKeyHash(key);
      std::tie(id, inserted) = frame_cache_.FindOrInsert(h, static_cast<uint32_t>(frame_keys_.size()),
                                                         [&](uint32_t i) { return SameFrame(i, key); });
    }
    if (inserted) {
      frame_keys_.push_back(keys_.Store(key));
      frames_.push_back(MakeFrame(pending_match_, srcline));
    }
    CheckFrameHash();
    pending_frame_ = {};
    const FrameInfo& f = frames_[id];
    if (f.skip) return;
    if (f.inline_marker) {
      if (!pending_inline_.empty() && pending_inline_address_ != f.address) FlushInline();
      pending_inline_address_ = f.address;
      pending_inline_.insert(pending_inline_.end(), lines_.begin() + f.first_line,
                             lines_.begin() + f.first_line + f.line_count);
      return;
    }
    if (!pending_inline_.empty()) {
      if (pending_inline_address_ == f.address) {
        // The inlined frames above were inlined into this one: one location.
        pending_inline_.insert(pending_inline_.end(), lines_.begin() + f.first_line,
                               lines_.begin() + f.first_line + f.line_count);
        stack_.push_back(b_.InternLocation(f.mapping, f.address, pending_inline_, f.folded));
        pending_inline_.clear();
        return;
      }
      FlushInline();
    }
    stack_.push_back(f.location);
  }

  void FlushInline() {
    if (pending_inline_.empty()) return;
    stack_.push_back(b_.InternLocation(kNoId, pending_inline_address_, pending_inline_));
    pending_inline_.clear();
  }

  FrameInfo MakeFrame(const FrameMatch& m, std::string_view srcline) {
    FrameInfo f;
    std::string_view func = StripOffset(m.func);
    if (func.starts_with('(')) {
      f.skip = true;
      return f;
    }
    bool all_hex = !m.pc.empty();
    for (char c : m.pc) all_hex &= IsHex(c);
    if (all_hex && m.pc.size() <= 16) std::from_chars(m.pc.data(), m.pc.data() + m.pc.size(), f.address, 16);
    f.inline_marker = m.mod == "inlined";
    if (!f.inline_marker) f.mapping = InternPerfMapping(b_, m.mod);
    std::string file;
    int64_t line_number = 0;
    if (!srcline.empty()) ParseSrcline(srcline, &file, &line_number);
    // "a->b": b was inlined into a; lines are stored innermost first.
    f.first_line = static_cast<uint32_t>(lines_.size());
    std::vector<std::string_view> parts;
    for (size_t start = 0;;) {
      size_t arrow = func.find("->", start);
      parts.push_back(func.substr(start, arrow == std::string_view::npos ? std::string_view::npos : arrow - start));
      if (arrow == std::string_view::npos) break;
      start = arrow + 2;
    }
    f.folded = parts.size() > 1;
    bool unknown = parts.size() == 1 && parts[0] == "[unknown]";
    if (!unknown) {
      for (size_t k = parts.size(); k-- > 0;) {
        Line line;
        if (parts[k] != "[unknown]") {
          line.function = InternPerfFunction(b_, parts[k], file);
          line.line = k + 1 == parts.size() ? line_number : 0;
        }
        lines_.push_back(line);
      }
    }
    f.line_count = static_cast<uint32_t>(lines_.size()) - f.first_line;
    if (!f.inline_marker) {
      f.location = b_.InternLocation(f.mapping, f.address,
                                     {lines_.data() + f.first_line, f.line_count}, f.folded);
    }
    return f;
  }

  // Counts progress and gives the pages read back to the kernel (they are
  // the mapped file's: touching them again maps them again).
  static void Report(std::string_view text, size_t position, const PieceReadOptions& options, size_t* reported) {
    if (options.progress != nullptr) options.progress->fetch_add(position - *reported, std::memory_order_relaxed);
    if (options.release_pages) ReleasePages(text.data() + *reported, position - *reported);
    *reported = position;
  }

  ProfileBuilder b_;
  bool in_sample_ = false;
  int event_ = 0;
  int64_t value_ = 0;
  bool bad_period_ = false;
  LabelSetId labels_ = 0;
  std::vector<LocationId> stack_;
  std::vector<int64_t> values_;
  std::vector<PerfEvent> events_;

  std::string_view pending_frame_;
  FrameMatch pending_match_;
  std::string_view header_frame_;  // the frame a sample header ends with (no callchain), or empty
  FrameMatch header_match_;
  uint64_t header_line_ = 0;       // the line of the last sample header
  std::vector<Line> pending_inline_;
  uint64_t pending_inline_address_ = 0;

  InternTable frame_cache_;
  static constexpr uint64_t kMaxFrameMisses = 4096;
  uint64_t frame_misses_ = 0;
  bool full_hash_ = false;  // FrameKeyHash hashes every byte
  static constexpr size_t kPrehashed = 64;
  struct Prehashed {
    std::string_view line;
    uint64_t hash;
  };
  Prehashed prehashed_[kPrehashed];
  uint32_t pending_id_ = InternTable::kEmpty;  // the pending frame line's id, when known by its text
  const char* pending_hash_line_ = nullptr;     // the line whose hash pending_hash_ is
  uint64_t pending_hash_ = 0;
  size_t prehashed_count_ = 0;
  size_t handed_ = 0;            // prehashed lines NextLine handed out
  bool line_prehashed_ = false;  // the line NextLine gave last was one of them
  TextArena keys_;  // the caches' keys, copied: the input's pages can then be given back
  std::vector<std::string_view> frame_keys_;
  std::vector<FrameInfo> frames_;
  std::vector<Line> lines_;

  InternTable label_cache_;
  std::vector<std::string_view> label_keys_;
  std::vector<LabelSetId> label_ids_;

  SampleLog log_;

  bool have_time_ = false;
  int64_t first_time_ = 0, last_time_ = 0;
};

}  // namespace

bool IsPerfHeaderLine(std::string_view line) {
  HeaderMatch m;
  return MatchHeader(line, &m);
}

bool IsPerfFrameLine(std::string_view line) {
  FrameMatch m;
  return MatchFrame(line, &m);
}


Result<PerfScriptResult> ReadPerfScript(std::string_view text, const PieceReadOptions& options) {
  // perf's header block (perf script --header), read before the pieces may release the text's pages.
  const int64_t captured_on = PerfScriptCaptureTime(text);
  // Pieces start at a line after a blank line (where no sample is open), so
  // each reads on its own exactly as it would within the whole. Their size
  // does not depend on the threads, so neither does the result.
  const size_t piece_bytes = std::max<size_t>(options.piece_bytes, 1);
  const int count = static_cast<int>(std::min<size_t>(text.size() / piece_bytes + 1, 1 << 20));
  std::vector<std::string_view> pieces = CutText(text, count, piece_bytes, [text](size_t at) {
    return at - 1 + FindBlankLine(text.data() + at - 1, text.size() - at + 1) + 2;  // after the "\n\n"
  });
  std::vector<PerfChunk> chunks(pieces.size());
  PerfMerger merger(pieces.size());
  // A merged piece's sample log is reused by a later piece (reading the
  // 917 MB capture: 152,000 page faults with fresh ones, 85,000 so).
  Recycler<SampleLog> logs;
  ReadAndMergePieces(
      pieces.size(), ResolveThreads(options.threads),
      [&](size_t i) {
        chunks[i].samples = logs.Take();
        PerfScriptReader().ReadChunk(pieces[i], options, &chunks[i]);
      },
      [&](size_t i) {
        merger.Add(chunks[i]);
        logs.Give(std::move(chunks[i].samples));
        chunks[i] = PerfChunk();  // copied: its memory goes back
      });
  Result<PerfScriptResult> result = std::move(merger).Finish(
      "no perf samples found: expected sample headers like "
      "\"comm pid [cpu] time: period event:\" followed by frame lines");
  if (result.ok()) result->profile.time_nanos = captured_on;
  return result;
}

}  // namespace proflens
