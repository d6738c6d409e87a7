#include "analyzer/rates.h"

#include <cmath>
#include <cstdio>

#include "analyzer/assertions.h"

namespace proflens {

bool IsRate(Dimension d) {
  return d == Dimension::kCountRate || d == Dimension::kTimeRate || d == Dimension::kBytesRate;
}

std::optional<Dimension> RateOf(Dimension amount) {
  switch (amount) {
    case Dimension::kCount: return Dimension::kCountRate;
    case Dimension::kTime: return Dimension::kTimeRate;
    case Dimension::kBytes: return Dimension::kBytesRate;
    default: return std::nullopt;
  }
}

Dimension AmountOf(Dimension rate) {
  switch (rate) {
    case Dimension::kTimeRate: return Dimension::kTime;
    case Dimension::kBytesRate: return Dimension::kBytes;
    default: return Dimension::kCount;
  }
}

std::string FormatRate(double per_second, Dimension rate, bool sign) {
  Quantity per_hour;
  per_hour.value = per_second * 3600;
  // 1GB/h held per second comes back as 999999999.99...: round to 12 digits.
  if (per_hour.value != 0 && std::isfinite(per_hour.value)) {
    const double scale = std::pow(10.0, 12 - std::ceil(std::log10(std::fabs(per_hour.value))));
    per_hour.value = std::round(per_hour.value * scale) / scale;
  }
  per_hour.dimension = AmountOf(rate);
  std::string amount = FormatQuantity(per_hour);
  if (per_hour.dimension == Dimension::kCount) {
    // Counts per hour to the hundredth: 3511670.25/h, not 3.51167e+06/h.
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", per_hour.value);
    amount = buf;
    if (amount.ends_with(".00")) amount.resize(amount.size() - 3);
  }
  return (sign && per_hour.value > 0 ? "+" : "") + amount + "/h";
}

}  // namespace proflens
