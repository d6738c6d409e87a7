// The report's source view (pprof's `list`): for the heaviest functions of a
// profile with line numbers, their lines with flat and cum, and the lines'
// text when the file is found on disk (as recorded, or relative to a
// directory given); a line table otherwise.
#ifndef PROFLENS_FORMATS_REPORT_SOURCE_H_
#define PROFLENS_FORMATS_REPORT_SOURCE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/call_graph.h"

namespace proflens {

struct SourceLine {
  int64_t line = 0;
  int64_t flat = 0, cum = 0;        // 0 for context lines
  std::optional<std::string> text;  // when the file was found
};

struct SourceListing {
  std::string function;  // as the top table names it
  std::string file;      // as the profile records it
  bool found = false;    // the file was read: lines carry their text, with context
  std::vector<SourceLine> lines;  // by line number
};

// Listings of the `functions` (top-table names) that have lines in `lines`,
// a graph at line granularity, for sample type `index`.
std::vector<SourceListing> ListSources(const CallGraph& lines, int index, const std::vector<std::string>& functions,
                                       const std::string& source_dir);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_REPORT_SOURCE_H_
