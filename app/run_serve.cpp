// proflens serve FILE... [--http HOST:PORT]: the report's views served live,
// as go tool pprof -http serves its own. The inputs are read once and shared
// read-only by every request (app/serve_views.h); the server answers on a
// pool of threads until SIGINT or SIGTERM (formats/io/http_server.h).
#include <sstream>

#include "app/commands.h"
#include "app/serve_views.h"
#include "formats/io/http_server.h"

namespace proflens {

Status RunServe(const ServeArgs& args, CommandContext& context) {
  PROFLENS_ASSIGN_OR_RETURN(HttpServerOptions http, ParseHttpAddress(args.http));
  http.threads = args.threads;
  PROFLENS_ASSIGN_OR_RETURN(const ServeState state, LoadServeState(args.report, context));
  // The first page, made now: options that cannot make it are an error of
  // the command line, not of every page.
  std::ostringstream page, warnings;
  CommandContext first{page, warnings, Status::Ok(), state.read};
  first.loaded = &state.inputs;
  PROFLENS_RETURN_IF_ERROR(RenderReport(state.defaults, first).status());
  context.err << warnings.str();

  const std::string host = http.host.find(':') != std::string::npos ? "[" + http.host + "]" : http.host;
  return ServeHttp(
      http, [&state](const HttpRequest& request) { return AnswerServeRequest(state, request); },
      [&](int port) {
        context.err << "proflens: serving http://" << host << ':' << port << "/ (views: /, /top, /peek, /flame, "
                    << "/graph; Ctrl-C stops)" << std::endl;
      });
}

}  // namespace proflens
