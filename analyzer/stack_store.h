// StackStore: the location ids of every stack of a profile, back to back,
// each in as few bytes as the largest id needs (1, 2 or 4). Most profiles
// have fewer than 65,536 locations, and a profile of millions of deep stacks
// is mostly this store: a Go heap profile of 2 M distinct stacks 32 deep
// holds 64 M ids, 256 MB at 4 bytes and 64 MB at the 1 byte its 71
// locations need. A StackView reads one stack's ids.
#ifndef PROFLENS_ANALYZER_STACK_STORE_H_
#define PROFLENS_ANALYZER_STACK_STORE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <span>
#include <vector>

namespace proflens {

// Location ids stored `width` bytes each.
class StackView {
 public:
  StackView() = default;
  StackView(const uint8_t* bytes, size_t size, unsigned width) : bytes_(bytes), size_(size), width_(width) {}

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  unsigned width() const { return width_; }
  const uint8_t* bytes() const { return bytes_; }

  uint32_t operator[](size_t i) const {
    if (width_ == 1) return bytes_[i];
    if (width_ == 2) {
      uint16_t v;
      std::memcpy(&v, bytes_ + 2 * i, 2);
      return v;
    }
    uint32_t v;
    std::memcpy(&v, bytes_ + 4 * i, 4);
    return v;
  }

  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = uint32_t;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = uint32_t;
    iterator() = default;
    iterator(const StackView* view, size_t i) : view_(view), i_(i) {}
    uint32_t operator*() const { return (*view_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++i_;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }

   private:
    const StackView* view_ = nullptr;
    size_t i_ = 0;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size_}; }

 private:
  const uint8_t* bytes_ = nullptr;
  size_t size_ = 0;
  unsigned width_ = 1;
};

class StackStore {
 public:
  // Ids stored so far.
  size_t size() const { return bytes_.size() / width_; }
  unsigned width() const { return width_; }

  StackView View(size_t first, size_t size) const { return {bytes_.data() + first * width_, size, width_}; }
  // Where id `i` is stored (to prefetch).
  const uint8_t* At(size_t i) const { return bytes_.data() + i * width_; }

  // Appends `ids` and returns where the first went; widens every id first
  // when one of them needs more bytes.
  size_t Append(std::span<const uint32_t> ids) {
    Fit(WidthOf(ids));
    const size_t first = size();
    const size_t at = bytes_.size();
    bytes_.resize(at + ids.size() * width_);
    Encode(ids, width_, bytes_.data() + at);
    return first;
  }

  // Writes `ids` as this store holds them into `out` (for comparing with
  // stored stacks by memcmp); false when one needs a wider store.
  bool Encode(std::span<const uint32_t> ids, std::vector<uint8_t>& out) const {
    if (WidthOf(ids) > width_) return false;
    out.resize(ids.size() * width_);
    Encode(ids, width_, out.data());
    return true;
  }

  void Set(size_t i, uint32_t id) {
    Fit(WidthOf({&id, 1}));
    Encode({&id, 1}, width_, bytes_.data() + i * width_);
  }
  void Reserve(size_t ids) { bytes_.reserve(ids * width_); }

 private:
  // The bytes an id of `ids` needs at most.
  static unsigned WidthOf(std::span<const uint32_t> ids) {
    uint32_t largest = 0;
    for (uint32_t id : ids) largest |= id;
    return largest < 0x100 ? 1 : largest < 0x10000 ? 2 : 4;
  }

  // Makes the store `need` bytes an id wide, when it is narrower.
  void Fit(unsigned need) {
    if (need <= width_) return;
    const size_t n = size();
    const StackView old = View(0, n);
    std::vector<uint8_t> wider(n * need);
    for (size_t i = 0; i < n; ++i) {
      const uint32_t id = old[i];
      Encode({&id, 1}, need, wider.data() + i * need);
    }
    bytes_.swap(wider);
    width_ = need;
  }

  static void Encode(std::span<const uint32_t> ids, unsigned width, uint8_t* out) {
    if (ids.empty()) return;  // out may be null
    if (width == 4) {
      std::memcpy(out, ids.data(), ids.size() * 4);
    } else if (width == 2) {
      for (size_t i = 0; i < ids.size(); ++i) {
        const uint16_t v = static_cast<uint16_t>(ids[i]);
        std::memcpy(out + 2 * i, &v, 2);
      }
    } else {
      for (size_t i = 0; i < ids.size(); ++i) out[i] = static_cast<uint8_t>(ids[i]);
    }
  }

  std::vector<uint8_t> bytes_;
  unsigned width_ = 1;
};

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_STACK_STORE_H_
