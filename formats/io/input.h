// Reading input files: regular files are memory-mapped (no copy), standard
// input ("-") and other streams are read into memory.
#ifndef PROFLENS_FORMATS_IO_INPUT_H_
#define PROFLENS_FORMATS_IO_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/status.h"

namespace proflens {

class InputBuffer {
 public:
  InputBuffer() = default;
  InputBuffer(InputBuffer&& other) noexcept;
  InputBuffer& operator=(InputBuffer&& other) noexcept;
  InputBuffer(const InputBuffer&) = delete;
  InputBuffer& operator=(const InputBuffer&) = delete;
  ~InputBuffer();

  // Takes ownership of bytes held in memory.
  static InputBuffer FromString(std::string bytes);
  // Takes ownership of a read-only mmap of `size` bytes, and of the open
  // file it maps (-1: none).
  static InputBuffer FromMapping(void* mapping, size_t size, int fd = -1);

  std::string_view bytes() const { return {data_, size_}; }
  // A read-only file mapping (its pages can be given back once read).
  bool mapped() const { return mapping_ != nullptr; }
  // The mapped file, open for reading (-1 when there is none): a reader that
  // reads most bytes once can pread them rather than touch the mapping's
  // pages (on a VM each page's first touch costs microseconds).
  int fd() const { return fd_; }

 private:
  void Release();

  const char* data_ = nullptr;
  size_t size_ = 0;
  void* mapping_ = nullptr;  // non-null when memory-mapped
  int fd_ = -1;
  std::string owned_;
};

// Reads `path` ("-" for standard input). Errors name the path and the cause:
// "reading cpu.pb.gz: no such file or directory", "... is a directory".
// Streams (standard input, pipes, devices) are read into memory up to
// `max_stream_size` bytes, and refused beyond it (/dev/zero never ends).
Result<InputBuffer> ReadInput(const std::string& path, uint64_t max_stream_size = uint64_t{2} << 30);

// Gives back the memory pages wholly inside [data, data + size): for bytes a
// reader is done with in a read-only file mapping (read again from the file
// if touched) or in memory it owns and will not read again (zeros then).
void ReleasePages(const char* data, size_t size);

// Maps the pages of [data, data + size) of a file mapping at once (where the
// kernel can), instead of one fault for every few pages as they are read.
void PrefaultPages(const char* data, size_t size);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_INPUT_H_
