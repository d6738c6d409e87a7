// InternTable: an open-addressing hash set of dense ids (0, 1, 2, ...).
// The caller keeps the keys in its own storage, indexed by id; the table keeps
// only ids and their hashes, so interning a key costs no allocation of its own.
#ifndef PROFLENS_ANALYZER_INTERN_TABLE_H_
#define PROFLENS_ANALYZER_INTERN_TABLE_H_

#include <cstdint>
#include <utility>
#include <vector>

namespace proflens {

class InternTable {
 public:
  static constexpr uint32_t kEmpty = UINT32_MAX;

  // Looks for an id whose key equals the probe (`equal(id)` compares the
  // caller's stored key with it). Returns {id, false} when found; otherwise
  // records `next_id` (which must be the number of ids interned so far) and
  // returns {next_id, true}: the caller then appends the key to its storage.
  template <typename Equal>
  std::pair<uint32_t, bool> FindOrInsert(uint64_t hash, uint32_t next_id, Equal&& equal) {
    if ((hashes_.size() + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      uint32_t id = slots_[i];
      if (id == kEmpty) {
        slots_[i] = next_id;
        hashes_.push_back(hash);
        return {next_id, true};
      }
      if (hashes_[id] == hash && equal(id)) return {id, false};
    }
  }

  size_t size() const { return hashes_.size(); }
  void Reserve(size_t n) {
    hashes_.reserve(n);
    while (slots_.size() < n * 2) Grow();
  }

 private:
  void Grow() {
    size_t capacity = slots_.empty() ? 64 : slots_.size() * 2;
    std::vector<uint32_t> slots(capacity, kEmpty);
    size_t mask = capacity - 1;
    for (uint32_t id = 0; id < hashes_.size(); ++id) {
      size_t i = hashes_[id] & mask;
      while (slots[i] != kEmpty) i = (i + 1) & mask;
      slots[i] = id;
    }
    slots_.swap(slots);
  }

  std::vector<uint32_t> slots_;
  std::vector<uint64_t> hashes_;  // by id
};

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_INTERN_TABLE_H_
