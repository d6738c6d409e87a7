#include "formats/io/url_input.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace proflens {

namespace {

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(),
                    [](char p, char t) { return p == std::tolower(static_cast<unsigned char>(t)); });
}

// "2 s", "1.5 s".
std::string SecondsText(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", seconds);
  return buf;
}

// What a fetch collects: the body (up to a limit) and the status line's reason.
struct Answer {
  std::string body;
  uint64_t max_size = 0;
  bool too_big = false;
  std::string reason;  // "Not Found", from the last status line (HTTP/1.x only)
};

extern "C" size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  Answer& answer = *static_cast<Answer*>(user);
  const size_t n = size * count;
  if (answer.body.size() + n > answer.max_size) {
    answer.too_big = true;
    return 0;  // curl stops with CURLE_WRITE_ERROR
  }
  answer.body.append(data, n);
  return n;
}

// "HTTP/1.1 404 Not Found\r\n": keeps "Not Found". A redirect's status line
// comes first and is replaced by the next one.
extern "C" size_t ReadHeader(char* data, size_t size, size_t count, void* user) {
  Answer& answer = *static_cast<Answer*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    answer.reason.clear();
    const size_t code = line.find(' ');
    const size_t reason = code == std::string_view::npos ? code : line.find(' ', code + 1);
    if (reason != std::string_view::npos) {
      std::string_view text = line.substr(reason + 1);
      while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
      answer.reason = std::string(text);
    }
  }
  return size * count;
}

// The first line of an error answer, when it is short printable text (Go's
// http.Error writes one: "profile duration exceeds server's WriteTimeout").
std::string FirstLine(const std::string& body) {
  std::string_view line(body);
  line = line.substr(0, std::min(line.find('\n'), size_t{200}));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  const bool printable = std::all_of(line.begin(), line.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
  });
  return printable ? std::string(line) : "";
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

}  // namespace

bool IsUrl(std::string_view path) { return StartsWithNoCase(path, "http://") || StartsWithNoCase(path, "https://"); }

FetchPlan PlanFetch(const std::string& url, const FetchOptions& options) {
  FetchPlan plan;
  // scheme://authority/path?query#fragment; the fragment is never sent.
  std::string_view rest(url);
  rest = rest.substr(0, rest.find('#'));
  const size_t authority = rest.find("://") + 3;
  const size_t path_start = std::min(rest.find_first_of("/?", authority), rest.size());
  const size_t query_start = std::min(rest.find('?', path_start), rest.size());
  std::string path(rest.substr(path_start, query_start - path_start));
  if (path.empty() || path == "/") path = "/debug/pprof/profile";
  std::string_view query = query_start < rest.size() ? rest.substr(query_start + 1) : std::string_view();

  // The query's parameters in their order; seconds= replaced or added.
  std::string kept;
  int url_seconds = 0;
  while (!query.empty()) {
    const size_t end = std::min(query.find('&'), query.size());
    const std::string_view param = query.substr(0, end);
    query.remove_prefix(std::min(end + 1, query.size()));
    if (param.empty()) continue;
    if (param.starts_with("seconds=")) {
      url_seconds = std::atoi(std::string(param.substr(8)).c_str());
      if (options.seconds > 0) continue;
    }
    kept += (kept.empty() ? "" : "&") + std::string(param);
  }
  if (options.seconds > 0) {
    kept += (kept.empty() ? "" : "&") + std::string("seconds=") + std::to_string(options.seconds);
    plan.seconds = options.seconds;
  } else {
    plan.seconds = std::max(url_seconds, 0);
  }
  plan.url = std::string(rest.substr(0, path_start)) + path + (kept.empty() ? "" : "?" + kept);
  if (options.timeout > 0) {
    plan.timeout = options.timeout;
  } else {
    plan.timeout = plan.seconds > 0 ? 1.5 * plan.seconds : 60;
  }
  plan.connect_timeout = std::min(plan.connect_timeout, plan.timeout);
  return plan;
}

FetchPlan PlanFileFetch(const std::string& url, const FetchOptions& options) {
  FetchPlan plan;
  plan.url = url.substr(0, url.find('#'));
  if (options.timeout > 0) plan.timeout = options.timeout;
  plan.connect_timeout = std::min(plan.connect_timeout, plan.timeout);
  return plan;
}

Result<InputBuffer> FetchUrl(const FetchPlan& plan, uint64_t max_size) {
  static std::once_flag curl_init;
  std::call_once(curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  const std::string context = "fetching " + plan.url;
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Input(context + ": libcurl could not start");

  Answer answer;
  answer.max_size = max_size;
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, plan.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe on any thread
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(std::ceil(plan.timeout * 1000)));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::ceil(plan.connect_timeout * 1000)));
  curl_easy_setopt(c, CURLOPT_USERAGENT, "proflens");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, ReadHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &answer);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (max_size < (uint64_t{1} << 62)) {
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_size));
  }

  const CURLcode code = curl_easy_perform(c);
  if (answer.too_big || code == CURLE_FILESIZE_EXCEEDED) {
    return Status::Input(context + ": the answer is more than " + std::to_string(max_size) + " bytes (--max-input-size)");
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return Status::Input(context + ": timed out after " + SecondsText(plan.timeout) +
                         (plan.seconds > 0 ? " (a " + std::to_string(plan.seconds) + " s profile; --timeout gives more)"
                                           : " (--timeout gives more)"));
  }
  if (code != CURLE_OK) {
    return Status::Input(context + ": " + (error[0] != '\0' ? error : curl_easy_strerror(code)));
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) {
    std::string message = context + ": HTTP " + std::to_string(status);
    if (!answer.reason.empty()) message += " " + answer.reason;
    const std::string said = FirstLine(answer.body);
    if (!said.empty()) message += ": " + said;
    return Status::Input(message);
  }
  if (answer.body.empty()) return Status::Input(context + ": HTTP " + std::to_string(status) + " with an empty answer");
  return InputBuffer::FromString(std::move(answer.body));
}

}  // namespace proflens
