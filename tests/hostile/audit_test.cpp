// The hostile-input audit's cases (issue: out of memory, endless input,
// silent wrong numbers, output paths): each must be exit 3 with a message,
// one summary line, or the right numbers; never an abort. Worked out by hand.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <unistd.h>

#include <cstdlib>

#include "formats/io/gzip.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

// Runs the binary under an address-space limit (KiB), as CI containers set one.
testing::CliRun RunLimited(const std::string& args, long kib) {
  const std::string dir = testing::TempDir("limited");
  const std::string command = "ulimit -v " + std::to_string(kib) + "; exec " + std::string(PROFLENS_BINARY) + " " + args +
                              " >" + dir + "/out 2>" + dir + "/err";
  testing::CliRun run;
  const int status = std::system(("sh -c '" + command + "'").c_str());
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = testing::ReadFile(dir + "/out");
  run.err = testing::ReadFile(dir + "/err");
  return run;
}

TEST_CASE("out of memory is exit 3 with the file, on every thread, never an abort", "[hostile]") {
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer reserves terabytes of shadow memory: it cannot start
  // under ulimit -v. The plain build (scripts/test.sh) runs this case.
  WARN("built with AddressSanitizer: the ulimit -v case runs in the plain build");
  return;
#endif
  const std::string dir = testing::TempDir("oom");
  // 600 MiB of distinct folded lines in a small gzip: the reader's own
  // memory, not the inflated text, runs out first under 400 MiB.
  std::string text;
  for (int i = 0; text.size() < (size_t{60} << 20); ++i) text += "main;f" + std::to_string(i) + ";g" + std::to_string(i % 977) + " 1\n";
  testing::WriteFile(dir + "/big.folded.gz", Gzip(text));
  for (const char* threads : {"1", "2"}) {
    INFO(threads);
    testing::CliRun run = RunLimited(std::string("--threads ") + threads + " report " + dir + "/big.folded.gz -o " + dir + "/r.html", 300 << 10);
    CHECK(run.code == 3);
    CHECK_THAT(run.err, Catch::Contains("out of memory while reading " + dir + "/big.folded.gz"));
    CHECK(run.err.find("terminate called") == std::string::npos);
  }
}

TEST_CASE("a file larger than the address space allows is exit 3 naming the limit", "[hostile]") {
#if defined(__SANITIZE_ADDRESS__)
  WARN("built with AddressSanitizer: the ulimit -v case runs in the plain build");
  return;
#endif
  // A sparse file of 1 GiB (no disk used): it cannot be mapped under 300 MiB.
  const std::string path = testing::TempDir("too-big") + "/big.txt";
  const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::ftruncate(fd, off_t{1} << 30) == 0);
  ::close(fd);
  testing::CliRun run = RunLimited("info " + path, 300 << 10);
  CHECK(run.code == 3);
  CHECK(run.err == "proflens: reading " + path +
                       ": its 1073741824 bytes cannot be mapped into memory (the address space is limited: ulimit -v?)\n");
}

TEST_CASE("perf periods that are negative or beyond 64 bits are said, never counted as 1", "[hostile][perf]") {
  const std::string dir = testing::TempDir("periods");
  testing::WriteFile(dir + "/p.txt",
                     "app 1/1 [000] 1.0: 99999999999999999999999999 cpu-clock:\n\t 1000 main (/bin/app)\n\n"
                     "app 1/1 [000] 2.0: -250000 cpu-clock:\n\t 1000 main (/bin/app)\n\n"
                     "app 1/1 [000] 3.0: 250000 cpu-clock:\n\t 1000 main (/bin/app)\n\n");
  testing::CliRun run = testing::RunCli({"top", dir + "/p.txt", "--format", "csv"});
  CHECK(run.code == 0);
  CHECK_THAT(run.err, Catch::Contains("skipped 2 samples whose period is negative or beyond 64 bits (first: line 1:"));
  CHECK_THAT(run.out, Catch::Contains("main,,250000,"));
}

TEST_CASE("a CRLF perf script keeps its last sample", "[hostile][perf]") {
  const std::string dir = testing::TempDir("crlf");
  testing::WriteFile(dir + "/c.txt",
                     "app 1/1 [000] 1.0: 1000 cpu-clock:\r\n\t 1000 main (/bin/app)\r\n\r\n"
                     "app 1/1 [000] 2.0: 1000 cpu-clock:\r\n\t 1000 main (/bin/app)\r\n\r\n");
  testing::CliRun run = testing::RunCli({"info", dir + "/c.txt"});
  CHECK(run.code == 0);
  CHECK_THAT(run.out, Catch::Contains("Samples: 2 records"));
  CHECK(run.err.empty());
}

TEST_CASE("callgrind: a calls= without its cost line, and a summary that disagrees", "[hostile][callgrind]") {
  const std::string dir = testing::TempDir("callgrind-hostile");
  testing::WriteFile(dir + "/blank.callgrind", "events: Ir\nfn=main\n1 10\ncfn=work\ncalls=3 20\n\nfn=work\n20 2000\n");
  testing::CliRun blank = testing::RunCli({"top", dir + "/blank.callgrind"});
  CHECK(blank.code == 3);
  CHECK_THAT(blank.err, Catch::Contains("line 6: expected the call's cost line right after calls="));
  testing::WriteFile(dir + "/summary.callgrind", "events: Ir\nsummary: 50\nfn=main\n1 10\ncfn=work\ncalls=3 20\n20 100\nfn=work\n20 100\n");
  testing::CliRun summary = testing::RunCli({"top", dir + "/summary.callgrind"});
  CHECK(summary.code == 0);
  CHECK_THAT(summary.err, Catch::Contains("the summary: line gives Ir 50, the costs add up to 110"));
}

TEST_CASE("writing onto a device, a FIFO or a symlink leaves each in place", "[hostile][output]") {
  const std::string dir = testing::TempDir("outputs");
  const std::string input = testing::SourcePath("samples/perf-fast.folded");
  // A symlink: its target is replaced, the link stays.
  testing::WriteFile(dir + "/real.folded", "old\n");
  REQUIRE(::symlink("real.folded", (dir + "/link.folded").c_str()) == 0);
  CHECK(testing::RunCli({"convert", input, "-o", dir + "/link.folded"}).code == 0);
  struct stat st {};
  REQUIRE(::lstat((dir + "/link.folded").c_str(), &st) == 0);
  CHECK(S_ISLNK(st.st_mode));
  CHECK(testing::ReadFile(dir + "/real.folded") == testing::ReadFile(input));
  // A FIFO: written through, still a FIFO.
  REQUIRE(::mkfifo((dir + "/fifo").c_str(), 0600) == 0);
  const int reader = std::system(("sh -c 'cat " + dir + "/fifo > " + dir + "/fifo.out' </dev/null 2>/dev/null &").c_str());
  CHECK(reader == 0);
  CHECK(testing::RunCli({"convert", input, "--to", "folded", "-o", dir + "/fifo"}).code == 0);
  REQUIRE(::lstat((dir + "/fifo").c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  // A character device (as root, which CI is): /dev/full's numbers, made here.
  if (::geteuid() == 0) {
    REQUIRE(::mknod((dir + "/full").c_str(), S_IFCHR | 0600, makedev(1, 7)) == 0);
    testing::CliRun full = testing::RunCli({"report", input, "-o", dir + "/full"});
    CHECK(full.code == 3);
    CHECK_THAT(full.err, Catch::Contains("writing " + dir + "/full: No space left on device"));
    // Folded output is written as it is made (not built in memory first): the same error.
    testing::CliRun streamed = testing::RunCli({"convert", input, "--to", "folded", "-o", dir + "/full"});
    CHECK(streamed.code == 3);
    CHECK_THAT(streamed.err, Catch::Contains("writing " + dir + "/full: No space left on device"));
    REQUIRE(::lstat((dir + "/full").c_str(), &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
  } else {
    WARN("not root: the character-device case runs in CI, as root");
  }
}

TEST_CASE("CSV cells that would start a formula are quoted", "[hostile][output]") {
  const std::string dir = testing::TempDir("csv-formula");
  testing::WriteFile(dir + "/f.folded", "main;=HYPERLINK(\"http://x\") 3\nmain;@cmd 2\n");
  testing::CliRun run = testing::RunCli({"top", dir + "/f.folded", "--format", "csv"});
  CHECK_THAT(run.out, Catch::Contains("\"'=HYPERLINK(\"\"http://x\"\")\",,3,"));
  CHECK_THAT(run.out, Catch::Contains("'@cmd,,2,"));
}

TEST_CASE("convert --to callgrind reads back, unknown files included", "[hostile][callgrind]") {
  const std::string dir = testing::TempDir("callgrind-roundtrip");
  CHECK(testing::RunCli({"convert", testing::SourcePath("samples/perf-fast.folded"), "-o", dir + "/callgrind.out.1"}).code == 0);
  testing::CliRun back = testing::RunCli({"top", dir + "/callgrind.out.1"});
  CHECK(back.code == 0);
  CHECK_THAT(testing::ReadFile(dir + "/callgrind.out.1"), Catch::Contains("fl=(1) ???"));
}

TEST_CASE("control bytes an input holds reach stderr escaped", "[hostile]") {
  const std::string dir = testing::TempDir("message-controls");
  // A legacy heap profile whose sample line is an escape sequence: the
  // message quotes the line (line 2: expected a heap sample ..., found "...").
  testing::WriteFile(dir + "/controls.heap", "heap profile: 1: 2 [3: 4] @ heapprofile\n\x01\x1b[31mboom\x7f\n");
  const testing::CliRun run = testing::RunCli({"top", dir + "/controls.heap"});
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains("found \"\\x01\\x1b[31mboom\\x7f\""));
  for (const char c : run.err) {
    const auto byte = static_cast<unsigned char>(c);
    CHECK((c == '\n' || (byte >= 0x20 && byte != 0x7f)));
  }
}

}  // namespace
}  // namespace proflens

namespace proflens {
namespace {

TEST_CASE("a pprof file that starts with a long packed list is read, not called text", "[hostile][detect]") {
  // tests/data/deep-stack.pb: one sample of a 10 000-frame stack, written by
  // pprof's profile package (tests/data/deep-stack.go): its first 4 KiB are
  // the packed location ids, bytes that look like text.
  testing::CliRun run = testing::RunCli({"top", testing::SourcePath("tests/data/deep-stack.pb")});
  CHECK(run.code == 0);
  CHECK_THAT(run.out, Catch::Contains("7   100%   100%          7   100%  recurse"));
}

TEST_CASE("messages name the file and keep huge text short", "[hostile]") {
  const std::string dir = testing::TempDir("messages");
  testing::WriteFile(dir + "/long.folded", "main " + std::string(1000, '9') + "\n");
  testing::CliRun run = testing::RunCli({"top", dir + "/long.folded"});
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains("line 1: count 99999999999999999999... (1000 digits) is too large"));
  CHECK(run.err.size() < 300);
  // A pprof profile without sample types names its file.
  testing::WriteFile(dir + "/empty-types.pb", std::string("\x32\x00", 2));
  testing::CliRun types = testing::RunCli({"top", dir + "/empty-types.pb"});
  CHECK(types.code == 3);
  CHECK_THAT(types.err, Catch::Contains(dir + "/empty-types.pb: the profile has no sample types"));
}

}  // namespace
}  // namespace proflens
