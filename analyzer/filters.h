// pprof's sample and frame filters, applied to a Profile before any report.
// Regexes match anywhere in a function's name or file name, or in the
// location's binary (mapping file), as pprof matches them.
//
//   focus      keep samples with a frame matching
//   ignore     drop samples with a frame matching
//   hide       remove matching frames from stacks
//   show       keep only matching frames
//   show_from  cut each stack above its outermost matching frame (drop samples with none)
//   prune_from cut each stack below its innermost matching frame (names without arguments)
//   tagfocus   keep samples whose labels match: "key=regex[,regex]", "key=N", "key=N:M"
//              (numbers may carry units, as 4kB:1MB), or "regex" matched against "key:value"
//   tagignore  drop samples whose labels match, same forms
//
// Order as in pprof: focus/ignore/hide/show together, then show_from, then the
// tag filters, then prune_from. Reports keep percentages relative to the
// unfiltered total unless asked for relative percentages.
#ifndef PROFLENS_ANALYZER_FILTERS_H_
#define PROFLENS_ANALYZER_FILTERS_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

struct FilterOptions {
  std::string focus, ignore, hide, show, show_from, prune_from, tagfocus, tagignore;

  // "focus=RE", ... for each filter set, in pprof's order. pprof's legends
  // leave prune_from out.
  std::vector<std::string> Active(bool with_prune_from) const;

  bool empty() const {
    return focus.empty() && ignore.empty() && hide.empty() && show.empty() && show_from.empty() &&
           prune_from.empty() && tagfocus.empty() && tagignore.empty();
  }
};

struct FilteredProfile {
  Profile profile;
  std::vector<std::string> active;    // "focus=RE", ... for report legends (pprof leaves prune_from out)
  std::vector<std::string> unmatched; // filters that matched nothing ("focus", ...)
};

// The unit of each numeric label key, as pprof's Profile.NumLabelUnits gives
// it: the first unit a label of that key names; else "bytes" for "alignment"
// and "request", else the key itself.
std::unordered_map<std::string, std::string> NumLabelUnits(const Profile& p);

// Usage errors for malformed regexes or tag filters.
Result<FilteredProfile> ApplyFilters(const Profile& profile, const FilterOptions& options);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_FILTERS_H_
