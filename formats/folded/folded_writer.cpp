#include "formats/folded/folded.h"

#include "analyzer/root_frames.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <memory>
#include <span>
#include <unordered_map>

#include "analyzer/symbol_names.h"
#include "analyzer/units.h"
#include "formats/perf/perf_script_reader.h"
#include "formats/python/python_frames.h"
#include "formats/folded/sequence_sort.h"
#include "formats/io/text_pieces.h"

namespace proflens {

std::string TidyFrameName(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), ';', ':');
  // Keep Go's "pkg.(*T).Method": only cut when there is no ".(...)." in the name.
  size_t go = out.find(".(");
  bool go_method = go != std::string::npos && out.find(").", go + 2) != std::string::npos;
  if (!go_method) {
    for (size_t paren = out.find('('); paren != std::string::npos; paren = out.find('(', paren + 1)) {
      if (out.compare(paren + 1, 20, "anonymous namespace)") != 0) {
        out.resize(paren);
        break;
      }
    }
  }
  std::erase_if(out, [](char c) { return c == '"' || c == '\''; });
  return out;
}

namespace {

// stackcollapse-perf.pl's s/.*\/// on a dso: everything after the last "/"
// (empty for a trailing slash, unlike BaseName).
std::string_view AfterLastSlash(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool IsKernelDso(std::string_view mod) {
  return (mod.starts_with("[") || mod.ends_with("vmlinux")) && mod.find("unknown") == std::string_view::npos;
}

bool IsJitDso(std::string_view mod) {
  // m:/tmp/perf-\d+\.map:
  for (size_t at = mod.find("/tmp/perf-"); at != std::string_view::npos; at = mod.find("/tmp/perf-", at + 1)) {
    size_t k = at + 10, digits = k;
    while (k < mod.size() && mod[k] >= '0' && mod[k] <= '9') ++k;
    if (k > digits && mod.substr(k).starts_with(".map")) return true;
  }
  return false;
}

// Renders a location's frames as stackcollapse-perf.pl writes them.
class FrameRenderer {
 public:
  FrameRenderer(const Profile& p, const FoldedOptions& o) : p_(p), o_(o) {}

  // The frames of `loc` joined by ';' (outermost line first).
  std::string Render(LocationId loc, bool java) const {
    const Location& location = p_.locations[loc];
    std::string_view mod = location.mapping == kNoId ? "" : p_.str(p_.mappings[location.mapping].file);
    auto lines = p_.LinesOf(location);
    if (lines.empty()) return Annotate(TidyFrameName(Unknown(location, mod)), mod, true, false);
    std::string out;
    for (size_t i = lines.size(); i-- > 0;) {
      std::string frame;
      if (lines[i].function == kNoId) {
        frame = TidyFrameName(Unknown(location, mod));
      } else {
        const Function& fn = p_.functions[lines[i].function];
        std::string_view system = p_.str(fn.system_name);
        // The frame as the input wrote it (perf's frames were tidied as they
        // were read); a ';' would split it.
        frame = system.empty() ? p_.str(fn.name) : system;
        std::replace(frame.begin(), frame.end(), ';', ':');
        if (java && frame.find('/') != std::string::npos && frame.starts_with('L')) frame.erase(0, 1);
        if (o_.srcline && fn.filename != 0) {
          frame += ':';
          frame += p_.str(fn.filename);
          if (lines[i].line != 0) frame += ':' + std::to_string(lines[i].line);
        }
      }
      bool outermost = i + 1 == lines.size();
      frame = Annotate(std::move(frame), mod, outermost, location.is_folded && !outermost);
      if (i + 1 != lines.size()) out += ';';
      out += frame;
    }
    return out;
  }

 private:
  std::string Unknown(const Location& location, std::string_view mod) const {
    std::string name = mod.empty() || mod == "[unknown]" ? "unknown" : std::string(AfterLastSlash(mod));
    if (!o_.addrs) return "[" + name + "]";
    char pc[32];
    std::snprintf(pc, sizeof pc, "%llx", static_cast<unsigned long long>(location.address));
    return "[" + name + " <" + pc + ">]";
  }

  std::string Annotate(std::string frame, std::string_view mod, bool outermost, bool inlined) const {
    if (inlined) {
      if (frame.find("_[i]") == std::string::npos) frame += "_[i]";
    } else if (o_.kernel && outermost && IsKernelDso(mod)) {
      frame += "_[k]";
    } else if (o_.jit && outermost && IsJitDso(mod)) {
      if (frame.find("_[j]") == std::string::npos) frame += "_[j]";
    }
    return frame;
  }

  const Profile& p_;
  const FoldedOptions& o_;
};

// Texts cut into frames (at ';': no frame holds one, the names' own were
// turned into ':'), each distinct frame numbered once.
class FrameNumbering {
 public:
  // A list of texts, each kept whole (for writing) and as frame numbers.
  struct Texts {
    std::vector<uint32_t> frames_from{0}, text_from{0};  // by text, one more than there are
    std::vector<uint32_t> frames;
    std::string text;
    std::span<const uint32_t> FramesOf(uint32_t i) const {
      return {frames.data() + frames_from[i], frames_from[i + 1] - frames_from[i]};
    }
    std::string_view TextOf(uint32_t i) const {
      return std::string_view(text).substr(text_from[i], text_from[i + 1] - text_from[i]);
    }
  };

  void Add(std::string_view text, Texts& to) {
    to.text += text;
    to.text_from.push_back(static_cast<uint32_t>(to.text.size()));
    for (;;) {
      const size_t semi = text.find(';');
      const std::string_view frame = text.substr(0, semi);
      auto [it, added] = index_.try_emplace(std::string(frame), static_cast<uint32_t>(texts_.size()));
      if (added) texts_.push_back(it->first);
      to.frames.push_back(it->second);
      if (semi == std::string_view::npos) break;
      text.remove_prefix(semi + 1);
    }
    to.frames_from.push_back(static_cast<uint32_t>(to.frames.size()));
  }

  size_t size() const { return texts_.size(); }
  std::string_view operator[](uint32_t frame) const { return texts_[frame]; }

  // Bytes after each Texts' last text, so that texts can be copied in pieces of this size.
  static constexpr size_t kPadding = 16;
  static void Pad(Texts& texts) { texts.text.append(kPadding, '\0'); }

 private:
  std::unordered_map<std::string, uint32_t> index_;
  std::vector<std::string_view> texts_;  // keys of index_ (node-based: they stay put)
};

// Every distinct rendered stack with the sum of its values, in the bytewise
// order of the stacks' texts, without writing the texts down: a text is its
// frames joined by ';', so it compares as the sequence of its frames, each
// inner one as its text + ";" and the last as its text alone. Those strings
// are ranked once (a few thousand), and the samples are sorted by rank
// sequences, several ranks to a 64-bit key. Samples are distinct (stack,
// labels) pairs already (ProfileBuilder sums equal ones); renderings that come
// out equal (stacks that differ only in what folded output leaves out) are
// summed after sorting.
class FoldedStacks {
 public:
  FoldedStacks(const Profile& profile, const FoldedOptions& options) : p_(profile) {
    const ProcessRoots mode = options.tid ? ProcessRoots::kTid : options.pid ? ProcessRoots::kPid : ProcessRoots::kName;
    const FrameRenderer renderer(profile, options);
    label_roots_.assign(profile.label_sets.size(), kNone);
    java_.assign(profile.label_sets.size(), false);
    bool any_java = false;
    for (LabelSetId labels = 0; labels < profile.label_sets.size(); ++labels) {
      // Java's "L" class prefix is dropped for processes named exactly "java" (as written, with -PID too).
      java_[labels] = PerfProcessFrame(profile, labels, mode) == "java";
      any_java |= java_[labels];
      std::string text;
      for (const std::string& root : RootFrames(profile, labels, mode)) {
        if (!text.empty()) text += ';';
        text += root;
      }
      label_roots_[labels] = static_cast<uint32_t>(roots_.text_from.size() - 1);
      if (text.empty()) {
        roots_.text_from.push_back(roots_.text_from.back());
        roots_.frames_from.push_back(roots_.frames_from.back());
      } else {
        frames_.Add(text, roots_);
      }
    }
    // The samples with a value, in parts on the threads, each part written
    // where its samples start and then moved down.
    const size_t parts = static_cast<size_t>(std::max(1, options.threads));
    const size_t n = profile.samples.size();
    UninitializedVector<Cursor> items(n);
    std::vector<size_t> kept(parts);
    ReadPieces(parts, [&](size_t t) {
      size_t at = n * t / parts;
      for (size_t s = n * t / parts; s < n * (t + 1) / parts; ++s) {
        if (profile.ValuesOf(s)[options.sample_index] == 0) continue;
        const Sample& sample = profile.samples[s];
        const Stack& stack = profile.stacks[sample.stack];
        items[at++] = {static_cast<uint32_t>(s), stack.first, stack.size, sample.labels, 0, 0, 0};
      }
      kept[t] = at - n * t / parts;
    });
    size_t end = 0;
    for (size_t t = 0; t < parts; ++t) {
      const auto from = items.begin() + static_cast<std::ptrdiff_t>(n * t / parts);
      std::copy(from, from + static_cast<std::ptrdiff_t>(kept[t]), items.begin() + static_cast<std::ptrdiff_t>(end));
      end += kept[t];
    }
    items.resize(end);
    // Every location's frames (a location has one at least), then the ranks.
    for (LocationId loc = 0; loc < profile.locations.size(); ++loc) {
      frames_.Add(renderer.Render(loc, false), locations_[0]);
      if (any_java) frames_.Add(renderer.Render(loc, true), locations_[1]);
    }
    {
      FrameNumbering::Texts empty;
      frames_.Add("", empty);
      empty_frame_ = empty.frames[0];
    }
    FrameNumbering::Pad(roots_);
    FrameNumbering::Pad(locations_[0]);
    FrameNumbering::Pad(locations_[1]);
    for (const FrameNumbering::Texts& texts : locations_) {
      for (size_t i = 0; i + 1 < texts.text_from.size(); ++i) {
        longest_location_ = std::max<size_t>(longest_location_, texts.text_from[i + 1] - texts.text_from[i]);
      }
    }
    RankFrames();
    const std::vector<char> starts = SortByKeys(
        items, [this](Cursor& c) { return NextKey(c); },
        [this](const Cursor& c) { return NextLocations(c); }, options.threads);
    // One line for each run of equal texts, in parts on the threads: a part
    // starts where a run starts.
    std::vector<size_t> from(parts + 1, items.size()), first_line(parts + 1, 0);
    for (size_t t = 0; t < parts; ++t) {
      from[t] = items.size() * t / parts;
      while (from[t] < items.size() && !starts[from[t]]) ++from[t];
    }
    ReadPieces(parts, [&](size_t t) {
      first_line[t + 1] = static_cast<size_t>(std::count(starts.begin() + static_cast<std::ptrdiff_t>(from[t]),
                                                         starts.begin() + static_cast<std::ptrdiff_t>(from[t + 1]), 1));
    });
    for (size_t t = 0; t < parts; ++t) first_line[t + 1] += first_line[t];
    lines_.resize(first_line[parts]);
    ReadPieces(parts, [&](size_t t) {
      size_t line = first_line[t];
      for (size_t i = from[t]; i < from[t + 1]; ++i) {
        PrefetchAhead(i, from[t + 1], [&](size_t at) { return &profile.ValuesOf(items[at].sample)[options.sample_index]; });
        const int64_t value = profile.ValuesOf(items[i].sample)[options.sample_index];
        if (starts[i]) {
          lines_[line++] = {items[i].first, items[i].size, items[i].labels, value};
        } else {
          lines_[line - 1].count = SaturatingAdd(lines_[line - 1].count, value);
        }
      }
    });
  }

  size_t size() const { return lines_.size(); }
  int64_t count(size_t line) const { return lines_[line].count; }

  // Where AppendText(line) starts reading (to prefetch: GCC deletes calls
  // to a function whose only effect is a prefetch).
  const void* Ahead(size_t line) const {
    const Line& l = lines_[line];
    return p_.stack_locations.At(l.first + l.size - std::min<uint32_t>(l.size, 1));
  }

  // The length of the text of `line` (its frames joined by ';'); writing it
  // needs FrameNumbering::kPadding bytes more room.
  size_t TextSize(size_t line) const {
    const Line& l = lines_[line];
    const StackView stack = p_.stack_locations.View(l.first, l.size);
    const FrameNumbering::Texts& locations = locations_[java_[l.labels]];
    const uint32_t roots = label_roots_[l.labels];
    size_t size = roots_.text_from[roots + 1] - roots_.text_from[roots] + stack.size();
    for (LocationId loc : stack) size += locations.text_from[loc + 1] - locations.text_from[loc];
    return size - (size != 0 && roots_.text_from[roots + 1] == roots_.text_from[roots]);  // no ';' before the first
  }

  // At least TextSize(line), found without reading the line's stack: its
  // roots, and its depth times the longest location text and a ';'. The
  // renderer makes this much room for a line instead of walking its stack
  // twice (once to size it, once to write it; the stack is a cache miss).
  // The exact size when the bound would be large (a deep stack of long names).
  size_t TextBound(size_t line) const {
    const Line& l = lines_[line];
    const uint32_t roots = label_roots_[l.labels];
    const size_t bound = roots_.text_from[roots + 1] - roots_.text_from[roots] + size_t{l.size} * (longest_location_ + 1);
    return bound <= kMaxBound ? bound : TextSize(line);
  }

  // Writes the text of `line` at `w` (TextSize(line) + kPadding bytes of
  // room) and returns its end. The texts are copied in 16-byte pieces (they
  // are padded for it).
  char* WriteText(size_t line, char* w) const {
    const Line& l = lines_[line];
    const StackView stack = p_.stack_locations.View(l.first, l.size);
    const FrameNumbering::Texts& locations = locations_[java_[l.labels]];
    auto copy = [&w](const FrameNumbering::Texts& texts, uint32_t i) {
      const char* from = texts.text.data() + texts.text_from[i];
      const size_t n = texts.text_from[i + 1] - texts.text_from[i];
      for (size_t k = 0; k < n; k += FrameNumbering::kPadding) std::memcpy(w + k, from + k, FrameNumbering::kPadding);
      w += n;
    };
    const char* start = w;
    copy(roots_, label_roots_[l.labels]);
    bool first = w == start;
    for (size_t i = stack.size(); i-- > 0;) {
      if (!first) *w++ = ';';
      first = false;
      copy(locations, stack[i]);
    }
    return w;
  }

  // Appends the text of `line` to `out`.
  void AppendText(size_t line, std::string& out) const {
    const size_t at = out.size();
    out.resize(at + TextSize(line) + FrameNumbering::kPadding);
    out.resize(static_cast<size_t>(WriteText(line, out.data() + at) - out.data()));
  }

 private:
  static constexpr uint32_t kNone = ~uint32_t{0};
  // Where a sample's frame sequence is: part 0 is its root frames, part k its
  // k-th location from the root; sub is the frame within the part. The
  // sample's stack (its place in stack_locations) and labels are kept beside
  // it, so that a key costs one cache miss (the stack's next ids), not three
  // (the sample, the stack, then the ids).
  //
  // `pending` is the key after the one taken last (with `more` in its lowest
  // bit), taken with it while the stack's ids were in the cache; 0 for none.
  // Most stacks of a real capture need two keys (its 1.5 M stacks: 3.0 M
  // keys), the second in a later round, when the items are in another order
  // and each stack a cache miss again.
  struct Cursor {
    uint32_t sample;
    uint32_t first, size;
    LabelSetId labels;
    uint32_t part, sub;
    uint64_t pending;
  };

  // Where the ids the next key of `c` reads are (to prefetch).
  const void* NextLocations(const Cursor& c) const {
    if (c.pending != 0) return &c;
    return p_.stack_locations.At(c.first + c.size - std::min(c.size, c.part + 1));
  }
  struct Line {
    uint32_t first, size;  // the stack of the first sample of those that render to it
    LabelSetId labels;
    int64_t count;
  };

  // The next per_key_ ranks of c's frame sequence in one key, moving c on.
  SequenceKey NextKey(Cursor& c) const {
    if (c.pending != 0) {
      const SequenceKey key{c.pending & ~uint64_t{1}, (c.pending & 1) != 0};
      c.pending = 0;
      return key;
    }
    const SequenceKey key = TakeKey(c);
    if (key.more) {
      const SequenceKey next = TakeKey(c);
      c.pending = next.key | static_cast<uint64_t>(next.more);
    }
    return key;
  }

  SequenceKey TakeKey(Cursor& c) const {
    const StackView stack = p_.stack_locations.View(c.first, c.size);
    const uint32_t n = c.size;
    const FrameNumbering::Texts& locations = locations_[java_[c.labels]];
    auto part = [&](uint32_t k) {
      return k == 0 ? roots_.FramesOf(label_roots_[c.labels]) : locations.FramesOf(stack[n - k]);
    };
    std::span<const uint32_t> frames = part(c.part);
    SequenceKey key;
    uint32_t taken = 0;
    while (taken < per_key_) {
      while (c.sub == frames.size() && c.part < n) {
        frames = part(++c.part);
        c.sub = 0;
      }
      if (c.sub == frames.size()) break;  // the sequence has ended
      const uint32_t frame = frames[c.sub++];
      key.more = c.sub < frames.size() || c.part < n;
      key.key = key.key << bits_ | (key.more ? inner_rank_[frame] : last_rank_[frame]);
      ++taken;
      if (!key.more) break;
    }
    if (taken == 0) {  // no frames: the text "", as one empty frame's
      key.key = last_rank_[empty_frame_];
      taken = 1;
    }
    key.key <<= 64 - bits_ * taken;
    return key;
  }

  // Ranks every frame as an inner one (its text + ";") and as the last one
  // (its text alone), from 1, in the bytewise order of those strings.
  void RankFrames() {
    const uint32_t n = static_cast<uint32_t>(frames_.size());
    std::vector<std::pair<std::string, uint32_t>> all;  // string, frame * 2 + inner
    all.reserve(2 * size_t{n});
    for (uint32_t f = 0; f < n; ++f) {
      all.push_back({std::string(frames_[f]), f * 2});
      all.push_back({all.back().first, f * 2 + 1});
      all.back().first += ';';
    }
    std::sort(all.begin(), all.end());
    inner_rank_.resize(n);
    last_rank_.resize(n);
    for (uint32_t r = 0; r < all.size(); ++r) {
      const uint32_t f = all[r].second / 2;
      (all[r].second % 2 ? inner_rank_ : last_rank_)[f] = r + 1;
    }
    bits_ = std::max<uint32_t>(1, static_cast<uint32_t>(std::bit_width(all.size())));
    per_key_ = 63 / bits_;  // the key's lowest bit is SortByKeys'
  }

  const Profile& p_;
  FrameNumbering frames_;
  FrameNumbering::Texts roots_;           // one text per distinct root list
  FrameNumbering::Texts locations_[2];    // by location; [1]: for java processes
  std::vector<uint32_t> label_roots_;  // by label set: its text in roots_
  std::vector<bool> java_;             // by label set
  std::vector<uint32_t> inner_rank_, last_rank_;  // by frame
  uint32_t empty_frame_ = 0;
  size_t longest_location_ = 0;  // the longest text of a location, in bytes
  static constexpr size_t kMaxBound = size_t{64} << 10;
  uint32_t bits_ = 1, per_key_ = 64;
  std::vector<Line> lines_;
};

// Text written through a pointer: room is made without zeroing it, as a
// std::string's resize would.
struct TextBlock {
  std::unique_ptr<char[]> data;
  size_t size = 0, capacity = 0;

  // Makes room for `n` more bytes; returns where they start.
  char* Room(size_t n) {
    if (size + n > capacity) {
      const size_t grown = std::max(size + n, capacity * 2);
      std::unique_ptr<char[]> more = std::make_unique_for_overwrite<char[]>(grown);
      if (size != 0) std::memcpy(more.get(), data.get(), size);
      data = std::move(more);
      capacity = grown;
    }
    return data.get() + size;
  }
};

}  // namespace

void WriteFolded(const Profile& profile, const FoldedOptions& options, std::ostream& out) {
  FoldedStacks lines(profile, options);
  const bool thousandths = !profile.sample_types.empty() &&
                           profile.str(profile.sample_types[options.sample_index].unit) == kMilliSamplesUnit;
  // Blocks of lines are rendered on the threads and written in order.
  constexpr size_t kBlockLines = size_t{1} << 14;
  const size_t blocks = (lines.size() + kBlockLines - 1) / kBlockLines;
  std::vector<TextBlock> rendered(blocks);
  Recycler<TextBlock> buffers;  // a written block's buffer is reused
  auto render = [&](size_t block) {
    TextBlock& buffer = rendered[block] = buffers.Take();
    buffer.size = 0;
    const size_t end = std::min(lines.size(), (block + 1) * kBlockLines);
    std::string fraction;
    for (size_t line = block * kBlockLines; line < end; ++line) {
      PrefetchAhead(line, end, [&](size_t at) { return lines.Ahead(at); });
      constexpr size_t kCount = 48;  // " ", a count of up to 20 digits and 3 decimals, "\n"
      char* w = buffer.Room(lines.TextBound(line) + FrameNumbering::kPadding + kCount);
      w = lines.WriteText(line, w);
      *w++ = ' ';
      const int64_t count = lines.count(line);
      if (!thousandths) {
        w = std::to_chars(w, w + kCount, count).ptr;
      } else {
        // Fractional counts as they were read: "14.25", "3".
        const uint64_t magnitude = count < 0 ? 0 - static_cast<uint64_t>(count) : static_cast<uint64_t>(count);
        if (count < 0) *w++ = '-';
        w = std::to_chars(w, w + kCount, magnitude / 1000).ptr;
        fraction = std::to_string(magnitude % 1000 + 1000).substr(1);
        while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
        if (!fraction.empty()) {
          *w++ = '.';
          w = std::copy(fraction.begin(), fraction.end(), w);
        }
      }
      *w++ = '\n';
      buffer.size = static_cast<size_t>(w - buffer.data.get());
    }
  };
  ReadAndMergePieces(blocks, options.threads, render, [&](size_t block) {
    out.write(rendered[block].data.get(), static_cast<std::streamsize>(rendered[block].size));
    buffers.Give(std::move(rendered[block]));
  });
}

void WriteFoldedDiff(const Profile& base, const FoldedOptions& base_options, double base_factor,
                     const Profile& new_profile, const FoldedOptions& new_options, bool normalize,
                     std::ostream& out) {
  // Both sides come sorted by text: merged as they are.
  FoldedStacks before(base, base_options), after(new_profile, new_options);
  // Thousandths of a sample: written in whole samples (base_factor already
  // brings the base to the new side's unit).
  const bool thousandths = !new_profile.sample_types.empty() &&
                           new_profile.str(new_profile.sample_types[new_options.sample_index].unit) == kMilliSamplesUnit;
  const double to_samples = thousandths ? 0.001 : 1;
  base_factor *= to_samples;
  double total_before = 0, total_after = 0;
  for (size_t i = 0; i < before.size(); ++i) total_before += static_cast<double>(before.count(i)) * base_factor;
  for (size_t i = 0; i < after.size(); ++i) total_after += static_cast<double>(after.count(i)) * to_samples;
  std::string a, b;
  size_t i = 0, j = 0;
  auto text = [](FoldedStacks& lines, size_t line, std::string& s) {
    s.clear();
    if (line < lines.size()) lines.AppendText(line, s);
  };
  text(before, i, a);
  text(after, j, b);
  while (i < before.size() || j < after.size()) {
    const int order = i == before.size() ? 1 : j == after.size() ? -1 : a.compare(b);
    double was = 0;
    int64_t now = 0;
    if (order <= 0) was = static_cast<double>(before.count(i)) * base_factor;
    if (order >= 0) now = thousandths ? after.count(j) / 1000 : after.count(j);
    if (normalize && total_before != total_after && total_before != 0) was = was * total_after / total_before;
    out << (order <= 0 ? a : b) << ' ' << static_cast<int64_t>(was) << ' ' << now << '\n';
    if (order <= 0) text(before, ++i, a);
    if (order >= 0) text(after, ++j, b);
  }
}

}  // namespace proflens
