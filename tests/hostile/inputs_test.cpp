// Hostile inputs: each gives a clear error (exit 3, naming the file and the
// byte offset or line) or works, within bounded memory; never a crash, a
// hang or a wrong number.
#include <catch2/catch.hpp>
#include <filesystem>

#include "analyzer/flame_tree.h"
#include "formats/folded/folded.h"
#include "formats/io/gzip.h"
#include "tests/test_util.h"

namespace proflens {
namespace {


TEST_CASE("a gzip bomb stops at the size limit", "[hostile]") {
  std::string dir = testing::TempDir("bomb");
  // 256 MiB of one repeated folded line, in a few hundred kB: text, so it is
  // inflated until the limit stops it.
  std::string lines;
  while (lines.size() < (size_t{256} << 20)) lines += "main;parse;lex 1\n";
  std::string bomb = Gzip(lines);
  REQUIRE(bomb.size() < (2 << 20));
  testing::WriteFile(dir + "/bomb.pb.gz", bomb);
  testing::CliRun run = testing::RunCli({"--max-input-size", std::to_string(64 << 20), "top", dir + "/bomb.pb.gz"});
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains(dir + "/bomb.pb.gz") && Catch::Contains("exceeds the limit of 67108864 bytes"));
  CHECK_THAT(run.err, Catch::Contains("--max-input-size"));
}

TEST_CASE("a gzip bomb of zeros is refused after its first 64 KiB", "[hostile]") {
  std::string dir = testing::TempDir("bomb-zeros");
  std::string bomb = Gzip(std::string(256 << 20, '\0'));  // 256 MiB of zeros in a few hundred kB
  REQUIRE(bomb.size() < (1 << 20));
  testing::WriteFile(dir + "/bomb.pb.gz", bomb);
  testing::CliRun run = testing::RunCli({"top", dir + "/bomb.pb.gz"});
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains(dir + "/bomb.pb.gz: the gzip data holds binary data that is no profile"));
}

TEST_CASE("streams are bounded: standard input and devices count against --max-input-size", "[hostile]") {
  // /dev/zero never ends: refused on its first zero bytes.
  testing::CliRun zero = testing::RunBinary("top /dev/zero");
  CHECK(zero.code == 3);
  CHECK_THAT(zero.err, Catch::Contains("reading /dev/zero: 64 KiB of zero bytes"));
  // Standard input longer than the limit.
  const std::string dir = testing::TempDir("stream-limit");
  std::string text;
  while (text.size() < 3000000) text += "main;x 1\n";
  testing::WriteFile(dir + "/long.folded", text);
  testing::CliRun pipe = testing::RunBinary("--max-input-size 1000000 top - < " + dir + "/long.folded");
  CHECK(pipe.code == 3);
  CHECK_THAT(pipe.err, Catch::Contains("reading standard input: more than 1000000 bytes (--max-input-size)"));
}

TEST_CASE("protobuf with ids that point nowhere", "[hostile]") {
  std::string dir = testing::TempDir("ids");
  // string_table [""], sample_type {0, 0}, then the damage.
  const std::string head("\x32\x00\x0a\x04\x08\x00\x10\x00", 8);
  struct Case {
    std::string name, bytes, expect;
  };
  for (const Case& c : std::vector<Case>{
           {"sample-location", head + std::string("\x12\x04\x08\x63\x10\x01", 6), "sample 0: refers to location 99, which is not in the profile"},
           {"location-function", head + std::string("\x22\x06\x08\x01\x22\x02\x08\x2a", 8), "location 1 refers to function 42"},
           {"location-mapping", head + std::string("\x22\x04\x08\x01\x10\x07", 6), "location 1 refers to mapping 7"},
           {"mapping-zero", head + std::string("\x1a\x02\x08\x00", 4), "mapping has the reserved id 0"},
           {"value-count", head + std::string("\x12\x04\x10\x01\x10\x02", 6), "sample 0: has 2 values, expected one per sample type (1)"},
       }) {
    SECTION(c.name) {
      testing::WriteFile(dir + "/" + c.name + ".pb", c.bytes);
      testing::CliRun run = testing::RunCli({"top", dir + "/" + c.name + ".pb"});
      CHECK(run.code == 3);
      CHECK_THAT(run.err, Catch::Contains("reading " + dir + "/" + c.name + ".pb: ") && Catch::Contains(c.expect));
    }
  }
}

TEST_CASE("strings that are not UTF-8 are read, and shown as U+FFFD", "[hostile]") {
  // string_table ["", "\xff\xfe"], sample_type {1, 1}, one empty sample of 5.
  std::string dir = testing::TempDir("utf8");
  testing::WriteFile(dir + "/latin1.pb", std::string("\x32\x00\x32\x02\xff\xfe\x0a\x04\x08\x01\x10\x01\x12\x02\x10\x05", 16));
  testing::CliRun run = testing::RunCli({"info", dir + "/latin1.pb"});
  CHECK(run.code == 0);
  CHECK(run.err.empty());
  // go tool pprof reads the profile too (and prints the bytes raw); every
  // output of proflens is valid UTF-8, each bad byte one U+FFFD
  // (docs/limits-and-errors.md, "Names in outputs").
  CHECK_THAT(run.out, Catch::Contains("0: \xEF\xBF\xBD\xEF\xBF\xBD/\xEF\xBF\xBD\xEF\xBF\xBD  total 5"));
}

std::string DeepStack(size_t depth) {
  std::string line;
  line.reserve(depth * 8);
  for (size_t i = 0; i < depth; ++i) line += (i ? ";f" : "f") + std::to_string(i % 1000);
  return line + " 7\nmain;leaf 3\n";
}

TEST_CASE("a million frames deep: no recursion anywhere", "[hostile]") {
  std::string dir = testing::TempDir("deep");
  testing::WriteFile(dir + "/deep.folded", DeepStack(1000000));
  const std::string in = dir + "/deep.folded";
  testing::CliRun top = testing::RunCli({"top", in, "-n", "3"});
  CHECK(top.code == 0);
  CHECK_THAT(top.out, Catch::Contains("Showing nodes accounting for 10, 100% of 10 total"));  // recursion counts once
  CHECK(testing::RunCli({"peek", in, "^f999$"}).code == 0);
  CHECK(testing::RunCli({"dot", in, "-o", dir + "/deep.dot"}).code == 0);
  CHECK(testing::RunCli({"convert", in, "-o", dir + "/deep.pb.gz"}).code == 0);
  CHECK(testing::RunCli({"top", dir + "/deep.pb.gz", "-n", "1"}).code == 0);
  // Written back as folded, the line is the input's (its text is sized
  // exactly: a million frames is past the renderer's quick bound).
  CHECK(testing::RunCli({"convert", in, "--to", "folded", "-o", dir + "/again.folded"}).code == 0);
  CHECK(testing::ReadFile(dir + "/again.folded") == testing::ReadFile(in));
  CHECK(testing::RunCli({"check", in, "-a", "cum(\"f999\") > 50%"}).code == 0);
  CHECK(testing::RunCli({"diff", in, in, "-n", "3"}).code == 0);
  CHECK(testing::RunCli({"top", in, "--hide", "f5", "--prune-from", "f9$", "--show-from", "f1$", "-n", "1"}).code == 0);
  // The flame tree and its pruning walk a million levels with explicit stacks.
  Result<FoldedResult> folded = ReadFolded(testing::ReadFile(in));
  REQUIRE(folded.ok());
  FlameTree tree = BuildFlameTree(folded->profile, {});
  CHECK(tree.max_depth == 1000000);
  CHECK(BuildFlameTree(folded->profile, {.min_fraction = 0.5}).max_depth == 1000000);
  // A flame SVG of a 20,000 frame stack (a million would be a 200 MB picture).
  testing::WriteFile(dir + "/deep20k.folded", DeepStack(20000));
  CHECK(testing::RunCli({"flame", dir + "/deep20k.folded", "-o", dir + "/deep.svg"}).code == 0);
}

TEST_CASE("counts at the edge of int64 saturate instead of wrapping", "[hostile]") {
  std::string dir = testing::TempDir("int64");
  testing::WriteFile(dir + "/big.folded", "a 9223372036854775807\na;b 9223372036854775807\nc 5\n");
  testing::CliRun run = testing::RunCli({"top", dir + "/big.folded", "--format", "json"});
  REQUIRE(run.code == 0);
  CHECK_THAT(run.out, Catch::Contains("\"total\": 9223372036854775807"));
  CHECK_THAT(run.out, Catch::Contains("\"cum\": 9223372036854775807"));  // a: both samples, saturated
  // The text table prints the same saturated number as JSON (not 2^63), and says so.
  testing::CliRun text = testing::RunCli({"top", dir + "/big.folded"});
  REQUIRE(text.code == 0);
  CHECK_THAT(text.out, Catch::Contains("of 9223372036854775807 total"));
  CHECK_THAT(text.out, !Catch::Contains("9223372036854775808"));
  CHECK_THAT(text.out, Catch::Contains("Values saturated"));
  testing::WriteFile(dir + "/over.folded", "a 9223372036854775808\n");
  CHECK(testing::RunCli({"top", dir + "/over.folded"}).code == 3);
}

TEST_CASE("a negative folded count is refused with its line", "[hostile]") {
  std::string dir = testing::TempDir("negative");
  testing::WriteFile(dir + "/neg.folded", "main;a 3\nmain;b -5\n");
  testing::CliRun run = testing::RunCli({"top", dir + "/neg.folded"});
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains("neg.folded: line 2: count -5 is negative"));
}

TEST_CASE("lines of 100 MB", "[hostile]") {
  std::string dir = testing::TempDir("long");
  std::string junk(100 << 20, 'x');
  // perf script: an unplaceable 100 MB line between samples is skipped and reported.
  testing::WriteFile(dir + "/perf.txt", "app 7 1.0: cpu-clock: \n\t 4001 main (/bin/app)\n\n" + junk + "\n" +
                                            "app 7 2.0: cpu-clock: \n\t 4001 main (/bin/app)\n\n");
  testing::CliRun perf = testing::RunCli({"top", dir + "/perf.txt"});
  CHECK(perf.code == 0);
  CHECK_THAT(perf.err, Catch::Contains("skipped 1 line that belongs to no sample (first: line 4: \"xxxx"));
  CHECK_THAT(perf.out, Catch::Contains("      2   100%   100%          2   100%  main"));
  // folded: a 100 MB frame name is a frame like any other, shown in CSV cut
  // at 4000 characters and an ellipsis (names bounded where they are shown).
  testing::WriteFile(dir + "/long.folded", "main;" + junk + " 3\nmain 1\n");
  testing::CliRun folded = testing::RunCli({"top", dir + "/long.folded", "--format", "csv"});
  CHECK(folded.code == 0);
  CHECK_THAT(folded.out, Catch::Contains(std::string(3999, 'x') + "\xE2\x80\xA6"));
  CHECK(folded.out.find(std::string(4001, 'x')) == std::string::npos);
}

TEST_CASE("outputs that cannot be written are errors, and leave nothing behind", "[hostile]") {
  std::string dir = testing::TempDir("unwritable");
  std::filesystem::create_directories(dir + "/ro");
  std::filesystem::permissions(dir + "/ro", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  testing::CliRun run = testing::RunCli({"convert", testing::SourcePath("samples/perf-fp.txt"), "-o", dir + "/ro/out.folded"});
  std::filesystem::permissions(dir + "/ro", std::filesystem::perms::owner_all);
  // root may write anywhere; everyone else gets exit 3.
  if (geteuid() != 0) CHECK(run.code == 3);
  CHECK(testing::RunCli({"flame", testing::SourcePath("samples/perf-fp.txt"), "-o", "/proc/version"}).code == 3);
  CHECK(testing::RunCli({"report", testing::SourcePath("samples/perf-fp.txt"), "-o", dir}).code == 3);
}

}  // namespace
}  // namespace proflens
