// Austin's collapsed samples (the CPython frame stack sampler), versions 1 to 3:
//
//   Austin 1.x (Debian 12's):  Thread 55acdcba1ea0;_find_and_load (<frozen importlib._bootstrap>);L991;main (app.py);L30 126
//               with -a:       Thread 55acdcba1ea0;main (app.py:30) 126
//               with -C:       Process 4242;Thread 7f3c...;... 126
//               with -f:       Thread 55acdcba1ea0;main (app.py);L30 126 2836 0
//   Austin 2.x:                P4242;T7f3c2b4c8740;main (app.py);L30 126        (-a and -f as 1.x)
//   Austin 3.x:                # austin: 3.7.0 / # interval: 100 / # mode: wall
//                              P4242;T0:4243;app.py:main:30 126
//               with -f:       P4242;T0:4243;app.py:main:30 126,0,-4096
//
// A line marker ";L30" is the line of the frame before it, not a frame. The
// process and thread frames at the root ("Process 4242", "Thread 7f3c...",
// "P4242", "T0:4243") become the labels `process` and `thread` (as written),
// so that ids that change between runs do not change the stacks. A frame is
// the function "main (app.py)" at its line, as py-spy's frames are read.
// `<idle>` (Austin 1 and 2 with -s) and Austin 3's `:GC:` and `:INVALID:`
// frames stay frames ("<idle>", "GC", "INVALID").
//
// Values, as Austin's header says (Austin 1 and 2 write none, and are read
// as wall time, or as full when a line has three values):
//   wall, cpu:  wall/microseconds or cpu/microseconds;
//   memory:     alloc/bytes and dealloc/bytes, the positive and the negated
//               negative deltas, as austin2speedscope splits them;
//   full:       wall/microseconds, cpu/microseconds (the time of samples not
//               idle), alloc/bytes, dealloc/bytes (Austin 3); Austin 1 and 2:
//               wall, alloc and dealloc, Austin 1's memory in KiB made bytes.
// Austin 1's "Thread 7f3c...;Bad sample 1234" lines are left out, counted
// in a note.
#ifndef PROFLENS_FORMATS_PYTHON_AUSTIN_READER_H_
#define PROFLENS_FORMATS_PYTHON_AUSTIN_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

Result<Profile> ReadAustin(std::string_view text, std::vector<std::string>* notes = nullptr);

// Whether `line` begins like an Austin sample: "Thread <hex>", "Process
// <pid>;Thread <hex>" or "P<pid>;T<id>", followed by ';' or a space.
bool IsAustinSampleLine(std::string_view line);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PYTHON_AUSTIN_READER_H_
