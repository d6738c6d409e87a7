// Sorting many sequences that share long prefixes (the frames of folded
// stacks: every stack of a thread starts with the same frames). Each round
// sorts a range by the next 64 bits of its items' sequences, taken once into
// a key beside the item, so the comparisons read integers in order rather
// than sequences all over memory; ranges still equal go on to the next 64
// bits. The items carry their own cursor: taking a key moves it on.
#ifndef PROFLENS_FORMATS_SEQUENCE_SORT_H_
#define PROFLENS_FORMATS_SEQUENCE_SORT_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace proflens {

// The next 64 bits of an item's sequence (zero-padded past its end) and
// whether the sequence goes on after them.
struct SequenceKey {
  uint64_t key = 0;
  bool more = false;
};

inline constexpr size_t kPrefetchStages = 3;

// Prefetches, for item i of [.., end), what address_of(j, stage) returns for
// the items a few places ahead, stage 0 the furthest. Always inlined: GCC
// deletes calls to a function whose only effect is a prefetch.
template <typename AddressOf>
[[gnu::always_inline]] inline void PrefetchAhead(size_t i, size_t end, const AddressOf& address_of) {
  for (size_t stage = 0; stage < kPrefetchStages; ++stage) {
    const size_t at = i + 4 * (kPrefetchStages - stage);
    if (at < end) __builtin_prefetch(address_of(at, stage));
  }
}

// Sorts `items` by their sequences: next_key(Item&) returns an item's next
// SequenceKey and moves its cursor past it. A sequence that ends sorts before
// every longer one with the same keys. Returns, for each position of the
// sorted items, whether it starts a run of equal sequences.
//
// An item's sequence is usually reached through a few lookups, each a cache
// miss: ahead(item, stage), for stages 0 to kPrefetchStages - 1, returns an
// address to prefetch for an item ahead of the one whose key is taken, the
// furthest at stage 0; stage k may read what stage k - 1 prefetched.
template <typename Item, typename NextKey, typename Ahead>
std::vector<bool> SortByKeys(std::vector<Item>& items, const NextKey& next_key, const Ahead& ahead) {
  struct Keyed {
    uint64_t key;
    bool more;
    Item item;
  };
  std::vector<bool> starts(items.size(), true);
  std::vector<Keyed> keyed;
  std::vector<std::pair<size_t, size_t>> todo{{0, items.size()}};  // ranges equal so far
  while (!todo.empty()) {
    const auto [lo, hi] = todo.back();
    todo.pop_back();
    keyed.clear();
    for (size_t i = lo; i < hi; ++i) {
      PrefetchAhead(i, hi, [&](size_t at, size_t stage) { return ahead(items[at], stage); });
      Item item = items[i];
      const SequenceKey k = next_key(item);
      keyed.push_back({k.key, k.more, item});
    }
    std::sort(keyed.begin(), keyed.end(),
              [](const Keyed& a, const Keyed& b) { return a.key != b.key ? a.key < b.key : a.more < b.more; });
    for (size_t i = 0; i < keyed.size();) {
      size_t j = i + 1;
      while (j < keyed.size() && keyed[j].key == keyed[i].key && keyed[j].more == keyed[i].more) ++j;
      for (size_t k = i; k < j; ++k) items[lo + k] = keyed[k].item;
      if (j - i > 1) {
        if (keyed[i].more) {
          todo.emplace_back(lo + i, lo + j);
        } else {
          for (size_t k = i + 1; k < j; ++k) starts[lo + k] = false;  // ended together: equal
        }
      }
      i = j;
    }
  }
  return starts;
}

}  // namespace proflens

#endif  // PROFLENS_FORMATS_SEQUENCE_SORT_H_
