#include "formats/folded.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

#include "analyzer/hash.h"
#include "analyzer/intern_table.h"
#include "analyzer/profile_builder.h"
#include "analyzer/symbol_names.h"
#include "formats/perf_script.h"
#include "formats/text_arena.h"

namespace proflens {

namespace {

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits "frames count" at the last blank. Returns false when there is no count.
bool SplitCount(std::string_view line, std::string_view* frames, std::string_view* count) {
  line = TrimRight(line);
  size_t blank = line.find_last_of(" \t");
  if (blank == std::string_view::npos) return false;
  *count = line.substr(blank + 1);
  *frames = TrimRight(line.substr(0, blank));
  return IsDigits(*count);
}

bool IsTwoColumn(std::string_view line) {
  std::string_view frames, after, before, rest;
  return SplitCount(line, &frames, &after) && SplitCount(frames, &rest, &before);
}

// Builds one profile of folded stacks, interning each distinct frame once.
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
    if (!frames.empty()) {
      for (size_t start = 0;;) {
        size_t semi = frames.find(';', start);
        std::string_view frame = frames.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start);
        stack_.push_back(Intern(frame));
        if (semi == std::string_view::npos) break;
        start = semi + 1;
      }
    }
    std::reverse(stack_.begin(), stack_.end());  // the model is leaf first
    b_.AddSample(b_.InternStack(stack_), 0, {&count, 1});
  }

  Profile Build() && { return std::move(b_).Build(); }

 private:
  LocationId Intern(std::string_view frame) {
    auto [id, inserted] = cache_.FindOrInsert(HashString(frame), static_cast<uint32_t>(keys_.size()),
                                              [&](uint32_t i) { return keys_[i] == frame; });
    if (!inserted) return locations_[id];
    // A copy: the names then lie together in a few cache lines, not spread
    // over the file, for the comparisons of every later lookup.
    keys_.push_back(arena_.Store(frame));
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
    Function fn;
    fn.system_name = b_.InternString(frame);
    fn.name = b_.InternString(PprofDisplayName(frame));
    Line line{b_.InternFunction(fn), 0};
    locations_.push_back(b_.InternLocation(kNoId, 0, {&line, 1}));
    return locations_.back();
  }

  ProfileBuilder b_;
  InternTable cache_;
  TextArena arena_;
  std::vector<std::string_view> keys_;
  std::vector<LocationId> locations_;
  std::vector<LocationId> stack_;
};

bool ParseCount(std::string_view digits, int64_t* value) {
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *value);
  return ec == std::errc() && p == digits.data() + digits.size();
}

}  // namespace

bool IsFoldedLine(std::string_view line) {
  std::string_view frames, count;
  return !line.empty() && line[0] != ' ' && line[0] != '\t' && SplitCount(line, &frames, &count);
}

Result<FoldedResult> ReadFolded(std::string_view text) {
  // The first lines decide between one and two count columns.
  bool two_columns = true;
  int seen = 0;
  {
    LineScanner probe(text);
    std::string_view line;
    while (seen < 100 && probe.Next(&line)) {
      if (TrimRight(line).empty()) continue;
      ++seen;
      two_columns &= IsTwoColumn(line);
    }
  }
  two_columns &= seen > 0;

  FoldedResult result;
  result.skipped.resize(2);
  result.skipped[0].one = "blank line";
  result.skipped[0].many = "blank lines";
  result.skipped[1].one = two_columns ? "line without two counts (expected \"stack before after\")"
                                      : "line without a count (expected \"frame;frame;... count\")";
  result.skipped[1].many = two_columns ? "lines without two counts (expected \"stack before after\")"
                                       : "lines without a count (expected \"frame;frame;... count\")";
  FoldedBuilder after, before;
  LineScanner scanner(text);
  std::string_view line;
  uint64_t stacks = 0;
  while (scanner.Next(&line)) {
    if (TrimRight(line).empty()) {
      if (scanner.last_had_newline() || !line.empty()) result.skipped[0].Add(scanner.line_number(), line);
      continue;
    }
    std::string_view frames, count_text, before_text;
    int64_t count = 0, before_count = 0;
    bool ok = SplitCount(line, &frames, &count_text) && ParseCount(count_text, &count);
    if (ok && two_columns) {
      std::string_view rest;
      ok = SplitCount(frames, &rest, &before_text) && ParseCount(before_text, &before_count);
      frames = rest;
    }
    if (!ok) {
      if (SplitCount(line, &frames, &count_text)) {
        return Status::Input("line " + std::to_string(scanner.line_number()) + ": count " +
                             std::string(count_text) + " is too large (largest: 9223372036854775807)");
      }
      result.skipped[1].Add(scanner.line_number(), line);
      continue;
    }
    after.Add(frames, count);
    if (two_columns) before.Add(frames, before_count);
    ++stacks;
  }
  if (stacks == 0) {
    return Status::Input("no folded stacks found: expected lines like \"main;parse;read 12\"");
  }
  result.profile = std::move(after).Build();
  if (two_columns) result.base = std::move(before).Build();
  return result;
}

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

// Renders the frames of every location once, root-most line first.
class FrameRenderer {
 public:
  FrameRenderer(const Profile& p, const FoldedOptions& o) : p_(p), o_(o) {}

  // The frames of `loc`, joined by ';' (outermost line first).
  const std::string& Render(LocationId loc, bool java) {
    auto& cache = java ? java_cache_ : cache_;
    if (cache.empty()) cache.resize(p_.locations.size());
    std::string& out = cache[loc];
    if (!out.empty() || done(loc, java)) return out;
    const Location& location = p_.locations[loc];
    std::string_view mod = location.mapping == kNoId ? "" : p_.str(p_.mappings[location.mapping].file);
    auto lines = p_.LinesOf(location);
    if (lines.empty()) {
      out = Annotate(TidyFrameName(Unknown(location, mod)), mod, true, false);
    }
    for (size_t i = lines.size(); i-- > 0;) {
      std::string frame;
      if (lines[i].function == kNoId) {
        frame = TidyFrameName(Unknown(location, mod));
      } else {
        const Function& fn = p_.functions[lines[i].function];
        std::string_view system = p_.str(fn.system_name);
        frame = TidyFrameName(system.empty() ? p_.str(fn.name) : system);
        if (java && frame.find('/') != std::string::npos && frame.starts_with('L')) frame.erase(0, 1);
        if (o_.srcline && fn.filename != 0) {
          frame += ':';
          frame += p_.str(fn.filename);
          if (lines[i].line != 0) frame += ':' + std::to_string(lines[i].line);
        }
      }
      bool outermost = i + 1 == lines.size();
      frame = Annotate(std::move(frame), mod, outermost, location.is_folded && !outermost);
      if (!out.empty()) out += ';';
      out += frame;
    }
    mark(loc, java);
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

  bool done(LocationId loc, bool java) const {
    const auto& d = java ? java_done_ : done_;
    return loc < d.size() && d[loc];
  }
  void mark(LocationId loc, bool java) {
    auto& d = java ? java_done_ : done_;
    if (d.empty()) d.resize(p_.locations.size());
    d[loc] = true;
  }

  const Profile& p_;
  const FoldedOptions& o_;
  std::vector<std::string> cache_, java_cache_;
  std::vector<bool> done_, java_done_;
};

// The root frame stackcollapse-perf.pl puts first: comm (blanks become '_'),
// with -PID or -PID/TID; "?" stands for a pid perf did not print.
std::string ProcessFrame(const Profile& p, LabelSetId labels, const FoldedOptions& o, bool* has) {
  std::string comm, pid = "?", tid;
  *has = false;
  for (const Label& l : p.LabelsOf(labels)) {
    std::string_view key = p.str(l.key);
    if (key == kCommLabel) {
      comm = p.str(l.str);
      *has = true;
    } else if (key == kPidLabel) {
      pid = std::to_string(l.num);
    } else if (key == kTidLabel) {
      tid = std::to_string(l.num);
    }
  }
  if (!*has) return "";
  if (o.tid) {
    comm += "-" + pid + "/" + tid;
  } else if (o.pid) {
    comm += "-" + pid;
  }
  std::replace(comm.begin(), comm.end(), ' ', '_');
  return comm;
}

}  // namespace

namespace {

// Every distinct rendered stack with the sum of its values.
std::unordered_map<std::string, int64_t> FoldedCounts(const Profile& profile, const FoldedOptions& options) {
  FrameRenderer renderer(profile, options);
  std::unordered_map<std::string, int64_t> counts;
  std::string key;
  for (size_t s = 0; s < profile.samples.size(); ++s) {
    int64_t value = profile.ValuesOf(s)[options.sample_index];
    if (value == 0) continue;
    bool has_root = false;
    key = ProcessFrame(profile, profile.samples[s].labels, options, &has_root);
    // Java's "L" class prefix is dropped for processes named exactly "java".
    bool java = has_root && key == "java";
    auto stack = profile.StackOf(profile.samples[s].stack);
    for (size_t i = stack.size(); i-- > 0;) {
      const std::string& frames = renderer.Render(stack[i], java);
      if (has_root || i + 1 != stack.size()) key += ';';
      key += frames;
    }
    int64_t& sum = counts[key];
    sum = SaturatingAdd(sum, value);
  }
  return counts;
}

}  // namespace

void WriteFolded(const Profile& profile, const FoldedOptions& options, std::ostream& out) {
  std::unordered_map<std::string, int64_t> counts = FoldedCounts(profile, options);
  std::vector<std::pair<std::string_view, int64_t>> lines(counts.begin(), counts.end());
  std::sort(lines.begin(), lines.end());
  for (const auto& [stack, count] : lines) out << stack << ' ' << count << '\n';
}

void WriteFoldedDiff(const Profile& base, const FoldedOptions& base_options, double base_factor,
                     const Profile& new_profile, const FoldedOptions& new_options, bool normalize,
                     std::ostream& out) {
  std::unordered_map<std::string, int64_t> before = FoldedCounts(base, base_options);
  std::unordered_map<std::string, int64_t> after = FoldedCounts(new_profile, new_options);
  std::map<std::string_view, std::pair<double, int64_t>> lines;
  double total_before = 0, total_after = 0;
  for (const auto& [stack, count] : before) {
    double converted = static_cast<double>(count) * base_factor;
    lines[stack].first = converted;
    total_before += converted;
  }
  for (const auto& [stack, count] : after) {
    lines[stack].second = count;
    total_after += static_cast<double>(count);
  }
  for (const auto& [stack, counts] : lines) {
    double b = counts.first;
    if (normalize && total_before != total_after && total_before != 0) b = b * total_after / total_before;
    out << stack << ' ' << static_cast<int64_t>(b) << ' ' << counts.second << '\n';
  }
}

}  // namespace proflens
