// perf script read in pieces, by one thread or several, gives the very
// profile one piece gives: the same pprof bytes, the same folded output, the
// same skipped-line reports (with the same line numbers), for every capture
// we have and FlameGraph's test inputs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <sstream>

#include "analyzer/call_graph.h"
#include "analyzer/profile_builder.h"
#include "analyzer/profile_debug.h"
#include "formats/folded/folded.h"
#include "formats/io/gzip.h"
#include "formats/perf/perf_script_reader.h"
#include "formats/pprof/pprof.h"
#include "formats/io/text_pieces.h"
#include "tests/fuzz/fuzz_bodies.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

struct Output {
  std::string pprof, folded, skipped;
  size_t pieces = 0;
};

// Read by `threads` threads in about `pieces` pieces.
Output ReadWith(const std::string& text, int threads, size_t pieces) {
  PieceReadOptions options;
  options.threads = threads;
  options.piece_bytes = pieces <= 1 ? text.size() + 1 : std::max<size_t>(1, text.size() / pieces);
  Result<PerfScriptResult> r = ReadPerfScript(text, options);
  INFO(r.status().message());
  REQUIRE(r.ok());
  Output out;
  out.pprof = WritePprof(r->profile);
  std::ostringstream folded;
  FoldedOptions fo;
  fo.pid = true;
  WriteFolded(r->profile, fo, folded);
  out.folded = folded.str();
  for (const SkippedLines& s : r->skipped) {
    out.skipped += std::to_string(s.count) + "@" + std::to_string(s.first_line) + ":" + s.first_text + "\n";
  }
  for (const std::string& note : r->notes) out.skipped += "note: " + note + "\n";
  out.pieces = r->pieces;
  return out;
}

std::string Text(const std::string& path) {
  std::string bytes = testing::ReadFile(path);
  if (IsGzip(bytes)) {
    Result<std::string> plain = Gunzip(bytes, uint64_t{1} << 30);
    REQUIRE(plain.ok());
    return *plain;
  }
  return bytes;
}

TEST_CASE("perf script read in pieces by 1 to 8 threads equals one piece, byte for byte", "[perf][parallel]") {
  std::vector<std::string> inputs;
  for (const char* name : {"perf-fp.txt", "perf-dwarf.txt", "perf-multi.txt.gz", "perf-srcline.txt.gz",
                           "perf-tracepoint.txt", "perf-slow.txt.gz", "perf-fast.txt.gz"}) {
    inputs.push_back(testing::SourcePath(std::string("samples/") + name));
  }
  const std::filesystem::path corpus = std::filesystem::path(PROFLENS_CORPUS_DIR) / "flamegraph";
  if (std::filesystem::is_directory(corpus)) {
    for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
      if (entry.path().filename().string().starts_with("perf-")) inputs.push_back(entry.path().string());
    }
  }
  REQUIRE(inputs.size() >= 7);
  size_t split = 0;
  for (const std::string& input : inputs) {
    SECTION(input) {
      std::string text = Text(input);
      Output one = ReadWith(text, 1, 1);
      CHECK(one.pieces == 1);
      for (auto [threads, pieces] : {std::pair{1, 3}, {2, 2}, {2, 9}, {3, 4}, {4, 16}, {8, 8}}) {
        INFO(threads << " threads, " << pieces << " pieces");
        Output many = ReadWith(text, threads, pieces);
        split += many.pieces > 1;
        CHECK(many.pprof == one.pprof);
        CHECK(many.folded == one.folded);
        CHECK(many.skipped == one.skipped);
      }
      CHECK(split > 0);  // the input really was cut
    }
  }
}

TEST_CASE("pieces start after blank lines only: junk and comments keep their line numbers", "[perf][parallel]") {
  // Junk between samples, a comment block, and a last sample that no blank line ends.
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "app 1/" + std::to_string(i % 3 + 1) + " 10.0: 100 cpu-clock:\n\t 401000 f" + std::to_string(i % 5) +
            " (/bin/app)\n\t 401100 main (/bin/app)\n\n";
    if (i % 7 == 3) text += "junk line " + std::to_string(i) + "\n";
    if (i % 11 == 5) text += "# a comment\n\n";
  }
  text += "app 1/1 11.0: 100 cpu-clock:\n\t 401000 f1 (/bin/app)\n";
  Output one = ReadWith(text, 1, 1);
  // 4 lines a sample: the junk after the 4th sample is line 17; the sample
  // no blank line ends (read, with a note) has its header on line 175 (160
  // sample lines, 6 junk lines, 4 two-line comment blocks).
  // (The second kind, samples with a bad period, has none.)
  CHECK(one.skipped == "6@17:junk line 3\n0@0:\nnote: the last sample (line 175) has no blank line after it; it is read "
                       "(stackcollapse-perf.pl leaves it out)\n");
  for (int threads : {1, 2, 5, 16}) {
    Output many = ReadWith(text, threads, 16);
    CHECK(many.pieces > 1);
    CHECK(many.skipped == one.skipped);
    CHECK(many.pprof == one.pprof);
    CHECK(many.folded == one.folded);
  }
}

// A folded read by `threads` threads in about `pieces` pieces: the profile
// (and base) as pprof bytes, and the skipped lines.
Output ReadFoldedWith(const std::string& text, int threads, size_t pieces) {
  PieceReadOptions options;
  options.threads = threads;
  options.piece_bytes = pieces <= 1 ? text.size() + 1 : std::max<size_t>(1, text.size() / pieces);
  Result<FoldedResult> r = ReadFolded(text, options);
  INFO(r.status().message());
  REQUIRE(r.ok());
  Output out;
  out.pprof = WritePprof(r->profile) + (r->base ? "|base|" + WritePprof(*r->base) : "");
  for (const SkippedLines& s : r->skipped) {
    out.skipped += std::to_string(s.count) + "@" + std::to_string(s.first_line) + ":" + s.first_text + "\n";
  }
  out.pieces = r->pieces;
  return out;
}

TEST_CASE("folded stacks read by 2 to 8 threads equal one thread, byte for byte", "[folded][parallel]") {
  std::vector<std::string> inputs;
  for (const char* name : {"samples/perf-fast.folded", "samples/perf-slow.folded", "samples/perf-fp.folded",
                           "tests/golden/folded/diff.slow-fast.folded"}) {
    inputs.push_back(testing::SourcePath(name));
  }
  for (const std::string& input : inputs) {
    SECTION(input) {
      std::string text = testing::ReadFile(input);
      Output one = ReadFoldedWith(text, 1, 1);
      CHECK(one.pieces == 1);
      for (int threads : {1, 2, 3, 4, 8}) {
        for (size_t pieces : {2, 7, 40}) {
          INFO(threads << " threads, " << pieces << " pieces");
          Output many = ReadFoldedWith(text, threads, pieces);
          CHECK(many.pieces > 1);
          CHECK(many.pprof == one.pprof);
          CHECK(many.skipped == one.skipped);
        }
      }
    }
  }
}

TEST_CASE("folded pieces: frames new in a later piece, blank and bad lines keep their line numbers",
          "[folded][parallel]") {
  // Every line brings a frame no earlier line has ("leaf<i>", "[lib<i>.so]"),
  // and "(anonymous namespace)::f(int)" has a display name of its own.
  std::string text;
  for (int i = 0; i < 60; ++i) {
    text += "main;(anonymous namespace)::f(int);mid" + std::to_string(i % 4) + ";leaf" + std::to_string(i) + " " +
            std::to_string(i + 1) + "\n";
    if (i % 9 == 4) text += "\n";
    if (i % 13 == 7) text += "no count here\n";
    if (i % 17 == 2) text += "main;[lib" + std::to_string(i) + ".so] 3\n";
  }
  Output one = ReadFoldedWith(text, 1, 1);
  // i = 2 adds a [lib] line, so i = 4's stack is line 6 and the blank after
  // it line 7. After i = 7's stack come 8 stacks, 1 [lib] line and 1 blank:
  // "no count here" is line 11. 60 stacks, 7 blanks, 5 bad and 4 [lib] lines
  // make 76: the appended line is 77.
  CHECK(one.skipped == "7@7:\n5@11:no count here\n");
  for (int threads : {1, 2, 5, 16}) {
    Output many = ReadFoldedWith(text, threads, 20);
    CHECK(many.pieces > 1);
    CHECK(many.skipped == one.skipped);
    CHECK(many.pprof == one.pprof);
  }
  // A count too large in a later piece is reported at its line in the whole input.
  std::string bad = text + "main;x 99999999999999999999\n";
  for (int threads : {1, 4}) {
    PieceReadOptions options;
    options.threads = threads;
    options.piece_bytes = 64;
    Result<FoldedResult> r = ReadFolded(bad, options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "line 77: count 99999999999999999999 is too large (largest: 9223372036854775807)");
  }
}

TEST_CASE("folded pieces: the first bad count in the input is reported and a late fraction rereads all",
          "[folded][parallel]") {
  std::string text;
  for (int i = 0; i < 400; ++i) text += "main;f" + std::to_string(i % 7) + " " + std::to_string(i + 1) + "\n";
  // Bad counts at lines 101 and 301: line 101 is the one reported, for any threads and pieces.
  std::string bad = text;
  bad.insert(bad.find("main;f2 101\n"), "main;x -5\n");
  bad.insert(bad.find("main;f5 300\n") + 12, "main;y 99999999999999999999\n");
  for (int threads : {1, 2, 4, 8}) {
    for (size_t piece : {size_t{64}, size_t{1000}, bad.size() + 1}) {
      PieceReadOptions options;
      options.threads = threads;
      options.piece_bytes = piece;
      Result<FoldedResult> r = ReadFolded(bad, options);
      INFO(threads << " threads, pieces of " << piece);
      REQUIRE_FALSE(r.ok());
      CHECK(r.status().message() == "line 101: count -5 is negative; a folded count is a number of samples, 0 or more");
    }
  }
  // A fraction on the last line: every piece is read again in thousandths.
  const std::string fractional = text + "main;f1 0.25\n";
  const Output one = ReadFoldedWith(fractional, 1, 1);
  for (int threads : {1, 3}) {
    const Output many = ReadFoldedWith(fractional, threads, 30);
    CHECK(many.pieces > 1);
    CHECK(many.pprof == one.pprof);
  }
}

TEST_CASE("the global --threads option gives the same output", "[perf][parallel]") {
  const std::string input = testing::SourcePath("samples/perf-multi.txt.gz");
  testing::CliRun one = testing::RunCli({"--threads", "1", "top", input, "-n", "30"});
  testing::CliRun four = testing::RunCli({"--threads", "4", "top", input, "-n", "30"});
  REQUIRE(one.code == 0);
  CHECK(four.out == one.out);
  CHECK(testing::RunCli({"--threads", "-1", "top", input}).code == 2);
}

}  // namespace
}  // namespace proflens

namespace proflens {
namespace {

// A perf script file of `megabytes` MB: one sample repeated.
std::string BigPerfFile(const std::string& dir, size_t megabytes) {
  const std::string sample = "app 1/1 10.0: 100 cpu-clock:\n\t 401000 work (/bin/app)\n\t 401100 main (/bin/app)\n\n";
  std::string text;
  text.reserve(megabytes << 20);
  while (text.size() < (megabytes << 20)) text += sample;
  std::string path = dir + "/big.txt";
  testing::WriteFile(path, text);
  return path;
}

TEST_CASE("a progress line on a terminal for inputs over 100 MB, and nowhere else", "[perf][progress]") {
  std::string dir = testing::TempDir("progress");
  std::string big = BigPerfFile(dir, 110);
  // Not a terminal: nothing on stderr.
  testing::CliRun plain = testing::RunBinary("convert " + big + " --to folded -o " + dir + "/out.folded");
  REQUIRE(plain.code == 0);
  CHECK(plain.err.empty());
  // A terminal (script(1) from util-linux gives the command a pseudo-terminal):
  // the line is drawn at once and every 200 ms, then erased.
  std::string command = "script -qec '" + std::string(PROFLENS_BINARY) + " --threads 1 convert " + big +
                        " --to folded -o " + dir + "/tty.folded' /dev/null > " + dir + "/tty.txt 2>&1";
  REQUIRE(std::system("command -v script > /dev/null 2>&1") == 0);  // in Debian's essential bsdutils
  REQUIRE(std::system(command.c_str()) == 0);
  std::string tty = testing::ReadFile(dir + "/tty.txt");
  CHECK_THAT(tty, Catch::Contains("\rreading " + big + " [") && Catch::Contains("% (") && Catch::EndsWith("\r\033[K"));
  CHECK(testing::ReadFile(dir + "/tty.folded") == testing::ReadFile(dir + "/out.folded"));
}

}  // namespace
}  // namespace proflens

namespace proflens {
namespace {

// A call graph summed in runs of samples on several threads is the graph one
// walk gives: every node's sums, and every edge in the same order with the
// same weights and flags. Random stacks with recursion, inlined frames ("a>b"),
// negative and zero values and two sample types; whole and trimmed graphs.
TEST_CASE("call graphs summed on 2 to 5 threads equal one thread's", "[call_graph][parallel]") {
  std::mt19937 rng(11);
  const char* frames[] = {"main", "parse", "lex", "eval", "a>b", "alloc", "c>d>e", "free"};
  std::vector<testing::TestStack> stacks;
  for (int i = 0; i < 4000; ++i) {
    std::string stack = "main";
    for (int d = 0, depth = static_cast<int>(rng() % 7); d < depth; ++d) stack += std::string(";") + frames[rng() % 8];
    const int64_t v0 = static_cast<int64_t>(rng() % 50) - 10, v1 = static_cast<int64_t>(rng() % 3);
    stacks.push_back({stack, {v0, v1}});
  }
  Profile p = testing::MakeProfile(stacks, {{"samples", "count"}, {"cpu", "nanoseconds"}});
  NodeKeySet kept;
  for (const CallGraphNode& n : BuildCallGraph(p, {}).nodes) {
    if (n.name != "lex" && n.name != "b") kept.insert(n.info.Key());
  }
  const std::vector<const NodeKeySet*> keeps = {nullptr, &kept};
  for (const NodeKeySet* keep : keeps) {
    const CallGraph graph = BuildCallGraph(p, {Granularity::kFunctions, keep});
    const std::string one = DebugString(graph);
    // The input has what the merge must get right: inlined calls, and, trimmed, residual edges.
    size_t inlined = 0, residual = 0;
    for (const CallGraphEdge& e : graph.edges) {
      inlined += e.is_inline(0);
      residual += e.residual(0);
    }
    CHECK(inlined > 0);
    CHECK((residual > 0) == (keep != nullptr));
    for (int threads = 2; threads <= 5; ++threads) {
      CallGraphOptions options{Granularity::kFunctions, keep};
      options.threads = threads;
      options.min_samples_per_thread = 1;
      INFO(threads << " threads, " << (keep ? "trimmed" : "whole"));
      CHECK(DebugString(BuildCallGraph(p, options)) == one);
    }
  }
}

// The node tags of a labeled profile (the boxes under a heap profile's nodes),
// as text: each node's tags in their order, with what each tag is and sums.
std::string TagsText(const CallGraph& graph) {
  std::ostringstream out;
  for (const CallGraphNode& n : graph.nodes) {
    out << n.name << ":";
    for (const NodeTag& t : n.tags) {
      out << " [" << t.name << "|" << t.label_set << "|" << t.numeric << "|" << t.value << "|" << t.unit;
      for (size_t i = 0; i < t.flat.size(); ++i) out << " " << t.flat[i] << "/" << t.cum[i];
      out << "]";
    }
    out << "\n";
  }
  return out.str();
}

// Tags are summed on several threads too: each run keeps its own, and a later
// run's join after the earlier's in the order they first appeared, as in one
// walk. Labels of threads and byte sizes (2048 and 2049 bytes both print as
// "2kB": the tag keeps the value of the sample that made it), two sample types.
TEST_CASE("call graph tags summed on 2 to 5 threads equal one thread's", "[call_graph][parallel]") {
  std::mt19937 rng(5);
  ProfileBuilder b;
  b.AddSampleType("alloc_objects", "count");
  b.AddSampleType("alloc_space", "bytes");
  std::vector<LocationId> locs;
  for (const char* name : {"main", "parse", "lex", "alloc", "grow", "free"}) {
    const Line line{b.InternFunction({.name = b.InternString(name)}), 0};
    locs.push_back(b.InternLocation(kNoId, 0, {&line, 1}));
  }
  const int64_t sizes[] = {16, 2048, 2049, 4096, 0};
  for (int i = 0; i < 3000; ++i) {
    std::vector<LocationId> stack{locs[3 + rng() % 3]};
    for (int d = 0, depth = static_cast<int>(rng() % 5); d < depth; ++d) stack.push_back(locs[1 + rng() % 3]);
    stack.push_back(locs[0]);
    std::vector<Label> labels;
    if (rng() % 3 != 0) labels.push_back({.key = b.InternString("thread"), .str = b.InternString("t" + std::to_string(rng() % 3))});
    const int64_t size = sizes[rng() % 5];
    if (size != 0) labels.push_back({.key = b.InternString("bytes"), .num = size, .num_unit = b.InternString("bytes")});
    const std::vector<int64_t> values{static_cast<int64_t>(rng() % 4), size * static_cast<int64_t>(rng() % 4)};
    b.AddSample(b.InternStack(stack), b.InternLabels(labels), values);
  }
  const Profile p = std::move(b).Build();
  CallGraphOptions options{Granularity::kFunctions, nullptr, true};
  const CallGraph one = BuildCallGraph(p, options);
  const std::string tags = TagsText(one);
  INFO(tags);
  CHECK_THAT(tags, Catch::Contains("[2kB|thread:t") && Catch::Contains("|2048|bytes") && Catch::Contains("|2049|bytes") &&
                       Catch::Contains("[thread:t1||0|0|") && Catch::Contains("[16B||1|16|bytes"));
  for (int threads = 2; threads <= 5; ++threads) {
    options.threads = threads;
    options.min_samples_per_thread = 1;
    INFO(threads << " threads");
    const CallGraph graph = BuildCallGraph(p, options);
    CHECK(TagsText(graph) == tags);
    CHECK(DebugString(graph) == DebugString(one));
  }
}

}  // namespace
}  // namespace proflens
