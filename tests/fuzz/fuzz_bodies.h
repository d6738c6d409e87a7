// What each fuzz target does with its input. Shared by the libFuzzer targets
// (tests/fuzz/fuzz_*.cpp, built with -DPROFLENS_FUZZ=ON and clang) and by the
// regression test that replays every saved input (tests/hostile/fuzz_regression_test.cpp).
#ifndef PROFLENS_TESTS_FUZZ_FUZZ_BODIES_H_
#define PROFLENS_TESTS_FUZZ_FUZZ_BODIES_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzer/profile.h"

namespace proflens::fuzz {

// Any bytes as a profile file: gzip, detection and every reader (fast).
void ReadBody(const uint8_t* data, size_t size);
// Each reader on its own (fast): profile.proto, perf script text, folded stacks.
void PprofBody(const uint8_t* data, size_t size);
void PerfScriptBody(const uint8_t* data, size_t size);
// perf.data, symbolized against nothing on this machine (no build-id cache, no binaries).
void PerfDataBody(const uint8_t* data, size_t size);
void FoldedBody(const uint8_t* data, size_t size);
// The graph and JSON readers (fast): cProfile (marshal), callgrind text,
// speedscope and Chrome trace JSON; what reads, also written back out.
void PstatsBody(const uint8_t* data, size_t size);
void CallgrindBody(const uint8_t* data, size_t size);
void PprofLegacyBody(const uint8_t* data, size_t size);
// A tracemalloc snapshot: the restricted pickle decoder, then the reader.
void PickleBody(const uint8_t* data, size_t size);
// Aborts when JsonWriter writes the text as a string other than nlohmann does.
void JsonBody(const uint8_t* data, size_t size);
// The readers of other profilers' formats (fast), what reads written back as
// speedscope: V8 .cpuprofile and --prof-process --preprocess JSON, the
// Firefox Profiler's JSON, Austin's samples.
void V8Body(const uint8_t* data, size_t size);
void FirefoxBody(const uint8_t* data, size_t size);
void AustinBody(const uint8_t* data, size_t size);
// Text as a check rule, parsed only (fast).
void ParseRuleBody(const uint8_t* data, size_t size);
// Any bytes as a profile file: gzip, detection, every reader, then the
// reports that read the model (top, peek, dot view, flame, folded, pprof).
// Aborts when the call graph summed on several threads differs from one
// thread's.
void InputBody(const uint8_t* data, size_t size);
// Text as a check rule, parsed and evaluated on a small profile with a base.
void RuleBody(const uint8_t* data, size_t size);

}  // namespace proflens::fuzz

#endif  // PROFLENS_TESTS_FUZZ_FUZZ_BODIES_H_
