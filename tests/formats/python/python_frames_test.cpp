// Python samplers' frames in folded stacks, by the frame syntax py-spy and
// Austin write (python_frames.h): each expected function, file and line is
// read off the frame by hand; frames of other languages stay opaque.
#include <catch2/catch.hpp>

#include "formats/python/python_frames.h"

namespace proflens {
namespace {

struct Parsed {
  std::string function, file;
  int64_t line;
  bool operator==(const Parsed&) const = default;
};

std::optional<Parsed> Parse(std::string_view frame) {
  std::optional<PythonFrame> f = ParsePythonFrame(frame);
  if (!f) return std::nullopt;
  return Parsed{std::string(f->function), std::string(f->file), f->line};
}

TEST_CASE("python frames: py-spy's \"function (file:line)\"", "[python_frames]") {
  CHECK(Parse("parse (consumer.py:40)") == Parsed{"parse", "consumer.py", 40});
  CHECK(Parse("<module> (app.py:3)") == Parsed{"<module>", "app.py", 3});
  CHECK(Parse("Parser.parse (/srv/app/consumer.py:40)") == Parsed{"Parser.parse", "/srv/app/consumer.py", 40});
  CHECK(Parse("f (x.py)") == Parsed{"f", "x.py", 0});  // --nolineno
  CHECK(Parse("run (<string>:1)") == Parsed{"run", "<string>", 1});
  CHECK(Parse("work (ext.pyx:9)") == Parsed{"work", "ext.pyx", 9});
}

TEST_CASE("python frames: Austin's \"file:function:line\"", "[python_frames]") {
  CHECK(Parse("consumer.py:parse:40") == Parsed{"parse", "consumer.py", 40});
  CHECK(Parse("consumer.py:transform.<locals>.<lambda>:7") == Parsed{"transform.<locals>.<lambda>", "consumer.py", 7});
  CHECK(Parse("<frozen importlib._bootstrap>:_find_and_load:1007") ==
        Parsed{"_find_and_load", "<frozen importlib._bootstrap>", 1007});
  CHECK(Parse("C:\\app\\main.py:run:12") == Parsed{"run", "C:\\app\\main.py", 12});  // a file with a colon
}

TEST_CASE("python frames: other frames with a space or a colon stay opaque", "[python_frames]") {
  for (const char* frame : {
           "main (/bin/app)",                       // not a file Python runs
           "foo (bar.c:12)",
           "std::function<int (int, int)>::operator()(int, int) const",
           "a frame with spaces",
           "LazyCompile:~render /tmp/app.js:2",
           "module.pyc:f:1",                        // compiled files are not listed
           "x.py:f:",                               // no line
           "x.py::3",                               // no function
           ":f:3",                                  // no file
           "a.py:f:99999999999999999999",           // a line beyond 64 bits
           "f (x.py:)",
       }) {
    INFO(frame);
    CHECK_FALSE(ParsePythonFrame(frame).has_value());
  }
}

TEST_CASE("python frames: the root frames of a process and a thread", "[python_frames]") {
  CHECK(ClassifyRootFrame("process 4817:\"python app.py\"") == RootFrame::kPySpyProcess);
  CHECK(ClassifyRootFrame("thread (0x7F2B4C8C5740)") == RootFrame::kPySpyThread);
  CHECK(ClassifyRootFrame("P6360") == RootFrame::kAustinProcess);
  CHECK(ClassifyRootFrame("T6360") == RootFrame::kAustinThread);
  CHECK(ClassifyRootFrame("T6360:140000") == RootFrame::kAustinThread);
  for (const char* frame : {"main", "P", "Pmain", "T", "process x:\"y\"", "thread (0xZZ)", "thread (0x12", "[unknown]"}) {
    INFO(frame);
    CHECK(ClassifyRootFrame(frame) == RootFrame::kNone);
  }
}

}  // namespace
}  // namespace proflens
