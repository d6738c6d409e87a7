#include "analyzer/quantity_format.h"

#include <cmath>
#include <cstdio>
#include <span>

namespace proflens {

namespace {

struct ShownUnit {
  const char* name;
  double factor;
};

constexpr ShownUnit kShownTimeUnits[] = {{"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"hrs", 3600e9}};
constexpr ShownUnit kShownByteUnits[] = {{"B", 1},
                                    {"kB", 1024.0},
                                    {"MB", 1024.0 * 1024},
                                    {"GB", 1024.0 * 1024 * 1024},
                                    {"TB", 1024.0 * 1024 * 1024 * 1024},
                                    {"PB", 1024.0 * 1024 * 1024 * 1024 * 1024}};

// "%.Nf" of v; with more than 2 decimals, without trailing zeros; with 2,
// without a ".00" (pprof's way).
std::string Fixed(double v, int decimals) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string text = buf;
  if (decimals > 2) {
    while (text.ends_with('0')) text.pop_back();
    if (text.ends_with('.')) text.pop_back();
  } else if (text.ends_with(".00")) {
    text.resize(text.size() - 3);
  }
  if (text == "-0") text = "0";
  return text;
}

std::string Scaled(double v, std::span<const ShownUnit> units, int decimals) {
  const ShownUnit* pick = &units[0];
  for (const ShownUnit& u : units) {
    if (std::fabs(v) >= u.factor) pick = &u;
  }
  return Fixed(v / pick->factor, decimals) + pick->name;
}

}  // namespace

std::string FormatMeasure(double value, Dimension dimension, int decimals) {
  switch (dimension) {
    case Dimension::kTime: return Scaled(value, kShownTimeUnits, decimals);
    case Dimension::kBytes: return Scaled(value, kShownByteUnits, decimals);
    case Dimension::kPercent: {
      char buf[400];
      std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
      std::string text = decimals > 2 ? Fixed(value, decimals) : std::string(buf);
      return text + "%";
    }
    case Dimension::kBool: return value != 0 ? "true" : "false";
    case Dimension::kCountRate:
    case Dimension::kTimeRate:
    case Dimension::kBytesRate: break;  // rates: FormatRate (rates.h), per hour
    case Dimension::kCount: {
      char buf[64];
      if (value == std::floor(value) && std::fabs(value) < 1e15) {
        std::snprintf(buf, sizeof buf, "%.0f", value);
      } else {
        std::snprintf(buf, sizeof buf, "%.*g", decimals + 4, value);
      }
      return buf;
    }
  }
  return "";
}

std::pair<std::string, std::string> FormatComparedPair(double left, Dimension left_dimension, double right,
                                                       Dimension right_dimension) {
  constexpr int kMostDecimals = 15;
  int decimals = 2;
  std::string l = FormatMeasure(left, left_dimension, decimals), r = FormatMeasure(right, right_dimension, decimals);
  while (l == r && left != right && decimals < kMostDecimals) {
    ++decimals;
    l = FormatMeasure(left, left_dimension, decimals);
    r = FormatMeasure(right, right_dimension, decimals);
  }
  return {l, r};
}

}  // namespace proflens
