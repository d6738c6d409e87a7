// pprof's legacy profile formats, read as go tool pprof reads them:
//   - gperftools' binary CPU profile (32- or 64-bit words, either byte order),
//     also written by Go before profile.proto and by Java agents (with a
//     symbol table after the samples);
//   - heap, growth and fragmentation text ("heap profile: ... @ heap_v2/524288",
//     gperftools and Go's debug=1);
//   - contention text (gperftools' "--- contentionz", Go's "--- mutex:" and
//     "--- contention:" debug=1 mutex and block profiles);
//   - thread text ("--- threadz", "--- Thread ..."), Go's count profiles
//     ("goroutine profile: total N", "threadcreate profile: total N");
//   - Java heap and contention text ("--- heapz 1 ---", "--- contentionz 1 ---").
// Numbers are pprof's: heap samples are unsampled by their rate, contention
// delays scaled by cycles/second and the sampling period, return addresses
// moved onto their call instruction, a memory map read into mappings. Like
// go tool pprof -symbolize=none, addresses are not symbolized: a frame without
// a name is shown by its mapping or address.
#ifndef PROFLENS_FORMATS_PPROF_PPROF_LEGACY_H_
#define PROFLENS_FORMATS_PPROF_PPROF_LEGACY_H_

#include <string_view>

#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

// Whether uncompressed bytes begin as one of the legacy formats above (by
// their header only; ReadPprofLegacy says what is wrong with the rest).
bool LooksLikePprofLegacy(std::string_view bytes);

Result<Profile> ReadPprofLegacy(std::string_view bytes);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PPROF_PPROF_LEGACY_H_
