// Go's goroutine dump: /debug/pprof/goroutine?debug=2 (runtime.Stack of
// every goroutine), the text a panic prints for each goroutine:
//
//   goroutine 7 [chan receive, 5 minutes, locked to thread]:
//   main.handle(...)
//           /src/app/main.go:34
//   main.consumer(0x0?)
//           /src/app/main.go:39 +0x27
//   created by main.main.func1
//           /src/app/main.go:92 +0x45
//
// (Go 1.21 on: "created by main.main.func1 in goroutine 1"; with
// GOTRACEBACK=system a file line ends in "fp=0x.. sp=0x.. pc=0x..".)
//
// Read as one sample of sample type goroutine/count per goroutine (equal
// stacks with equal labels are summed, as debug=1 counts them), with the
// labels `state` ("chan receive"), `wait` ("5 minutes", when the runtime
// printed one) and `detail` (any other item of the bracket: "locked to
// thread"). A frame is its function at its file and line; frames whose
// arguments are "(...)" and whose file line has no "+0x" offset were
// inlined into the frame below them and share its location, as profile.proto
// has them. The creator ("created by X") is the root frame, named
// "created by X" so that it is told from X's own frames. Goroutines the
// runtime printed no stack for ("goroutine running on other thread; stack
// unavailable") are counted in a note.
#ifndef PROFLENS_FORMATS_GO_GOROUTINE_DUMP_READER_H_
#define PROFLENS_FORMATS_GO_GOROUTINE_DUMP_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

Result<Profile> ReadGoroutineDump(std::string_view text, std::vector<std::string>* notes = nullptr);

// The dump's own grammar on its first lines: blank lines, then a header
// "goroutine N [STATE...]:", then a frame "FUNC(ARGS)" and its file line
// "\tFILE:LINE" (or the runtime's "stack unavailable" line).
bool LooksLikeGoroutineDump(std::string_view text);

// "goroutine 7 [chan receive, 5 minutes]:" split into its id and the
// bracket's items; false when the line is not a header.
struct GoroutineHeader {
  uint64_t id = 0;
  std::vector<std::string_view> items;  // "chan receive", "5 minutes"
};
bool ParseGoroutineHeader(std::string_view line, GoroutineHeader* header);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_GO_GOROUTINE_DUMP_READER_H_
