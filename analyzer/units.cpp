#include "analyzer/units.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <span>
#include <string>

namespace proflens {

namespace {

struct Unit {
  std::string_view name;
  std::initializer_list<std::string_view> aliases;
  double factor;
};

struct UnitFamilyDef {
  std::string_view family;
  std::span<const Unit> units;
  Unit default_unit;
};

const Unit kByteUnits[] = {
    {"B", {"b", "byte"}, 1},
    {"kB", {"kb", "kbyte", "kilobyte"}, double(1ULL << 10)},
    {"MB", {"mb", "mbyte", "megabyte"}, double(1ULL << 20)},
    {"GB", {"gb", "gbyte", "gigabyte"}, double(1ULL << 30)},
    {"TB", {"tb", "tbyte", "terabyte"}, double(1ULL << 40)},
    {"PB", {"pb", "pbyte", "petabyte"}, double(1ULL << 50)},
};
const Unit kTimeUnits[] = {
    {"ns", {"ns", "nanosecond"}, 1},
    {"us", {"\xce\xbcs", "us", "microsecond"}, 1e3},
    {"ms", {"ms", "millisecond"}, 1e6},
    {"s", {"s", "sec", "second"}, 1e9},
    {"hrs", {"hour", "hr"}, 3600e9},
};
const Unit kGcuUnits[] = {
    {"n*GCU", {"nanogcu"}, 1e-9}, {"u*GCU", {"microgcu"}, 1e-6}, {"m*GCU", {"milligcu"}, 1e-3},
    {"GCU", {"gcu"}, 1},          {"k*GCU", {"kilogcu"}, 1e3},   {"M*GCU", {"megagcu"}, 1e6},
    {"G*GCU", {"gigagcu"}, 1e9},  {"T*GCU", {"teragcu"}, 1e12},  {"P*GCU", {"petagcu"}, 1e15},
};

const UnitFamilyDef kFamilies[] = {
    {"bytes", kByteUnits, {"B", {}, 1}},
    {"time", kTimeUnits, {"s", {}, 1e9}},
    {"gcu", kGcuUnits, {"GCU", {}, 1}},
};

// Finds a unit by alias after lower-casing and dropping a plural "s" (for names longer than 2).
const Unit* SniffUnit(const UnitFamilyDef& family, std::string_view name) {
  char buf[16];  // longer than any alias: lower-cased here without an allocation
  if (name.size() > sizeof buf) return nullptr;
  for (size_t i = 0; i < name.size(); ++i) buf[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
  std::string_view lower(buf, name.size());
  if (lower.size() > 2 && lower.back() == 's') lower.remove_suffix(1);
  for (const Unit& u : family.units) {
    for (std::string_view alias : u.aliases) {
      if (alias == lower) return &u;
    }
  }
  return nullptr;
}

bool AutoScale(const UnitFamilyDef& family, double value, ScaledValue* out) {
  double factor = 0;
  std::string_view name;
  for (const Unit& u : family.units) {
    if (u.factor >= factor && value / u.factor >= 1.0) {
      factor = u.factor;
      name = u.name;
    }
  }
  if (factor == 0) return false;
  *out = {value / factor, std::string(name)};
  return true;
}

bool ConvertUnit(const UnitFamilyDef& family, int64_t value, std::string_view from,
                 std::string_view to, ScaledValue* out) {
  const Unit* from_unit = SniffUnit(family, from);
  if (from_unit == nullptr) return false;
  double v = static_cast<double>(value) * from_unit->factor;
  if (to == "minimum" || to == "auto") {
    if (AutoScale(family, v, out)) return true;
    *out = {v / family.default_unit.factor, std::string(family.default_unit.name)};
    return true;
  }
  const Unit* to_unit = SniffUnit(family, to);
  const Unit& target = to_unit ? *to_unit : family.default_unit;
  *out = {v / target.factor, std::string(target.name)};
  return true;
}

}  // namespace

ScaledValue ScaleValue(int64_t value, std::string_view from_unit, std::string_view to_unit) {
  if (value < 0 && value != INT64_MIN) {
    ScaledValue s = ScaleValue(-value, from_unit, to_unit);
    s.value = -s.value;
    return s;
  }
  ScaledValue out;
  if (from_unit == kMilliSamplesUnit) {
    return {static_cast<double>(value) / 1000, ""};
  }
  for (const UnitFamilyDef& family : kFamilies) {
    if (ConvertUnit(family, value, from_unit, to_unit, &out)) return out;
  }
  if (to_unit == "count" || to_unit == "sample" || to_unit == "unit" || to_unit == "minimum" ||
      to_unit == "auto") {
    return {static_cast<double>(value), ""};
  }
  return {static_cast<double>(value), std::string(to_unit)};
}

std::string ScaledLabel(int64_t value, std::string_view from_unit, std::string_view to_unit) {
  ScaledValue s = ScaleValue(value, from_unit, to_unit);
  char buf[64];
  std::string text;
  if (s.value == static_cast<double>(value)) {
    // Not rescaled: print the integer itself, so a saturated sum reads
    // 9223372036854775807 here as in JSON (a double would round it up).
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    text.assign(buf, end);
  } else if (s.value == std::trunc(s.value) && std::fabs(s.value) < 0x1p53) {
    // A whole number: what "%.2f" prints, less its ".00", without the cost of
    // printing a double (most counts are whole).
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(s.value));
    text.assign(buf, end);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", s.value);
    text = buf;
    if (text.ends_with(".00")) text.resize(text.size() - 3);
    if (text == "-0") text = "0";
  }
  if (text == "0") return "0";
  return text + s.unit;
}

std::string Percentage(int64_t value, int64_t total) {
  double ratio = 0;
  if (total != 0) ratio = std::fabs(static_cast<double>(value) / static_cast<double>(total)) * 100;
  char buf[64];
  if (ratio >= 99.95 && ratio <= 100.05) return "  100%";
  if (ratio >= 1.0) {
    std::snprintf(buf, sizeof buf, "%5.2f%%", ratio);
  } else {
    std::snprintf(buf, sizeof buf, "%5.2g%%", ratio);
  }
  return buf;
}

std::string TrimmedPercentage(int64_t value, int64_t total) {
  std::string p = Percentage(value, total);
  return p.substr(p.find_first_not_of(' '));
}

bool IsKnownUnit(std::string_view unit) {
  if (unit == "auto" || unit == "minimum" || unit == "count" || unit == "sample" || unit == "unit") {
    return true;
  }
  for (const UnitFamilyDef& family : kFamilies) {
    if (SniffUnit(family, unit) != nullptr) return true;
  }
  return false;
}

std::string_view UnitFamily(std::string_view unit) {
  for (const UnitFamilyDef& family : kFamilies) {
    if (SniffUnit(family, unit) != nullptr) return family.family;
  }
  return "";
}

std::string ChooseReportUnit(int64_t min_value, int64_t max_value, std::string_view sample_unit) {
  if (min_value == 0) min_value = max_value;
  std::string min_unit = ScaleValue(min_value, sample_unit, "minimum").unit;
  std::string max_unit = ScaleValue(max_value, sample_unit, "minimum").unit;
  std::string unit = min_unit;
  // Units differ: scale the minimum by 100 so it may print as small as 0.01 of a larger unit.
  if (min_unit != max_unit && min_value * 100 < max_value) {
    unit = ScaleValue(100 * min_value, sample_unit, "minimum").unit;
  }
  return unit.empty() ? std::string(sample_unit) : unit;
}

std::string FormatDuration(int64_t nanos) { return ScaledLabel(nanos, "nanoseconds", "auto"); }

}  // namespace proflens
