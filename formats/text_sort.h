// Sorting many strings that share long prefixes (folded stacks: every line
// of a thread starts with the same frames). Each round sorts a range by the
// next 8 bytes of its texts, read once into a key beside the item, so the
// comparisons read integers in order rather than strings all over memory;
// ranges still equal go on to the next 8 bytes.
#ifndef PROFLENS_FORMATS_TEXT_SORT_H_
#define PROFLENS_FORMATS_TEXT_SORT_H_

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <vector>

namespace proflens {

// Sorts `items` bytewise by text(item) (a string_view), as std::sort with
// operator< on the texts would; equal texts keep no particular order.
template <typename Item, typename Text>
void SortByText(std::vector<Item>& items, const Text& text) {
  struct Keyed {
    uint64_t key;    // bytes [d, d + 8) big-endian, zero-padded
    uint32_t rest;   // bytes left from d, capped at 9: "ab" before "ab\0"; 9 means the text goes on
    Item item;
  };
  std::vector<Keyed> keyed;
  std::vector<std::tuple<size_t, size_t, size_t>> todo{{0, items.size(), 0}};  // [lo, hi) at depth
  while (!todo.empty()) {
    const auto [lo, hi, d] = todo.back();
    todo.pop_back();
    keyed.clear();
    for (size_t i = lo; i < hi; ++i) {
      const std::string_view s = text(items[i]);
      const size_t left = s.size() > d ? s.size() - d : 0;
      uint64_t key = 0;
      for (size_t k = 0; k < 8; ++k) key = key << 8 | (k < left ? static_cast<unsigned char>(s[d + k]) : 0u);
      keyed.push_back({key, static_cast<uint32_t>(std::min<size_t>(left, 9)), items[i]});
    }
    std::sort(keyed.begin(), keyed.end(),
              [](const Keyed& a, const Keyed& b) { return a.key != b.key ? a.key < b.key : a.rest < b.rest; });
    for (size_t i = 0; i < keyed.size();) {
      size_t j = i + 1;
      while (j < keyed.size() && keyed[j].key == keyed[i].key && keyed[j].rest == keyed[i].rest) ++j;
      for (size_t k = i; k < j; ++k) items[lo + k] = keyed[k].item;
      if (j - i > 1 && keyed[i].rest == 9) todo.emplace_back(lo + i, lo + j, d + 8);
      i = j;
    }
  }
}

}  // namespace proflens

#endif  // PROFLENS_FORMATS_TEXT_SORT_H_
