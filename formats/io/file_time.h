// When a file was last written, for inputs whose format records no time.
#ifndef PROFLENS_FORMATS_IO_FILE_TIME_H_
#define PROFLENS_FORMATS_IO_FILE_TIME_H_

#include <cstdint>
#include <string>

#include "analyzer/status.h"

namespace proflens {

// The modification time of `path` in nanoseconds since the Unix epoch; an
// input error for standard input or a file that cannot be looked at.
Result<int64_t> FileModifiedTime(const std::string& path);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_FILE_TIME_H_
