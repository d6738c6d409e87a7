// gzip decompression: room is sized from the last member's length field, so
// files where that field misleads (several members, a wrong field) must still
// come out whole; bombs, junk and corruption are errors with a byte offset.
#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <stdexcept>

#include "formats/io/gzip.h"

namespace proflens {
namespace {

std::string Text(size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out;
  while (out.size() < size) out += "frame_" + std::to_string(rng() % 5000) + (rng() % 8 ? ";" : " 1\n");
  out.resize(size);
  return out;
}

TEST_CASE("gunzip: one member, exactly sized", "[gzip]") {
  const std::string text = Text(300000, 1);
  Result<std::string> out = Gunzip(Gzip(text));
  REQUIRE(out.ok());
  CHECK(*out == text);
  CHECK(Gunzip(Gzip("")).value().empty());
}

TEST_CASE("gunzip: several members, the last one small, are joined", "[gzip]") {
  // The length field read first is the last member's: 1 byte. The first
  // member needs far more room, found by growing.
  const std::string a = Text(1 << 20, 2), b = Text(70000, 3), c = "x";
  Result<std::string> out = Gunzip(Gzip(a) + Gzip(b) + Gzip(c));
  REQUIRE(out.ok());
  CHECK(out->size() == a.size() + b.size() + 1);
  CHECK(*out == a + b + c);
}

TEST_CASE("gunzip: a length field that lies is only a guess", "[gzip]") {
  const std::string text = Text(200000, 4);
  for (uint32_t claim : {0u, 10u, 199999u, 200001u, 4000000000u}) {
    std::string gz = Gzip(text);
    std::memcpy(gz.data() + gz.size() - 4, &claim, 4);
    // libdeflate checks the length field against what it decompressed.
    Result<std::string> out = Gunzip(gz);
    INFO("claimed " << claim);
    CHECK_FALSE(out.ok());
    if (!out.ok()) CHECK(out.status().message().find("byte offset 0: truncated or corrupt gzip data") != std::string::npos);
  }
}

TEST_CASE("gunzip: limits, junk and corruption are errors", "[gzip]") {
  const std::string text = Text(100000, 5);
  const std::string gz = Gzip(text);
  Result<std::string> bomb = Gunzip(gz, 50000);
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.status().message() == "decompressed data exceeds the limit of 50000 bytes (raise it with --max-input-size)");
  CHECK(Gunzip(gz, 100000).ok());  // exactly at the limit

  Result<std::string> junk = Gunzip(gz + "junk");
  REQUIRE_FALSE(junk.ok());
  CHECK(junk.status().message() ==
        "byte offset " + std::to_string(gz.size()) + ": unexpected data after the gzip stream (expected another gzip member or the end)");

  std::string corrupt = gz;
  corrupt[corrupt.size() / 2] ^= 0x55;
  CHECK_FALSE(Gunzip(corrupt).ok());
  CHECK_FALSE(Gunzip(gz.substr(0, gz.size() - 9)).ok());  // truncated
}


// Everything GzipStream gives, read `piece` bytes at a time.
Result<std::string> ReadStream(std::string_view gz, size_t piece, uint64_t max_size = kDefaultMaxDecompressedSize) {
  GzipStream stream(gz, max_size);
  std::string out, buffer(piece, '\0');
  for (;;) {
    size_t got = 0;
    Status status = stream.Read(buffer.data(), piece, &got);
    out.append(buffer, 0, got);
    if (!status.ok()) return status;
    if (got < piece) return out;
  }
}

TEST_CASE("gzip stream: what Gunzip gives, in pieces of any size, every member", "[gzip]") {
  const std::string a = Text(1 << 20, 6), b = Text(70000, 7), c = "x";
  const std::string gz = Gzip(a) + Gzip(b) + Gzip(c) + Gzip("");
  for (size_t piece : {size_t{1}, size_t{1000}, size_t{65536}, size_t{4} << 20}) {
    INFO("pieces of " << piece);
    Result<std::string> out = ReadStream(gz, piece);
    REQUIRE(out.ok());
    CHECK(*out == a + b + c);
  }
  CHECK(ReadStream(Gzip(""), 10).value().empty());
}

TEST_CASE("gzip stream: Gunzip's errors", "[gzip]") {
  const std::string text = Text(100000, 8);
  const std::string gz = Gzip(text);
  for (size_t piece : {size_t{7}, size_t{1} << 20}) {
    INFO("pieces of " << piece);
    Result<std::string> bomb = ReadStream(gz, piece, 50000);
    REQUIRE_FALSE(bomb.ok());
    CHECK(bomb.status().message() == "decompressed data exceeds the limit of 50000 bytes (raise it with --max-input-size)");
    CHECK(ReadStream(gz, piece, 100000).ok());  // exactly at the limit
    Result<std::string> junk = ReadStream(gz + "junk", piece);
    REQUIRE_FALSE(junk.ok());
    CHECK(junk.status().message() ==
          "byte offset " + std::to_string(gz.size()) + ": unexpected data after the gzip stream (expected another gzip member or the end)");
    Result<std::string> second = ReadStream(gz + Gzip("abc").substr(0, 15), piece);  // a second member cut short
    REQUIRE_FALSE(second.ok());
    CHECK(second.status().message() == "byte offset " + std::to_string(gz.size()) + ": truncated or corrupt gzip data");
    std::string corrupt = gz;
    corrupt[corrupt.size() / 2] ^= 0x55;
    CHECK_FALSE(ReadStream(corrupt, piece).ok());
    CHECK_FALSE(ReadStream(gz.substr(0, gz.size() - 9), piece).ok());  // truncated
    std::string lie = gz;  // a length field that does not match
    lie[lie.size() - 4] ^= 1;
    CHECK_FALSE(ReadStream(lie, piece).ok());
    std::string crc = gz;  // a checksum that does not match
    crc[crc.size() - 8] ^= 1;
    CHECK_FALSE(ReadStream(crc, piece).ok());
  }
}

TEST_CASE("gzip inflated in pieces: every piece in order, and a stop when asked", "[gzip]") {
  // Over 1 MiB compressed: inflated on a thread of its own; under: on this one.
  std::mt19937 random(12);
  std::string noisy(4 << 20, '\0');
  for (char& c : noisy) c = static_cast<char>('a' + random() % 26);
  for (const std::string& text : {Text(3 << 20, 9), noisy, Text(5000, 13)}) {
    const std::string gz = Gzip(text);
    INFO(text.size() << " bytes, " << gz.size() << " compressed");
    std::string joined;
    size_t pieces = 0;
    Status status = InflateInPieces(gz, {.piece_size = 100000}, [&](std::string_view piece) {
      CHECK((piece.size() == 100000 || joined.size() + piece.size() == text.size()));
      joined += piece;
      ++pieces;
      return true;
    });
    CHECK(status.ok());
    CHECK(joined == text);
    CHECK(pieces == (text.size() + 99999) / 100000);
    size_t seen = 0;
    CHECK(InflateInPieces(gz, {.piece_size = 1000}, [&](std::string_view) { return ++seen < 3; }).ok());
    CHECK(seen == 3);
    // An error comes after the pieces before it.
    joined.clear();
    std::string cut = gz.substr(0, gz.size() / 2);
    Status error = InflateInPieces(cut, {.piece_size = 1000}, [&](std::string_view piece) {
      joined += piece;
      return true;
    });
    CHECK_FALSE(error.ok());
    CHECK(joined.size() > 0);
    CHECK(text.starts_with(joined));
    CHECK_FALSE(InflateInPieces(gz, {.max_size = text.size() - 1, .piece_size = 1000}, [](std::string_view) { return true; }).ok());
    // An exception of the sink comes out (once the thread stopped).
    CHECK_THROWS_AS(InflateInPieces(gz, {.piece_size = 1000},
                                    [](std::string_view) -> bool { throw std::runtime_error("sink"); }),
                    std::runtime_error);
  }
  CHECK(Gzip(noisy).size() >= (size_t{1} << 20));  // the threaded path was taken
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
// XGETBV with ECX = 1: which register states are in use, where the CPU says:
// bit 2, the upper halves of YMM0-15, and bit 6, the upper halves of
// ZMM0-15, the ones SSE instructions wait on (glibc's own AVX-512 copies use
// registers 16-31, which they do not).
bool UpperVectorStateInUse(bool* known) {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  *known = __get_cpuid_count(0xd, 1, &eax, &ebx, &ecx, &edx) && (eax & 4) != 0;
  if (!*known) return false;
  unsigned lo = 0, hi = 0;
  asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(1));
  return (lo & 0x44) != 0;
}

TEST_CASE("gzip stream: ISA-L leaves no vector registers' upper halves in use", "[gzip]") {
  // Left in use, they slow every SSE instruction after (top of a big heap
  // profile took a third longer after inflating its first 64 KiB).
  const std::string text = Text(1 << 20, 10);
  const std::string gz = Gzip(text);
  (void)GunzipHead(gz, 64 << 10);
  bool known = false;
  const bool in_use = UpperVectorStateInUse(&known);
  if (!known) WARN("this CPU does not report the registers in use (XGETBV 1): not checked");
  CHECK_FALSE(in_use);
}
#endif

}  // namespace
}  // namespace proflens
