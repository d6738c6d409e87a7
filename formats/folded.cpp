#include "formats/folded.h"

#include "analyzer/root_frames.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

#include "analyzer/symbol_names.h"
#include "analyzer/units.h"
#include "formats/perf_script.h"
#include "formats/python_frames.h"
#include "formats/text_sort.h"

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

}  // namespace

namespace {

// Every distinct rendered stack with the sum of its values, sorted bytewise
// by stack. Samples are summed by (labels, stack) first, each distinct pair
// rendered once into one buffer, and equal renderings (stacks that differ
// only in what folded output leaves out) summed after sorting.
struct FoldedLines {
  std::string text;  // every rendering, back to back
  std::vector<std::pair<std::string_view, int64_t>> lines;
};

FoldedLines FoldedCounts(const Profile& profile, const FoldedOptions& options) {
  // Samples are distinct (stack, labels) pairs already (ProfileBuilder sums
  // equal ones): each with a value is one rendering.
  std::vector<std::pair<uint64_t, int64_t>> sums;
  for (size_t s = 0; s < profile.samples.size(); ++s) {
    int64_t value = profile.ValuesOf(s)[options.sample_index];
    if (value == 0) continue;
    sums.push_back({uint64_t{profile.samples[s].labels} << 32 | profile.samples[s].stack, value});
  }
  FoldedLines out;
  FrameRenderer renderer(profile, options);
  std::vector<std::pair<size_t, size_t>> spans;  // offset and length in out.text
  spans.reserve(sums.size());
  // The root frames of each label set, rendered once: "java" or "p1;t2".
  const ProcessRoots mode = options.tid ? ProcessRoots::kTid : options.pid ? ProcessRoots::kPid : ProcessRoots::kName;
  struct Roots {
    bool done = false, java = false;
    std::string text;
  };
  std::vector<Roots> roots_of(profile.label_sets.size());
  for (const auto& [pair, value] : sums) {
    const LabelSetId labels = static_cast<LabelSetId>(pair >> 32);
    const StackId stack_id = static_cast<StackId>(pair & 0xffffffffu);
    Roots& roots = roots_of[labels];
    if (!roots.done) {
      // Java's "L" class prefix is dropped for processes named exactly "java" (as written, with -PID too).
      roots.java = PerfProcessFrame(profile, labels, mode) == "java";
      for (const std::string& root : RootFrames(profile, labels, mode)) roots.text += (roots.text.empty() ? "" : ";") + root;
      roots.done = true;
    }
    const size_t at = out.text.size();
    out.text += roots.text;
    bool first = roots.text.empty();
    auto stack = profile.StackOf(stack_id);
    for (size_t i = stack.size(); i-- > 0;) {
      if (!first) out.text += ';';
      first = false;
      out.text += renderer.Render(stack[i], roots.java);
    }
    spans.push_back({at, out.text.size() - at});
  }
  std::vector<uint32_t> order(sums.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  const std::string_view all = out.text;
  auto view = [&](uint32_t i) { return all.substr(spans[i].first, spans[i].second); };
  SortByText(order, view);
  for (uint32_t i : order) {
    if (!out.lines.empty() && out.lines.back().first == view(i)) {
      out.lines.back().second = SaturatingAdd(out.lines.back().second, sums[i].second);
    } else {
      out.lines.push_back({view(i), sums[i].second});
    }
  }
  return out;
}

}  // namespace

void WriteFolded(const Profile& profile, const FoldedOptions& options, std::ostream& out) {
  const FoldedLines folded = FoldedCounts(profile, options);
  const auto& lines = folded.lines;
  const bool thousandths = !profile.sample_types.empty() &&
                           profile.str(profile.sample_types[options.sample_index].unit) == kMilliSamplesUnit;
  std::string buffer;
  char digits[24];
  for (const auto& [stack, count] : lines) {
    if (!thousandths) {
      buffer += stack;
      buffer += ' ';
      buffer.append(digits, std::to_chars(digits, digits + sizeof digits, count).ptr);
      buffer += '\n';
      if (buffer.size() >= (size_t{1} << 20)) {
        out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        buffer.clear();
      }
      continue;
    }
    out << stack << ' ';
    // Fractional counts as they were read: "14.25", "3".
    const uint64_t magnitude = count < 0 ? 0 - static_cast<uint64_t>(count) : static_cast<uint64_t>(count);
    std::string fraction = std::to_string(magnitude % 1000 + 1000).substr(1);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    out << (count < 0 ? "-" : "") << magnitude / 1000 << (fraction.empty() ? "" : "." + fraction) << '\n';
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

void WriteFoldedDiff(const Profile& base, const FoldedOptions& base_options, double base_factor,
                     const Profile& new_profile, const FoldedOptions& new_options, bool normalize,
                     std::ostream& out) {
  const FoldedLines before_lines = FoldedCounts(base, base_options);
  const FoldedLines after_lines = FoldedCounts(new_profile, new_options);
  const auto& before = before_lines.lines;
  const auto& after = after_lines.lines;
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
