// Reading folded stacks, in pieces read on several threads and added to the
// profile as they are read. Piece 0 is read straight into the profile; the
// other pieces only intern their frames and note their lines, and are then
// added in input order, each piece's new frames in the order they first
// appear, so every id comes out as one thread reading the whole would give it.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstring>

#include "analyzer/text.h"
#include "analyzer/hash.h"
#include "analyzer/intern_table.h"
#include "analyzer/profile_builder.h"
#include "analyzer/units.h"
#include "formats/folded/folded.h"
#include "formats/io/input.h"
#include "formats/python/python_frames.h"
#include "formats/io/text_arena.h"
#include "formats/io/text_pieces.h"

namespace proflens {

namespace {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A count as flamegraph.pl reads one: digits, and an optional fraction ("14.25", "3.").
// A leading '-' is taken as a count too, so that a negative one is refused
// with its line rather than the line skipped as one without a count.
bool IsCount(std::string_view s) {
  if (s.size() > 1 && s[0] == '-') s.remove_prefix(1);
  size_t dot = s.find('.');
  if (dot == std::string_view::npos) return IsDigits(s);
  std::string_view fraction = s.substr(dot + 1);
  return IsDigits(s.substr(0, dot)) && (fraction.empty() || IsDigits(fraction));
}

// Splits "frames count" at the last blank. Returns false when there is no
// count. Only that one blank separates: a frame may end in blanks, as
// flamegraph.pl reads it ("f; 3" is the frames "f;" and " ").
bool SplitCount(std::string_view line, std::string_view* frames, std::string_view* count) {
  line = TrimRight(line);
  size_t blank = line.find_last_of(" \t");
  if (blank == std::string_view::npos) return false;
  *count = line.substr(blank + 1);
  *frames = line.substr(0, blank);
  return IsCount(*count);
}

bool IsTwoColumn(std::string_view line) {
  std::string_view frames, after, before, rest;
  return SplitCount(line, &frames, &after) && SplitCount(frames, &rest, &before);
}

// A count, whole (`thousandths` false: a fraction is left for a second
// reading, *fraction set) or in thousandths, its fraction rounded half up to
// three digits. False when it does not fit in int64.
bool ParseCount(std::string_view text, bool thousandths, int64_t* value, bool* fraction) {
  if (text.starts_with('-')) return false;
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  auto [p, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), *value);
  if (ec != std::errc() || p != whole.data() + whole.size()) return false;
  if (!thousandths) {
    if (dot != std::string_view::npos) *fraction = true;
    return true;
  }
  if (__builtin_mul_overflow(*value, 1000, value)) return false;
  int64_t milli = 0;
  std::string_view digits = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  for (size_t i = 0; i < 3; ++i) milli = milli * 10 + (i < digits.size() ? digits[i] - '0' : 0);
  if (digits.size() > 3 && digits[3] >= '5') ++milli;
  return !__builtin_add_overflow(*value, milli, value);
}

// Calls visit(frame) for each ';'-separated frame, root first.
template <typename Visit>
void ForEachFrame(std::string_view frames, Visit&& visit) {
  if (frames.empty()) return;
  for (size_t start = 0;;) {
    size_t semi = frames.find(';', start);
    visit(frames.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start));
    if (semi == std::string_view::npos) return;
    start = semi + 1;
  }
}

// Each distinct frame name once, with ids in the order of first appearance.
class FrameInterner {
 public:
  // Interns the ';'-separated frames of one stack, root first, calling
  // visit(id, inserted, frame) for each in order. The stack's lookups go in
  // stages (hash every frame and prefetch its slot, then prefetch the likely
  // key, then look up), so their cache misses overlap instead of queueing.
  template <typename Visit>
  void InternStack(std::string_view frames, Visit&& visit) {
    batch_.clear();
    ForEachFrame(frames, [&](std::string_view frame) {
      const uint64_t hash = HashString(frame);
      table_.Prefetch(hash);
      batch_.push_back({frame, hash});
    });
    for (const Pending& p : batch_) {
      const uint32_t id = table_.Candidate(p.hash);
      if (id != InternTable::kEmpty) __builtin_prefetch(keys_[id].data());
    }
    for (const Pending& p : batch_) {
      bool fresh = false;
      const uint32_t id = Intern(p.frame, p.hash, &fresh);
      visit(id, fresh, p.frame);
    }
  }
  // The id of `frame`; *inserted tells a new one.
  uint32_t Intern(std::string_view frame, bool* inserted) { return Intern(frame, HashString(frame), inserted); }
  std::string_view key(uint32_t id) const { return keys_[id]; }
  uint32_t size() const { return static_cast<uint32_t>(keys_.size()); }

 private:
  struct Pending {
    std::string_view frame;
    uint64_t hash;
  };

  uint32_t Intern(std::string_view frame, uint64_t hash, bool* inserted) {
    auto [id, fresh] = table_.FindOrInsert(hash, static_cast<uint32_t>(keys_.size()),
                                           [&](uint32_t i) { return keys_[i] == frame; });
    // A copy: the names then lie together in a few cache lines, not spread
    // over the file, for the comparisons of every later lookup.
    if (fresh) keys_.push_back(arena_.Store(frame));
    *inserted = fresh;
    return id;
  }

  InternTable table_;
  TextArena arena_;
  std::vector<std::string_view> keys_;
  std::vector<Pending> batch_;
};

// Builds one profile of folded stacks, each distinct frame a location once.
class FoldedBuilder {
 public:
  FoldedBuilder() {
    b_.AddSampleType("samples", "count");
    // Folded stacks name no main binary: mapping 0 stays empty ("[dso]"
    // frames get mappings of their own).
    b_.InternMapping(Mapping{});
  }

  // `frames` root first, ';' separated.
  void Add(std::string_view frames, int64_t count) {
    stack_.clear();
    frames_.InternStack(frames, [&](uint32_t id, bool inserted, std::string_view frame) {
      stack_.push_back(inserted ? NewLocation(frame) : locations_[id]);
    });
    AddStack(count);
  }

  // A stack given as ids (root first) that `locations` maps to this profile's.
  void Add(std::span<const uint32_t> ids, const std::vector<LocationId>& locations, int64_t count) {
    stack_.clear();
    for (uint32_t id : ids) stack_.push_back(locations[id]);
    AddStack(count);
  }

  // The location of one frame.
  LocationId Frame(std::string_view frame) {
    bool inserted = false;
    uint32_t id = frames_.Intern(frame, &inserted);
    return inserted ? NewLocation(frame) : locations_[id];
  }

  Profile Build() && {
    AddPending();
    return std::move(b_).Build();
  }

 private:
  // The location of a frame seen for the first time.
  LocationId NewLocation(std::string_view frame) {
    // "[libc.so.6]" or "[unknown]" is how stackcollapse-perf.pl writes a
    // frame without a symbol: a location in that binary, with no function.
    if (frame.size() > 2 && frame.front() == '[' && frame.back() == ']' &&
        frame.find_first_of("[] ", 1) == frame.size() - 1) {
      Mapping mapping;
      mapping.file = b_.InternString(frame == "[unknown]" ? frame : frame.substr(1, frame.size() - 2));
      mapping.has_functions = true;
      locations_.push_back(b_.InternLocation(b_.InternMapping(mapping), 0, {}));
      return locations_.back();
    }
    // Folded stacks carry their own names: kept as written. A Python
    // sampler's frame is a function "name (file)" at a line, so a function's
    // lines add up to one row.
    Function fn;
    fn.system_name = b_.InternString(frame);
    fn.name = fn.system_name;
    Line line{kNoId, 0};
    if (std::optional<PythonFrame> py = ParsePythonFrame(frame)) {
      fn.name = b_.InternString(std::string(py->function) + " (" + std::string(py->file) + ")");
      fn.filename = b_.InternString(py->file);
      line.line = py->line;
    }
    line.function = b_.InternFunction(fn);
    const LocationId location = b_.InternLocation(kNoId, 0, {&line, 1});
    locations_.push_back(location);
    if (location >= root_kind_.size()) root_kind_.resize(location + 1, RootFrame::kNone);
    root_kind_[location] = ClassifyRootFrame(frame);
    return location;
  }

  RootFrame KindOf(LocationId location) const {
    return location < root_kind_.size() ? root_kind_[location] : RootFrame::kNone;
  }

  // Process and thread frames at the root of `stack_` (root first) become
  // labels with their text; returns the label set.
  LabelSetId TakeRootLabels() {
    size_t strip = 0;
    labels_.clear();
    auto label = [&](std::string_view key, LocationId location) {
      const Line& line = b_.profile().lines[b_.profile().locations[location].first_line];
      labels_.push_back({b_.InternString(key), b_.profile().functions[line.function].system_name});
    };
    if (stack_.size() >= 2 && KindOf(stack_[0]) == RootFrame::kAustinProcess &&
        KindOf(stack_[1]) == RootFrame::kAustinThread) {
      label(kProcessFrameLabel, stack_[0]);
      label(kThreadFrameLabel, stack_[1]);
      strip = 2;
    } else {
      if (!stack_.empty() && KindOf(stack_[0]) == RootFrame::kPySpyProcess) label(kProcessFrameLabel, stack_[strip++]);
      if (stack_.size() > strip && KindOf(stack_[strip]) == RootFrame::kPySpyThread) {
        label(kThreadFrameLabel, stack_[strip++]);
      }
    }
    if (strip == 0) return 0;
    stack_.erase(stack_.begin(), stack_.begin() + static_cast<std::ptrdiff_t>(strip));
    return b_.InternLabels(labels_);
  }

  // Stacks are added one line late: a line's stack lookup is prefetched,
  // and the next line's frames are interned while it arrives.
  void AddStack(int64_t count) {
    const LabelSetId labels = TakeRootLabels();
    std::reverse(stack_.begin(), stack_.end());  // the model is leaf first
    const uint64_t hash = ProfileBuilder::StackHash(stack_);
    b_.PrefetchStack(hash);
    AddPending();
    pending_.swap(stack_);
    pending_hash_ = hash;
    pending_count_ = count;
    pending_labels_ = labels;
    has_pending_ = true;
  }

  void AddPending() {
    if (!has_pending_) return;
    b_.AddSample(b_.InternStack(pending_, pending_hash_), pending_labels_, {&pending_count_, 1});
    has_pending_ = false;
  }

  ProfileBuilder b_;
  FrameInterner frames_;
  std::vector<LocationId> locations_;  // by frame id
  std::vector<LocationId> stack_;
  std::vector<LocationId> pending_;  // the last line's stack, leaf first, not yet added
  uint64_t pending_hash_ = 0;
  int64_t pending_count_ = 0;
  LabelSetId pending_labels_ = 0;
  bool has_pending_ = false;
  std::vector<RootFrame> root_kind_;  // by location: a process or thread frame, when at the root
  std::vector<Label> labels_;
};

// What a piece other than the first found: its frames and its lines.
struct FoldedPiece {
  struct Stack {
    uint32_t first = 0, size = 0;  // in ids
    int64_t after = 0, before = 0;
  };
  FrameInterner frames;
  std::vector<uint32_t> ids;  // frame ids of every stack, root first
  std::vector<Stack> stacks;

  void Clear() {  // keeps the buffers of ids and stacks
    frames = FrameInterner();
    ids.clear();
    stacks.clear();
  }
};

// What reading a piece gave besides its stacks; line numbers within the piece.
struct PieceReport {
  std::vector<SkippedLines> skipped = std::vector<SkippedLines>(2);  // [0] blank, [1] without a count
  uint64_t lines = 0;
  uint64_t stacks = 0;
  uint64_t error_line = 0;  // a count too large for int64: reading stops
  std::string error_count;
  std::vector<std::string> comments;  // "# key: value" lines (Austin's metadata), without the "# "
  bool fraction = false;  // a fractional count was met: the piece stopped, to be read again in thousandths
};

constexpr size_t kReportEvery = size_t{32} << 20;

// Reads the lines of `text`, calling add(frames, after, before) for each stack.
template <typename AddStack>
void ReadLines(std::string_view text, bool two_columns, bool thousandths, std::atomic<uint64_t>* progress,
               PieceReport* report, AddStack&& add) {
  LineScanner scanner(text);
  std::string_view line;
  size_t reported = 0;
  while (scanner.Next(&line)) {
    if (progress != nullptr && scanner.position() - reported >= kReportEvery) {
      *progress += scanner.position() - reported;
      reported = scanner.position();
    }
    if (TrimRight(line).empty()) {
      if (scanner.last_had_newline() || !line.empty()) report->skipped[0].Add(scanner.line_number(), line);
      continue;
    }
    if (line.front() == '#') {
      // A comment, as inferno reads them; Austin writes its metadata so
      // ("# mode: wall", "# duration: 23873").
      std::string_view text = TrimRight(line.substr(1));
      while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
      if (!text.empty()) report->comments.emplace_back(text);
      continue;
    }
    std::string_view frames, count_text, before_text;
    int64_t count = 0, before_count = 0;
    bool ok = SplitCount(line, &frames, &count_text) && ParseCount(count_text, thousandths, &count, &report->fraction);
    if (ok && two_columns) {
      std::string_view rest;
      ok = SplitCount(frames, &rest, &before_text) &&
           ParseCount(before_text, thousandths, &before_count, &report->fraction);
      frames = rest;
    }
    if (report->fraction) break;
    if (!ok) {
      if (SplitCount(line, &frames, &count_text)) {
        report->error_line = scanner.line_number();
        // A count of a thousand digits is shown by its start and its length.
        report->error_count = count_text.size() <= 40
                                  ? std::string(count_text)
                                  : std::string(count_text.substr(0, 20)) + "... (" + std::to_string(count_text.size()) + " digits)";
        break;
      }
      report->skipped[1].Add(scanner.line_number(), line);
      continue;
    }
    add(frames, count, before_count);
    ++report->stacks;
  }
  if (progress != nullptr) *progress += scanner.position() - reported;
  report->lines = scanner.line_number();
}

void ReadPiece(std::string_view text, bool two_columns, bool thousandths, std::atomic<uint64_t>* progress,
               FoldedPiece* piece, PieceReport* report) {
  ReadLines(text, two_columns, thousandths, progress, report, [&](std::string_view frames, int64_t after, int64_t before) {
    const uint32_t first = static_cast<uint32_t>(piece->ids.size());
    piece->frames.InternStack(frames, [&](uint32_t id, bool, std::string_view) { piece->ids.push_back(id); });
    piece->stacks.push_back({first, static_cast<uint32_t>(piece->ids.size()) - first, after, before});
  });
}

// Adds a piece's stacks to a builder: its new frames first, in their order.
void AddPiece(const FoldedPiece& piece, FoldedBuilder& to, bool before) {
  std::vector<LocationId> locations(piece.frames.size());
  for (uint32_t id = 0; id < piece.frames.size(); ++id) locations[id] = to.Frame(piece.frames.key(id));
  for (const FoldedPiece::Stack& s : piece.stacks) {
    to.Add({piece.ids.data() + s.first, s.size}, locations, before ? s.before : s.after);
  }
}

// A "# key: value" comment goes to the profile's comments; Austin's mode
// names what its counts measure (wall and cpu: microseconds; memory: bytes).
void AddComment(const std::string& text, Profile& p) {
  auto intern = [&p](std::string_view s) {
    p.strings.emplace_back(s);
    return static_cast<StringId>(p.strings.size() - 1);
  };
  p.comments.push_back(intern(text));
  if (!text.starts_with("mode: ") || p.sample_types.size() != 1) return;
  const std::string_view mode = std::string_view(text).substr(6);
  if (mode == "wall" || mode == "cpu") {
    p.sample_types[0] = {intern(mode), intern("microseconds")};
  } else if (mode == "memory") {
    p.sample_types[0] = {intern(mode), intern("bytes")};
  }
}

}  // namespace

bool IsFoldedLine(std::string_view line) {
  std::string_view frames, count;
  return !line.empty() && line[0] != ' ' && line[0] != '\t' && SplitCount(line, &frames, &count);
}

namespace {

// A profile read in thousandths: its counts are "millisamples" (shown as
// fractions of a sample), and Austin's microseconds become nanoseconds.
void CountInThousandths(Profile& p) {
  auto intern = [&p](std::string_view s) {
    p.strings.emplace_back(s);
    return static_cast<StringId>(p.strings.size() - 1);
  };
  for (ValueType& t : p.sample_types) {
    std::string_view unit = p.str(t.unit);
    t.unit = intern(unit == "microseconds" ? "nanoseconds" : unit == "count" ? kMilliSamplesUnit : "milli" + std::string(unit));
  }
}

Result<FoldedResult> ReadAll(std::string_view text, const PieceReadOptions& options, bool two_columns, bool thousandths,
                             bool* fraction) {
  // Pieces start at the start of a line; their size does not depend on the
  // threads, so neither does the result.
  const size_t piece_bytes = std::max<size_t>(options.piece_bytes, 1);
  const int count = static_cast<int>(std::min<size_t>(text.size() / piece_bytes + 1, 1 << 20));
  std::vector<std::string_view> pieces = CutText(text, count, piece_bytes, [text](size_t at) {
    const void* nl = std::memchr(text.data() + at - 1, '\n', text.size() - at + 1);
    return nl == nullptr ? text.size() : static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;
  });
  FoldedResult result;
  result.pieces = pieces.size();
  result.skipped.resize(2);
  result.skipped[0].one = "blank line";
  result.skipped[0].many = "blank lines";
  result.skipped[0].harmless = true;  // nothing lost: --strict lets blank lines be
  result.skipped[1].one = two_columns ? "line without two counts (expected \"stack before after\")"
                                      : "line without a count (expected \"frame;frame;... count\")";
  result.skipped[1].many = two_columns ? "lines without two counts (expected \"stack before after\")"
                                       : "lines without a count (expected \"frame;frame;... count\")";
  // Piece 0 is read straight into the profile; each later piece is read on
  // its own (its frames and lines), then added in input order and released,
  // so memory holds the profile and the pieces read ahead.
  FoldedBuilder after, before;
  std::vector<FoldedPiece> later(pieces.size());
  Recycler<FoldedPiece> recycled;  // an added piece's buffers serve a later one
  std::vector<PieceReport> reports(pieces.size());
  std::vector<std::string> comments;
  // The first piece that met a fraction or a bad count: the pieces after it
  // need not be read (those before it must: they come first).
  std::atomic<size_t> stopped_at = SIZE_MAX;
  Status error = Status::Ok();
  uint64_t line_offset = 0, stacks = 0;
  auto read = [&](size_t i) {
    if (i > stopped_at) return;
    if (options.release_pages) PrefaultPages(pieces[i].data(), pieces[i].size());
    if (i > 0) {
      later[i] = recycled.Take();
      later[i].Clear();
      ReadPiece(pieces[i], two_columns, thousandths, options.progress, &later[i], &reports[i]);
    } else {
      ReadLines(pieces[0], two_columns, thousandths, options.progress, &reports[0],
                [&](std::string_view frames, int64_t a, int64_t b) {
                  after.Add(frames, a);
                  if (two_columns) before.Add(frames, b);
                });
    }
    if (options.release_pages) ReleasePages(pieces[i].data(), pieces[i].size());
    if (reports[i].fraction || !reports[i].error_count.empty()) {
      size_t at = stopped_at;
      while (i < at && !stopped_at.compare_exchange_weak(at, i)) {
      }
    }
  };
  auto merge = [&](size_t i) {
    const PieceReport& r = reports[i];
    *fraction |= r.fraction;
    if (*fraction || !error.ok()) return;
    if (r.error_count.starts_with('-')) {
      error = Status::Input("line " + std::to_string(line_offset + r.error_line) + ": count " + r.error_count +
                            " is negative; a folded count is a number of samples, 0 or more");
    } else if (!r.error_count.empty()) {
      error = Status::Input("line " + std::to_string(line_offset + r.error_line) + ": count " + r.error_count +
                            (thousandths ? " is too large (largest with fractions: 9223372036854775.807)"
                                         : " is too large (largest: 9223372036854775807)"));
    }
    if (!error.ok()) return;
    for (size_t k = 0; k < 2; ++k) result.skipped[k].AddPiece(r.skipped[k], line_offset);
    line_offset += r.lines;
    stacks += r.stacks;
    comments.insert(comments.end(), r.comments.begin(), r.comments.end());
    if (i > 0) {
      AddPiece(later[i], after, false);
      if (two_columns) AddPiece(later[i], before, true);
    }
    recycled.Give(std::move(later[i]));
  };
  ReadAndMergePieces(pieces.size(), ResolveThreads(options.threads), read, merge);
  if (*fraction) return result;  // read again in thousandths
  if (!error.ok()) return error;
  if (stacks == 0) {
    return Status::Input("no folded stacks found: expected lines like \"main;parse;read 12\"");
  }
  result.profile = std::move(after).Build();
  if (two_columns) result.base = std::move(before).Build();
  for (const std::string& c : comments) AddComment(c, result.profile);
  if (thousandths) {
    for (Profile* p : {&result.profile, result.base ? &*result.base : nullptr}) {
      if (p != nullptr) CountInThousandths(*p);
    }
  }
  return result;
}

}  // namespace

Result<FoldedResult> ReadFolded(std::string_view text, const PieceReadOptions& options) {
  // The first lines decide between one and two count columns.
  bool two_columns = true;
  int seen = 0;
  {
    LineScanner probe(text);
    std::string_view line;
    while (seen < 100 && probe.Next(&line)) {
      if (TrimRight(line).empty() || line.front() == '#') continue;
      ++seen;
      two_columns &= IsTwoColumn(line);
    }
  }
  two_columns &= seen > 0;
  // Whole counts are read as they are; a file with a fractional count is read
  // again with every count in thousandths.
  bool fraction = false;
  Result<FoldedResult> result = ReadAll(text, options, two_columns, false, &fraction);
  if (!result.ok() || !fraction) return result;
  bool again = false;  // never set: thousandths take every fraction
  return ReadAll(text, options, two_columns, true, &again);
}


}  // namespace proflens
