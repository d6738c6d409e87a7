#include "tests/test_util.h"

#include "formats/pprof/pprof.h"
#include "formats/pprof/protobuf_wire.h"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "analyzer/profile_builder.h"

namespace proflens::testing {

std::string SourcePath(const std::string& relative) { return std::string(PROFLENS_SOURCE_DIR) + "/" + relative; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string FromHex(std::string_view hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return bytes;
}

nlohmann::json ReportData(const std::string& html) {
  const std::string open = "<script id=\"report-data\" type=\"application/json\">";
  const size_t start = html.find(open);
  if (start == std::string::npos) return nullptr;
  const size_t end = html.find("</script>", start);
  if (end == std::string::npos) return nullptr;
  return nlohmann::json::parse(html.substr(start + open.size(), end - start - open.size()), nullptr, false);
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

namespace {

std::filesystem::path ProcessTempDir() {
  return std::filesystem::temp_directory_path() / ("proflens-test-" + std::to_string(getpid()));
}

}  // namespace

std::string TempDir(const std::string& name) {
  auto dir = ProcessTempDir() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

void RemoveTempDirs() {
  std::error_code ignored;  // nothing to remove, or gone already
  std::filesystem::remove_all(ProcessTempDir(), ignored);
}

CliRun RunCli(std::vector<std::string> args) {
  args.insert(args.begin(), "proflens");
  std::ostringstream out, err;
  CliRun run;
  run.code = proflens::RunCli(args, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

CliRun RunBinary(const std::string& shell_args) {
  std::string dir = TempDir("binary");
  std::string command = std::string(PROFLENS_BINARY) + " " + shell_args + " >" + dir + "/out 2>" + dir + "/err";
  CliRun run;
  int status = std::system(command.c_str());
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadFile(dir + "/out");
  run.err = ReadFile(dir + "/err");
  return run;
}

std::vector<TextRow> TextRows(const std::string& text) {
  std::vector<TextRow> rows;
  std::istringstream in(text);
  bool table = false;
  for (std::string line; std::getline(in, line);) {
    if (!table) {
      table = line.find("flat  flat%") != std::string::npos;
      continue;
    }
    std::istringstream cols(line);
    TextRow row;
    std::string flat_pct, sum_pct, cum_pct;
    cols >> row.flat >> flat_pct >> sum_pct >> row.cum >> cum_pct;
    std::getline(cols, row.name);
    row.name = row.name.substr(row.name.find_first_not_of(' '));
    for (const char* suffix : {" (inline)", " (partial-inline)"}) {
      if (row.name.ends_with(suffix)) row.name.resize(row.name.size() - std::string(suffix).size());
    }
    rows.push_back(row);
  }
  return rows;
}

std::vector<GoldenRow> ReadGoldenManifest(const std::string& relative) {
  std::vector<GoldenRow> rows;
  std::istringstream manifest(ReadFile(SourcePath(relative)));
  for (std::string line; std::getline(manifest, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string col; std::getline(fields, col, '\t');) cols.push_back(col);
    if (cols.size() != 4) throw std::runtime_error(relative + ": expected 4 tab-separated columns in: " + line);
    GoldenRow row;
    row.golden = cols[0];
    row.peer_flags = cols[2];
    std::istringstream inputs(cols[1]), args(cols[3]);
    for (std::string w; inputs >> w;) row.inputs.push_back(SourcePath(w));
    bool placed = false;
    for (std::string w; args >> w;) {
      if (w == "{}") {
        row.args.insert(row.args.end(), row.inputs.begin(), row.inputs.end());
        placed = true;
      } else {
        row.args.push_back(w.starts_with("samples/") ? SourcePath(w) : w);
      }
    }
    if (!placed) row.args.insert(row.args.end(), row.inputs.begin(), row.inputs.end());
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string ChromiumDumpDom(const std::string& html_path) {
  const char* chromium = "/usr/bin/chromium";
  if (!std::filesystem::exists(chromium)) {
    throw std::runtime_error("headless Chromium is missing: run scripts/setup.sh --test (Debian package chromium)");
  }
  std::string dir = TempDir("chromium");
  // No network, no first-run work, a fresh profile: as the machine's probe runs it.
  std::string command = std::string(chromium) +
                        " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                        " --disable-background-networking --disable-component-update --disable-sync"
                        " --user-data-dir=" + dir + "/profile --virtual-time-budget=5000 --dump-dom file://" +
                        html_path + " >" + dir + "/dom.html 2>" + dir + "/stderr.txt";
  int status = std::system(("timeout 120 " + command).c_str());
  if (status != 0) throw std::runtime_error("chromium failed: " + ReadFile(dir + "/stderr.txt"));
  return ReadFile(dir + "/dom.html");
}

Profile MakeProfile(const std::vector<TestStack>& stacks,
                    const std::vector<std::pair<std::string, std::string>>& types) {
  ProfileBuilder b;
  for (const auto& [type, unit] : types) b.AddSampleType(type, unit);
  auto function = [&b](const std::string& name) {
    Function f;
    f.name = b.InternString(name);
    f.system_name = f.name;
    f.filename = b.InternString(name + ".c");
    return b.InternFunction(f);
  };
  for (const TestStack& s : stacks) {
    std::vector<LocationId> leaf_first;
    std::stringstream frames(s.frames);
    std::string frame;
    while (std::getline(frames, frame, ';')) {
      // "a>b": b inlined into a; lines are stored innermost first.
      std::vector<Line> lines;
      std::stringstream parts(frame);
      std::string part;
      while (std::getline(parts, part, '>')) lines.insert(lines.begin(), Line{function(part), 1});
      leaf_first.insert(leaf_first.begin(), b.InternLocation(kNoId, 0, lines));
    }
    b.AddSample(b.InternStack(leaf_first), 0, s.values);
  }
  return std::move(b).Build();
}

const CallGraphNode* FindNode(const CallGraph& graph, const std::string& name) {
  for (const CallGraphNode& n : graph.nodes) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

const CallGraphEdge* FindEdge(const CallGraph& graph, const std::string& caller, const std::string& callee) {
  for (const CallGraphEdge& e : graph.edges) {
    if (graph.nodes[e.caller].name == caller && graph.nodes[e.callee].name == callee) return &e;
  }
  return nullptr;
}

std::string PprofWithOneLabelSetWrittenTwoWays() {
  std::string bytes = WritePprof(MakeProfile({{"main;a", {3}}, {"main;b", {2}}}));
  const size_t strings = ReadPprof(bytes).value().strings.size();  // as written: MakeProfile's have no twins
  std::string more;
  WireWriter m(more);
  for (const char* s : {"k1", "v1", "k2", "v2"}) m.Bytes(6, s);  // string_table, from index `strings`
  auto label = [&](uint64_t key, uint64_t str) {
    std::string l;
    WireWriter w(l);
    w.Int(1, strings + key);
    w.Int(2, strings + str);
    return l;
  };
  std::string ids, values;
  WireWriter(ids).Varint(1);
  WireWriter(values).Varint(5);
  std::string together, apart;  // k1=v1 and k2=v2, then k2=v2 ... k1=v1 around the ids
  WireWriter t(together);
  t.Bytes(3, label(0, 1));
  t.Bytes(3, label(2, 3));
  t.Bytes(1, ids);
  t.Bytes(2, values);
  WireWriter a(apart);
  a.Bytes(3, label(2, 3));
  a.Bytes(1, ids);
  a.Bytes(3, label(0, 1));
  a.Bytes(2, values);
  m.Bytes(2, together);
  m.Bytes(2, apart);
  m.Bytes(2, together);
  return bytes + more;
}

RuleResult MakeRuleResult(const std::string& name, const std::string& expression, bool passed, const std::string& actual,
                          const std::string& limit, const std::string& error, std::vector<std::string> details) {
  RuleResult r;
  r.rule.name = name;
  r.rule.expression = expression;
  r.passed = passed;
  r.actual = actual;
  r.limit = limit;
  r.error = error;
  r.details = std::move(details);
  return r;
}

}  // namespace proflens::testing
