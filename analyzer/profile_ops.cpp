#include "analyzer/profile_ops.h"

#include <unordered_map>
#include <unordered_set>

#include "analyzer/profile_builder.h"
#include "analyzer/profile_copier.h"
#include "analyzer/regex.h"
#include "analyzer/sample_stacks.h"
#include "analyzer/symbol_names.h"

namespace proflens {

namespace {

std::string SampleTypeList(const Profile& p) {
  std::string out = "[";
  for (const ValueType& t : p.sample_types) {
    if (out.size() > 1) out += ' ';
    out += std::string(p.str(t.type)) + "/" + std::string(p.str(t.unit));
  }
  return out + "]";
}

}  // namespace

Profile WithFullNames(Profile profile) {
  for (Function& fn : profile.functions) {
    if (fn.system_name != 0) fn.name = fn.system_name;
  }
  return profile;
}

Status ProfileMerger::Add(const Profile& src, const std::string& name) {
  if (count_ == 0) {
    types_ = SampleTypeList(src);
    first_name_ = name;
  } else if (SampleTypeList(src) != types_) {
    return Status::Input("cannot merge " + name + " with " + first_name_ + ": sample types differ (" +
                         SampleTypeList(src) + " vs " + types_ + ")");
  }
  Profile& out = b_.profile();
  ProfileCopier copier(src, b_);
  if (count_ == 0) {
    copier.CopyHeader();
    out.comments.clear();
    out.duration_nanos = 0;
    out.period = 0;
    out.time_nanos = 0;
  }
  ++count_;
  // Header fields combine as pprof's merge does.
  if (out.time_nanos == 0 || src.time_nanos < out.time_nanos) out.time_nanos = src.time_nanos;
  out.duration_nanos = SaturatingAdd(out.duration_nanos, src.duration_nanos);
  if (out.period == 0 || out.period < src.period) out.period = src.period;
  if (out.default_sample_type == 0) out.default_sample_type = copier.String(src.default_sample_type);
  for (StringId c : src.comments) {
    if (seen_comments_.insert(std::string(src.str(c))).second) out.comments.push_back(copier.String(c));
  }
  // The first mapping is the main binary: copy mappings in order first.
  for (MappingId m = 0; m < src.mappings.size(); ++m) copier.Mapping(m);
  auto nonzero = [&](size_t s) {
    for (int64_t v : src.ValuesOf(s)) {
      if (v != 0) return true;
    }
    return false;
  };
  const std::vector<StackId> stacks =
      CopySampleStacks(src, b_, nonzero, [&](LocationId l) { return copier.Location(l); });
  for (size_t s = 0; s < src.samples.size(); ++s) {
    if (stacks[s] != kNoId) b_.AddSample(stacks[s], copier.Labels(src.samples[s].labels), src.ValuesOf(s));
  }
  raw_samples_ += src.raw_sample_count;
  return Status::Ok();
}

Profile ProfileMerger::Build() && {
  Profile out = std::move(b_).Build();
  out.raw_sample_count = raw_samples_;
  return out;
}

Result<Profile> MergeProfiles(std::span<const Profile* const> profiles, std::span<const std::string> names) {
  if (profiles.empty()) return Status::Usage("no profiles to merge");
  ProfileMerger merger;
  for (size_t i = 0; i < profiles.size(); ++i) PROFLENS_RETURN_IF_ERROR(merger.Add(*profiles[i], names[i]));
  return std::move(merger).Build();
}

Result<Profile> PruneFrames(const Profile& profile, std::string_view drop, std::string_view keep) {
  Result<Regex> drop_re = Regex::Compile("^(" + std::string(drop) + ")$", "drop_frames");
  if (!drop_re.ok()) return Status::Input(drop_re.status().message());
  Result<Regex> keep_re = Regex::Compile("^(" + std::string(keep.empty() ? "$^" : keep) + ")$", "keep_frames");
  if (!keep_re.ok()) return Status::Input(keep_re.status().message());
  // Per location: the index of its outermost matching line, or -1.
  std::vector<int> match(profile.locations.size(), -1);
  std::vector<int8_t> function_matches(profile.functions.size(), -1);
  for (size_t l = 0; l < profile.locations.size(); ++l) {
    auto lines = profile.LinesOf(profile.locations[l]);
    for (int i = static_cast<int>(lines.size()) - 1; i >= 0; --i) {
      FunctionId f = lines[i].function;
      if (f == kNoId || profile.functions[f].name == 0) continue;
      if (function_matches[f] < 0) {
        std::string name = SimplifyFunctionName(profile.str(profile.functions[f].name));
        function_matches[f] = drop_re->FullMatch(name) && (keep.empty() || !keep_re->FullMatch(name));
      }
      if (function_matches[f]) {
        match[l] = i;
        break;
      }
    }
  }

  ProfileBuilder b;
  ProfileCopier copier(profile, b);
  copier.CopyHeader();
  for (MappingId m = 0; m < profile.mappings.size(); ++m) copier.Mapping(m);
  std::vector<LocationId> stack;
  for (size_t s = 0; s < profile.samples.size(); ++s) {
    auto src = profile.StackOf(profile.samples[s].stack);
    // Walk from the root; cut at the first match that has a frame above it.
    size_t begin = 0;  // the new stack is src[begin..)
    bool found_user = false;
    for (size_t i = src.size(); i-- > 0;) {
      int m = match[src[i]];
      if (m < 0) {
        found_user = true;
        continue;
      }
      if (!found_user) continue;
      // A location whose outermost line matches goes whole; otherwise it stays,
      // holding only the callers the match was inlined into.
      begin = m == static_cast<int>(profile.locations[src[i]].line_count) - 1 ? i + 1 : i;
      break;
    }
    stack.clear();
    for (size_t i = begin; i < src.size(); ++i) {
      int m = match[src[i]];
      bool partial = m >= 0 && m < static_cast<int>(profile.locations[src[i]].line_count) - 1;
      stack.push_back(copier.Location(src[i], partial ? static_cast<size_t>(m) + 1 : 0));
    }
    b.AddSample(b.InternStack(stack), copier.Labels(profile.samples[s].labels), profile.ValuesOf(s));
  }
  Profile out = std::move(b).Build();
  out.raw_sample_count = profile.raw_sample_count;
  return out;
}

}  // namespace proflens
