// Units: scaling and printing of sample values the way pprof does it, so that
// proflens prints "1.51s", "21508.98kB" and "62.25%" exactly where pprof does.
//
// Unit families: bytes (B kB MB GB TB PB, factor 1024), time (ns us ms s hrs),
// and GCU. Other units ("count", "samples") are printed as plain numbers.
// Target units: "auto" (best unit per value), "minimum" (resolved per report by
// ChooseReportUnit), or an explicit unit name such as "ms" or "MB".
#ifndef PROFLENS_ANALYZER_UNITS_H_
#define PROFLENS_ANALYZER_UNITS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace proflens {

// Counts kept in thousandths (folded stacks with fractional counts,
// "main;parse 14.25"): shown as fractions of a sample.
inline constexpr std::string_view kMilliSamplesUnit = "millisamples";

struct ScaledValue {
  double value = 0;
  std::string unit;  // canonical unit name, "" for plain counts
};

// Converts `value` in `from_unit` to `to_unit` ("auto", "minimum", or a unit name).
ScaledValue ScaleValue(int64_t value, std::string_view from_unit, std::string_view to_unit);

// "%.2f" of the scaled value without a trailing ".00", followed by the unit; "0" for zero.
std::string ScaledLabel(int64_t value, std::string_view from_unit, std::string_view to_unit);

// The share of value in total as pprof prints it: "  100%", "62.25%", " 0.66%", "0.045%".
std::string Percentage(int64_t value, int64_t total);

// Percentage without its leading padding: "62.25%", "0.66%", "100%".
std::string TrimmedPercentage(int64_t value, int64_t total);

// True when `unit` names a known unit family member or a plain-count unit.
bool IsKnownUnit(std::string_view unit);

// The unit family name: "bytes", "time", "gcu", or "" for plain counts.
std::string_view UnitFamily(std::string_view unit);

// pprof's "minimum" output unit for a report whose smallest non-zero entry is
// `min_value` and whose total is `max_value` (both in `sample_unit`).
std::string ChooseReportUnit(int64_t min_value, int64_t max_value, std::string_view sample_unit);

// Duration in nanoseconds printed with the best time unit ("1.61s").
std::string FormatDuration(int64_t nanos);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_UNITS_H_
