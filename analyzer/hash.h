// Fast non-cryptographic hashing for interning (strings, stacks, keys).
#ifndef PROFLENS_ANALYZER_HASH_H_
#define PROFLENS_ANALYZER_HASH_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace proflens {

// Mixes a 64-bit value into a well-distributed hash (a murmur3-style finalizer).
inline uint64_t HashMix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Combines `value` into the running hash `seed`.
inline uint64_t HashCombine(uint64_t seed, uint64_t value) {
  return HashMix(seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)));
}

// Hashes a byte range eight bytes at a time.
inline uint64_t HashBytes(const void* data, size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = 0x243f6a8885a308d3ULL ^ (size * 0x9e3779b97f4a7c15ULL);
  while (size >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ HashMix(word)) * 0x100000001b3ULL;
    p += 8;
    size -= 8;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, size);
  return HashMix(h ^ HashMix(tail ^ (size << 56)));
}

inline uint64_t HashString(std::string_view s) { return HashBytes(s.data(), s.size()); }

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_HASH_H_
