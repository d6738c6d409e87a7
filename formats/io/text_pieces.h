// Reading one big text input on several threads: the text is cut into
// pieces where a record ends (a line, a perf sample), each piece is read on
// a thread of its own, and the reader merges what the pieces found in input
// order, so the result is the same for any number of threads.
#ifndef PROFLENS_FORMATS_IO_TEXT_PIECES_H_
#define PROFLENS_FORMATS_IO_TEXT_PIECES_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

namespace proflens {

// The options of the readers that read a big text in pieces (perf script,
// folded stacks).
struct PieceReadOptions {
  // Threads that read pieces of the input at once (0: one per core). The
  // result is the same, byte for byte, for any number.
  int threads = 1;
  // The input is read in pieces of about this many bytes, each added to the
  // profile once read and then released (memory holds the profile and the
  // pieces read ahead, about one per thread).
  size_t piece_bytes = size_t{16} << 20;
  // The input is a read-only file mapping: give pages back once read, so
  // memory follows the distinct stacks, not the file size.
  bool release_pages = false;
  // Bytes read so far, for a progress display (may be null).
  std::atomic<uint64_t>* progress = nullptr;
};

// The number of threads to use for a --threads value (0: one per core).
int ResolveThreads(int threads);

// Cuts `text` into at most `pieces` pieces of about equal size and at least
// `min_piece` bytes. `next_start(at)` (0 < at < text.size()) gives the first
// offset at or after `at` where a piece may start, or text.size() or more
// when there is none.
std::vector<std::string_view> CutText(std::string_view text, int pieces, size_t min_piece,
                                      const std::function<size_t(size_t at)>& next_start);

// Reads `count` pieces on `threads` threads (this one among them) and merges
// them in order, one merge at a time, on whichever thread is free: merge(i)
// runs after read(i) and merge(i - 1). No more than `threads` + 1 pieces are
// read or being read ahead of the merge, so memory holds the merged result
// and a few pieces. One thread reads and merges each piece in turn. An
// exception of read or merge comes out here, once every thread stopped.
void ReadAndMergePieces(size_t count, int threads, const std::function<void(size_t)>& read,
                        const std::function<void(size_t)>& merge);

// Calls read(i) for every i < count at once: i = 0 on this thread, the others
// on threads of their own. Returns when all are done.
void ReadPieces(size_t count, const std::function<void(size_t)>& read);

// Buffers given back by the merge of a piece and taken by the reading of a
// later one, so pieces reuse memory instead of each having fresh pages (a
// fresh page costs a fault and its zeroing).
template <typename Buffer>
class Recycler {
 public:
  // A buffer given back before (as it was given), or a new one.
  Buffer Take() {
    std::lock_guard lock(mu_);
    if (free_.empty()) return Buffer();
    Buffer b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  void Give(Buffer b) {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(b));
  }

 private:
  std::mutex mu_;
  std::vector<Buffer> free_;
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_TEXT_PIECES_H_
