#include "analyzer/profile.h"

#include <charconv>
#include <cstdlib>


namespace proflens {

int Profile::DefaultSampleIndex() const {
  if (default_sample_type != 0) {
    for (size_t i = 0; i < sample_types.size(); ++i) {
      if (sample_types[i].type == default_sample_type) return static_cast<int>(i);
    }
  }
  return static_cast<int>(sample_types.size()) - 1;
}

Result<int> Profile::SampleIndexByName(std::string_view name) const {
  if (sample_types.empty()) return Status::Input("profile has no sample types");
  if (name.empty()) return DefaultSampleIndex();
  int index = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), index);
  if (ec == std::errc() && end == name.data() + name.size()) {
    if (index < 0 || index >= static_cast<int>(sample_types.size())) {
      return Status::Usage("sample index " + std::string(name) + " is outside the range [0.." +
                           std::to_string(sample_types.size() - 1) + "]");
    }
    return index;
  }
  std::string_view no_inuse = name;
  if (no_inuse.starts_with("inuse_")) no_inuse.remove_prefix(6);
  for (size_t i = 0; i < sample_types.size(); ++i) {
    std::string_view type = str(sample_types[i].type);
    if (type == name || type == no_inuse) return static_cast<int>(i);
  }
  std::string known;
  for (const ValueType& t : sample_types) {
    known += known.empty() ? "" : ", ";
    known += str(t.type);
  }
  return Status::Usage("sample type \"" + std::string(name) + "\" is not in the profile (it has: " +
                       known + ")");
}

std::vector<int64_t> Profile::Totals() const {
  size_t n = sample_types.size();
  std::vector<int64_t> totals(n, 0);
  for (size_t s = 0; s < samples.size(); ++s) {
    const int64_t* values = sample_values.data() + s * n;
    for (size_t i = 0; i < n; ++i) {
      int64_t v = values[i];
      totals[i] = SaturatingAdd(totals[i], SaturatingAbs(v));
    }
  }
  return totals;
}

}  // namespace proflens
