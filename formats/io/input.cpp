#include "formats/io/input.h"

#include <algorithm>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace proflens {

namespace {

Status ErrnoStatus(const std::string& path, int err) {
  return Status::Input("reading " + path + ": " + std::strerror(err));
}

Result<InputBuffer> ReadStream(int fd, const std::string& path, uint64_t max_size) {
  std::string bytes;
  size_t used = 0;
  bytes.resize(1 << 16);
  for (;;) {
    if (used > max_size) {
      return Status::Input("reading " + path + ": more than " + std::to_string(max_size) +
                           " bytes (--max-input-size); an endless stream such as /dev/zero?");
    }
    if (used == bytes.size()) bytes.resize(std::min<uint64_t>(bytes.size() * 2, max_size + 1));
    ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(path, errno);
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
    // No profile starts with 64 KiB of zero bytes; /dev/zero does.
    if (used >= (size_t{64} << 10) && used - static_cast<size_t>(n) < (size_t{64} << 10) &&
        std::all_of(bytes.begin(), bytes.begin() + (64 << 10), [](char c) { return c == 0; })) {
      return Status::Input("reading " + path + ": 64 KiB of zero bytes, expected a profile");
    }
  }
  bytes.resize(used);
  return InputBuffer::FromString(std::move(bytes));
}

}  // namespace

InputBuffer::InputBuffer(InputBuffer&& other) noexcept { *this = std::move(other); }

InputBuffer& InputBuffer::operator=(InputBuffer&& other) noexcept {
  if (this == &other) return *this;
  Release();
  owned_ = std::move(other.owned_);
  mapping_ = other.mapping_;
  fd_ = other.fd_;
  other.fd_ = -1;
  size_ = other.size_;
  data_ = mapping_ != nullptr ? other.data_ : owned_.data();
  other.mapping_ = nullptr;
  other.data_ = nullptr;
  other.size_ = 0;
  return *this;
}

InputBuffer::~InputBuffer() { Release(); }

void InputBuffer::Release() {
  if (mapping_ != nullptr) ::munmap(mapping_, size_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  mapping_ = nullptr;
  data_ = nullptr;
  size_ = 0;
  owned_.clear();
}

InputBuffer InputBuffer::FromString(std::string bytes) {
  InputBuffer buffer;
  buffer.owned_ = std::move(bytes);
  buffer.data_ = buffer.owned_.data();
  buffer.size_ = buffer.owned_.size();
  return buffer;
}

InputBuffer InputBuffer::FromMapping(void* mapping, size_t size, int fd) {
  InputBuffer buffer;
  buffer.mapping_ = mapping;
  buffer.fd_ = fd;
  buffer.data_ = static_cast<const char*>(mapping);
  buffer.size_ = size;
  return buffer;
}

Result<InputBuffer> ReadInput(const std::string& path, uint64_t max_stream_size) {
  if (path == "-") return ReadStream(STDIN_FILENO, "standard input", max_stream_size);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(path, errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return ErrnoStatus(path, err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::Input("reading " + path + ": is a directory, expected a profile file");
  }
  if (!S_ISREG(st.st_mode) || st.st_size == 0) {
    // Pipes, devices, and files whose size the kernel does not report.
    Result<InputBuffer> result = ReadStream(fd, path, max_stream_size);
    ::close(fd);
    return result;
  }
  size_t size = static_cast<size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  int err = errno;
  if (map == MAP_FAILED) ::close(fd);
  if (map == MAP_FAILED && err == ENOMEM) {
    return Status::Input("reading " + path + ": its " + std::to_string(size) +
                         " bytes cannot be mapped into memory (the address space is limited: ulimit -v?)");
  }
  if (map == MAP_FAILED && err == ENODEV) {
    // A file that cannot be mapped (sysfs's binary files): read as a stream.
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus(path, errno);
    Result<InputBuffer> result = ReadStream(fd, path, max_stream_size);
    ::close(fd);
    return result;
  }
  if (map == MAP_FAILED) return ErrnoStatus(path, err);
  ::madvise(map, size, MADV_SEQUENTIAL);
  return InputBuffer::FromMapping(map, size, fd);
}

void PrefaultPages(const char* data, size_t size) {
#ifndef MADV_POPULATE_READ
  constexpr int MADV_POPULATE_READ = 22;  // Linux 5.14; older kernels refuse it, which is harmless
#endif
  const uintptr_t page = 4096;
  const uintptr_t start = reinterpret_cast<uintptr_t>(data) & ~(page - 1);
  const uintptr_t end = reinterpret_cast<uintptr_t>(data) + size;
  if (end > start) ::madvise(reinterpret_cast<void*>(start), end - start, MADV_POPULATE_READ);
}

void ReleasePages(const char* data, size_t size) {
  const uintptr_t page = 4096;
  const uintptr_t start = (reinterpret_cast<uintptr_t>(data) + page - 1) & ~(page - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + size) & ~(page - 1);
  if (end > start) ::madvise(reinterpret_cast<void*>(start), end - start, MADV_DONTNEED);
}

}  // namespace proflens
