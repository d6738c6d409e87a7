#include "formats/io/http_server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <exception>
#include <new>
#include <thread>

namespace proflens {

namespace {

// The listen queue. Debian's cpp-httplib is compiled with a queue of 5, too
// short for a burst of clients (a browser opens several connections at once);
// listen() again on the bound socket lengthens it.
constexpr int kListenBacklog = 128;

// Idle keep-alive connections, and clients slow to send their request, hold
// a thread this long, and so delay a stop (a request is one short line).
constexpr time_t kKeepAliveSeconds = 1;
constexpr time_t kReadTimeoutSeconds = 2;

// SIGINT and SIGTERM blocked on this thread and the threads it starts, so
// that only sigtimedwait() takes them; SIGPIPE ignored (a client that goes
// away mid-answer must not end the server). Restored when it goes.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &old_mask_);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &old_pipe_);
  }
  ~StopSignals() {
    sigaction(SIGPIPE, &old_pipe_, nullptr);
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // True when SIGINT or SIGTERM came within `millis`.
  bool Wait(long millis) const {
    struct timespec wait {0, millis * 1000000};
    return sigtimedwait(&set_, nullptr, &wait) > 0;
  }

 private:
  sigset_t set_{}, old_mask_{};
  struct sigaction old_pipe_ {};
};

HttpRequest ToRequest(const httplib::Request& req) {
  HttpRequest request;
  request.path = req.path;
  for (const auto& [key, value] : req.params) request.params.emplace_back(key, value);
  return request;
}

}  // namespace

Result<HttpServerOptions> ParseHttpAddress(const std::string& address) {
  HttpServerOptions options;
  std::string host = address;
  std::string port;
  const size_t colon = address.rfind(':');
  const size_t bracket = address.rfind(']');
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    host = address.substr(0, colon);
    port = address.substr(colon + 1);
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "127.0.0.1";
  options.host = host;
  if (!port.empty()) {
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), options.port);
    if (error != std::errc() || end != port.data() + port.size() || options.port < 0 || options.port > 65535) {
      return Status::Usage("--http " + address + ": expected HOST:PORT with a port from 0 to 65535");
    }
  }
  return options;
}

Status ServeHttp(const HttpServerOptions& options, const HttpHandler& handler,
                 const std::function<void(int port)>& listening) {
  StopSignals signals;  // before any thread starts, so that every one inherits the mask
  httplib::Server server;
  const int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server.set_keep_alive_timeout(kKeepAliveSeconds);
  server.set_read_timeout(kReadTimeoutSeconds);
  int listen_socket = -1;
  server.set_socket_options([&listen_socket](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_socket = sock;
  });
  server.Get(".*", [&handler](const httplib::Request& req, httplib::Response& res) {
    HttpResponse answer;
    try {
      answer = handler(ToRequest(req));
    } catch (const std::bad_alloc&) {
      answer = {503, "text/plain; charset=utf-8", "proflens: out of memory\n"};
    } catch (const std::exception& e) {
      answer = {500, "text/plain; charset=utf-8", std::string("proflens: ") + e.what() + "\n"};
    }
    res.status = answer.status;
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(std::move(answer.body), answer.content_type.c_str());
  });

  errno = 0;
  int port = options.port;
  const bool bound = port == 0 ? (port = server.bind_to_any_port(options.host)) > 0
                               : server.bind_to_port(options.host, port);
  if (!bound) {
    const int err = errno;
    return Status::Input("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                         (err != 0 ? std::string(": ") + std::strerror(err) : std::string()) +
                         (options.port != 0 ? " (--http HOST:0 picks a free port)" : ""));
  }
  if (listen_socket >= 0) ::listen(listen_socket, kListenBacklog);
  listening(port);

  std::atomic<bool> ended = false;
  std::thread serving([&server, &ended] {
    server.listen_after_bind();
    ended = true;
  });
  // Until a stop signal, or the server ended by itself.
  while (!signals.Wait(200) && !ended) {
  }
  server.stop();
  serving.join();
  return Status::Ok();
}

}  // namespace proflens
