// InternTable: an open-addressing hash set of dense ids (0, 1, 2, ...).
// The caller keeps the keys in its own storage, indexed by id; the table keeps
// only ids, each beside 32 bits of its key's hash, so interning a key costs no
// allocation of its own and a probe reads one slot: the caller's key is only
// compared when those bits match.
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
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const uint32_t tag = static_cast<uint32_t>(hash >> 32);
    const size_t mask = slots_.size() - 1;
    for (size_t i = tag & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.id == kEmpty) {
        slot = {next_id, tag};
        ++size_;
        return {next_id, true};
      }
      if (slot.tag == tag && equal(slot.id)) return {slot.id, false};
    }
  }

  // The id whose key equals the probe, or kEmpty; inserts nothing.
  template <typename Equal>
  uint32_t Find(uint64_t hash, Equal&& equal) const {
    if (slots_.empty()) return kEmpty;
    const uint32_t tag = static_cast<uint32_t>(hash >> 32);
    const size_t mask = slots_.size() - 1;
    for (size_t i = tag & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.id == kEmpty) return kEmpty;
      if (slot.tag == tag && equal(slot.id)) return slot.id;
    }
  }

  // Asks the cache for the slot a lookup of `hash` starts at, so a batch of
  // lookups can have their cache misses in flight at once.
  void Prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[(hash >> 32) & (slots_.size() - 1)]);
  }
  // The first id on `hash`'s probe path whose hash bits match, or kEmpty: a
  // likely answer, whose key the caller can prefetch before the lookup.
  uint32_t Candidate(uint64_t hash) const {
    if (slots_.empty()) return kEmpty;
    const uint32_t tag = static_cast<uint32_t>(hash >> 32);
    const size_t mask = slots_.size() - 1;
    for (size_t i = tag & mask;; i = (i + 1) & mask) {
      if (slots_[i].id == kEmpty || slots_[i].tag == tag) return slots_[i].id;
    }
  }

  size_t size() const { return size_; }
  void Reserve(size_t n) {
    while (slots_.size() < n * 2) Grow();
  }

 private:
  struct Slot {
    uint32_t id = kEmpty;
    uint32_t tag = 0;  // the hash's upper 32 bits: where the slot's home is, and a first comparison
  };

  void Grow() {
    size_t capacity = slots_.empty() ? 64 : slots_.size() * 2;
    std::vector<Slot> slots(capacity);
    size_t mask = capacity - 1;
    for (const Slot& s : slots_) {
      if (s.id == kEmpty) continue;
      size_t i = s.tag & mask;
      while (slots[i].id != kEmpty) i = (i + 1) & mask;
      slots[i] = s;
    }
    slots_.swap(slots);
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_INTERN_TABLE_H_
