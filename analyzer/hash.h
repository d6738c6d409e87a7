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

// Multiplies into 128 bits and folds the halves together: one multiply
// mixes every bit of both inputs.
inline uint64_t MultiplyFold(uint64_t a, uint64_t b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

// Hashes a byte range. Up to 16 bytes (most frame names and short stacks):
// two overlapping loads and two multiply-folds, no loop and no call. Longer:
// 32 bytes a round in four independent lanes (so the multiplies overlap),
// then 8 at a time, then the tail.
inline uint64_t HashBytes(const void* data, size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  const uint64_t k = 0x9e3779b97f4a7c15ULL;
  if (size <= 16) {
    uint64_t a = 0, b = 0;
    if (size >= 8) {
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + size - 8, 8);
    } else if (size >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + size - 4, 4);
      a = lo;
      b = hi;
    } else if (size > 0) {
      a = (uint64_t{p[0]} << 16) | (uint64_t{p[size >> 1]} << 8) | p[size - 1];
    }
    return MultiplyFold(MultiplyFold(a ^ 0x243f6a8885a308d3ULL, b ^ 0x13198a2e03707344ULL) ^ size, k);
  }
  uint64_t h = 0x243f6a8885a308d3ULL ^ (size * k);
  if (size >= 32) {
    uint64_t a = h, b = h ^ 0x13198a2e03707344ULL, c = h ^ 0xa4093822299f31d0ULL, d = h ^ 0x082efa98ec4e6c89ULL;
    while (size >= 32) {
      uint64_t w[4];
      std::memcpy(w, p, 32);
      a = (a ^ w[0]) * k;
      b = (b ^ w[1]) * k;
      c = (c ^ w[2]) * k;
      d = (d ^ w[3]) * k;
      a ^= a >> 29;
      b ^= b >> 29;
      c ^= c >> 29;
      d ^= d >> 29;
      p += 32;
      size -= 32;
    }
    h = HashMix(a) ^ HashMix(b + 1) ^ HashMix(c + 2) ^ HashMix(d + 3);
  }
  while (size >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ HashMix(word)) * 0x100000001b3ULL;
    p += 8;
    size -= 8;
  }
  uint64_t tail = 0;
  if (size != 0) std::memcpy(&tail, p, size);  // p may be null when size is 0: memcpy must not see it
  return HashMix(h ^ HashMix(tail ^ (size << 56)));
}

inline uint64_t HashString(std::string_view s) { return HashBytes(s.data(), s.size()); }

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_HASH_H_
