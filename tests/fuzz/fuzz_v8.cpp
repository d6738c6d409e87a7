// libFuzzer target: bytes as V8 .cpuprofile and --prof-process --preprocess JSON (see fuzz_bodies.h).
#include "tests/fuzz/fuzz_bodies.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  proflens::fuzz::V8Body(data, size);
  return 0;
}
