// cli/huge_blocks.cpp: blocks of 1 MiB or more are mappings of their own on
// a 2 MiB boundary, freed back to the system; smaller ones are malloc's.
#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <vector>

#include "cli/huge_blocks.h"

namespace proflens {
namespace {

TEST_CASE("large blocks are huge-page aligned mappings, small ones malloc's", "[huge_blocks]") {
#ifndef PROFLENS_HUGE_BLOCKS
  SUCCEED("the sanitizers' operator new is used");
#else
  constexpr size_t kMiB = size_t{1} << 20;
  std::vector<std::unique_ptr<uint8_t[]>> blocks;
  for (size_t size : {kMiB, 5 * kMiB + 3, 64 * kMiB}) {
    blocks.push_back(std::make_unique<uint8_t[]>(size));
    CHECK(reinterpret_cast<uintptr_t>(blocks.back().get()) % (2 * kMiB) == 0);
    blocks.back()[0] = 1;
    blocks.back()[size - 1] = 2;  // the whole block is writable
  }
  blocks.clear();
  // A vector grown past the threshold moves into a mapping and keeps its elements.
  std::vector<uint32_t> grown;
  for (uint32_t i = 0; i < 3'000'000; ++i) grown.push_back(i);
  CHECK(reinterpret_cast<uintptr_t>(grown.data()) % (2 * kMiB) == 0);
  CHECK(grown[2'999'999] == 2'999'999);
  CHECK(grown[123] == 123);
  // Small blocks, and a nothrow one.
  auto small = std::make_unique<uint64_t[]>(16);
  small[15] = 7;
  CHECK(small[15] == 7);
  uint8_t* nothrow = new (std::nothrow) uint8_t[8 * kMiB];
  REQUIRE(nothrow != nullptr);
  CHECK(reinterpret_cast<uintptr_t>(nothrow) % (2 * kMiB) == 0);
  delete[] nothrow;
#endif
}

}  // namespace
}  // namespace proflens
