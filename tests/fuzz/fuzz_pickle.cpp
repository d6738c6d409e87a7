// libFuzzer target: bytes as a tracemalloc snapshot (a restricted pickle; see fuzz_bodies.h).
#include "tests/fuzz/fuzz_bodies.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  proflens::fuzz::PickleBody(data, size);
  return 0;
}
