// The report's source view (pprof's `list`): for the heaviest functions of a
// profile with line numbers, their lines with flat and cum, and the lines'
// text when the file is found on disk (as recorded, or relative to a
// directory given); a line table otherwise. The source files are read here,
// by the app, never by a renderer.
#ifndef PROFLENS_APP_SOURCE_VIEW_H_
#define PROFLENS_APP_SOURCE_VIEW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/call_graph.h"
#include "analyzer/report_model.h"

namespace proflens {

// Listings of the `functions` (top-table names) that have lines in `lines`,
// a graph at line granularity, for sample type `index`.
std::vector<SourceListing> ListSources(const CallGraph& lines, int index, const std::vector<std::string>& functions,
                                       const std::string& source_dir);

}  // namespace proflens

#endif  // PROFLENS_APP_SOURCE_VIEW_H_
