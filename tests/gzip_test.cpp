// gzip decompression: room is sized from the last member's length field, so
// files where that field misleads (several members, a wrong field) must still
// come out whole; bombs, junk and corruption are errors with a byte offset.
#include <catch2/catch.hpp>
#include <cstring>
#include <random>

#include "formats/gzip.h"

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

}  // namespace
}  // namespace proflens
