// Inputs are expanded and fetched the same way by every command: report of a
// day's directory or archive mixing CPU and heap profiles shows a section per
// kind, each with the numbers top prints for it; serve and trend expand
// directories and archives as top does; and the files options name (--rules,
// --files-from, --bench-output) may be http URLs, fetched with the same
// errors as a profile's (served here by python3's http.server on a free
// loopback port).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "app/serve_views.h"
#include "tests/app/serve_state_util.h"
#include "tests/child_process.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

namespace fs = std::filesystem;

std::string Sample(const std::string& name) { return testing::SourcePath("samples/" + name); }

std::string Cli(std::vector<std::string> args) {
  testing::CliRun run = testing::RunCli(std::move(args));
  INFO(run.err);
  REQUIRE(run.code == 0);
  return run.out;
}

// dir/day/node-N/{cpu,heap}.pb.gz (go-cpu, go-heap), and dir/day.tar.gz of the same.
std::string MakeDay(const std::string& name) {
  const std::string dir = testing::TempDir(name);
  for (const char* node : {"node-1", "node-2"}) {
    const fs::path at = fs::path(dir) / "day" / node;
    fs::create_directories(at);
    fs::copy_file(Sample("go-cpu.pb.gz"), at / "cpu.pb.gz");
    fs::copy_file(Sample("go-heap.pb.gz"), at / "heap.pb.gz");
  }
  REQUIRE(std::system(("cd '" + dir + "/day' && tar -czf ../day.tar.gz node-1 node-2").c_str()) == 0);
  return dir;
}

// The report's embedded data, which must be there.
nlohmann::json ReportData(const std::string& html) {
  nlohmann::json data = testing::ReportData(html);
  REQUIRE(data.is_object());
  return data;
}

// Every kind's every sample type in the report equals top --sample-index TYPE.
void CheckKinds(const nlohmann::json& data, const std::string& input) {
  REQUIRE(data["kinds"].size() == 2);
  std::vector<std::string> names;
  for (const auto& kind : data["kinds"]) {
    names.push_back(kind["name"]);
    CHECK(kind["inputs"] == 2);
  }
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"alloc_objects, alloc_space, inuse_objects, inuse_space", "samples, cpu"});
  REQUIRE(data["types"].size() == 6);
  for (const auto& type : data["types"]) {
    const std::string name = type["name"];
    const nlohmann::json top = nlohmann::json::parse(
        Cli({"top", "--nodefraction", "0", "--format", "json", "--sample-index", name, input}));
    INFO(input << " " << name);
    CHECK(type["total"] == top["total"]);
    REQUIRE(type["top"].size() == top["rows"].size());
    std::map<std::string, std::pair<int64_t, int64_t>> want, got;
    for (const auto& r : top["rows"]) want[r["name"]] = {r["flat"], r["cum"]};
    for (const auto& r : type["top"]) got[r[0]] = {r[1], r[2]};
    CHECK(got == want);
    // The kind's summary names its own files only.
    const auto& kind = data["kinds"][type["kind"].get<int>()];
    const std::string file = name == "samples" || name == "cpu" ? "cpu.pb.gz" : "heap.pb.gz";
    CHECK(kind["facts"][0][0] == "Profile");
    CHECK_THAT(kind["facts"][0][1].get<std::string>(), Catch::Contains("node-1/" + file) && Catch::Contains("node-2/" + file));
  }
}

TEST_CASE("report of a day's directory or archive mixing kinds: a section per kind", "[archive][report]") {
  const std::string dir = MakeDay("kinds-report");
  for (const std::string input : {dir + "/day", dir + "/day.tar.gz"}) {
    const std::string out = dir + "/report.html";
    testing::CliRun run = testing::RunCli({"report", input, "-o", out});
    INFO(run.err);
    REQUIRE(run.code == 0);
    CHECK_THAT(run.err, !Catch::Contains("left out"));
    CheckKinds(ReportData(testing::ReadFile(out)), input);
  }
  // One kind: no sections.
  const std::string out = dir + "/one.html";
  Cli({"report", Sample("go-heap.pb.gz"), "-o", out});
  CHECK(ReportData(testing::ReadFile(out))["kinds"].empty());
}

TEST_CASE("serve expands directories and archives as top does", "[archive][serve]") {
  const std::string dir = MakeDay("kinds-serve");
  const std::vector<std::string> files = {dir + "/day", dir + "/day.tar.gz"};
  const ServeState state = testing::LoadServeStateOf(files);
  CHECK(state.inputs.at(dir + "/day").size() == 4);
  CHECK(state.inputs.at(dir + "/day.tar.gz").size() == 4);
  // Both inputs, by sample index and by the file label, as the command line.
  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.end(), files.begin(), files.end());
    return Cli(std::move(args));
  };
  HttpResponse top = AnswerServeRequest(state, {"/top", {{"sample_index", "alloc_space"}, {"tagfocus", "file=node-2"}}});
  CHECK(top.status == 200);
  CHECK(top.body == cli({"top", "--sample-index", "alloc_space", "--tagfocus", "file=node-2"}));
  top = AnswerServeRequest(state, {"/top", {{"format", "json"}}});
  CHECK(top.body == cli({"top", "--format", "json"}));
  // The page: a section per kind.
  HttpResponse page = AnswerServeRequest(state, {"/", {}});
  REQUIRE(page.status == 200);
  CHECK(ReportData(page.body)["kinds"].size() == 2);
}

TEST_CASE("trend follows the profiles of a directory or an archive", "[archive][trend]") {
  const std::string dir = testing::TempDir("trend-dir");
  std::vector<std::string> args = {"trend", "--format", "json"};
  fs::create_directories(dir + "/heap");
  for (int i = 1; i <= 5; ++i) {
    const std::string name = "heap-" + std::to_string(i) + ".pb.gz";
    fs::copy_file(testing::SourcePath("tests/data/heap-growth/" + name), dir + "/heap/" + name);
    args.push_back(testing::SourcePath("tests/data/heap-growth/" + name));
  }
  REQUIRE(std::system(("cd '" + dir + "/heap' && tar -czf ../heap.tar.gz *.pb.gz").c_str()) == 0);
  const nlohmann::json files = nlohmann::json::parse(Cli(args));
  for (const std::string input : {dir + "/heap", dir + "/heap.tar.gz"}) {
    const nlohmann::json expanded = nlohmann::json::parse(Cli({"trend", "--format", "json", input}));
    INFO(input);
    REQUIRE(expanded["points"].size() == 5);
    CHECK(expanded["growth_per_hour"] == files["growth_per_hour"]);
    for (size_t i = 0; i < 5; ++i) {
      CHECK(expanded["points"][i]["value"] == files["points"][i]["value"]);
      CHECK(expanded["points"][i]["time_nanos"] == files["points"][i]["time_nanos"]);
    }
    CHECK_THAT(expanded["points"][0]["file"].get<std::string>(), Catch::EndsWith("heap-1.pb.gz"));
  }
  // A directory mixing kinds: the kind --sample-index names is followed, the
  // others left out with a note, as top does.
  fs::copy_file(Sample("go-cpu.pb.gz"), dir + "/heap/cpu.pb.gz");
  testing::CliRun mixed = testing::RunCli({"trend", "--format", "json", "--sample-index", "inuse_space", dir + "/heap"});
  INFO(mixed.err);
  REQUIRE(mixed.code == 0);
  CHECK(nlohmann::json::parse(mixed.out)["growth_per_hour"] == files["growth_per_hour"]);
  CHECK(mixed.err == "proflens: note: the inputs hold 2 kinds of profile; following alloc_objects, alloc_space, "
                     "inuse_objects, inuse_space (5 inputs); left out: samples, cpu (1 input). --sample-index TYPE "
                     "follows the kind with that sample type\n");
  // Without it, the first profile's kind (cpu.pb.gz sorts first): one CPU profile is no trend.
  mixed = testing::RunCli({"trend", dir + "/heap"});
  CHECK(mixed.code == 2);
  CHECK_THAT(mixed.err, Catch::Contains("following samples, cpu (1 input)"));
  // One profile in the directory is no trend.
  fs::create_directories(dir + "/one");
  fs::copy_file(testing::SourcePath("tests/data/heap-growth/heap-1.pb.gz"), dir + "/one/heap-1.pb.gz");
  testing::CliRun one = testing::RunCli({"trend", dir + "/one"});
  CHECK(one.code == 2);
  CHECK_THAT(one.err, Catch::Contains("trend needs 2 or more profiles"));
}

// python3's http.server on a free loopback port, serving `dir`.
struct FileServer {
  explicit FileServer(const std::string& dir)
      : child("python3 -u -m http.server 0 --bind 127.0.0.1 --directory '" + dir + "'") {
    const std::string line = child.WaitForLine("Serving HTTP on", 60);
    INFO(child.output());
    REQUIRE_FALSE(line.empty());
    const size_t port = line.find("port ") + 5;
    root = "http://127.0.0.1:" + line.substr(port, line.find(' ', port) - port);
  }
  ~FileServer() { child.Stop(SIGTERM, 10); }
  testing::ChildProcess child;
  std::string root;
};

TEST_CASE("URLs are taken by --rules, --files-from, --bench-output and --base", "[url][cli]") {
  const std::string dir = testing::TempDir("option-urls");
  testing::WriteFile(dir + "/gate.rules", "fib: cum(\"main\\.fib\") < 50%\ntotal: total > 1s\n");
  testing::WriteFile(dir + "/list", Sample("go-cpu.pb.gz") + "\n" + Sample("go-generics.pb.gz") + "\n");
  fs::copy_file(testing::SourcePath("tests/data/gobench/bench.txt"), dir + "/bench.txt");
  fs::copy_file(Sample("go-generics.pb.gz"), dir + "/base.pb.gz");
  FileServer server(dir);

  // --base is a profile input: a URL as any.
  CHECK(Cli({"top", Sample("go-cpu.pb.gz"), "--base", server.root + "/base.pb.gz"}) ==
        Cli({"top", Sample("go-cpu.pb.gz"), "--base", dir + "/base.pb.gz"}));

  // The same answer as from the files.
  testing::CliRun from_file = testing::RunCli({"check", Sample("go-cpu.pb.gz"), "--rules", dir + "/gate.rules"});
  testing::CliRun from_url = testing::RunCli({"check", Sample("go-cpu.pb.gz"), "--rules", server.root + "/gate.rules"});
  INFO(from_url.err);
  CHECK(from_url.code == 0);
  CHECK(from_url.out == from_file.out);
  CHECK(from_url.err == "proflens: fetching " + server.root + "/gate.rules\n");

  const std::string merged_file = dir + "/a.pb.gz", merged_url = dir + "/b.pb.gz";
  Cli({"merge", "--files-from", dir + "/list", "-o", merged_file});
  Cli({"merge", "--files-from", server.root + "/list", "-o", merged_url});
  CHECK(Cli({"top", merged_url}) == Cli({"top", merged_file}));
  CHECK(Cli({"info", "--files-from", server.root + "/list"}) == Cli({"info", "--files-from", dir + "/list"}));

  const std::string data = testing::SourcePath("tests/data/gobench/cpu.pb.gz");
  const std::vector<std::string> bench = {"check", data, "--focus", "BenchmarkParse$", "--bench", "Parse", "-a", "ops == 10000"};
  std::vector<std::string> with_url = bench, with_file = bench;
  with_url.insert(with_url.end(), {"--bench-output", server.root + "/bench.txt"});
  with_file.insert(with_file.end(), {"--bench-output", dir + "/bench.txt"});
  CHECK(Cli(with_url) == Cli(with_file));

  // Errors as a profile URL's: the status and the URL, exit 3, naming the option.
  testing::CliRun missing = testing::RunCli({"check", Sample("go-cpu.pb.gz"), "--rules", server.root + "/no.rules"});
  CHECK(missing.code == 3);
  CHECK_THAT(missing.err, Catch::Contains("--rules: fetching " + server.root + "/no.rules: HTTP 404 File not found"));
  missing = testing::RunCli({"merge", "--files-from", server.root + "/no-list", "-o", dir + "/c.pb.gz"});
  CHECK(missing.code == 3);
  CHECK_THAT(missing.err, Catch::Contains("--files-from: fetching " + server.root + "/no-list: HTTP 404"));
  missing = testing::RunCli({"check", data, "--bench-output", "http://127.0.0.1:1/bench.txt", "-a", "ops > 1"});
  CHECK(missing.code == 3);
  CHECK_THAT(missing.err, Catch::Contains("--bench-output: fetching http://127.0.0.1:1/bench.txt: Failed to connect"));
  // A fetched rules file is not what --save keeps.
  testing::CliRun saved = testing::RunCli({"--save", dir + "/saved", "check", Sample("go-cpu.pb.gz"), "--rules",
                                           server.root + "/gate.rules"});
  CHECK(saved.code == 0);
  CHECK_FALSE(fs::exists(dir + "/saved"));
}

}  // namespace
}  // namespace proflens
