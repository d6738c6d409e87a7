// The top table as text, in pprof -top's layout:
//       flat  flat%   sum%        cum   cum%
//      0.94s 62.25% 62.25%      0.98s 64.90%  main.isOdd
// A calls column follows cum% when the input records call counts.
#ifndef PROFLENS_FORMATS_OUTPUT_TEXT_TABLE_H_
#define PROFLENS_FORMATS_OUTPUT_TEXT_TABLE_H_

#include <ostream>

#include "analyzer/diff.h"
#include "analyzer/peek.h"
#include "analyzer/top.h"

namespace proflens {

void WriteTopText(const TopReport& report, std::ostream& out);

// The diff table: a header with both sides' totals, then per function the
// base and new flat and cum, the absolute deltas and the relative change.
void WriteDiffText(const DiffReport& report, const std::string& base_name, const std::string& new_name,
                   std::ostream& out);

// Peek as pprof -peek prints it: callers above each matching function, callees below.
void WritePeekText(const PeekReport& report, std::ostream& out);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_TEXT_TABLE_H_
