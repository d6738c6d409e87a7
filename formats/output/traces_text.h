// The traces as `go tool pprof -traces` prints them: the legend, then per
// sample a rule, its labels ("%10s:  %s"), and its frames with the value on
// the leaf's line ("%10s   %s", " (inline)" after inlined frames):
//   -----------+-------------------------------------------------------
//         pool:  hot
//          48B   small
//                main
#ifndef PROFLENS_FORMATS_OUTPUT_TRACES_TEXT_H_
#define PROFLENS_FORMATS_OUTPUT_TRACES_TEXT_H_

#include <ostream>

#include "analyzer/traces.h"

namespace proflens {

void WriteTracesText(const TracesReport& report, std::ostream& out);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_TRACES_TEXT_H_
