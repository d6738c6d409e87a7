#include "formats/io/gzip.h"

#include <isa-l/igzip_lib.h>
#include <libdeflate.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "formats/io/input.h"

namespace proflens {

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

namespace {

Status LimitError(uint64_t max_size) {
  return Status::Input("decompressed data exceeds the limit of " + std::to_string(max_size) +
                       " bytes (raise it with --max-input-size)");
}

Status CorruptAt(size_t member) {
  return Status::Input("byte offset " + std::to_string(member) + ": truncated or corrupt gzip data");
}

// ISA-L's AVX-512 code can return with the upper halves of the vector
// registers in use, and then every SSE instruction of code built for the
// baseline x86-64 (ours, between its calls and after them) waits on them:
// `top` of the 2 M-sample heap profile took 1.13 s instead of 0.84 s after
// GunzipHead had inflated 64 KiB. vzeroupper clears them (on CPUs with AVX;
// without it ISA-L runs no AVX code).
void ClearUpperVectorState() {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool kAvx = __builtin_cpu_supports("avx");
  if (kAvx) asm volatile("vzeroupper");
#endif
}

Status JunkAt(size_t offset) {
  return Status::Input("byte offset " + std::to_string(offset) +
                       ": unexpected data after the gzip stream (expected another gzip member or the end)");
}

}  // namespace

uint64_t ClaimedInflatedSize(std::string_view bytes) {
  if (bytes.size() < 4) return 0;
  uint32_t isize;
  std::memcpy(&isize, bytes.data() + bytes.size() - 4, 4);
  // Deflate cannot expand more than ~1032:1, so a larger claim is a lie.
  return std::min<uint64_t>(isize, uint64_t{bytes.size()} * 1032);
}

Result<std::string> Gunzip(std::string_view bytes, uint64_t max_size) {
  std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)> d(
      libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
  if (!d) return Status::Input("out of memory starting gzip decompression");

  // The last member's length field: a good first guess for the common
  // single-member file. Room for exactly that: a file of several members, or over 4 GiB, gets
  // more room as it needs it (the member is decompressed again), and a
  // single-member file never holds (and touches) room it does not use.
  uint64_t capacity = std::min<uint64_t>(std::max<uint64_t>(ClaimedInflatedSize(bytes), 1 << 16), max_size);
  std::string out(capacity, '\0');
  size_t in_pos = 0, out_pos = 0;
  while (in_pos < bytes.size()) {
    if (!IsGzip(bytes.substr(in_pos))) {
      return JunkAt(in_pos);
    }
    size_t in_used = 0, out_used = 0;
    libdeflate_result r = libdeflate_gzip_decompress_ex(
        d.get(), bytes.data() + in_pos, bytes.size() - in_pos, out.data() + out_pos,
        out.size() - out_pos, &in_used, &out_used);
    if (r == LIBDEFLATE_INSUFFICIENT_SPACE) {
      if (out.size() >= max_size) return LimitError(max_size);
      out.resize(std::min<uint64_t>(uint64_t{out.size()} * 2, max_size));
      continue;  // retry this member with more room
    }
    if (r != LIBDEFLATE_SUCCESS) return CorruptAt(in_pos);
    in_pos += in_used;
    out_pos += out_used;
  }
  out.resize(out_pos);
  return out;
}

std::string Gzip(std::string_view bytes, int level) {
  std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> c(
      libdeflate_alloc_compressor(level), libdeflate_free_compressor);
  std::string out(libdeflate_gzip_compress_bound(c.get(), bytes.size()), '\0');
  out.resize(libdeflate_gzip_compress(c.get(), bytes.data(), bytes.size(), out.data(), out.size()));
  return out;
}

struct GzipStream::State {
  std::string_view bytes;
  uint64_t max_size = 0;
  uint64_t total = 0;   // bytes inflated
  size_t fed = 0;       // bytes of `bytes` handed to ISA-L
  size_t member = 0;    // where the member being inflated starts
  bool in_member = false;
  bool release_input = false;
  size_t released = 0;  // bytes of `bytes` whose pages were given back
  inflate_state isal;
};

GzipStream::GzipStream(std::string_view bytes, uint64_t max_size, bool release_input)
    : state_(std::make_unique<State>()) {
  state_->bytes = bytes;
  state_->max_size = max_size;
  state_->release_input = release_input;
}

GzipStream::~GzipStream() = default;

Status GzipStream::Read(char* out, size_t size, size_t* got) {
  State& s = *state_;
  inflate_state& z = s.isal;
  *got = 0;
  while (*got < size) {
    const size_t consumed = s.fed - z.avail_in;
    if (!s.in_member) {
      if (consumed == s.bytes.size()) return Status::Ok();  // the end
      if (!IsGzip(s.bytes.substr(consumed))) return JunkAt(consumed);
      isal_inflate_init(&z);
      z.crc_flag = ISAL_GZIP;
      z.next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(s.bytes.data() + consumed));
      z.avail_in = 0;
      s.fed = consumed;
      s.member = consumed;
      s.in_member = true;
    }
    if (z.avail_in == 0 && s.fed < s.bytes.size()) {  // ISA-L takes at most 4 GiB at a time
      const size_t more = std::min<size_t>(s.bytes.size() - s.fed, size_t{1} << 30);
      z.next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(s.bytes.data() + s.fed));
      z.avail_in = static_cast<uint32_t>(more);
      s.fed += more;
    }
    const bool input_left = z.avail_in > 0 || s.fed < s.bytes.size();
    z.next_out = reinterpret_cast<uint8_t*>(out + *got);
    z.avail_out = static_cast<uint32_t>(std::min<size_t>(size - *got, UINT32_MAX));
    const uint32_t room = z.avail_out;
    const int rc = isal_inflate(&z);
    ClearUpperVectorState();
    const uint32_t produced = room - z.avail_out;
    if (s.release_input) {
      // The pages of the input ISA-L is done with, a MiB at a time: a 41 MB
      // heap profile is then held a few MB at a time, not whole.
      const size_t consumed = s.fed - z.avail_in;
      if (consumed - s.released >= (size_t{1} << 20)) {
        ReleasePages(s.bytes.data() + s.released, consumed - s.released);
        s.released = consumed;
      }
    }
    *got += produced;
    s.total += produced;
    if (s.total > s.max_size) return LimitError(s.max_size);
    if (rc < 0) return CorruptAt(s.member);
    if (z.block_state == ISAL_BLOCK_FINISH) {
      s.in_member = false;
    } else if (produced == 0 && !input_left) {
      return CorruptAt(s.member);  // the data ends inside the member
    }
  }
  return Status::Ok();
}

Status InflateInPieces(std::string_view bytes, const InflateOptions& options,
                       const std::function<bool(std::string_view piece)>& sink) {
  const uint64_t max_size = options.max_size;
  const size_t piece_size = options.piece_size;
  // Small data (most profiles) is inflated on this thread: a thread and its
  // buffers would cost more than the overlap saves (merging 2,000 small
  // pprof files took 2.0 s instead of 0.3 s).
  constexpr size_t kThreadFrom = size_t{1} << 20;  // compressed bytes
  if (bytes.size() < kThreadFrom) {
    GzipStream stream(bytes, max_size, options.release_input);
    std::unique_ptr<char[]> buffer(new char[piece_size]);  // written before read: no zeroing
    for (;;) {
      size_t got = 0;
      Status read = stream.Read(buffer.get(), piece_size, &got);
      if (got > 0 && !sink(std::string_view(buffer.get(), got))) return Status::Ok();
      if (!read.ok() || got < piece_size) return read;
    }
  }
  // Pieces go round: free -> inflated by the thread -> ready -> read by the
  // sink -> free. A piece's place in `buffers` travels through the queues;
  // buffers are made as the thread first needs them, not zeroed.
  constexpr size_t kPieces = 8;
  std::vector<std::unique_ptr<char[]>> buffers(kPieces);
  struct Ready {
    size_t buffer, size;
  };
  std::mutex mu;
  std::condition_variable changed;
  std::deque<size_t> free;
  std::deque<Ready> ready;
  for (size_t i = 0; i < kPieces; ++i) free.push_back(i);
  bool finished = false, stop = false;
  Status status;
  auto inflate = [&] {
    GzipStream stream(bytes, max_size, options.release_input);
    for (;;) {
      size_t buffer = 0;
      {
        std::unique_lock lock(mu);
        changed.wait(lock, [&] { return stop || !free.empty(); });
        if (stop) break;
        buffer = free.front();
        free.pop_front();
      }
      size_t got = 0;
      if (!buffers[buffer]) buffers[buffer].reset(new char[piece_size]);
      Status read = stream.Read(buffers[buffer].get(), piece_size, &got);
      std::lock_guard lock(mu);
      if (got > 0) ready.push_back({buffer, got});
      if (!read.ok() || got < piece_size) {
        status = std::move(read);
        finished = true;
      }
      changed.notify_all();
      if (finished) break;
    }
    std::lock_guard lock(mu);
    finished = true;
    changed.notify_all();
  };
  std::exception_ptr failed;  // of the inflating thread (out of memory, say)
  std::thread inflater([&] {
    try {
      inflate();
    } catch (...) {
      std::lock_guard lock(mu);
      failed = std::current_exception();
      finished = true;
      changed.notify_all();
    }
  });
  auto halt = [&] {
    {
      std::lock_guard lock(mu);
      stop = true;
      changed.notify_all();
    }
    inflater.join();
  };
  try {
    for (;;) {
      Ready piece{};
      {
        std::unique_lock lock(mu);
        changed.wait(lock, [&] { return finished || !ready.empty(); });
        if (ready.empty()) break;
        piece = ready.front();
        ready.pop_front();
      }
      const bool more = sink(std::string_view(buffers[piece.buffer].get(), piece.size));
      std::lock_guard lock(mu);
      free.push_back(piece.buffer);
      changed.notify_all();
      if (!more) break;
    }
  } catch (...) {
    halt();
    throw;
  }
  halt();
  if (failed) std::rethrow_exception(failed);
  return status;
}

std::string GunzipHead(std::string_view bytes, size_t size) {
  std::string head(size, '\0');
  GzipStream stream(bytes);
  size_t got = 0;
  (void)stream.Read(head.data(), size, &got);  // what came out before any error
  head.resize(got);
  return head;
}

}  // namespace proflens
