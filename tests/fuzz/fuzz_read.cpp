// libFuzzer target: bytes read as a profile file, readers only (see fuzz_bodies.h).
#include "tests/fuzz/fuzz_bodies.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  proflens::fuzz::ReadBody(data, size);
  return 0;
}
