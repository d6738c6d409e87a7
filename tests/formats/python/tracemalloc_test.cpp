// tracemalloc snapshots against Python's own numbers
// (tests/golden/tracemalloc/*.json, made by make_tracemalloc_goldens.py from
// samples/tracemalloc-*.pickle, which samples/gen/tracemalloc/snapshots.py wrote).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

#include "tests/test_util.h"

namespace proflens {
namespace {

// The bytes of a literal, NULs included, without its terminating NUL.
template <size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

nlohmann::json Golden(const std::string& name) {
  return nlohmann::json::parse(testing::ReadFile(testing::SourcePath("tests/golden/tracemalloc/" + name)));
}

// name -> flat of a `top --format json` run.
std::map<std::string, int64_t> Flats(const std::vector<std::string>& args) {
  testing::CliRun run = testing::RunCli(args);
  INFO(run.err);
  REQUIRE(run.code == 0);
  std::map<std::string, int64_t> flats;
  const nlohmann::json doc = nlohmann::json::parse(run.out);  // (a temporary's member would die before the loop)
  for (const nlohmann::json& row : doc["rows"]) {
    if (row["flat"].get<int64_t>() != 0) flats[row["name"]] = row["flat"];
  }
  return flats;
}

TEST_CASE("tracemalloc: top equals Snapshot.statistics by line and by file", "[tracemalloc][golden]") {
  for (const char* name : {"dict", "slots"}) {
    INFO(name);
    const std::string file = testing::SourcePath(std::string("samples/tracemalloc-") + name + ".pickle");
    const nlohmann::json golden = Golden(std::string(name) + ".statistics.json");
    for (const char* type : {"space", "count"}) {
      INFO(type);
      const int column = std::string(type) == "space" ? 1 : 2;
      // "lineno": the frame that allocated, file:line, is a function of its own.
      std::map<std::string, int64_t> want;
      for (const nlohmann::json& s : golden["lineno"]) want[s[0]] = s[column];
      CHECK(Flats({"top", file, "--sample-index", type, "-n", "0", "--nodefraction", "0", "--format", "json"}) == want);
      CHECK(Flats({"top", file, "--sample-index", type, "--granularity", "lines", "-n", "0", "--nodefraction", "0",
                   "--format", "json"}) == want);
      // "filename".
      want.clear();
      for (const nlohmann::json& s : golden["filename"]) want[s[0]] = s[column];
      CHECK(Flats({"top", file, "--sample-index", type, "--granularity", "files", "-n", "0", "--nodefraction", "0",
                   "--format", "json"}) == want);
    }
  }
  testing::CliRun info = testing::RunCli({"info", testing::SourcePath("samples/tracemalloc-dict.pickle")});
  CHECK_THAT(info.out, Catch::Contains("Format: tracemalloc") && Catch::Contains("traceback_limit: 10"));
}

TEST_CASE("tracemalloc: diff equals new.compare_to(old) per line and per file", "[tracemalloc][golden]") {
  const nlohmann::json golden = Golden("slots-vs-dict.compare.json");
  for (const char* key_type : {"lineno", "filename"}) {
    for (const char* type : {"space", "count"}) {
      INFO(key_type << " " << type);
      std::vector<std::string> args = {"diff", testing::SourcePath("samples/tracemalloc-dict.pickle"),
                                       testing::SourcePath("samples/tracemalloc-slots.pickle"), "--sample-index", type,
                                       "--format", "json"};
      if (std::string(key_type) == "filename") {
        args.push_back("--granularity");
        args.push_back("files");
      }
      testing::CliRun run = testing::RunCli(args);
      REQUIRE(run.code == 0);
      std::map<std::string, std::pair<int64_t, int64_t>> have;  // name -> (new flat, delta flat)
      const nlohmann::json doc = nlohmann::json::parse(run.out);
      for (const nlohmann::json& row : doc["rows"]) {
        if (row["new_flat"].get<int64_t>() != 0 || row["delta_flat"].get<int64_t>() != 0) {
          have[row["name"]] = {row["new_flat"], row["delta_flat"]};
        }
      }
      std::map<std::string, std::pair<int64_t, int64_t>> want;
      const bool space = std::string(type) == "space";
      for (const nlohmann::json& s : golden[key_type]) want[s[0]] = {s[space ? 1 : 3], s[space ? 2 : 4]};
      CHECK(have == want);
    }
  }
  // Per full traceback: diff --folded-diff's "stack before after" lines equal
  // compare_to(old, "traceback") (frames oldest first, as folded stacks are).
  for (const char* type : {"space", "count"}) {
    INFO("traceback " << type);
    testing::CliRun run = testing::RunCli({"diff", testing::SourcePath("samples/tracemalloc-dict.pickle"),
                                           testing::SourcePath("samples/tracemalloc-slots.pickle"), "--sample-index", type,
                                           "--folded-diff"});
    REQUIRE(run.code == 0);
    std::map<std::string, std::pair<int64_t, int64_t>> have;  // stack -> (size, size_diff)
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
      size_t after_at = line.rfind(' '), before_at = line.rfind(' ', after_at - 1);
      const int64_t before = std::stoll(line.substr(before_at + 1, after_at - before_at - 1));
      const int64_t after = std::stoll(line.substr(after_at + 1));
      have[line.substr(0, before_at)] = {after, after - before};
    }
    std::map<std::string, std::pair<int64_t, int64_t>> want;
    const bool space = std::string(type) == "space";
    for (const nlohmann::json& s : golden["traceback"]) want[s[0]] = {s[space ? 1 : 3], s[space ? 2 : 4]};
    CHECK(have == want);
  }
  // Flame graphs and the report draw allocation sites.
  const std::string dir = testing::TempDir("tracemalloc-views");
  CHECK(testing::RunCli({"flame", testing::SourcePath("samples/tracemalloc-slots.pickle"), "-o", dir + "/m.svg"}).code == 0);
  CHECK_THAT(testing::ReadFile(dir + "/m.svg"), Catch::Contains("collectors.py:17"));
  CHECK(testing::RunCli({"report", testing::SourcePath("samples/tracemalloc-slots.pickle"), "--base",
                         testing::SourcePath("samples/tracemalloc-dict.pickle"), "-o", dir + "/r.html"}).code == 0);
  // A __slots__ class allocates less: a gate says so.
  CHECK(testing::RunCli({"check", testing::SourcePath("samples/tracemalloc-slots.pickle"), "--base",
                         testing::SourcePath("samples/tracemalloc-dict.pickle"), "-a",
                         "change(flat(\"collectors.py:17\")) < -20%"}).code == 0);
}

TEST_CASE("tracemalloc: the pickle decoder runs nothing and refuses what a snapshot never holds", "[tracemalloc][hostile]") {
  const std::string dir = testing::TempDir("pickle");
  struct Case {
    const char* name;
    std::string bytes;
    const char* says;
  };
  const Case cases[] = {
      // os.system("x") as pickle writes it: a global other than tracemalloc's.
      {"global", Bytes("\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x8c\x06system\x93\x8c\x01x\x85R."),
       "refusing global os.system"},
      {"eval", Bytes("\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00\x8c\x08" "builtins\x8c\x04" "eval\x93."),
       "refusing global builtins.eval"},
      {"reduce", Bytes("\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00\x8c\x0btracemalloc\x8c\x08Snapshot\x93)R."),
       "refusing REDUCE"},
      {"truncated", Bytes("\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00\x8c\x0btracemal"), "byte offset 11: expected a string"},
      {"not-a-snapshot", Bytes("\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00K\x05."), "expected a tracemalloc.Snapshot"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    testing::WriteFile(dir + "/" + c.name, c.bytes);
    testing::CliRun run = testing::RunCli({"top", dir + "/" + c.name});
    CHECK(run.code == 3);
    CHECK_THAT(run.err, Catch::Contains(c.says));
  }
}

}  // namespace
}  // namespace proflens
