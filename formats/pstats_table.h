// The top table of a cProfile input as pstats's print_stats prints it
// (without its first line, the file's modification time and name):
//
//          99205 function calls (605 primitive calls) in 0.036 seconds
//
//    Ordered by: internal time
//
//    ncalls  tottime  percall  cumtime  percall filename:lineno(function)
// 93000/200    0.033    0.000    0.033    0.000 work.py:1(fib)
#ifndef PROFLENS_FORMATS_PSTATS_TABLE_H_
#define PROFLENS_FORMATS_PSTATS_TABLE_H_

#include <ostream>

#include "analyzer/top.h"

namespace proflens {

// `report.pstats` must be set.
void WritePstatsText(const TopReport& report, std::ostream& out);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PSTATS_TABLE_H_
