// libFuzzer target: bytes as one of pprof's legacy formats (see fuzz_bodies.h).
#include "tests/fuzz/fuzz_bodies.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  proflens::fuzz::PprofLegacyBody(data, size);
  return 0;
}
