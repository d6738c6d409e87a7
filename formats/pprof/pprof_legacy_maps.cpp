// Legacy pprof: text helpers, the memory map, and building the Profile.
#include <algorithm>
#include <cctype>
#include <charconv>

#include "analyzer/text.h"
#include "analyzer/profile_builder.h"
#include "analyzer/profile_ops.h"
#include "formats/io/line_scanner.h"
#include "formats/pprof/pprof_legacy_model.h"

namespace proflens::legacy {

namespace {

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

bool ParseHex(std::string_view text, uint64_t* value) {
  if (text.starts_with("0x")) text.remove_prefix(2);
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value, 16);
  return ec == std::errc() && end == text.data() + text.size();
}

bool AllOf(std::string_view s, bool (*pred)(char)) { return !s.empty() && std::all_of(s.begin(), s.end(), pred); }
bool IsPermChar(char c) { return c == '-' || c == 'r' || c == 'w' || c == 'x' || c == 'p'; }
bool IsHexChar(char c) { return IsHex(c); }
bool IsDigitChar(char c) { return c >= '0' && c <= '9'; }
bool IsDevice(std::string_view s) {  // "fd:01"
  size_t colon = s.find(':');
  return colon != std::string_view::npos && AllOf(s.substr(0, colon), IsHexChar) && AllOf(s.substr(colon + 1), IsHexChar);
}

std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

enum class MapLine { kMapping, kSkipped, kOther };

// "start-limit perms offset dev inode path" (/proc/self/maps) or
// "start-limit [perms] [file] [(@offset)] [build-id]"; non-executable
// entries are skipped.
MapLine ParseMapLine(std::string_view line, MappingEntry* m) {
  size_t i = 0;
  while (i < line.size() && IsSpace(line[i])) ++i;
  auto hex = [&](uint64_t* v) {
    if (line.substr(i).starts_with("0x")) i += 2;
    size_t start = i;
    while (i < line.size() && IsHex(line[i])) ++i;
    return i > start && ParseHex(line.substr(start, i - start), v);
  };
  if (!hex(&m->start)) return MapLine::kOther;
  if (i < line.size() && (line[i] == '-' || IsSpace(line[i]))) ++i;
  while (i < line.size() && IsSpace(line[i])) ++i;
  if (!hex(&m->limit)) return MapLine::kOther;
  if (i < line.size() && line[i] == ':') ++i;
  if (i < line.size() && !IsSpace(line[i])) return MapLine::kOther;
  std::vector<std::string_view> t = Tokens(line.substr(i));
  size_t k = 0;
  std::string_view perms;
  if (k < t.size() && AllOf(t[k], IsPermChar)) perms = t[k++];
  // procfs: [offset] device inode [path]
  size_t dev = k < t.size() && IsDevice(t[k]) ? k : k + 1 < t.size() && AllOf(t[k], IsHexChar) && IsDevice(t[k + 1]) ? k + 1 : t.size();
  if (dev < t.size() && dev + 1 < t.size() && AllOf(t[dev + 1], IsDigitChar)) {
    if (dev > k) ParseHex(t[k], &m->offset);
    if (dev + 2 < t.size()) m->file = std::string(t[dev + 2]);
  } else {
    if (k < t.size() && !t[k].starts_with("(@")) m->file = std::string(t[k++]);
    if (k < t.size() && t[k].starts_with("(@") && t[k].ends_with(")")) {
      ParseHex(t[k].substr(2, t[k].size() - 3), &m->offset);
      ++k;
    }
    if (k < t.size() && AllOf(t[k], IsHexChar)) m->build_id = std::string(t[k]);
  }
  if (!perms.empty() && perms.find('x') == std::string_view::npos) return MapLine::kSkipped;
  return MapLine::kMapping;
}

// glog's "I0102 03:04:05.678 file.cc:123] " before a line.
std::string_view WithoutLogPrefix(std::string_view line) {
  size_t close = line.find("] ");
  if (close == std::string_view::npos || close == 0) return line;
  std::string_view prefix = line.substr(0, close);
  if (prefix.find_first_of("[]") != std::string_view::npos) return line;
  size_t colon = prefix.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || !AllOf(prefix.substr(colon + 1), IsDigitChar)) return line;
  return line.substr(close + 2);
}

bool IsLibrary(std::string_view file) {
  if (file.ends_with(".so")) return true;
  for (size_t at = file.find(".so"); at != std::string_view::npos; at = file.find(".so", at + 1)) {
    if (at + 4 < file.size() + 0 && (file[at + 3] == '.' || file[at + 3] == '_') && IsDigitChar(file[at + 4])) return true;
  }
  return false;
}

bool Adjacent(const MappingEntry& a, const MappingEntry& b) {
  if (!a.file.empty() && !b.file.empty() && a.file != b.file) return false;
  if (!a.build_id.empty() && !b.build_id.empty() && a.build_id != b.build_id) return false;
  if (a.limit != b.start) return false;
  if (a.offset != 0 && b.offset != 0 && a.offset + (a.limit - a.start) != b.offset) return false;
  return true;
}

// Frames pprof drops from legacy profiles, by kind: the allocator under a
// heap sample, the lock code under a contention, the profiler's own signal
// handler under a CPU sample (keep: Go runtime frames that are not
// allocation).
constexpr std::string_view kAllocatorFrames =
    "calloc|cfree|malloc|free|memalign|do_memalign|(__)?posix_memalign|pvalloc|valloc|realloc|"
    "tcmalloc::.*|tc_(calloc|cfree|malloc|free|memalign|posix_memalign|pvalloc|valloc|realloc|new|delete|"
    "newarray|deletearray|new_nothrow|newarray_nothrow)|"
    "malloc_zone_(malloc|calloc|valloc|realloc|memalign|free)|runtime\\..*|BaseArena::.*|"
    "(::)?do_malloc_no_errno|(::)?do_malloc_pages|(::)?do_malloc|DoSampledAllocation|"
    "MallocedMemBlock::MallocedMemBlock|_M_allocate|__builtin_(vec_)?delete|__builtin_(vec_)?new|"
    "__gnu_cxx::new_allocator::allocate|__libc_malloc|__malloc_alloc_template::allocate|allocate|cpp_alloc|"
    "operator new(\\[\\])?|simple_alloc::allocate";
constexpr std::string_view kAllocatorKeep = "runtime\\.panic|runtime\\.reflectcall|runtime\\.call[0-9]*";
constexpr std::string_view kLockFrames =
    "RecordLockProfileData|(base::)?RecordLockProfileData.*|(base::)?SubmitMutexProfileData.*|"
    "(base::)?SubmitSpinLockProfileData.*|(base::Mutex::)?AwaitCommon.*|(base::Mutex::)?Unlock.*|"
    "(base::Mutex::)?UnlockSlow.*|(base::Mutex::)?ReaderUnlock.*|(base::MutexLock::)?~MutexLock.*|"
    "(Mutex::)?AwaitCommon.*|(Mutex::)?Unlock.*|(Mutex::)?UnlockSlow.*|(Mutex::)?ReaderUnlock.*|"
    "(MutexLock::)?~MutexLock.*|(SpinLock::)?Unlock.*|(SpinLock::)?SlowUnlock.*|(SpinLockHolder::)?~SpinLockHolder.*";
constexpr std::string_view kCpuProfilerFrames =
    "ProfileData::Add|ProfileData::prof_handler|CpuProfiler::prof_handler|__pthread_sighandler|__restore";

void SetDropFrames(Model& m) {
  std::vector<std::string> types;
  for (const auto& t : m.sample_types) types.push_back(t.first);
  using V = std::vector<std::string>;
  const bool heap = types == V{"allocations", "size"} || types == V{"objects", "space"} ||
                    types == V{"inuse_objects", "inuse_space"} || types == V{"alloc_objects", "alloc_space"} ||
                    types == V{"alloc_objects", "alloc_space", "inuse_objects", "inuse_space"};
  if (heap) {
    m.drop_frames = kAllocatorFrames;
    m.keep_frames = kAllocatorKeep;
  } else if (types == V{"contentions", "delay"}) {
    m.drop_frames = kLockFrames;
  } else {
    m.drop_frames = kCpuProfilerFrames;
  }
}

struct Interval {
  uint64_t low, high;  // [low, high)
  uint32_t id;
};

// The least id among the intervals that hold an address and pass a filter:
// intervals sorted by their low end, with the running maximum of their high
// ends, so a lookup walks back only over intervals that reach the address.
class FirstContaining {
 public:
  explicit FirstContaining(std::vector<Interval> intervals) : intervals_(std::move(intervals)) {
    std::sort(intervals_.begin(), intervals_.end(), [](const Interval& x, const Interval& y) { return x.low < y.low; });
    uint64_t reach = 0;
    for (const Interval& v : intervals_) reach_.push_back(reach = std::max(reach, v.high));
  }

  template <typename Filter>
  uint32_t Find(uint64_t address, Filter&& keep) const {
    uint32_t best = UINT32_MAX;
    size_t i = static_cast<size_t>(std::upper_bound(intervals_.begin(), intervals_.end(), address,
                                                    [](uint64_t a, const Interval& v) { return a < v.low; }) -
                                   intervals_.begin());
    while (i > 0 && reach_[i - 1] > address) {
      const Interval& v = intervals_[--i];
      if (address < v.high && v.id < best && keep(v.id)) best = v.id;
    }
    return best;
  }

 private:
  std::vector<Interval> intervals_;
  std::vector<uint64_t> reach_;
};

// The lines of the frames Go's "#" lines name at an address, innermost first.
std::vector<Line> GoLines(const Model& model, uint64_t address, ProfileBuilder& b) {
  std::vector<Line> lines;
  auto named = model.go_frames.find(address);
  if (named == model.go_frames.end()) return lines;
  for (const GoFrame& f : named->second) {
    const StringId name = b.InternString(f.function);
    lines.push_back({b.InternFunction({.name = name, .system_name = name, .filename = b.InternString(f.file)}), f.line});
  }
  return lines;
}

}  // namespace

bool IsBlankOrComment(std::string_view line) {
  line = Trim(line);
  return line.empty() || line[0] == '#';
}

bool IsMemoryMapSentinel(std::string_view line) {
  return line.find("--- Memory map: ---") != std::string_view::npos ||
         line.find("MAPPED_LIBRARIES:") != std::string_view::npos;
}

bool HexAddresses(std::string_view text, std::vector<uint64_t>* out) {
  for (size_t at = text.find("0x"); at != std::string_view::npos; at = text.find("0x", at)) {
    size_t end = at + 2;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || (text[end] >= 'a' && text[end] <= 'f'))) ++end;
    if (end == at + 2) {
      at += 2;
      continue;
    }
    uint64_t v = 0;
    if (!ParseHex(text.substr(at, end - at), &v)) return false;
    out->push_back(v);
    at = end;
  }
  return true;
}

bool ParseInt(std::string_view text, int64_t* value, bool any_base) {
  bool negative = text.starts_with('-');
  std::string_view digits = negative ? text.substr(1) : text;
  int base = 10;
  if (any_base && digits.size() > 1 && digits[0] == '0') {
    if (digits[1] == 'x' || digits[1] == 'X') {
      base = 16;
      digits.remove_prefix(2);
    } else {
      base = 8;
      digits.remove_prefix(1);
    }
  }
  if (digits.empty()) return false;
  uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (ec != std::errc() || end != digits.data() + digits.size()) return false;
  if (magnitude > (negative ? uint64_t{1} << 63 : uint64_t{INT64_MAX})) return false;
  *value = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return true;
}

void ReadMemoryMap(std::string_view text, Model& model) {
  std::vector<std::pair<std::string, std::string>> attributes;  // "$name" -> value
  LineScanner scanner(text);
  std::string_view raw;
  std::vector<MappingEntry> read;
  while (scanner.Next(&raw)) {
    std::string line(WithoutLogPrefix(raw));
    for (const auto& [name, value] : attributes) {
      for (size_t at = line.find(name); at != std::string::npos; at = line.find(name, at + value.size())) {
        line.replace(at, name.size(), value);
      }
    }
    MappingEntry m;
    switch (ParseMapLine(line, &m)) {
      case MapLine::kMapping: read.push_back(std::move(m)); break;
      case MapLine::kSkipped: break;
      case MapLine::kOther:
        // "name = value" lines define $name for the lines after them.
        if (size_t eq = line.find('='); eq != std::string::npos) {
          attributes.emplace_back("$" + std::string(Trim(std::string_view(line).substr(0, eq))),
                                  std::string(Trim(std::string_view(line).substr(eq + 1))));
        }
        break;
    }
  }
  for (MappingEntry& m : read) model.mappings.push_back(std::move(m));
  // A mapping split in two adjacent entries is one.
  std::vector<MappingEntry>& all = model.mappings;
  if (all.size() > 1) {
    std::vector<MappingEntry> merged{all[0]};
    for (size_t i = 1; i < all.size(); ++i) {
      MappingEntry& last = merged.back();
      if (Adjacent(last, all[i])) {
        last.limit = all[i].limit;
        if (!all[i].file.empty()) last.file = all[i].file;
        if (!all[i].build_id.empty()) last.build_id = all[i].build_id;
      } else {
        merged.push_back(all[i]);
      }
    }
    all = std::move(merged);
  }
  // The main binary first: the first file that is no library and no [vdso].
  for (size_t i = 0; i < all.size(); ++i) {
    std::string file = all[i].file;
    for (size_t at = file.find("(deleted)"); at != std::string::npos; at = file.find("(deleted)")) file.erase(at, 9);
    std::string_view name = Trim(file);
    if (name.empty() || IsLibrary(name) || name[0] == '[') continue;
    std::swap(all[0], all[i]);
    break;
  }
}

Result<Profile> BuildProfile(Model model) {
  // Locations in the order samples first use them.
  std::vector<uint64_t> addresses;
  std::unordered_map<uint64_t, uint32_t> index;
  for (const Sample& s : model.samples) {
    for (uint64_t a : s.addresses) {
      if (index.emplace(a, static_cast<uint32_t>(addresses.size())).second) addresses.push_back(a);
    }
  }
  std::vector<MappingEntry>& maps = model.mappings;
  if (maps.size() > 1 && maps[0].file.starts_with("/anon_hugepage") && maps[0].limit == maps[1].start) {
    maps.erase(maps.begin());
  }
  if (!maps.empty() && maps[0].start - maps[0].offset == 0x400000) {
    maps[0].start = 0x400000;
    maps[0].offset = 0;
  }
  constexpr uint32_t kNone = UINT32_MAX;
  // pprof gives an address the first mapping that holds it; failing that, the
  // first whose missing first part (the `offset` bytes before its start)
  // would hold it, and that mapping then starts there. Indexed, so that a map
  // of thousands of entries costs a lookup per address, not a scan.
  std::vector<Interval> held, before;
  for (uint32_t m = 0; m < maps.size(); ++m) {
    held.push_back({maps[m].start, maps[m].limit, m});
    if (maps[m].offset != 0 && maps[m].offset <= maps[m].start) {
      before.push_back({maps[m].start - maps[m].offset, maps[m].start, m});
    }
  }
  const FirstContaining holding(std::move(held)), missing_part(std::move(before));
  std::vector<bool> extended(maps.size(), false);
  std::vector<uint32_t> mapping_of(addresses.size(), kNone);
  uint32_t fake = kNone;
  for (size_t i = 0; i < addresses.size(); ++i) {
    const uint64_t a = addresses[i];
    if (a == 0 || model.java_frames.contains(a)) continue;
    uint32_t m = std::min(holding.Find(a, [](uint32_t) { return true; }),
                          missing_part.Find(a, [&](uint32_t id) { return extended[id]; }));
    if (m == kNone) {
      m = missing_part.Find(a, [&](uint32_t id) { return !extended[id]; });
      if (m != kNone) {
        extended[m] = true;
        maps[m].start -= maps[m].offset;
        maps[m].offset = 0;
      }
    }
    if (m == kNone) {
      if (fake == kNone) {
        fake = static_cast<uint32_t>(maps.size());
        MappingEntry everything;
        everything.limit = UINT64_MAX;
        maps.push_back(everything);
      }
      m = fake;
    }
    mapping_of[i] = m;
  }

  ProfileBuilder b;
  for (const auto& [type, unit] : model.sample_types) b.AddSampleType(type, unit);
  Profile& p = b.profile();
  p.period_type = {b.InternString(model.period_type.first), b.InternString(model.period_type.second)};
  p.period = model.period;
  p.duration_nanos = model.duration_nanos;
  std::vector<MappingId> mapping_ids;
  for (const MappingEntry& m : maps) {
    mapping_ids.push_back(b.InternMapping(Mapping{.memory_start = m.start,
                                                  .memory_limit = m.limit,
                                                  .file_offset = m.offset,
                                                  .file = b.InternString(m.file),
                                                  .build_id = b.InternString(m.build_id)}));
  }
  std::unordered_map<std::string, FunctionId> functions;
  std::vector<LocationId> location_ids(addresses.size());
  for (size_t i = 0; i < addresses.size(); ++i) {
    auto named = model.java_frames.find(addresses[i]);
    if (named == model.java_frames.end()) {
      const MappingId mapping = mapping_of[i] == kNone ? kNoId : mapping_ids[mapping_of[i]];
      location_ids[i] = b.InternLocation(mapping, addresses[i], GoLines(model, addresses[i], b));
      continue;
    }
    const JavaFrame& f = named->second;
    auto [it, added] = functions.emplace(f.function, 0);
    if (added) {
      const StringId name = b.InternString(f.function);
      it->second = b.InternFunction({.name = name, .system_name = name, .filename = b.InternString(f.file)});
    }
    const Line line{it->second, f.line};
    location_ids[i] = b.InternLocation(kNoId, 0, {&line, 1});
  }
  const StringId bytes_key = b.InternString("bytes");
  std::vector<LocationId> stack;
  std::vector<Label> labels;
  for (const Sample& s : model.samples) {
    stack.clear();
    for (uint64_t a : s.addresses) stack.push_back(location_ids[index.at(a)]);
    labels.clear();
    if (s.bytes) labels.push_back({.key = bytes_key, .num = *s.bytes});
    for (const auto& [key, value] : s.labels) labels.push_back({.key = b.InternString(key), .str = b.InternString(value)});
    b.AddSample(b.InternStack(stack), b.InternLabels(labels), s.values);
  }
  SetDropFrames(model);
  p.drop_frames = b.InternString(model.drop_frames);
  p.keep_frames = b.InternString(model.keep_frames);
  Profile profile = std::move(b).Build();
  return PruneFrames(profile, profile.str(profile.drop_frames), profile.str(profile.keep_frames));
}

}  // namespace proflens::legacy
