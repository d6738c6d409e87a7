// The HTML report: one self-contained file (inline CSS, JS, SVG and data; no
// network when opened) drawn from a ReportModel (analyzer/report_model.h)
// with templates/. The flame graphs and call graphs are drawn here.
#ifndef PROFLENS_FORMATS_OUTPUT_HTML_REPORT_H_
#define PROFLENS_FORMATS_OUTPUT_HTML_REPORT_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/report_model.h"
#include "analyzer/status.h"

namespace proflens {

// How the pictures are drawn: the flame graphs' palette and minimum frame
// width (the trees were built with the same minimum), and whether the flame
// graphs are drawn on a thread of their own while the call graphs are laid out.
struct HtmlReportOptions {
  std::string palette = "hot";
  double min_width = 1;  // pixels
  int threads = 1;
};

// The report of `model`, with its flame graphs and call graphs drawn as
// inline SVG; an error when Graphviz cannot draw a call graph.
Result<std::string> RenderHtmlReport(const ReportModel& model, const HtmlReportOptions& options);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_HTML_REPORT_H_
