// Sorting many sequences that share long prefixes (the frames of folded
// stacks: every stack of a thread starts with the same frames). Each round
// sorts a range by the next 64 bits of its items' sequences, taken once into
// a key beside the item, so the comparisons read integers in order rather
// than sequences all over memory; ranges still equal go on to the next 64
// bits. The items carry their own cursor: taking a key moves it on.
#ifndef PROFLENS_FORMATS_FOLDED_SEQUENCE_SORT_H_
#define PROFLENS_FORMATS_FOLDED_SEQUENCE_SORT_H_

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "analyzer/task.h"
#include "formats/io/text_pieces.h"

namespace proflens {

// An allocator whose vectors leave new elements of trivial types as they are
// instead of zeroing them, for buffers that are written before they are read:
// the items, keys and scratch of a sort of 1.5 M stacks are 96 MB, which
// resize() zeroed on one thread (30 ms) before the threads wrote them.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
template <typename T>
using UninitializedVector = std::vector<T, UninitializedAllocator<T>>;

// The next 64 bits of an item's sequence (zero-padded past its end) and
// whether the sequence goes on after them.
struct SequenceKey {
  uint64_t key = 0;
  bool more = false;
};

// How many items ahead PrefetchAhead asks for, furthest first.
inline constexpr size_t kPrefetchDistances[] = {12, 8, 4};

// Fewer items than this are sorted on one thread.
inline constexpr size_t kMinShared = 4096;
// Ranges of at least this many items are sorted by all threads at once.
inline constexpr size_t kMinSplitRound = size_t{1} << 16;
inline constexpr size_t kMaxPieces = 64;

// Prefetches, for item i of [.., end), what address_of(j) returns for the
// items 12, 8 and 4 places ahead: each item is asked for three times (once,
// 12 ahead, measured 1-3% slower in sorting the real capture's stacks).
// Always inlined: GCC deletes calls to a function whose only effect is a
// prefetch.
template <typename AddressOf>
[[gnu::always_inline]] inline void PrefetchAhead(size_t i, size_t end, const AddressOf& address_of) {
  for (const size_t distance : kPrefetchDistances) {
    if (i + distance < end) __builtin_prefetch(address_of(i + distance));
  }
}

// Sorts [first, last) of records with a 64-bit `key` by it (not stably),
// least significant byte first, passing only over the bytes where keys
// differ; `spare` is room for as many records. For large ranges: a few
// linear passes instead of n log n comparisons.
template <typename Record, typename Allocator>
void RadixSortByKey(Record* first, Record* last, std::vector<Record, Allocator>& spare) {
  const size_t n = static_cast<size_t>(last - first);
  if (n < 2) return;
  uint64_t differ = 0;
  for (const Record* r = first; r != last; ++r) differ |= r->key ^ first->key;
  spare.resize(std::max(spare.size(), n));
  Record* from = first;
  Record* to = spare.data();
  for (unsigned shift = 0; shift < 64; shift += 8) {
    if (((differ >> shift) & 0xff) == 0) continue;
    size_t at[256] = {};
    for (size_t i = 0; i < n; ++i) ++at[(from[i].key >> shift) & 0xff];
    size_t sum = 0;
    for (size_t& a : at) sum += std::exchange(a, sum);
    for (size_t i = 0; i < n; ++i) to[at[(from[i].key >> shift) & 0xff]++] = from[i];
    std::swap(from, to);
  }
  if (from != first) std::copy(from, from + n, first);
}

// Ranges at least this large are radix sorted.
inline constexpr size_t kMinRadix = size_t{1} << 12;

// Sorts `items` by their sequences: next_key(Item&) returns an item's next
// SequenceKey and moves its cursor past it. A key holds at most 63 bits of
// the sequence, left-aligned: its lowest bit must be 0 (it takes `more`). A
// sequence that ends sorts before every longer one with the same keys.
// Returns, for each position of the sorted items, whether it starts a run of
// equal sequences (1) or not (0).
//
// An item's next key is usually a cache miss away: ahead(item) returns the
// address its next key reads, prefetched for items ahead of the one whose key
// is taken.
//
// With threads > 1, the ranges still equal after a round are shared among
// that many threads (next_key and ahead are then called on all of them). The
// result does not depend on the number.
template <typename Item, typename NextKey, typename Ahead>
std::vector<char> SortByKeys(UninitializedVector<Item>& items, const NextKey& next_key, const Ahead& ahead,
                             int threads = 1) {
  struct Keyed {
    uint64_t key;    // the item's next key, its lowest bit `more`
    uint32_t index;  // the item's place in the range
  };
  using Range = std::pair<size_t, size_t>;
  std::vector<char> starts(items.size(), 1);
  const auto less = [](const Keyed& a, const Keyed& b) { return a.key < b.key; };
  // One round on [lo, hi): keys taken, sorted, the items put in their order;
  // runs still equal go to `todo`. A round of a large range is split into
  // `pieces` parts, each keyed and sorted on a thread of its own, then merged.
  auto round = [&](Range range, size_t pieces, UninitializedVector<Keyed>& keyed, UninitializedVector<Item>& scratch,
                   std::vector<Range>& todo) {
    const size_t lo = range.first, hi = range.second;  // (not a structured binding: lambdas below use them)
    const size_t n = hi - lo;
    std::array<size_t, kMaxPieces + 1> bounds;
    pieces = std::min(pieces, kMaxPieces);
    for (size_t t = 0; t <= pieces; ++t) bounds[t] = n * t / pieces;
    auto each_piece = [&](const auto& work) {
      if (pieces == 1) return work(0);
      ReadPieces(pieces, work);
    };
    keyed.resize(n);
    scratch.resize(n);
    each_piece([&](size_t t) {
      for (size_t i = bounds[t]; i < bounds[t + 1]; ++i) {
        PrefetchAhead(lo + i, lo + bounds[t + 1], [&](size_t at) { return ahead(items[at]); });
        const SequenceKey k = next_key(items[lo + i]);
        keyed[i] = {k.key | static_cast<uint64_t>(k.more), static_cast<uint32_t>(i)};
      }
      if (bounds[t + 1] - bounds[t] >= kMinRadix) {
        UninitializedVector<Keyed> spare;
        RadixSortByKey(keyed.data() + bounds[t], keyed.data() + bounds[t + 1], spare);
      } else {
        std::sort(keyed.begin() + static_cast<std::ptrdiff_t>(bounds[t]),
                  keyed.begin() + static_cast<std::ptrdiff_t>(bounds[t + 1]), less);
      }
    });
    for (size_t width = 1; width < pieces; width *= 2) {
      for (size_t t = 0; t + width < pieces; t += 2 * width) {
        std::inplace_merge(keyed.begin() + static_cast<std::ptrdiff_t>(bounds[t]),
                           keyed.begin() + static_cast<std::ptrdiff_t>(bounds[t + width]),
                           keyed.begin() + static_cast<std::ptrdiff_t>(bounds[std::min(t + 2 * width, pieces)]), less);
      }
    }
    each_piece([&](size_t t) {
      for (size_t i = bounds[t]; i < bounds[t + 1]; ++i) scratch[i] = items[lo + keyed[i].index];
    });
    if (n == items.size()) {
      // All the items: no other range exists, so no other thread reads them. No copy.
      items.swap(scratch);
    } else {
      std::copy(scratch.begin(), scratch.end(), items.begin() + static_cast<std::ptrdiff_t>(lo));
    }
    for (size_t i = 0; i < n;) {
      size_t j = i + 1;
      while (j < n && keyed[j].key == keyed[i].key) ++j;
      if (j - i > 1) {
        if (keyed[i].key & 1) {
          todo.emplace_back(lo + i, lo + j);
        } else {
          for (size_t k = i + 1; k < j; ++k) starts[lo + k] = 0;  // ended together: equal
        }
      }
      i = j;
    }
  };
  if (items.size() > UINT32_MAX) throw std::length_error("too many sequences to sort");
  UninitializedVector<Keyed> keyed;
  UninitializedVector<Item> scratch;
  std::vector<Range> todo{{0, items.size()}};
  if (threads <= 1 || items.size() < kMinShared) {
    while (!todo.empty()) {
      const Range r = todo.back();
      todo.pop_back();
      round(r, 1, keyed, scratch, todo);
    }
    return starts;
  }
  // Ranges large enough are each sorted by all threads at once, then the
  // rest are shared out.
  for (;;) {
    const auto large = std::find_if(todo.begin(), todo.end(),
                                     [](const Range& r) { return r.second - r.first >= kMinSplitRound; });
    if (large == todo.end()) break;
    const Range r = *large;
    todo.erase(large);
    round(r, static_cast<size_t>(threads), keyed, scratch, todo);
  }
  keyed = {};
  scratch = {};
  // Each thread works on ranges of its own; while another thread waits for
  // work, it hands over half of the ranges it has yet to sort.
  std::mutex mu;
  std::condition_variable changed;
  std::vector<std::vector<Range>> shared;  // batches of ranges
  if (!todo.empty()) shared.push_back(std::move(todo));
  int waiting = 0;
  bool failed = false;
  auto worker = [&] {
    UninitializedVector<Keyed> keyed;
    UninitializedVector<Item> scratch;
    std::vector<Range> todo;
    try {
      for (;;) {
        {
          std::unique_lock lock(mu);
          ++waiting;
          if (waiting == threads && shared.empty()) changed.notify_all();  // all done
          changed.wait(lock, [&] { return failed || !shared.empty() || waiting == threads; });
          if (failed || shared.empty()) return;
          --waiting;
          todo = std::move(shared.back());
          shared.pop_back();
        }
        while (!todo.empty()) {
          const Range r = todo.back();
          todo.pop_back();
          round(r, 1, keyed, scratch, todo);
          if (todo.size() < 2) continue;
          std::lock_guard lock(mu);
          if (waiting == 0 || !shared.empty()) continue;
          // The oldest ranges (the bottom of the stack) go: the larger ones.
          const auto half = todo.begin() + static_cast<std::ptrdiff_t>(todo.size() / 2);
          shared.emplace_back(todo.begin(), half);
          todo.erase(todo.begin(), half);
          changed.notify_one();
        }
      }
    } catch (...) {
      std::lock_guard lock(mu);
      failed = true;
      changed.notify_all();
      throw;
    }
  };
  std::vector<std::unique_ptr<Task>> others;
  for (int t = 1; t < threads; ++t) others.push_back(std::make_unique<Task>(worker));
  worker();
  for (auto& t : others) t->Join();
  return starts;
}

}  // namespace proflens

#endif  // PROFLENS_FORMATS_FOLDED_SEQUENCE_SORT_H_
