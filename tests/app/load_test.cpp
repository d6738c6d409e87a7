// Loading inputs (app/load.h): file lists, merging, refusals, the timeline
// kept only for one input, and what the readers skipped said on stderr.
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "app/load.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

struct Streams {
  std::ostringstream out, err;
  CommandContext context{out, err, Status::Ok(), ReadOptions{}};
};

TEST_CASE("a file list: one path a line, blanks and surrounding spaces ignored", "[app][load]") {
  const std::string dir = testing::TempDir("load_list");
  testing::WriteFile(dir + "/list", "  a.pb.gz\t\n\nb c.folded \r\n   \n/x/y.txt");
  Streams s;
  Result<std::vector<std::string>> paths = ReadFileList(dir + "/list", s.context);
  REQUIRE(paths.ok());
  CHECK(*paths == std::vector<std::string>{"a.pb.gz", "b c.folded", "/x/y.txt"});
  const Status missing = ReadFileList(dir + "/missing", s.context).status();
  CHECK(missing.code() == StatusCode::kInput);
  CHECK(missing.message() == "--files-from: reading " + dir + "/missing: No such file or directory");
}

TEST_CASE("profiles are merged, a graph profile is not merged with stacks", "[app][load]") {
  const std::string dir = testing::TempDir("load_merge");
  testing::WriteFile(dir + "/a.folded", "main;f 3\nmain;g 1\n");
  testing::WriteFile(dir + "/b.folded", "main;f 2\n");
  Streams s;
  Result<LoadedInputs> merged = LoadProfiles({dir + "/a.folded", dir + "/b.folded"}, s.context);
  REQUIRE(merged.ok());
  CHECK(merged->profile.Totals() == std::vector<int64_t>{6});
  CHECK(merged->formats.size() == 2);

  Result<LoadedInputs> mixed = LoadProfiles({dir + "/a.folded", testing::SourcePath("samples/py-fast.prof")}, s.context);
  REQUIRE(!mixed.ok());
  CHECK(mixed.status().message().find("graph profile, no stacks") != std::string::npos);
  CHECK(LoadProfiles({}, s.context).status().code() == StatusCode::kUsage);
}

TEST_CASE("a timeline is kept for one input when asked, never for a merge", "[app][load]") {
  const std::string trace = testing::SourcePath("samples/chrome-trace.json.gz");
  Streams s;
  Result<LoadedInputs> one = LoadProfiles({trace}, s.context, /*keep_timeline=*/true);
  REQUIRE(one.ok());
  CHECK(one->timeline != nullptr);
  Result<LoadedInputs> without = LoadProfiles({trace}, s.context);
  REQUIRE(without.ok());
  CHECK(without->timeline == nullptr);
  Result<LoadedInputs> two = LoadProfiles({trace, trace}, s.context, /*keep_timeline=*/true);
  REQUIRE(two.ok());
  CHECK(two->timeline == nullptr);
  // The context's own read options are left as they were.
  CHECK(!s.context.read.timeline);
}

TEST_CASE("what a reader skipped is said once per kind on stderr", "[app][load]") {
  // Two lines of no sample (one line on stderr); the last sample has no
  // blank line after it: perf always ends one, so it may have been cut off,
  // and stackcollapse-perf.pl drops it: it is read, with a note.
  const std::string dir = testing::TempDir("load_skipped");
  testing::WriteFile(dir + "/perf.txt",
                     "prog 10/10 1.000000: 1 cpu-clock:\n\t1 f (/bin/prog)\n\t2 main (/bin/prog)\n\n"
                     "prog 10/10 1.500000: 1 cpu-clock:\n\t1 f (/bin/prog)\n\n"
                     "junk\nmore junk\n"
                     "prog 10/10 2.000000: 1 cpu-clock:\n\t1 f (/bin/prog)\n");
  Streams s;
  Result<LoadedProfile> loaded = LoadProfile(dir + "/perf.txt", s.context);
  REQUIRE(loaded.ok());
  CHECK(loaded->profile.Totals() == std::vector<int64_t>{3});
  const std::string err = s.err.str();
  CHECK(err == "proflens: reading " + dir + "/perf.txt: the last sample (line 10) has no blank line after it; it is read "
               "(stackcollapse-perf.pl leaves it out)\n"
               "proflens: reading " + dir + "/perf.txt: skipped 2 lines that belong to no sample (first: line 8: \"junk\")\n");
}

}  // namespace
}  // namespace proflens
