#include "analyzer/filters.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <unordered_map>

#include "analyzer/filter_walk.h"
#include "analyzer/profile_builder.h"
#include "analyzer/profile_copier.h"
#include "analyzer/regex.h"
#include "analyzer/sample_stacks.h"
#include "analyzer/symbol_names.h"
#include "analyzer/units.h"

namespace proflens {

std::unordered_map<std::string, std::string> NumLabelUnits(const Profile& p) {
  std::unordered_map<std::string, std::string> units;
  for (const Label& l : p.labels) {
    if (l.str != 0) continue;
    auto [it, added] = units.try_emplace(std::string(p.str(l.key)), "");
    if (it->second.empty() && l.num_unit != 0) it->second = p.str(l.num_unit);
  }
  for (auto& [key, unit] : units) {
    if (!unit.empty()) continue;
    unit = key == "alignment" || key == "request" ? "bytes" : key;
  }
  return units;
}

namespace {

Result<std::optional<Regex>> Compile(const std::string& name, const std::string& pattern) {
  if (pattern.empty()) return std::optional<Regex>();
  PROFLENS_ASSIGN_OR_RETURN(Regex re, Regex::Compile(pattern, "--" + name));
  return std::optional<Regex>(std::move(re));
}

// The working copy of one location's lines while filters narrow them.
using Lines = std::vector<Line>;

class NameMatcher {
 public:
  NameMatcher(const Profile& p, const Regex& re) : p_(p), re_(re), function_cache_(p.functions.size(), -1) {}

  bool Function(FunctionId f) {
    if (f == kNoId) return false;
    if (function_cache_[f] < 0) {
      const proflens::Function& fn = p_.functions[f];
      function_cache_[f] = re_.Search(p_.str(fn.name)) || re_.Search(p_.str(fn.filename));
    }
    return function_cache_[f];
  }
  bool Mapping(const Location& loc) {
    return loc.mapping != kNoId && re_.Search(p_.str(p_.mappings[loc.mapping].file));
  }
  bool Any(const Location& loc, const Lines& lines) {
    for (const Line& l : lines) {
      if (Function(l.function)) return true;
    }
    return Mapping(loc);
  }

 private:
  const Profile& p_;
  const Regex& re_;
  std::vector<int8_t> function_cache_;
};


// One parsed --tagfocus / --tagignore value.
struct TagFilter {
  std::string key;             // empty: any key
  std::vector<Regex> regexes;  // string labels
  // A range on numeric labels, in `unit` (as pprof's parseTagFilterRange).
  bool numeric = false;
  enum class Compare { kEqual, kAtLeast, kAtMost, kBetween } compare = Compare::kEqual;
  double low = 0, high = 0;
  std::string unit;
  std::unordered_map<std::string, std::string> label_units;  // by key, for numeric filters

  bool InRange(int64_t value, const std::string& label_unit) const {
    ScaledValue v = ScaleValue(value, label_unit, unit);
    if (v.unit != unit) return false;
    switch (compare) {
      case Compare::kEqual: return v.value == low;
      case Compare::kAtLeast: return v.value >= low;
      case Compare::kAtMost: return v.value <= low;
      case Compare::kBetween: return v.value >= low && v.value <= high;
    }
    return false;
  }

  bool Matches(const Profile& p, LabelSetId set) const {
    auto labels = p.LabelsOf(set);
    if (numeric) {
      for (const Label& l : labels) {
        if (l.str != 0) continue;
        std::string label_key(p.str(l.key));
        if (!key.empty() && label_key != key) continue;
        auto it = label_units.find(label_key);
        if (InRange(l.num, it == label_units.end() ? label_key : it->second)) return true;
      }
      return false;
    }
    if (!key.empty()) {
      for (const Label& l : labels) {
        if (l.str == 0 || p.str(l.key) != key) continue;
        for (const Regex& re : regexes) {
          if (re.Search(p.str(l.str))) return true;
        }
      }
      return false;
    }
    // Without a key every regex must match some "key:value".
    for (const Regex& re : regexes) {
      bool found = false;
      for (const Label& l : labels) {
        if (l.str != 0 && re.Search(std::string(p.str(l.key)) + ":" + std::string(p.str(l.str)))) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
};

// The numbers with optional units in `text` ("400kb", "-3"), up to two, as
// pprof's tagFilterRangeRx finds them: [+-]?digits then letters.
struct RangePart {
  std::string match;
  int64_t value = 0;
  std::string unit;
};
std::vector<RangePart> FindRangeParts(std::string_view text) {
  std::vector<RangePart> parts;
  for (size_t i = 0; i < text.size() && parts.size() < 2;) {
    size_t start = i;
    if ((text[i] == '+' || text[i] == '-') && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]))) ++i;
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      i = start + 1;
      continue;
    }
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    size_t digits_end = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    RangePart part;
    part.match = std::string(text.substr(start, i - start));
    std::string_view number = text.substr(start, digits_end - start);
    if (number.front() == '+') number.remove_prefix(1);
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), part.value);
    if (ec != std::errc()) return {};  // out of range: not a range pprof could parse either
    part.unit = std::string(text.substr(digits_end, i - digits_end));
    parts.push_back(std::move(part));
  }
  return parts;
}

// pprof's parseTagFilterRange: "32kb" (equal), "4mb:" (at least), ":64kb"
// (at most), "12kb:64mb" (between, both in the first one's unit). False when
// the text is not one of these forms (it is then a regex).
bool ParseRange(std::string_view text, TagFilter* f) {
  std::vector<RangePart> parts = FindRangeParts(text);
  if (parts.empty()) return false;
  ScaledValue first = ScaleValue(parts[0].value, parts[0].unit, parts[0].unit);
  f->unit = first.unit;
  f->low = first.value;
  if (parts.size() == 1) {
    if (text == parts[0].match) {
      f->compare = TagFilter::Compare::kEqual;
    } else if (text == parts[0].match + ":") {
      f->compare = TagFilter::Compare::kAtLeast;
    } else if (text == ":" + parts[0].match) {
      f->compare = TagFilter::Compare::kAtMost;
    } else {
      return false;
    }
    return true;
  }
  if (text != parts[0].match + ":" + parts[1].match) return false;
  ScaledValue second = ScaleValue(parts[1].value, parts[1].unit, f->unit);
  if (second.unit != f->unit) return false;
  f->compare = TagFilter::Compare::kBetween;
  f->high = second.value;
  return true;
}

Result<std::optional<TagFilter>> ParseTagFilter(const std::string& name, const std::string& text, const Profile& p) {
  if (text.empty()) return std::optional<TagFilter>();
  TagFilter f;
  std::string value = text;
  if (size_t eq = text.find('='); eq != std::string::npos) {
    f.key = text.substr(0, eq);
    value = text.substr(eq + 1);
  }
  if (ParseRange(value, &f)) {
    f.numeric = true;
    f.label_units = NumLabelUnits(p);
    return std::optional<TagFilter>(std::move(f));
  }
  for (size_t start = 0;;) {
    size_t comma = value.find(',', start);
    std::string part = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    PROFLENS_ASSIGN_OR_RETURN(std::optional<Regex> re, Compile(name, part.empty() ? std::string(".") : part));
    f.regexes.push_back(std::move(*re));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return std::optional<TagFilter>(std::move(f));
}

}  // namespace

std::vector<std::string> FilterOptions::Active(bool with_prune_from) const {
  std::vector<std::string> active;
  for (const auto& [name, value] : {std::pair<const char*, const std::string*>{"focus", &focus}, {"ignore", &ignore},
                                    {"hide", &hide}, {"show", &show}, {"show_from", &show_from},
                                    {"tagfocus", &tagfocus}, {"tagignore", &tagignore}, {"prune_from", &prune_from}}) {
    if (value->empty() || (!with_prune_from && std::string_view(name) == "prune_from")) continue;
    active.push_back(std::string(name) + "=" + *value);
  }
  return active;
}

Result<FilteredProfile> ApplyFilters(const Profile& p, const FilterOptions& o) {
  FilteredProfile out;
  out.active = o.Active(/*with_prune_from=*/false);

  auto focus = Compile("focus", o.focus);
  auto ignore = Compile("ignore", o.ignore);
  auto hide = Compile("hide", o.hide);
  auto show = Compile("show", o.show);
  auto show_from = Compile("show-from", o.show_from);
  auto prune_from = Compile("prune-from", o.prune_from);
  auto tagfocus = ParseTagFilter("tagfocus", o.tagfocus, p);
  auto tagignore = ParseTagFilter("tagignore", o.tagignore, p);
  for (const Status* s : {&focus.status(), &ignore.status(), &hide.status(), &show.status(), &show_from.status(),
                          &prune_from.status(), &tagfocus.status(), &tagignore.status()}) {
    if (!s->ok()) return *s;
  }

  // Step 1, per location: focus (1) / ignore (0) / neither (-1), and the lines left by hide and show.
  const size_t n = p.locations.size();
  std::vector<Lines> lines(n);
  std::vector<int8_t> focus_or_ignore(n, -1);
  std::vector<bool> hidden(n, false);
  bool focus_matched = false, ignore_matched = false, hide_matched = false, show_matched = false;
  std::optional<NameMatcher> focus_m, ignore_m, hide_m, show_m;
  if (*focus) focus_m.emplace(p, **focus);
  if (*ignore) ignore_m.emplace(p, **ignore);
  if (*hide) hide_m.emplace(p, **hide);
  if (*show) show_m.emplace(p, **show);
  for (size_t l = 0; l < n; ++l) {
    const Location& loc = p.locations[l];
    auto src = p.LinesOf(loc);
    lines[l].assign(src.begin(), src.end());
    if (ignore_m && ignore_m->Any(loc, lines[l])) {
      ignore_matched = true;
      focus_or_ignore[l] = 0;
    } else if (!focus_m || focus_m->Any(loc, lines[l])) {
      focus_matched = true;
      focus_or_ignore[l] = 1;
    }
    if (hide_m && hide_m->Any(loc, lines[l])) {
      hide_matched = true;
      Lines kept;
      if (!hide_m->Mapping(loc)) {
        for (const Line& line : lines[l]) {
          if (!hide_m->Function(line.function)) kept.push_back(line);
        }
      }
      lines[l] = kept;
      if (kept.empty()) hidden[l] = true;
    }
    if (show_m) {
      if (!show_m->Mapping(loc)) {
        Lines kept;
        for (const Line& line : lines[l]) {
          if (line.function == kNoId || show_m->Function(line.function)) kept.push_back(line);
        }
        lines[l] = kept;
      }
      if (lines[l].empty()) {
        hidden[l] = true;
      } else {
        show_matched = true;
      }
    }
  }
  // Step 2, show_from: a location matches through its binary or its outermost matching line.
  std::vector<bool> shows_from(n, false);
  bool show_from_matched = false;
  if (*show_from) {
    NameMatcher m(p, **show_from);
    for (size_t l = 0; l < n; ++l) {
      if (m.Mapping(p.locations[l])) {
        shows_from[l] = show_from_matched = true;
        continue;
      }
      for (size_t i = lines[l].size(); i-- > 0;) {
        if (m.Function(lines[l][i].function)) {
          lines[l].resize(i + 1);
          shows_from[l] = show_from_matched = true;
          break;
        }
      }
    }
  }
  // Step 4 (per location now, applied per sample below), prune_from: the
  // innermost line whose name without arguments matches; lines inside it go.
  std::vector<bool> prune_beneath(n, false);
  if (*prune_from) {
    for (size_t l = 0; l < n; ++l) {
      for (size_t i = 0; i < lines[l].size(); ++i) {
        FunctionId f = lines[l][i].function;
        if (f == kNoId || p.functions[f].name == 0) continue;
        if ((*prune_from)->Search(SimplifyFunctionName(p.str(p.functions[f].name)))) {
          prune_beneath[l] = true;
          lines[l].erase(lines[l].begin(), lines[l].begin() + i);
          break;
        }
      }
    }
  }

  ProfileBuilder b;
  ProfileCopier copier(p, b);
  copier.CopyHeader();
  for (MappingId m = 0; m < p.mappings.size(); ++m) copier.Mapping(m);
  std::vector<LocationId> copied(n, kNoId);
  bool tagfocus_matched = false, tagignore_matched = false;
  // Step 3: tags, per sample (a sample's labels are its run's).
  auto tags_keep = [&](LabelSetId labels) {
    if (*tagfocus) {
      const bool m = (*tagfocus)->Matches(p, labels);
      tagfocus_matched |= m;
      if (!m) return false;
    }
    if (*tagignore) {
      const bool m = (*tagignore)->Matches(p, labels);
      tagignore_matched |= m;
      if (m) return false;
    }
    return true;
  };
  // Each stored stack is walked once, from the root in, for all the samples
  // whose stacks are suffixes of it (stack_runs.h): what the steps keep of
  // a sample's stack is a window of the stored stack's kept frames
  // (filter_walk.h); samples are added in their order afterwards.
  std::vector<StackId> stacks(p.samples.size(), kNoId);
  FilterWalk walk;
  const FrameDecisions decisions{&focus_or_ignore, &hidden, *show_from ? &shows_from : nullptr,
                                 *prune_from ? &prune_beneath : nullptr};
  ForEachStoredRun(
      p, [](size_t) { return true; },
      [&](const StoredRun& run) {
        walk.Run(p, run, decisions);
        // Which samples stay, and the window (of the kept frames, leaf first) of each.
        walk.windows.clear();
        for (uint32_t s : run.samples) {
          const FilterWalk::Window w = walk.WindowOf(p.stacks[p.samples[s].stack].first - run.lo);
          if (w.size == 0 || !tags_keep(run.labels)) continue;
          walk.windows.push_back({s, w});
        }
        walk.Copy(b, [&](LocationId loc) {
          if (copied[loc] == kNoId) copied[loc] = copier.LocationWithLines(loc, lines[loc]);
          return copied[loc];
        });
        for (const auto& [s, w] : walk.windows) stacks[s] = b.InternStackPart(w.first, w.size);
      });
  for (size_t s = 0; s < p.samples.size(); ++s) {
    if (stacks[s] != kNoId) b.AddSample(stacks[s], copier.Labels(p.samples[s].labels), p.ValuesOf(s));
  }
  out.profile = std::move(b).Build();
  out.profile.raw_sample_count = p.raw_sample_count;
  auto unmatched = [&out](const std::string& value, bool matched, const char* name) {
    if (!value.empty() && !matched) out.unmatched.push_back(name);
  };
  unmatched(o.focus, focus_matched, "focus");
  unmatched(o.ignore, ignore_matched, "ignore");
  unmatched(o.hide, hide_matched, "hide");
  unmatched(o.show, show_matched, "show");
  unmatched(o.show_from, show_from_matched, "show-from");
  unmatched(o.tagfocus, tagfocus_matched, "tagfocus");
  unmatched(o.tagignore, tagignore_matched, "tagignore");
  return out;
}

}  // namespace proflens
