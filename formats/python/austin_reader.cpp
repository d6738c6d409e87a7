#include "formats/python/austin_reader.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/profile_builder.h"
#include "formats/io/line_scanner.h"

namespace proflens {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The length of the run of characters `pred` holds for at `s[at]`.
template <typename Pred>
size_t Run(std::string_view s, size_t at, Pred pred) {
  size_t end = at;
  while (end < s.size() && pred(s[end])) ++end;
  return end - at;
}

// The process and thread frames a sample line starts with.
struct Head {
  std::string_view process, thread;  // as written, "" when absent
  size_t end = 0;                    // where the frames (';') or the values (' ') start
};

bool ParseHead(std::string_view line, Head* head) {
  size_t at = 0;
  auto ends_here = [&](size_t pos) { return pos < line.size() && (line[pos] == ';' || line[pos] == ' '); };
  if (line.starts_with("Process ") || line.starts_with("Thread ")) {  // Austin 1
    if (line.starts_with("Process ")) {
      const size_t digits = Run(line, 8, IsDigit);
      if (digits == 0 || 8 + digits >= line.size() || line[8 + digits] != ';') return false;
      head->process = line.substr(0, 8 + digits);
      at = 9 + digits;
    }
    if (line.substr(at).starts_with("Thread ")) {
      const size_t hex = Run(line, at + 7, IsHex);
      if (hex == 0 || !ends_here(at + 7 + hex)) return false;
      head->thread = line.substr(at, 7 + hex);
      head->end = at + 7 + hex;
      return true;
    }
    return false;
  }
  // Austin 2 and 3: "P4242;T7f3c2b4c8740" or "P4242;T0:4243".
  if (!line.starts_with('P')) return false;
  const size_t digits = Run(line, 1, IsDigit);
  if (digits == 0 || 1 + digits + 1 >= line.size() || line[1 + digits] != ';' || line[2 + digits] != 'T') return false;
  head->process = line.substr(0, 1 + digits);
  at = 3 + digits;
  size_t id = Run(line, at, IsHex);
  if (id == 0) return false;
  if (at + id < line.size() && line[at + id] == ':') {
    const size_t second = Run(line, at + id + 1, IsHex);
    if (second == 0) return false;
    id += 1 + second;
  }
  if (!ends_here(at + id)) return false;
  head->thread = line.substr(2 + digits, 1 + id);
  head->end = at + id;
  return true;
}

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

// The values at the end of a sample: "126", "126 2836 0" (Austin 1 and 2
// full) or "126,0,-4096" (Austin 3 full). `rest` is what follows the head;
// its frames part is left in `frames`.
bool SplitValues(std::string_view rest, std::string_view* frames, std::vector<int64_t>* values) {
  values->clear();
  std::vector<std::string_view> tokens;  // from the end
  std::string_view left = rest;
  while (tokens.size() < 3) {
    const size_t space = left.rfind(' ');
    if (space == std::string_view::npos) break;
    const std::string_view token = left.substr(space + 1);
    const bool numeric = !token.empty() && std::all_of(token.begin(), token.end(), [](char c) { return IsDigit(c) || c == '-' || c == ','; });
    if (!numeric) break;
    tokens.push_back(token);
    left = left.substr(0, space);
  }
  if (tokens.empty()) return false;
  // Three space-separated values, or else only the last token.
  const size_t used = tokens.size() == 3 ? 3 : 1;
  for (size_t i = used; i-- > 0;) {
    std::string_view token = tokens[i];
    size_t start = 0;
    while (start <= token.size()) {
      const size_t comma = token.find(',', start);
      const std::string_view part = token.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      int64_t v = 0;
      if (!ParseInt(part, &v)) return false;
      values->push_back(v);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }
  size_t cut = rest.size();
  for (size_t i = 0; i < used; ++i) cut = rest.rfind(' ', cut - 1);
  *frames = rest.substr(0, cut);
  return values->size() == 1 || values->size() == 3;
}

enum class Mode { kUnknown, kWall, kCpu, kMemory, kFull };

class AustinReader {
 public:
  explicit AustinReader(std::vector<std::string>* notes) : notes_(notes) {}

  Result<Profile> Run(std::string_view text) {
    LineScanner scanner(text);
    std::string_view line;
    while (scanner.Next(&line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
      if (line.empty()) continue;
      const std::string where = "line " + std::to_string(scanner.line_number());
      if (line.front() == '#') {
        Comment(line.substr(1));
        continue;
      }
      Head head;
      if (!ParseHead(line, &head)) {
        return Status::Input(where + ": expected an Austin sample (\"P<pid>;T<thread>;frames... value\" or "
                             "\"Thread <id>;frames... value\")");
      }
      std::string_view rest = line.substr(head.end);
      if (rest.starts_with(";Bad sample ")) {  // Austin 1's invalid sample
        ++bad_;
        continue;
      }
      std::string_view frames;
      if (!SplitValues(rest, &frames, &values_)) {
        return Status::Input(where + ": expected the sample's value at the end (a number, three numbers, or "
                             "\"time,idle,memory\")");
      }
      PROFLENS_RETURN_IF_ERROR(Sample(head, frames, where));
    }
    if (samples_ == 0) return Status::Input("no Austin samples with frames found");
    if (notes_ != nullptr && frameless_ > 0) {
      notes_->push_back(std::to_string(frameless_) + (frameless_ == 1 ? " sample has no frames and is" : " samples have no frames and are") +
                        " left out, as austin2speedscope leaves them out");
    }
    if (notes_ != nullptr && bad_ > 0) {
      notes_->push_back(std::to_string(bad_) + (bad_ == 1 ? " \"Bad sample\" line (an invalid sample Austin wrote) is"
                                                          : " \"Bad sample\" lines (invalid samples Austin wrote) are") +
                        " left out");
    }
    Profile profile = std::move(b_).Build();
    profile.raw_sample_count = samples_;
    for (const std::string& c : comments_) {
      profile.strings.emplace_back(c);
      profile.comments.push_back(static_cast<StringId>(profile.strings.size() - 1));
    }
    return profile;
  }

 private:
  // "# austin: 3.7.0", "# mode: wall", "# interval: 100", "# duration: 23873", ...
  void Comment(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    if (text.empty()) return;
    comments_.emplace_back(text);
    int64_t major = 0;
    if (text.starts_with("austin: ")) {
      const std::string_view version = text.substr(8);
      version3_ = ParseInt(version.substr(0, version.find('.')), &major) && major >= 3;
    }
    if (!text.starts_with("mode: ") || !types_.empty()) return;
    const std::string_view mode = text.substr(6);
    mode_ = mode == "wall" ? Mode::kWall : mode == "cpu" ? Mode::kCpu : mode == "memory" ? Mode::kMemory : mode == "full" ? Mode::kFull : Mode::kUnknown;
  }

  // The sample types, once the first sample says how many values a line has.
  Status SetUp(size_t value_count, const std::string& where) {
    if (mode_ == Mode::kUnknown) mode_ = value_count == 3 ? Mode::kFull : Mode::kWall;
    const bool full = mode_ == Mode::kFull;
    if (full != (value_count == 3)) {
      return Status::Input(where + ": expected " + (full ? "three values (full mode)" : "one value") + ", as the first sample has");
    }
    auto add = [&](const char* type, const char* unit) {
      b_.AddSampleType(type, unit);
      types_.push_back(type);
    };
    switch (mode_) {
      case Mode::kWall: add("wall", "microseconds"); break;
      case Mode::kCpu: add("cpu", "microseconds"); break;
      case Mode::kMemory:
        add("alloc", "bytes");
        add("dealloc", "bytes");
        break;
      case Mode::kFull:
        add("wall", "microseconds");
        if (version3_) add("cpu", "microseconds");
        add("alloc", "bytes");
        add("dealloc", "bytes");
        break;
      case Mode::kUnknown: break;
    }
    b_.profile().default_sample_type = b_.InternString(types_[0]);
    sample_values_.assign(types_.size(), 0);
    value_count_ = value_count;
    return Status::Ok();
  }

  Status Sample(const Head& head, std::string_view frames, const std::string& where) {
    if (types_.empty()) PROFLENS_RETURN_IF_ERROR(SetUp(values_.size(), where));
    if (values_.size() != value_count_) {
      return Status::Input(where + ": expected " + std::to_string(value_count_) + " value" + (value_count_ == 1 ? "" : "s") +
                           ", as the first sample has");
    }
    // Frames, root first in the line; a line marker "L42" is its frame's line.
    stack_.clear();
    size_t start = frames.empty() ? std::string_view::npos : 1;  // frames start with ';'
    while (start != std::string_view::npos && start <= frames.size()) {
      const size_t semi = frames.find(';', start);
      const std::string_view frame = frames.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start);
      start = semi == std::string_view::npos ? std::string_view::npos : semi + 1;
      int64_t marker = 0;
      if (frame.size() > 1 && frame[0] == 'L' && ParseInt(frame.substr(1), &marker) && !raw_.empty()) {
        raw_.back().line = marker;
        continue;
      }
      if (!frame.empty()) raw_.push_back(ParseFrame(frame));
    }
    for (const RawFrame& f : raw_) stack_.push_back(Location(f));
    raw_.clear();
    if (stack_.empty()) {  // a thread with no Python frames: as austin2speedscope, left out
      ++frameless_;
      return Status::Ok();
    }
    std::reverse(stack_.begin(), stack_.end());  // leaf first
    std::fill(sample_values_.begin(), sample_values_.end(), 0);
    const int64_t kib = version3_ || !head.thread.starts_with("Thread ") ? 1 : 1024;  // Austin 1: memory in KiB
    switch (mode_) {
      case Mode::kWall:
      case Mode::kCpu: sample_values_[0] = values_[0]; break;
      case Mode::kMemory:
        sample_values_[0] = values_[0] > 0 ? values_[0] : 0;
        sample_values_[1] = values_[0] < 0 ? SaturatingAbs(values_[0]) : 0;
        break;
      case Mode::kFull:
        sample_values_[0] = values_[0];
        if (version3_) {  // time, idle, memory delta
          sample_values_[1] = values_[1] == 0 ? values_[0] : 0;
          sample_values_[2] = values_[2] > 0 ? values_[2] : 0;
          sample_values_[3] = values_[2] < 0 ? SaturatingAbs(values_[2]) : 0;
        } else {  // time, allocated, released (negative)
          sample_values_[1] = values_[1] > 0 ? values_[1] * kib : 0;
          sample_values_[2] = values_[2] < 0 ? SaturatingAbs(values_[2]) * kib : 0;
        }
        break;
      case Mode::kUnknown: break;
    }
    std::vector<Label> labels;
    if (!head.process.empty()) labels.push_back({b_.InternString(kProcessFrameLabel), b_.InternString(head.process)});
    if (!head.thread.empty()) labels.push_back({b_.InternString(kThreadFrameLabel), b_.InternString(head.thread)});
    b_.AddSample(b_.InternStack(stack_), b_.InternLabels(labels), sample_values_);
    ++samples_;
    return Status::Ok();
  }

  struct RawFrame {
    std::string_view function, file;
    int64_t line = 0;
  };

  // "main (app.py)", "main (app.py:30)" (Austin 1 and 2), "app.py:main:30",
  // "app.py:main" (Austin 3, its line in a marker), ":GC:", "<idle>".
  static RawFrame ParseFrame(std::string_view frame) {
    RawFrame f{frame, "", 0};
    if (frame.ends_with(')')) {
      const size_t open = frame.rfind(" (");
      if (open != std::string_view::npos) {
        f.function = frame.substr(0, open);
        f.file = frame.substr(open + 2, frame.size() - open - 3);
        const size_t colon = f.file.rfind(':');
        int64_t line = 0;
        if (colon != std::string_view::npos && ParseInt(f.file.substr(colon + 1), &line)) {
          f.line = line;
          f.file = f.file.substr(0, colon);
        }
        return f;
      }
    }
    const size_t last = frame.rfind(':');
    if (last == std::string_view::npos) return f;
    int64_t line = 0;
    if (ParseInt(frame.substr(last + 1), &line)) {
      const size_t middle = last == 0 ? std::string_view::npos : frame.rfind(':', last - 1);
      if (middle == std::string_view::npos) return f;
      return {frame.substr(middle + 1, last - middle - 1), frame.substr(0, middle), line};
    }
    if (last + 1 == frame.size()) {  // ":GC:", ":INVALID:"
      const size_t middle = last == 0 ? std::string_view::npos : frame.rfind(':', last - 1);
      if (middle != std::string_view::npos) return {frame.substr(middle + 1, last - middle - 1), frame.substr(0, middle), 0};
      return f;
    }
    return {frame.substr(last + 1), frame.substr(0, last), 0};  // "app.py:main", then "L30"
  }

  LocationId Location(const RawFrame& f) {
    std::string name(f.function);
    if (!f.file.empty()) name += " (" + std::string(f.file) + ")";
    auto [it, added] = functions_.try_emplace(name, kNoId);
    if (added) {
      Function fn;
      fn.name = fn.system_name = b_.InternString(name);
      fn.filename = b_.InternString(f.file);
      it->second = b_.InternFunction(fn);
    }
    Line line{it->second, f.line};
    return b_.InternLocation(kNoId, 0, {&line, 1});
  }

  std::vector<std::string>* notes_;
  ProfileBuilder b_;
  Mode mode_ = Mode::kUnknown;
  bool version3_ = false;
  std::vector<std::string> comments_;
  std::vector<const char*> types_;
  size_t value_count_ = 0;
  std::vector<int64_t> values_, sample_values_;
  std::vector<RawFrame> raw_;
  std::vector<LocationId> stack_;
  std::unordered_map<std::string, FunctionId> functions_;
  uint64_t samples_ = 0, bad_ = 0, frameless_ = 0;
};

}  // namespace

bool IsAustinSampleLine(std::string_view line) {
  Head head;
  return ParseHead(line, &head);
}

Result<Profile> ReadAustin(std::string_view text, std::vector<std::string>* notes) {
  return AustinReader(notes).Run(text);
}

}  // namespace proflens
