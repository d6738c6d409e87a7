// Frames of Python samplers in folded stacks, read as functions with a file
// and a line instead of opaque strings:
//   py-spy:  "parse (consumer.py:40)", "<module> (app.py:3)", "f (x.py)" (--nolineno)
//   Austin:  "consumer.py:parse:40", "<frozen importlib._bootstrap>:_find_and_load:1007"
// and their root frames, which name a process or a thread, not a function:
//   py-spy:  "process 4817:\"python app.py\"", "thread (0x7F2B4C8C5740)"
//   Austin:  "P6360" then "T6360" (or "T6360:140000")
// Only a file that Python runs counts (".py", ".pyx", ".pyw", ".pyi" or
// "<frozen ...>"-style pseudo files), so other folded frames with a space
// or a colon stay as they are.
#ifndef PROFLENS_FORMATS_PYTHON_PYTHON_FRAMES_H_
#define PROFLENS_FORMATS_PYTHON_PYTHON_FRAMES_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace proflens {

struct PythonFrame {
  std::string_view function;  // "parse", "<module>", "Parser.parse" (Austin's qualified names)
  std::string_view file;      // as written
  int64_t line = 0;           // 0 when not written
};

std::optional<PythonFrame> ParsePythonFrame(std::string_view frame);

enum class RootFrame { kNone, kPySpyProcess, kPySpyThread, kAustinProcess, kAustinThread };

// What a frame at the root of a stack names, if it is one of the above.
RootFrame ClassifyRootFrame(std::string_view frame);

// A root frame becomes a label (kProcessFrameLabel or kThreadFrameLabel,
// analyzer/profile.h) whose value is the frame as written.

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PYTHON_PYTHON_FRAMES_H_
