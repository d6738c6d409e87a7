// Inputs fetched over HTTP or HTTPS (libcurl), as go tool pprof fetches a
// profile from a service's net/http/pprof endpoints:
//   http://localhost:6060/debug/pprof/heap
//   http://localhost:6060/debug/pprof/profile?seconds=5
//   https://host/debug/pprof/goroutine
#ifndef PROFLENS_FORMATS_IO_URL_INPUT_H_
#define PROFLENS_FORMATS_IO_URL_INPUT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/status.h"
#include "formats/io/gzip.h"
#include "formats/io/input.h"

namespace proflens {

// The options of a fetch, as pprof's -seconds and -timeout.
struct FetchOptions {
  int seconds = 0;     // > 0: the URL's seconds= is set to it (pprof's -seconds)
  double timeout = 0;  // the whole fetch, in seconds; 0: pprof's default (see PlanFetch)
};

// What is fetched, and for how long at most.
struct FetchPlan {
  std::string url;
  int seconds = 0;         // the profile's duration the URL asks for (0: none named)
  double timeout = 60;     // seconds for the whole fetch
  double connect_timeout = 10;  // seconds to connect (never more than `timeout`)
};

// An input named by an http:// or https:// URL (the scheme in any case).
bool IsUrl(std::string_view path);

// The URL to fetch and its timeouts, as go tool pprof (cmd/pprof's
// adjustURL) makes them: an empty path is /debug/pprof/profile (the CPU
// profile); options.seconds > 0 sets the query's seconds= (a CPU profile or
// trace runs that long; Go answers a heap, allocs, block or mutex profile with
// seconds= with the difference over that time); else a seconds= in the URL
// counts. The timeout, unless given, is 1.5 x the seconds, else 60 s.
FetchPlan PlanFetch(const std::string& url, const FetchOptions& options);

// The plan of a file that is no profile (a rules file, a file list, go test
// output): the URL as written but for its #fragment, no seconds=, the
// timeout given (options.timeout) or 60 s.
FetchPlan PlanFileFetch(const std::string& url, const FetchOptions& options);

// The body of the plan's URL when the answer is 2xx (redirects followed, up
// to 10). Errors are input errors naming the URL and the cause: "fetching
// URL: HTTP 404 Not Found: <the first line of the answer>", "fetching URL:
// timed out after 2 s (--timeout gives more)", "fetching URL: Failed to connect
// to 127.0.0.1 port 1 after 0 ms: Connection refused" (libcurl's words).
Result<InputBuffer> FetchUrl(const FetchPlan& plan, uint64_t max_size = kDefaultMaxDecompressedSize);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_URL_INPUT_H_
