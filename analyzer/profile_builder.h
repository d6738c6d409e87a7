// ProfileBuilder: the one place where a Profile is assembled. Every reader and
// every profile operation goes through it, so deduplication lives here only:
// strings, mappings, functions, locations, stacks and label sets are interned
// by content, and samples with the same stack and labels are summed.
//
//   ProfileBuilder b;
//   b.AddSampleType("samples", "count");
//   FunctionId f = b.InternFunction({.name = b.InternString("main")});
//   Line line{f, 0};
//   LocationId loc = b.InternLocation(kNoId, 0, {&line, 1});
//   b.AddSample(b.InternStack({&loc, 1}), 0, values);
//   Profile p = std::move(b).Build();
#ifndef PROFLENS_ANALYZER_PROFILE_BUILDER_H_
#define PROFLENS_ANALYZER_PROFILE_BUILDER_H_

#include <span>
#include <string_view>

#include "analyzer/intern_table.h"
#include "analyzer/profile.h"

namespace proflens {

class ProfileBuilder {
 public:
  ProfileBuilder();

  StringId InternString(std::string_view s);
  // Appends a sample type. Samples added before it get 0 for it.
  void AddSampleType(std::string_view type, std::string_view unit);
  MappingId InternMapping(const Mapping& mapping);
  FunctionId InternFunction(const Function& function);
  // `lines` innermost first (lines[0] is the inlined callee).
  LocationId InternLocation(MappingId mapping, uint64_t address, std::span<const Line> lines,
                            bool is_folded = false);
  // `leaf_first`: element 0 is the leaf.
  StackId InternStack(std::span<const LocationId> leaf_first);
  // The same in two steps, for readers with other work to do while the
  // lookup's cache miss resolves: hash, PrefetchStack, then InternStack.
  static uint64_t StackHash(std::span<const LocationId> leaf_first);
  void PrefetchStack(uint64_t hash) const { stacks_.Prefetch(hash); }
  StackId InternStack(std::span<const LocationId> leaf_first, uint64_t hash);
  // The stack `stored` less its `drop` innermost frames, sharing its storage
  // (no copy): for readers that close a deep stack's frames one by one.
  // Its hash costs O(1) when `stored` is the one cut last (the hashes of all
  // its suffixes come from one walk), so closing N nested frames is O(N).
  StackId InternStackSuffix(StackId stored, uint32_t drop);
  // Windows of a stack not stored yet, for operations that copy a stored
  // stack whose suffixes other samples use (filters, merge, diff): after
  // SetStackParts(frames), InternStackPart(first, size) interns frames
  // [first, first + size) (leaf first). The frames are stored once, when a
  // window of them is new, and each window costs O(1) after one walk over
  // them, so N windows of a stack D deep cost O(N + D), not O(N * D).
  void SetStackParts(std::span<const LocationId> leaf_first);
  StackId InternStackPart(uint32_t first, uint32_t size);
  // Labels are sorted (by key, then value) so that equal sets intern to one id.
  LabelSetId InternLabels(std::span<const Label> labels);
  // Adds `values` (one per sample type) to the sample with this stack and labels,
  // creating it on first use. Sums saturate instead of wrapping.
  void AddSample(StackId stack, LabelSetId labels, std::span<const int64_t> values);

  // The same for a stack not interned yet, one sample late: its table slot
  // is asked for now and the lookup (a cache miss in a table of millions of
  // stacks) is done at the next AddSampleLate or FlushLate, while the reader
  // works on the next sample. `stack` and `values` are taken by swapping (the
  // caller gets buffers back to reuse). Returns the stack id of the sample
  // added late before this one, or kNoId. AddSample and Build flush first, so
  // samples keep their order.
  StackId AddSampleLate(std::vector<LocationId>& stack, LabelSetId labels, std::vector<int64_t>& values);
  // Adds the sample still waiting; returns its stack id, or kNoId.
  StackId FlushLate();

  // Room for `samples` more samples (each with a stack of its own at most)
  // and `stack_ids` more location ids in stacks, so that reading a big
  // profile copies no table as it grows. Only a hint: when the system has
  // not that much address space, the tables grow as they would.
  void ReserveSamples(size_t samples, size_t stack_ids);

  // Metadata (period, time, comments, ...) is set on the profile directly.
  Profile& profile() { return profile_; }
  size_t sample_type_count() const { return profile_.sample_types.size(); }

  Profile Build() &&;

 private:
  Profile profile_;
  InternTable strings_;
  InternTable mappings_;
  InternTable functions_;
  InternTable locations_;
  InternTable stacks_;
  InternTable label_sets_;
  // A stack's samples (one per label set) are found through arrays indexed by
  // stack and sample, which grow as they are added (no cache miss for a new
  // stack): the stack's first sample, then each sample's next with the same
  // stack. A stack with more than kChained label sets keeps the rest in
  // samples_, by (stack, labels), so no walk is long.
  static constexpr uint8_t kChained = 4;
  std::vector<uint32_t> first_sample_;  // by stack, or kEmpty
  std::vector<uint8_t> chained_;        // by stack: samples in its chain
  std::vector<uint32_t> next_sample_;   // by sample, or kEmpty
  InternTable samples_;                 // the label sets beyond a stack's chain
  std::vector<Label> label_scratch_;
  std::vector<uint8_t> stack_bytes_;   // a stack being interned, as the store holds it
  // The stack InternStackSuffix last cut, and the hash polynomial of each
  // of its suffixes (by frames dropped).
  StackId suffix_holder_ = kNoId;
  std::vector<uint64_t> suffix_polynomials_;
  // The frames SetStackParts took, the polynomial of each of their suffixes,
  // where they are stored (kNoId: not yet), as the store's bytes, and the
  // last window found equal to a stored stack (its equal neighbours need no
  // comparison of their own): frames [parts_same_at_, + parts_same_size_)
  // equal stored ids from parts_same_stored_.
  std::vector<LocationId> parts_;
  std::vector<uint64_t> parts_polynomials_;
  std::vector<uint64_t> powers_;  // kStackBase^i
  uint32_t parts_stored_ = kNoId;
  std::vector<uint8_t> parts_bytes_;
  uint32_t parts_same_at_ = 0, parts_same_size_ = 0, parts_same_stored_ = 0;
  // The sample AddSampleLate holds back.
  bool late_ = false;
  std::vector<LocationId> late_stack_;
  uint64_t late_hash_ = 0;
  LabelSetId late_labels_ = 0;
  std::vector<int64_t> late_values_;
};

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_PROFILE_BUILDER_H_
