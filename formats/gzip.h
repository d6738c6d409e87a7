// gzip decompression of whole buffers (libdeflate), with a size limit so that
// a gzip bomb is an error, not an exhausted machine.
#ifndef PROFLENS_FORMATS_GZIP_H_
#define PROFLENS_FORMATS_GZIP_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/status.h"

namespace proflens {

inline constexpr uint64_t kDefaultMaxDecompressedSize = uint64_t{2} << 30;  // 2 GiB

bool IsGzip(std::string_view bytes);

// Decompresses every gzip member of `bytes`, straight into the result (one
// buffer, no intermediate copies). Errors give the byte offset of the member.
Result<std::string> Gunzip(std::string_view bytes, uint64_t max_size = kDefaultMaxDecompressedSize);

// The first `size` bytes that `bytes` inflates to (fewer when it inflates to
// less), inflating no more than that: enough to tell what a gzip file holds
// before inflating it whole. Empty when the data is corrupt from the start.
std::string GunzipHead(std::string_view bytes, size_t size);

// Compresses `bytes` into one gzip member (level 6: pprof files are small).
std::string Gzip(std::string_view bytes, int level = 6);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_GZIP_H_
