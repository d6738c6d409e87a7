// Fast searches over text buffers for the readers' hot paths.
#ifndef PROFLENS_FORMATS_IO_TEXT_SEARCH_H_
#define PROFLENS_FORMATS_IO_TEXT_SEARCH_H_

#include <cstddef>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace proflens {

// Offset of the first "\n\n" in [data, data + size), or size when there is none.
inline size_t FindBlankLine(const char* data, size_t size) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  // Compare 16 bytes at i and at i + 1: a "\n\n" pair sets both bits.
  for (; i + 17 <= size; i += 16) {
    __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + 1));
    int mask = _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, nl), _mm_cmpeq_epi8(b, nl)));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i + 1 < size; ++i) {
    const void* p = std::memchr(data + i, '\n', size - 1 - i);
    if (p == nullptr) return size;
    i = static_cast<size_t>(static_cast<const char*>(p) - data);
    if (data[i + 1] == '\n') return i;
  }
  return size;
}

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_TEXT_SEARCH_H_
