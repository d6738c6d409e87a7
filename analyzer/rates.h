// Rates in the check rules: growth per unit of time (MB/h, ms/min, /h). A
// rate's Quantity holds the amount's base unit (bytes, ns, a count) per
// second; it is shown per hour, the unit of memory growth ("12.5MB/h").
#ifndef PROFLENS_ANALYZER_RATES_H_
#define PROFLENS_ANALYZER_RATES_H_

#include <optional>
#include <string>

#include "analyzer/expr_parser.h"

namespace proflens {

bool IsRate(Dimension d);
// The rate of an amount (kBytes -> kBytesRate); none for percentages and booleans.
std::optional<Dimension> RateOf(Dimension amount);
// The amount of a rate (kBytesRate -> kBytes).
Dimension AmountOf(Dimension rate);

// A rate per second shown per hour with the amount's units: "12.50MB/h",
// "3ms/h", "120/h"; `sign` prefixes "+" to a rate above 0.
std::string FormatRate(double per_second, Dimension rate, bool sign = false);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_RATES_H_
