// Writing outputs so that a failed run never leaves a half-written file: the
// bytes go to a temporary file in the same directory, which is renamed over
// the target only once everything was written. "-" writes standard output.
#ifndef PROFLENS_FORMATS_IO_OUTPUT_FILE_H_
#define PROFLENS_FORMATS_IO_OUTPUT_FILE_H_

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "analyzer/status.h"

namespace proflens {

// `stdout_stream` receives the bytes when path is "-".
Status WriteOutputFile(const std::string& path, std::string_view bytes, std::ostream& stdout_stream);

// The same for output written as it is made (no copy of it all in memory):
// `write` gets a buffered stream on the temporary file (or `stdout_stream`).
// A failing `write` leaves no file; on standard output what it wrote stays,
// so writers that can fail half-way should build their bytes first.
Status WriteOutputStream(const std::string& path, std::ostream& stdout_stream,
                         const std::function<Status(std::ostream&)>& write);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_OUTPUT_FILE_H_
