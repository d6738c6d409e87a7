// The HTML report draws each sample type's call graph as `proflens dot
// --sample-index T` draws it (whose DOT is checked against go tool pprof -dot
// in dot_golden_test): the same nodes, edges and labels, tags included. The
// report's pictures are compared with the command's by the text the SVG
// shows and the titles that name its nodes and edges.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace proflens {
namespace {

// The JSON string literal that starts at `at` (its opening quote), decoded
// by the JSON library.
std::string JsonStringAt(const std::string& text, size_t at) {
  size_t end = at + 1;  // its closing quote: the first one not escaped
  while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
  return nlohmann::json::parse(text.begin() + at, text.begin() + std::min(end + 1, text.size())).get<std::string>();
}

// What an SVG shows and names: its <text> and <title> contents, in order.
std::vector<std::string> ShownText(const std::string& svg) {
  std::vector<std::string> out;
  for (const std::string tag : {"<text", "<title>"}) {
    for (size_t at = svg.find(tag); at != std::string::npos; at = svg.find(tag, at + 1)) {
      const size_t start = svg.find('>', at) + 1, end = svg.find('<', start);
      out.push_back(tag + ": " + svg.substr(start, end - start));
    }
  }
  return out;
}

TEST_CASE("the report's call graph of each sample type is the dot command's", "[report][dot]") {
  const std::string dir = testing::TempDir("report_callgraph");
  // A heap profile (four types; most samples are 0 for the in-use ones, and
  // nodes have byte tags) and a labeled CPU profile (string tags).
  for (const char* name : {"samples/go-heap.pb.gz", "samples/tag-labels.pb.gz"}) {
    INFO(name);
    const std::string input = testing::SourcePath(name);
    REQUIRE(testing::RunCli({"report", input, "-o", dir + "/report.html"}).code == 0);
    const std::string html = testing::ReadFile(dir + "/report.html");
    std::vector<std::string> pictures;
    const std::string key = "\"callgraph\":\"";
    for (size_t at = html.find(key); at != std::string::npos; at = html.find(key, at + 1)) {
      pictures.push_back(JsonStringAt(html, at + key.size() - 1));
    }
    REQUIRE(pictures.size() >= 2);
    for (size_t t = 0; t < pictures.size(); ++t) {
      INFO("sample type " << t);
      const std::string svg = dir + "/dot.svg";
      REQUIRE(testing::RunCli({"dot", input, "--sample-index", std::to_string(t), "-o", svg}).code == 0);
      const std::vector<std::string> drawn = ShownText(testing::ReadFile(svg));
      CHECK(drawn.size() > 10);
      CHECK(ShownText(pictures[t]) == drawn);
    }
  }
}

}  // namespace
}  // namespace proflens
