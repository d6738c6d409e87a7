// SVG of a call graph, laid out and rendered in-process by Graphviz's gvc
// (gvLayout with "dot", gvRender to "svg"): no subprocess.
#ifndef PROFLENS_FORMATS_OUTPUT_CALLGRAPH_SVG_H_
#define PROFLENS_FORMATS_OUTPUT_CALLGRAPH_SVG_H_

#include <string>

#include "analyzer/status.h"
#include "formats/output/dot_writer.h"

namespace proflens {

// Layouts beyond this many nodes take minutes: such graphs must be trimmed first.
inline constexpr size_t kMaxSvgNodes = 2000;

Result<std::string> RenderSvg(const DotDocument& document);

// The same as a file of its own, as pprof's web view shows it: the drawing
// fits the window (100% size, the viewBox kept), the wheel zooms, dragging
// pans, a double click shows the whole graph again.
Result<std::string> RenderStandaloneSvg(const DotDocument& document);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_CALLGRAPH_SVG_H_
