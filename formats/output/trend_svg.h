// The report's trend chart: each profile's value at its time (a point with
// its file, time and value on hover), joined by a line, and the least-squares
// line whose slope is the growth per hour, dashed. An inline SVG element.
#ifndef PROFLENS_FORMATS_OUTPUT_TREND_SVG_H_
#define PROFLENS_FORMATS_OUTPUT_TREND_SVG_H_

#include <string>

#include "analyzer/trend.h"

namespace proflens {

struct TrendSvgOptions {
  double width = 760, height = 250;  // pixels
};

std::string RenderTrendSvg(const TrendReport& report, const TrendSvgOptions& options = {});

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_TREND_SVG_H_
