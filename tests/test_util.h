// Helpers shared by the tests.
#ifndef PROFLENS_TESTS_TEST_UTIL_H_
#define PROFLENS_TESTS_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "analyzer/assertions.h"
#include "analyzer/call_graph.h"
#include "analyzer/profile.h"

namespace proflens::testing {

// An absolute path under the source tree.
std::string SourcePath(const std::string& relative);
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& bytes);
// Bytes from their hex digits ("7d94" -> "\x7d\x94").
std::string FromHex(std::string_view hex);
// The data block of an HTML report (<script id="report-data">), parsed: null
// when the page has none, a discarded value when it is not JSON.
nlohmann::json ReportData(const std::string& html);
// A fresh empty directory for one test's files, under this process's own
// directory, which RemoveTempDirs removes (the test main, at exit).
std::string TempDir(const std::string& name);
void RemoveTempDirs();

// The rows of a pprof `-top` text table (flat, cum and name, without
// " (inline)"), as go tool pprof and proflens top print them.
struct TextRow {
  std::string flat, cum, name;
};
std::vector<TextRow> TextRows(const std::string& text);

struct CliRun {
  int code = 0;
  std::string out;
  std::string err;
};
// Runs the command line in-process ("proflens" is prepended).
CliRun RunCli(std::vector<std::string> args);
// Runs the built binary through the shell (for stdin and real exit codes).
CliRun RunBinary(const std::string& shell_args);

// One row of a golden MANIFEST: golden file, inputs, the peer's flags, and
// proflens's arguments with the inputs placed where they say "{}" (else last).
struct GoldenRow {
  std::string golden;
  std::vector<std::string> inputs;  // absolute paths
  std::string peer_flags;
  std::vector<std::string> args;    // a full proflens command line, inputs included
};
// Reads the tab-separated MANIFEST at `relative` (under the source tree).
std::vector<GoldenRow> ReadGoldenManifest(const std::string& relative);

// Opens `html_path` in headless Chromium (Debian's /usr/bin/chromium) and
// returns the DOM after its scripts ran; fails the test when Chromium is missing.
std::string ChromiumDumpDom(const std::string& html_path);

// A profile from stacks written root first, ';' between frames, as in
// {"main;a;b", {3}}. A frame "a>b" is one location where b was inlined into a.
// Every function's file is "<name>.c".
struct TestStack {
  std::string frames;
  std::vector<int64_t> values;
};
Profile MakeProfile(const std::vector<TestStack>& stacks,
                    const std::vector<std::pair<std::string, std::string>>& types = {{"samples", "count"}});

// A pprof profile (uncompressed) whose last three samples have one stack and
// one label set, k1=v1 and k2=v2, written in two ways: together, and in the
// other order apart around the location ids. Read whole, they are one sample.
std::string PprofWithOneLabelSetWrittenTwoWays();

// A rule's result as check reports it, for the writers' tests.
RuleResult MakeRuleResult(const std::string& name, const std::string& expression, bool passed, const std::string& actual,
                          const std::string& limit, const std::string& error = "", std::vector<std::string> details = {});

// The node with this printable name, or nullptr.
const CallGraphNode* FindNode(const CallGraph& graph, const std::string& name);
// The edge caller -> callee by printable names, or nullptr.
const CallGraphEdge* FindEdge(const CallGraph& graph, const std::string& caller, const std::string& callee);

}  // namespace proflens::testing

#endif  // PROFLENS_TESTS_TEST_UTIL_H_
