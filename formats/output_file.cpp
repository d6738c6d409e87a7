#include "formats/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace proflens {

Status WriteOutputFile(const std::string& path, std::string_view bytes, std::ostream& stdout_stream) {
  if (path == "-") {
    stdout_stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    stdout_stream.flush();
    if (!stdout_stream) return Status::Input("writing standard output failed");
    return Status::Ok();
  }
  auto fail = [&](const std::string& what, int err) {
    return Status::Input("writing " + path + ": " + what + std::strerror(err));
  };
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return Status::Input("writing " + path + ": is a directory, expected a file name");
  }
  std::string temp = path + ".tmp.XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return fail("cannot create a file in its directory: ", errno);
  ::fchmod(fd, 0644);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return fail("", err);
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return fail("", err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return fail("", err);
  }
  return Status::Ok();
}

}  // namespace proflens
