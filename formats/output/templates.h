// The report templates (templates/), compiled into the binary at build time
// by cmake/embed_templates.cmake.
#ifndef PROFLENS_FORMATS_OUTPUT_TEMPLATES_H_
#define PROFLENS_FORMATS_OUTPUT_TEMPLATES_H_

#include <string_view>

namespace proflens {

extern const std::string_view kTemplate_flame_js;    // zoom, search, details for flame SVGs
extern const std::string_view kTemplate_flame_css;   // their styles
extern const std::string_view kTemplate_report_html; // the report page, with {{...}} slots
extern const std::string_view kTemplate_report_css;
extern const std::string_view kTemplate_report_js;
extern const std::string_view kTemplate_pan_zoom_js;  // pan and zoom of call-graph SVGs

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_TEMPLATES_H_
