#include "formats/gzip.h"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace proflens {

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Result<std::string> Gunzip(std::string_view bytes, uint64_t max_size) {
  std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)> d(
      libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
  if (!d) return Status::Input("out of memory starting gzip decompression");

  // The last four bytes hold the uncompressed size (mod 2^32) of the last
  // member: a good first guess for the common single-member file.
  uint64_t guess = 0;
  if (bytes.size() >= 4) {
    uint32_t isize;
    std::memcpy(&isize, bytes.data() + bytes.size() - 4, 4);
    // Deflate cannot expand more than ~1032:1, so a larger claim is a lie.
    guess = std::min<uint64_t>(isize, uint64_t{bytes.size()} * 1032);
  }
  // Room for exactly that: a file of several members, or over 4 GiB, gets
  // more room as it needs it (the member is decompressed again), and a
  // single-member file never holds (and touches) room it does not use.
  uint64_t capacity = std::min<uint64_t>(std::max<uint64_t>(guess, 1 << 16), max_size);
  std::string out(capacity, '\0');
  size_t in_pos = 0, out_pos = 0;
  while (in_pos < bytes.size()) {
    if (!IsGzip(bytes.substr(in_pos))) {
      return Status::Input("byte offset " + std::to_string(in_pos) +
                           ": unexpected data after the gzip stream (expected another gzip member or the end)");
    }
    size_t in_used = 0, out_used = 0;
    libdeflate_result r = libdeflate_gzip_decompress_ex(
        d.get(), bytes.data() + in_pos, bytes.size() - in_pos, out.data() + out_pos,
        out.size() - out_pos, &in_used, &out_used);
    if (r == LIBDEFLATE_INSUFFICIENT_SPACE) {
      if (out.size() >= max_size) {
        return Status::Input("decompressed data exceeds the limit of " + std::to_string(max_size) +
                             " bytes (raise it with --max-input-size)");
      }
      out.resize(std::min<uint64_t>(uint64_t{out.size()} * 2, max_size));
      continue;  // retry this member with more room
    }
    if (r != LIBDEFLATE_SUCCESS) {
      return Status::Input("byte offset " + std::to_string(in_pos) +
                           ": truncated or corrupt gzip data");
    }
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

std::string GunzipHead(std::string_view bytes, size_t size) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return "";
  std::string head(size, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(std::min<size_t>(bytes.size(), UINT32_MAX));
  z.next_out = reinterpret_cast<Bytef*>(head.data());
  z.avail_out = static_cast<uInt>(size);
  while (z.avail_out > 0) {
    const int rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK) break;  // the end of the member, an error, or no progress
  }
  head.resize(size - z.avail_out);
  inflateEnd(&z);
  return head;
}

}  // namespace proflens
