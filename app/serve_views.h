// The views proflens serve answers, from inputs read once: a request's query
// refines the view as the command line's options do, and the answer is what
// the command prints for them:
//   /       the report (proflens report), with a form that refines it
//   /top    proflens top        (format=text|json|csv, nodecount, nodefraction, sort, unit, rows)
//   /peek   proflens peek       (regex=..., format, unit)
//   /flame  proflens flame      (SVG; title, minwidth, width, reverse, colors)
//   /graph  proflens dot        (format=svg|dot, nodecount, nodefraction, edgefraction, unit)
// Every view takes the view options: focus, ignore, hide, show, show_from,
// prune_from, tagfocus, tagignore, sample_index, granularity, symbols,
// relative_percentages, normalize and base (repeatable: inputs by the name
// they were given as; present and empty: no base). A name may be written
// with '-' or '_'. Anything else is 404; an unknown parameter is 400.
#ifndef PROFLENS_APP_SERVE_VIEWS_H_
#define PROFLENS_APP_SERVE_VIEWS_H_

#include <string>
#include <vector>

#include "app/command_context.h"
#include "app/commands.h"
#include "formats/io/http_server.h"

namespace proflens {

// What every request reads, and none writes.
struct ServeState {
  ReportArgs defaults;              // the command line's view and report options
  LoadedInputCache inputs;          // every file and base, read once
  std::vector<std::string> names;   // the inputs in command-line order: files, then bases
  ReadOptions read;                 // the global input options (--threads)
};

// Reads every input once into a state (an error names the input).
Result<ServeState> LoadServeState(const ReportArgs& defaults, CommandContext& context);

// The answer to one request; safe to call from many threads at once.
HttpResponse AnswerServeRequest(const ServeState& state, const HttpRequest& request);

}  // namespace proflens

#endif  // PROFLENS_APP_SERVE_VIEWS_H_
