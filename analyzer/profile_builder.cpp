#include "analyzer/profile_builder.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <tuple>

#include "analyzer/hash.h"

namespace proflens {

namespace {

uint64_t HashMapping(const Mapping& m) {
  uint64_t h = HashCombine(m.memory_start, m.memory_limit);
  h = HashCombine(h, m.file_offset);
  h = HashCombine(h, (uint64_t{m.file} << 32) | m.build_id);
  return HashCombine(h, m.has_functions | m.has_filenames << 1 | m.has_line_numbers << 2 |
                            m.has_inline_frames << 3);
}

uint64_t HashFunction(const Function& f) {
  uint64_t h = HashCombine(f.name, f.system_name);
  return HashCombine(HashCombine(h, f.filename), static_cast<uint64_t>(f.start_line));
}

bool LabelLess(const Label& a, const Label& b) {
  return std::tie(a.key, a.str, a.num, a.num_unit) < std::tie(b.key, b.str, b.num, b.num_unit);
}

}  // namespace

ProfileBuilder::ProfileBuilder() {
  // String 0 is "" and label set 0 is the empty set; register both.
  strings_.FindOrInsert(HashString(""), 0, [](uint32_t) { return false; });
  label_sets_.FindOrInsert(HashBytes(nullptr, 0), 0, [](uint32_t) { return false; });
}

StringId ProfileBuilder::InternString(std::string_view s) {
  auto& strings = profile_.strings;
  auto [id, inserted] = strings_.FindOrInsert(HashString(s), static_cast<uint32_t>(strings.size()),
                                              [&](uint32_t i) { return strings[i] == s; });
  if (inserted) strings.emplace_back(s);
  return id;
}

void ProfileBuilder::AddSampleType(std::string_view type, std::string_view unit) {
  FlushLate();  // its values are as wide as the types before this one
  ValueType vt{InternString(type), InternString(unit)};
  size_t old_width = profile_.sample_types.size();
  profile_.sample_types.push_back(vt);
  if (profile_.samples.empty()) return;
  // Samples exist: widen every row by one zero (readers discover event types as they go).
  std::vector<int64_t> widened(profile_.samples.size() * (old_width + 1), 0);
  for (size_t s = 0; s < profile_.samples.size(); ++s) {
    std::copy_n(profile_.sample_values.begin() + s * old_width, old_width, widened.begin() + s * (old_width + 1));
  }
  profile_.sample_values.swap(widened);
}

MappingId ProfileBuilder::InternMapping(const Mapping& mapping) {
  auto& mappings = profile_.mappings;
  auto [id, inserted] =
      mappings_.FindOrInsert(HashMapping(mapping), static_cast<uint32_t>(mappings.size()),
                             [&](uint32_t i) { return mappings[i] == mapping; });
  if (inserted) mappings.push_back(mapping);
  return id;
}

FunctionId ProfileBuilder::InternFunction(const Function& function) {
  auto& functions = profile_.functions;
  auto [id, inserted] =
      functions_.FindOrInsert(HashFunction(function), static_cast<uint32_t>(functions.size()),
                              [&](uint32_t i) { return functions[i] == function; });
  if (inserted) functions.push_back(function);
  return id;
}

LocationId ProfileBuilder::InternLocation(MappingId mapping, uint64_t address,
                                          std::span<const Line> lines, bool is_folded) {
  uint64_t h = HashCombine(HashCombine(mapping, address), is_folded);
  for (const Line& line : lines) h = HashCombine(h, (uint64_t{line.function} << 32) ^ line.line);
  auto& locations = profile_.locations;
  auto [id, inserted] = locations_.FindOrInsert(
      h, static_cast<uint32_t>(locations.size()), [&](uint32_t i) {
        const Location& loc = locations[i];
        if (loc.mapping != mapping || loc.address != address || loc.is_folded != is_folded ||
            loc.line_count != lines.size()) {
          return false;
        }
        return std::equal(lines.begin(), lines.end(), profile_.lines.begin() + loc.first_line);
      });
  if (inserted) {
    Location loc;
    loc.mapping = mapping;
    loc.address = address;
    loc.first_line = static_cast<uint32_t>(profile_.lines.size());
    loc.line_count = static_cast<uint32_t>(lines.size());
    loc.is_folded = is_folded;
    profile_.lines.insert(profile_.lines.end(), lines.begin(), lines.end());
    locations.push_back(loc);
  }
  return id;
}

// A stack's hash is a polynomial in its ids, leaf first, finished by a mix:
// P(stack) = sum (id[i] + 1) * kStackBase^i (mod 2^64), so the stack less
// its leaf has P(stack less leaf) = (P(stack) - id[0] - 1) / kStackBase, and
// from the root in, P(suffix from i) = id[i] + 1 + kStackBase * P(suffix
// from i + 1): the hashes of all the suffixes of one stored stack cost one
// walk (InternStackSuffix), not one walk each.
namespace {
constexpr uint64_t kStackBase = 0x9e3779b97f4a7c15ULL;  // odd

uint64_t FinishStackHash(uint64_t polynomial, size_t size) {
  return HashMix(polynomial ^ (uint64_t{size} * 0xc2b2ae3d27d4eb4fULL));
}
}  // namespace

uint64_t ProfileBuilder::StackHash(std::span<const LocationId> leaf_first) {
  // Horner from the root, four ids a step (so the multiplies overlap).
  const size_t n = leaf_first.size();
  const LocationId* ids = leaf_first.data();
  constexpr uint64_t b2 = kStackBase * kStackBase, b3 = b2 * kStackBase, b4 = b3 * kStackBase;
  uint64_t h = 0;
  size_t i = n;
  for (; i % 4 != 0; --i) h = h * kStackBase + ids[i - 1] + 1;
  for (; i != 0; i -= 4) {
    const uint64_t chunk = (ids[i - 4] + uint64_t{1}) + (ids[i - 3] + uint64_t{1}) * kStackBase + (ids[i - 2] + uint64_t{1}) * b2 +
                           (ids[i - 1] + uint64_t{1}) * b3;
    h = h * b4 + chunk;
  }
  return FinishStackHash(h, n);
}

StackId ProfileBuilder::InternStack(std::span<const LocationId> leaf_first) {
  return InternStack(leaf_first, StackHash(leaf_first));
}

StackId ProfileBuilder::InternStack(std::span<const LocationId> leaf_first, uint64_t h) {
  auto& stacks = profile_.stacks;
  StackStore& all = profile_.stack_locations;
  // Compared as stored: a stack with a location id wider than the store's is new.
  const bool fits = all.Encode(leaf_first, stack_bytes_);
  const size_t width = all.width();
  auto [id, inserted] =
      stacks_.FindOrInsert(h, static_cast<uint32_t>(stacks.size()), [&](uint32_t i) {
        const Stack& s = stacks[i];
        return fits && s.size == leaf_first.size() &&
               (s.size == 0 || std::memcmp(all.At(s.first), stack_bytes_.data(), leaf_first.size() * width) == 0);
      });
  if (inserted) {
    const size_t first = all.Append(leaf_first);
    stacks.push_back(Stack{static_cast<uint32_t>(first), static_cast<uint32_t>(leaf_first.size())});
  }
  return id;
}

void ProfileBuilder::ReserveSamples(size_t samples, size_t stack_ids) {
  try {
    const size_t types = std::max<size_t>(profile_.sample_types.size(), 1);
    profile_.samples.reserve(profile_.samples.size() + samples);
    profile_.sample_values.reserve(profile_.sample_values.size() + samples * types);
    profile_.stacks.reserve(profile_.stacks.size() + samples);
    profile_.stack_locations.Reserve(profile_.stack_locations.size() + stack_ids);
    first_sample_.reserve(first_sample_.size() + samples);
    chained_.reserve(chained_.size() + samples);
    next_sample_.reserve(next_sample_.size() + samples);
    stacks_.Reserve(stacks_.size() + samples);
  } catch (const std::bad_alloc&) {
    // Grown as needed instead.
  }
}

StackId ProfileBuilder::InternStackSuffix(StackId stored, uint32_t drop) {
  const Stack whole = profile_.stacks[stored];
  const Stack suffix{whole.first + drop, whole.size - drop};
  const StackStore& all = profile_.stack_locations;
  if (suffix_holder_ != stored) {
    // The polynomial of each suffix of `stored`, from the root in: one walk
    // for every suffix asked for later (a reader closing a deep stack's
    // frames one by one asks for each).
    const StackView view = all.View(whole.first, whole.size);
    suffix_polynomials_.resize(size_t{whole.size} + 1);
    suffix_polynomials_[whole.size] = 0;
    for (size_t i = whole.size; i-- > 0;) suffix_polynomials_[i] = suffix_polynomials_[i + 1] * kStackBase + view[i] + 1;
    suffix_holder_ = stored;
  }
  const StackView view = all.View(suffix.first, suffix.size);
  const size_t bytes = size_t{suffix.size} * all.width();
  auto [id, inserted] = stacks_.FindOrInsert(
      FinishStackHash(suffix_polynomials_[drop], suffix.size), static_cast<uint32_t>(profile_.stacks.size()),
      [&](uint32_t i) {
        const Stack& s = profile_.stacks[i];
        return s.size == suffix.size &&
               (bytes == 0 || s.first == suffix.first || std::memcmp(all.At(s.first), view.bytes(), bytes) == 0);
      });
  if (inserted) profile_.stacks.push_back(suffix);
  return id;
}

void ProfileBuilder::SetStackParts(std::span<const LocationId> leaf_first) {
  parts_.assign(leaf_first.begin(), leaf_first.end());
  const size_t n = parts_.size();
  parts_polynomials_.resize(n + 1);
  parts_polynomials_[n] = 0;
  for (size_t i = n; i-- > 0;) parts_polynomials_[i] = parts_polynomials_[i + 1] * kStackBase + parts_[i] + 1;
  if (powers_.empty()) powers_.push_back(1);
  while (powers_.size() <= n) powers_.push_back(powers_.back() * kStackBase);
  parts_stored_ = kNoId;
  parts_same_size_ = 0;
  // Frames wider than the store's ids: stored now (widening it), so windows
  // compare as stored.
  if (!profile_.stack_locations.Encode(parts_, parts_bytes_)) {
    parts_stored_ = static_cast<uint32_t>(profile_.stack_locations.Append(parts_));
  }
}

StackId ProfileBuilder::InternStackPart(uint32_t first, uint32_t size) {
  const uint64_t polynomial = parts_polynomials_[first] - powers_[size] * parts_polynomials_[first + size];
  const StackStore& all = profile_.stack_locations;
  const size_t width = all.width();
  auto equal = [&](uint32_t i) {
    const Stack& s = profile_.stacks[i];
    if (s.size != size) return false;
    if (size == 0 || (parts_stored_ != kNoId && s.first == parts_stored_ + first)) return true;
    // Inside the window found equal last, at the same offset.
    if (first >= parts_same_at_ && first + size <= parts_same_at_ + parts_same_size_ &&
        s.first == parts_same_stored_ + (first - parts_same_at_)) {
      return true;
    }
    const uint8_t* mine = parts_stored_ != kNoId ? all.At(parts_stored_ + first) : parts_bytes_.data() + size_t{first} * width;
    if (std::memcmp(all.At(s.first), mine, size_t{size} * width) != 0) return false;
    parts_same_at_ = first;
    parts_same_size_ = size;
    parts_same_stored_ = s.first;
    return true;
  };
  auto [id, inserted] =
      stacks_.FindOrInsert(FinishStackHash(polynomial, size), static_cast<uint32_t>(profile_.stacks.size()), equal);
  if (inserted) {
    if (parts_stored_ == kNoId) parts_stored_ = static_cast<uint32_t>(profile_.stack_locations.Append(parts_));
    profile_.stacks.push_back(Stack{parts_stored_ + first, size});
  }
  return id;
}

LabelSetId ProfileBuilder::InternLabels(std::span<const Label> labels) {
  if (labels.empty()) return 0;
  label_scratch_.assign(labels.begin(), labels.end());
  std::sort(label_scratch_.begin(), label_scratch_.end(), LabelLess);
  uint64_t h = HashBytes(nullptr, 0);
  for (const Label& l : label_scratch_) {
    h = HashCombine(HashCombine(h, (uint64_t{l.key} << 32) | l.str),
                    HashCombine(static_cast<uint64_t>(l.num), l.num_unit));
  }
  auto& sets = profile_.label_sets;
  auto [id, inserted] =
      label_sets_.FindOrInsert(h, static_cast<uint32_t>(sets.size()), [&](uint32_t i) {
        const LabelSet& s = sets[i];
        return s.size == label_scratch_.size() &&
               std::equal(label_scratch_.begin(), label_scratch_.end(),
                          profile_.labels.begin() + s.first);
      });
  if (inserted) {
    sets.push_back(LabelSet{static_cast<uint32_t>(profile_.labels.size()),
                            static_cast<uint32_t>(label_scratch_.size())});
    profile_.labels.insert(profile_.labels.end(), label_scratch_.begin(), label_scratch_.end());
  }
  return id;
}

StackId ProfileBuilder::AddSampleLate(std::vector<LocationId>& stack, LabelSetId labels, std::vector<int64_t>& values) {
  const uint64_t hash = StackHash(stack);
  PrefetchStack(hash);
  const StackId before = FlushLate();
  late_ = true;
  late_stack_.swap(stack);
  late_hash_ = hash;
  late_labels_ = labels;
  late_values_.swap(values);
  return before;
}

StackId ProfileBuilder::FlushLate() {
  if (!late_) return kNoId;
  late_ = false;
  const StackId stack = InternStack(late_stack_, late_hash_);
  AddSample(stack, late_labels_, late_values_);
  return stack;
}

void ProfileBuilder::AddSample(StackId stack, LabelSetId labels, std::span<const int64_t> values) {
  FlushLate();  // samples keep their order
  ++profile_.raw_sample_count;
  auto& samples = profile_.samples;
  size_t n = profile_.sample_types.size();
  const uint32_t next = static_cast<uint32_t>(samples.size());
  uint32_t id = InternTable::kEmpty;
  bool inserted = false;
  if (stack >= first_sample_.size()) {
    first_sample_.resize(size_t{stack} + 1, InternTable::kEmpty);
    chained_.resize(size_t{stack} + 1, 0);
  }
  for (uint32_t i = first_sample_[stack]; i != InternTable::kEmpty && id == InternTable::kEmpty; i = next_sample_[i]) {
    if (samples[i].labels == labels) id = i;
  }
  if (id == InternTable::kEmpty) {
    if (chained_[stack] < kChained) {
      id = next;
      inserted = true;
      next_sample_.push_back(first_sample_[stack]);
      first_sample_[stack] = id;
      ++chained_[stack];
    } else {
      std::tie(id, inserted) = samples_.FindOrInsert(
          HashMix((uint64_t{stack} << 32) | labels), next,
          [&](uint32_t i) { return samples[i].stack == stack && samples[i].labels == labels; });
      if (inserted) next_sample_.push_back(InternTable::kEmpty);
    }
  }
  if (inserted) {
    samples.push_back(Sample{stack, labels});
    profile_.sample_values.resize(profile_.sample_values.size() + n, 0);
  }
  int64_t* dst = profile_.sample_values.data() + size_t{id} * n;
  for (size_t i = 0; i < n && i < values.size(); ++i) dst[i] = SaturatingAdd(dst[i], values[i]);
}

Profile ProfileBuilder::Build() && {
  FlushLate();
  return std::move(profile_);
}

}  // namespace proflens
