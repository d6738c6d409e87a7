#include "formats/io/output_file.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <streambuf>
#include <vector>

namespace proflens {

namespace {

// The temporary file being written, removed if SIGINT or SIGTERM ends the
// run meanwhile (the handler may only read it; it is set before the file
// exists and cleared after the rename).
char g_temp_path[PATH_MAX + 16];
volatile sig_atomic_t g_temp_active = 0;

extern "C" void RemoveTempAndDie(int sig) {
  if (g_temp_active) ::unlink(g_temp_path);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void GuardTemp(const std::string& temp) {
  static const bool installed = [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction action {};
      struct sigaction previous {};
      ::sigaction(sig, nullptr, &previous);
      if (previous.sa_handler != SIG_DFL) continue;  // someone else's handler, or ignored: leave it
      action.sa_handler = RemoveTempAndDie;
      ::sigemptyset(&action.sa_mask);
      ::sigaction(sig, &action, nullptr);
    }
    return true;
  }();
  (void)installed;
  g_temp_active = 0;
  std::snprintf(g_temp_path, sizeof g_temp_path, "%s", temp.c_str());
  g_temp_active = 1;
}

Status WriteAll(int fd, std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Input(std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

// A stream buffer on a file descriptor; the first write error is kept.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd), buffer_(size_t{1} << 20) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  Status Finish() {
    Drain();
    return error_;
  }

 protected:
  int_type overflow(int_type c) override {
    Drain();
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n >= static_cast<std::streamsize>(buffer_.size())) {  // large writes go straight through
      Drain();
      if (error_.ok()) error_ = WriteAll(fd_, std::string_view(s, static_cast<size_t>(n)));
      return n;
    }
    return std::streambuf::xsputn(s, n);
  }
  int sync() override {
    Drain();
    return error_.ok() ? 0 : -1;
  }

 private:
  void Drain() {
    if (error_.ok() && pptr() > pbase()) error_ = WriteAll(fd_, std::string_view(pbase(), static_cast<size_t>(pptr() - pbase())));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  int fd_;
  std::vector<char> buffer_;
  Status error_ = Status::Ok();
};

// Runs `write` on a buffered stream on `fd` and closes it.
Status WriteToFd(int fd, const std::function<Status(std::ostream&)>& write) {
  FdBuffer buffer(fd);
  std::ostream stream(&buffer);
  Status written = write(stream);
  Status flushed = buffer.Finish();
  if (written.ok()) written = flushed;
  if (::close(fd) != 0 && written.ok()) written = Status::Input(std::strerror(errno));
  return written;
}

// Where `path` leads: a symlink's target (made absolute against the link's
// folder when relative, followed through further links), else `path`.
std::string FollowLinks(const std::string& path) {
  std::string current = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return current;
    char target[PATH_MAX];
    ssize_t n = ::readlink(current.c_str(), target, sizeof target - 1);
    if (n < 0) return current;
    target[n] = '\0';
    if (target[0] == '/') {
      current = target;
    } else {
      size_t slash = current.rfind('/');
      current = (slash == std::string::npos ? std::string() : current.substr(0, slash + 1)) + target;
    }
  }
  return current;
}

}  // namespace

Status WriteOutputFile(const std::string& path, std::string_view bytes, std::ostream& stdout_stream) {
  return WriteOutputStream(path, stdout_stream, [bytes](std::ostream& out) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return Status::Ok();
  });
}

Status WriteOutputStream(const std::string& path, std::ostream& stdout_stream,
                         const std::function<Status(std::ostream&)>& write) {
  if (path == "-") {
    PROFLENS_RETURN_IF_ERROR(write(stdout_stream));
    stdout_stream.flush();
    if (!stdout_stream) return Status::Input("writing standard output failed");
    return Status::Ok();
  }
  auto fail = [&](const std::string& what, int err) {
    return Status::Input("writing " + path + ": " + what + std::strerror(err));
  };
  // A symlink is followed: its target is what gets written.
  const std::string target = FollowLinks(path);
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::Input("writing " + path + ": is a directory, expected a file name");
    if (!S_ISREG(st.st_mode)) {
      // A device, a FIFO, /dev/stdout: written in place, never replaced.
      int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0) return fail("", errno);
      Status written = WriteToFd(fd, write);
      return written.WithContext("writing " + path);
    }
  }
  // A regular file (or a new one) is replaced whole: written beside it, then renamed.
  std::string temp = target + ".tmp.XXXXXX";
  GuardTemp(temp);  // the name mkstemp will fill in is known only after it; set it again below
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    g_temp_active = 0;
    return fail("cannot create a file in its directory: ", errno);
  }
  GuardTemp(temp);
  ::fchmod(fd, 0644);
  Status written = WriteToFd(fd, write);
  if (written.ok() && ::rename(temp.c_str(), target.c_str()) != 0) written = Status::Input(std::strerror(errno));
  if (!written.ok()) ::unlink(temp.c_str());
  g_temp_active = 0;
  return written.WithContext("writing " + path);
}

}  // namespace proflens
