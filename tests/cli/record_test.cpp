// proflens record end to end: a small C program built here, recorded by the
// real perf into each output kind (folded, flame SVG, HTML report, pprof),
// each checked well-formed and naming the program's hot function; and the
// errors: perf missing, a command that cannot start, one that fails. The
// recording cases skip, saying why, where perf cannot record (not installed,
// perf_event_paranoid), as the live perf.data test does.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>

#include "formats/read_profile.h"
#include "tests/live_perf.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

constexpr const char* kHot = "proflens_record_hot_loop";

// A program that spins in kHot for about a second, then exits with argv[2].
// Built with frame pointers, as `--call-graph fp` needs; once a test run.
std::string BuildHotProgram() {
  static const std::string built = [] {
    const std::string dir = testing::TempDir("record-program");
    testing::WriteFile(dir + "/hot.c",
                       "#include <stdlib.h>\n"
                       "__attribute__((noinline)) double proflens_record_hot_loop(long n) {\n"
                       "  volatile double x = 0;\n"
                       "  for (long i = 0; i < n; ++i) x += i * 0.5;\n"
                       "  return x;\n"
                       "}\n"
                       "int main(int argc, char** argv) {\n"
                       "  long n = argc > 1 ? atol(argv[1]) : 150000000;\n"
                       "  return proflens_record_hot_loop(n) < 0 ? 99 : (argc > 2 ? atoi(argv[2]) : 0);\n"
                       "}\n");
    const std::string build = "gcc -O1 -fno-omit-frame-pointer -o " + dir + "/hot " + dir + "/hot.c";
    return std::system(build.c_str()) == 0 ? dir + "/hot" : "";
  }();
  return built;
}

// `proflens record` through the shell, with `env` set before it ("" for none).
testing::CliRun Record(const std::string& env, const std::string& args) {
  const std::string dir = testing::TempDir("record-run");
  const std::string command =
      (env.empty() ? "" : "env " + env + " ") + PROFLENS_BINARY " record " + args + " >" + dir + "/out 2>" + dir + "/err";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, testing::ReadFile(dir + "/out"), testing::ReadFile(dir + "/err")};
}

bool WellFormedXml(const std::string& path) {
  const std::string parse = "python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' " + path;
  return std::system(parse.c_str()) == 0;
}

TEST_CASE("record writes each output kind from a real perf capture", "[record][live]") {
  std::string why;
  if (!testing::PerfCanRecord(&why)) {
    WARN("skipped: perf cannot record here: " << why);
    return;
  }
  const std::string dir = testing::TempDir("record");
  const std::string hot = BuildHotProgram();
  REQUIRE(!hot.empty());

  SECTION("folded stacks") {
    const testing::CliRun run = Record("", "-F 499 -o " + dir + "/out.folded -- " + hot);
    INFO(run.err);
    REQUIRE(run.code == 0);
    const std::string folded = testing::ReadFile(dir + "/out.folded");
    std::istringstream lines(folded);
    int rows = 0;
    for (std::string line; std::getline(lines, line); ++rows) {
      INFO(line);
      CHECK(std::regex_match(line, std::regex(R"(\S.* [0-9]+)")));  // frames;... count
    }
    CHECK(rows > 0);
    CHECK(folded.find(std::string(";") + kHot) != std::string::npos);  // called from main
  }
  SECTION("a flame graph") {
    const testing::CliRun run = Record("", "-o " + dir + "/flame.svg -- " + hot);
    INFO(run.err);
    REQUIRE(run.code == 0);
    CHECK(WellFormedXml(dir + "/flame.svg"));
    CHECK(testing::ReadFile(dir + "/flame.svg").find(kHot) != std::string::npos);
  }
  SECTION("a report") {
    const testing::CliRun run = Record("", "--call-graph fp -o " + dir + "/report.html -- " + hot);
    INFO(run.err);
    REQUIRE(run.code == 0);
    const std::string html = testing::ReadFile(dir + "/report.html");
    CHECK(html.starts_with("<!doctype html>"));
    CHECK(html.find("</html>") != std::string::npos);
    const nlohmann::json data = testing::ReportData(html);
    REQUIRE(!data.is_discarded());
    REQUIRE(data.is_object());
    CHECK(data.dump().find(kHot) != std::string::npos);
  }
  SECTION("a pprof profile") {
    const testing::CliRun run = Record("", "-o " + dir + "/cpu.pb.gz -- " + hot);
    INFO(run.err);
    REQUIRE(run.code == 0);
    Result<LoadedProfile> read = ReadProfileFile(dir + "/cpu.pb.gz");
    REQUIRE(read.ok());
    CHECK(read->format == Format::kPprof);
    CHECK(read->gzipped);
    const Profile* p = read->profile.stacks();
    REQUIRE(p != nullptr);
    CHECK(!p->samples.empty());
    bool named = false;
    for (const Function& f : p->functions) named = named || p->str(f.name) == kHot;
    CHECK(named);
  }
}

TEST_CASE("record shows a progress line on a terminal while it reads", "[record][live]") {
  std::string why;
  if (!testing::PerfCanRecord(&why) || std::system("script --version > /dev/null 2>&1") != 0) {
    WARN("skipped: " << (why.empty() ? "no script(1) to give record a terminal" : "perf cannot record here: " + why));
    return;
  }
  const std::string dir = testing::TempDir("record-progress");
  const std::string hot = BuildHotProgram();
  REQUIRE(!hot.empty());
  // script(1) runs record on a pseudo-terminal and keeps what it drew.
  const std::string command = "script -qec '" PROFLENS_BINARY " record -o " + dir + "/out.folded -- " + hot + " 20000000' " +
                              dir + "/typescript > /dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string drawn = testing::ReadFile(dir + "/typescript");
  INFO(drawn);
  CHECK(drawn.find("reading ") != std::string::npos);
  CHECK(drawn.find(" KB)") != std::string::npos);  // a small capture's size
  CHECK(drawn.find("\r\033[K") != std::string::npos);  // erased when reading ends
  CHECK(testing::ReadFile(dir + "/out.folded").find(kHot) != std::string::npos);
}

TEST_CASE("record without perf on PATH: exit 3 naming the fix", "[record]") {
  const std::string dir = testing::TempDir("record-noperf");
  const testing::CliRun run = Record("PATH=" + dir, "-o " + dir + "/out.folded -- /bin/true");
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains("record: perf is not installed (not found on PATH)"));
  CHECK_THAT(run.err, Catch::Contains("apt-get install linux-perf"));
  CHECK(!std::filesystem::exists(dir + "/out.folded"));
}

TEST_CASE("record of a command that cannot start: exit 3 before perf runs", "[record]") {
  const std::string dir = testing::TempDir("record-nocommand");
  SECTION("a path") {
    const testing::CliRun run = Record("", "-o " + dir + "/out.folded -- " + dir + "/absent-program --flag");
    CHECK(run.code == 3);
    CHECK_THAT(run.err, Catch::Contains("record: cannot run `" + dir + "/absent-program`: no such executable file"));
  }
  SECTION("a name looked up on PATH") {
    const testing::CliRun run = Record("", "-o " + dir + "/out.folded -- proflens-absent-program");
    CHECK(run.code == 3);
    CHECK_THAT(run.err, Catch::Contains("record: cannot run `proflens-absent-program`: not found on PATH"));
  }
  CHECK(!std::filesystem::exists(dir + "/out.folded"));
}

TEST_CASE("record of a command that fails: its status, exit 3, the output kept", "[record][live]") {
  std::string why;
  if (!testing::PerfCanRecord(&why)) {
    WARN("skipped: perf cannot record here: " << why);
    return;
  }
  const std::string dir = testing::TempDir("record-fails");
  const std::string hot = BuildHotProgram();
  REQUIRE(!hot.empty());
  const testing::CliRun run = Record("", "-o " + dir + "/out.folded -- " + hot + " 50000000 7");
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains("record: `" + hot + "` failed: perf record exited with status 7 (the command's exit status); " +
                                      dir + "/out.folded holds what was recorded"));
  CHECK(testing::ReadFile(dir + "/out.folded").find(kHot) != std::string::npos);
}

}  // namespace
}  // namespace proflens
