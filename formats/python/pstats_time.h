// cProfile measures integer nanoseconds and stores seconds as ns * 1e-9; this
// gives back the very double it wrote, so pstats's tables print identically.
#ifndef PROFLENS_FORMATS_PYTHON_PSTATS_TIME_H_
#define PROFLENS_FORMATS_PYTHON_PSTATS_TIME_H_

#include <cstdint>

namespace proflens {

inline double PstatsSeconds(int64_t nanos) { return static_cast<double>(nanos) * 1e-9; }

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PYTHON_PSTATS_TIME_H_
