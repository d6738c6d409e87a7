// libFuzzer target: bytes as perf.data (see fuzz_bodies.h).
#include "tests/fuzz/fuzz_bodies.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  proflens::fuzz::PerfDataBody(data, size);
  return 0;
}
