// Rule values as text, in pprof's units: times in ns, us, ms, s, hrs; sizes
// in B, kB, MB, GB, TB, PB (powers of 1024, as every table prints them);
// percentages and plain counts. A value takes the largest unit it is at least
// one of, so no value needs more than four digits before the point.
#ifndef PROFLENS_ANALYZER_QUANTITY_FORMAT_H_
#define PROFLENS_ANALYZER_QUANTITY_FORMAT_H_

#include <string>
#include <utility>

#include "analyzer/expr_parser.h"

namespace proflens {

// `value` (ns, bytes, percent or a count) with `decimals` decimals: 2 is
// pprof's "%.2f" less a ".00" ("1.51s", "980ms", "60.00%"); more drop their
// trailing zeros ("1.0033us", "1us"). Counts print whole when they are.
std::string FormatMeasure(double value, Dimension dimension, int decimals = 2);

// Both sides of a comparison, with as many decimals as it takes to tell two
// different values apart ("1.0033us" and "1us", not "1us" and "1us"). Each
// side has its own unit.
std::pair<std::string, std::string> FormatComparedPair(double left, Dimension left_dimension, double right,
                                                       Dimension right_dimension);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_QUANTITY_FORMAT_H_
