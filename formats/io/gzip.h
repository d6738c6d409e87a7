// gzip decompression: of whole buffers (libdeflate, the fastest for that),
// and in pieces as the data is read (ISA-L, which keeps the stream's state
// between calls), both with a size limit so that a gzip bomb is an error, not
// an exhausted machine.
#ifndef PROFLENS_FORMATS_IO_GZIP_H_
#define PROFLENS_FORMATS_IO_GZIP_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "analyzer/status.h"

namespace proflens {

inline constexpr uint64_t kDefaultMaxDecompressedSize = uint64_t{2} << 30;  // 2 GiB

bool IsGzip(std::string_view bytes);

// The inflated size gzip data claims: its last member's length field (the
// size mod 2^32), no more than deflate can expand the data to (~1032:1);
// 0 for data too short to have one. A guess, for making room.
uint64_t ClaimedInflatedSize(std::string_view bytes);

// Decompresses every gzip member of `bytes`, straight into the result (one
// buffer, no intermediate copies). Errors give the byte offset of the member.
Result<std::string> Gunzip(std::string_view bytes, uint64_t max_size = kDefaultMaxDecompressedSize);

// The first `size` bytes that `bytes` inflates to (fewer when it inflates to
// less), inflating no more than that: enough to tell what a gzip file holds
// before inflating it whole. Empty when the data is corrupt from the start.
std::string GunzipHead(std::string_view bytes, size_t size);

// Inflates every gzip member of `bytes` in turn, a piece at a time.
class GzipStream {
 public:
  // `release_input`: `bytes` is a read-only file mapping whose pages are
  // given back as they are inflated (read again from the file if touched).
  explicit GzipStream(std::string_view bytes, uint64_t max_size = kDefaultMaxDecompressedSize,
                      bool release_input = false);
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  // Fills `out` with up to `size` more bytes; fewer only at the end (*got = 0
  // once everything is read). The errors are Gunzip's.
  Status Read(char* out, size_t size, size_t* got);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct InflateOptions {
  uint64_t max_size = kDefaultMaxDecompressedSize;
  size_t piece_size = size_t{256} << 10;
  bool release_input = false;  // as GzipStream's
};

// Inflates `bytes` on a thread of its own, a few pieces ahead of `sink`,
// which gets every piece in order on the calling thread (pieces of
// options.piece_size bytes, the last one shorter): the reader works on one piece
// while the next is inflated, and the data is never held whole. Data under
// 1 MiB is inflated on the calling thread, a piece at a time. `sink`
// returns false to stop early. An error of the data ends it (after the pieces
// before it were handed over); an exception of `sink` comes out here.
Status InflateInPieces(std::string_view bytes, const InflateOptions& options,
                       const std::function<bool(std::string_view piece)>& sink);

// Compresses `bytes` into one gzip member (level 6: pprof files are small).
std::string Gzip(std::string_view bytes, int level = 6);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_GZIP_H_
