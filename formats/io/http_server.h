// The HTTP server of proflens serve: GET requests answered by one handler on
// a pool of threads (Debian's cpp-httplib), until SIGINT or SIGTERM. It
// serves nothing by itself: no files, no directories; every answer is the
// handler's.
#ifndef PROFLENS_FORMATS_IO_HTTP_SERVER_H_
#define PROFLENS_FORMATS_IO_HTTP_SERVER_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/status.h"

namespace proflens {

struct HttpRequest {
  std::string path;  // decoded, without the query: "/top"
  std::vector<std::pair<std::string, std::string>> params;  // the query's, decoded
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

// Called on the server's threads at once: it must only read what it shares.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;      // 0: a free port, chosen by the system
  int threads = 8;   // requests answered at once; more wait their turn
};

// "HOST:PORT", ":PORT" (HOST 127.0.0.1), "[::1]:PORT", or "HOST" (port 0);
// a usage error names what is wrong.
Result<HttpServerOptions> ParseHttpAddress(const std::string& address);

// Binds host:port (an input error names them when it cannot), calls
// `listening` with the port bound, then answers requests with `handler` until
// the process gets SIGINT or SIGTERM (blocked on every thread meanwhile, and
// unblocked again on return): then it stops taking connections, lets the
// requests under way finish, closes its sockets and returns Ok.
Status ServeHttp(const HttpServerOptions& options, const HttpHandler& handler,
                 const std::function<void(int port)>& listening);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_HTTP_SERVER_H_
