// Writing outputs so that a failed run never leaves a half-written file: the
// bytes go to a temporary file in the same directory, which is renamed over
// the target only once everything was written. "-" writes standard output.
#ifndef PROFLENS_FORMATS_OUTPUT_FILE_H_
#define PROFLENS_FORMATS_OUTPUT_FILE_H_

#include <ostream>
#include <string>
#include <string_view>

#include "analyzer/status.h"

namespace proflens {

// `stdout_stream` receives the bytes when path is "-".
Status WriteOutputFile(const std::string& path, std::string_view bytes, std::ostream& stdout_stream);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_FILE_H_
