#include "formats/io/file_time.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace proflens {

Result<int64_t> FileModifiedTime(const std::string& path) {
  if (path == "-") return Status::Input("standard input has no time: give the profiles as files");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Status::Input(path + ": " + std::strerror(errno));
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

}  // namespace proflens
