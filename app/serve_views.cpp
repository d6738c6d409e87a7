#include "app/serve_views.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <type_traits>

#include "analyzer/text.h"
#include "app/load.h"
#include "formats/output/xml_escape.h"

namespace proflens {

namespace {

// One parameter: sets the command's arguments from its value, or says why not.
using Setter = std::function<Status(const std::string& value)>;
using Params = std::map<std::string, Setter, std::less<>>;

Setter Text(std::string& field) {
  return [&field](const std::string& value) {
    field = value;
    return Status::Ok();
  };
}

Setter OneOf(std::string& field, std::vector<std::string> allowed, std::string name) {
  return [&field, allowed = std::move(allowed), name = std::move(name)](const std::string& value) {
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
      return Status::Usage(name + "=" + value + ": expected " + Join(allowed, ", "));
    }
    field = value;
    return Status::Ok();
  };
}

// A checkbox's "on", or 1/0, true/false, yes/no; empty is true.
Setter Flag(bool& field, std::string name) {
  return [&field, name = std::move(name)](const std::string& value) {
    if (value.empty() || value == "1" || value == "on" || value == "true" || value == "yes") {
      field = true;
    } else if (value == "0" || value == "off" || value == "false" || value == "no") {
      field = false;
    } else {
      return Status::Usage(name + "=" + value + ": expected 1 or 0");
    }
    return Status::Ok();
  };
}

// A number in [low, high]; `integer` refuses fractions.
template <typename T>
Setter Number(T& field, std::string name, double low, double high) {
  return [&field, name = std::move(name), low, high](const std::string& value) {
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    const bool integral = std::is_integral_v<T>;
    if (value.empty() || *end != '\0' || !std::isfinite(number) || number < low || number > high ||
        (integral && number != std::floor(number))) {
      std::ostringstream range;
      range << low << " to " << high;
      return Status::Usage(name + "=" + value + ": expected " + (integral ? "a whole number" : "a number") + " from " +
                           range.str());
    }
    field = static_cast<T>(number);
    return Status::Ok();
  };
}

// The options every view takes (view options of the command line), bound to
// `view`; base= values go to `base`.
Params ViewParams(ViewArgs& view, std::optional<std::vector<std::string>>& base) {
  FilterOptions& f = view.filters;
  return {
      {"focus", Text(f.focus)},
      {"ignore", Text(f.ignore)},
      {"hide", Text(f.hide)},
      {"show", Text(f.show)},
      {"show_from", Text(f.show_from)},
      {"prune_from", Text(f.prune_from)},
      {"tagfocus", Text(f.tagfocus)},
      {"tagignore", Text(f.tagignore)},
      {"sample_index", Text(view.sample_index)},
      {"granularity", OneOf(view.granularity, {"functions", "filefunctions", "files", "lines", "addresses"}, "granularity")},
      {"symbols", OneOf(view.symbols, {"short", "full"}, "symbols")},
      {"relative_percentages", Flag(view.relative_percentages, "relative_percentages")},
      {"normalize", Flag(view.normalize, "normalize")},
      {"base",
       [&base](const std::string& value) {
         if (!base) base.emplace();
         if (!value.empty()) base->push_back(value);
         return Status::Ok();
       }},
  };
}

// Sets every parameter of the query ('-' or '_' alike in names); an unknown
// one is a usage error that lists the known ones.
Status ApplyQuery(const HttpRequest& request, const Params& params) {
  for (const auto& [raw, value] : request.params) {
    std::string name = raw;
    std::replace(name.begin(), name.end(), '-', '_');
    auto it = params.find(name);
    if (it == params.end()) {
      std::vector<std::string> known;
      for (const auto& p : params) known.push_back(p.first);
      return Status::Usage("unknown parameter \"" + raw + "\" (known: " + Join(known, ", ") + ")");
    }
    PROFLENS_RETURN_IF_ERROR(it->second(value));
  }
  return Status::Ok();
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// With base= given: the inputs it names are the base, the command line's
// other files the profile. Nothing but a served input is ever named.
Status ResolveBase(const ServeState& state, const std::optional<std::vector<std::string>>& base, ViewArgs& view) {
  if (!base) return Status::Ok();
  for (const std::string& name : *base) {
    if (!Contains(state.names, name)) {
      return Status::Usage("base=" + name + ": not one of the inputs (" + Join(state.names, ", ") + ")");
    }
  }
  view.base = *base;
  view.files.clear();
  for (const std::string& file : state.defaults.view.files) {
    if (!Contains(*base, file)) view.files.push_back(file);
  }
  if (view.files.empty()) return Status::Usage("base: every input is a base; nothing is left to show");
  return Status::Ok();
}

// One command run for a request: its view preset to the command line's,
// refined by the query, then `run` writes the answer on `out`.
struct ViewCall {
  ViewArgs* view = nullptr;
  Params params;  // the command's own; the view's are added
  std::function<Status(CommandContext&)> run;
  std::function<std::string()> content_type;
  bool html_errors = false;  // the report: errors as a page that leads back
};

HttpResponse ErrorAnswer(const Status& status, bool html) {
  HttpResponse answer;
  answer.status = status.code() == StatusCode::kUsage ? 400 : 422;
  const std::string message = "proflens: " + status.message();
  if (html) {
    answer.content_type = "text/html; charset=utf-8";
    answer.body = "<!doctype html><meta charset=\"utf-8\"><title>proflens serve</title><p>" + XmlEscape(message) +
                  "</p><p><a href=\"/\">Back to the profile as the command line showed it</a></p>\n";
  } else {
    answer.body = message + "\n";
  }
  return answer;
}

HttpResponse Run(const ServeState& state, const HttpRequest& request, ViewCall call) {
  std::optional<std::vector<std::string>> base;
  Params params = ViewParams(*call.view, base);
  params.merge(call.params);
  Status status = ApplyQuery(request, params);
  if (status.ok()) status = ResolveBase(state, base, *call.view);
  if (!status.ok()) return ErrorAnswer(status, call.html_errors);
  std::ostringstream out, err;
  CommandContext context{out, err, Status::Ok(), state.read};
  context.loaded = &state.inputs;
  status = call.run(context);
  if (!status.ok()) return ErrorAnswer(status, call.html_errors);
  return {200, call.content_type(), std::move(out).str()};
}

std::string TableType(const std::string& format) {
  return format == "json" ? "application/json" : format == "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
}

// The lines written on stderr, without "proflens: ".
std::vector<std::string> Notes(const std::string& err) {
  std::vector<std::string> notes;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("proflens: ")) line.erase(0, 10);
    if (!line.empty()) notes.push_back(line);
  }
  return notes;
}

// The form's values: the view the page shows.
ReportRefine RefineOf(const ViewArgs& view, const ServeState& state) {
  ReportRefine refine;
  const FilterOptions& f = view.filters;
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"focus", f.focus}, {"ignore", f.ignore}, {"hide", f.hide}, {"show", f.show}, {"show_from", f.show_from},
           {"prune_from", f.prune_from}, {"tagfocus", f.tagfocus}, {"tagignore", f.tagignore},
           {"sample_index", view.sample_index}, {"granularity", view.granularity}, {"symbols", view.symbols}}) {
    if (!value.empty()) refine.values.emplace_back(name, value);
  }
  if (view.relative_percentages) refine.values.emplace_back("relative_percentages", "1");
  if (view.normalize) refine.values.emplace_back("normalize", "1");
  for (const std::string& b : view.base) refine.values.emplace_back("base", b);
  refine.inputs = state.names;
  return refine;
}

HttpResponse ServeReport(const ServeState& state, const HttpRequest& request) {
  ReportArgs args = state.defaults;
  std::string html;
  ViewCall call{&args.view, {}, nullptr, [] { return "text/html; charset=utf-8"; }, true};
  call.run = [&](CommandContext& context) {
    std::ostringstream& err = static_cast<std::ostringstream&>(context.err);
    ReportRefine refine = RefineOf(args.view, state);
    auto finish = [&](ReportModel& model) {
      refine.notes = Notes(err.str());
      model.refine = refine;
    };
    PROFLENS_ASSIGN_OR_RETURN(std::string page, RenderReport(args, context, finish));
    context.out << page;
    return Status::Ok();
  };
  return Run(state, request, std::move(call));
}

HttpResponse ServeTop(const ServeState& state, const HttpRequest& request) {
  TopArgs args;
  args.view = state.defaults.view;
  ViewCall call{&args.view,
                {{"nodecount", Number(args.node_count, "nodecount", 0, 1e9)},
                 {"n", Number(args.node_count, "n", 0, 1e9)},
                 {"nodefraction", [&](const std::string& v) { return Number(args.node_fraction.emplace(), "nodefraction", 0, 1)(v); }},
                 {"rows", Text(args.rows)},
                 {"sort", Text(args.sort)},
                 {"unit", Text(args.unit)},
                 {"format", OneOf(args.format, kTableFormats, "format")}},
                [&](CommandContext& context) { return RunTop(args, context); },
                [&] { return TableType(args.format); }};
  return Run(state, request, std::move(call));
}

HttpResponse ServePeek(const ServeState& state, const HttpRequest& request) {
  PeekArgs args;
  args.view = state.defaults.view;
  std::optional<std::string> regex;
  ViewCall call{&args.view,
                {{"regex", [&](const std::string& v) { regex = v; return Status::Ok(); }},
                 {"unit", Text(args.unit)},
                 {"format", OneOf(args.format, {"text", "json"}, "format")}},
                [&](CommandContext& context) {
                  if (!regex) return Status::Usage("peek needs regex=, the functions to show");
                  args.view.files.push_back(*regex);  // PeekArgs: the last file is the regex
                  return RunPeek(args, context);
                },
                [&] { return TableType(args.format); }};
  return Run(state, request, std::move(call));
}

HttpResponse ServeFlame(const ServeState& state, const HttpRequest& request) {
  FlameArgs args;
  args.view = state.defaults.view;  // symbols "" unless given: full names, or short ones with a base (RunFlame)
  ViewCall call{&args.view,
                {{"title", Text(args.title)},
                 {"minwidth", Number(args.min_width, "minwidth", 0, 1e9)},
                 {"width", Number(args.width, "width", 100, 100000)},
                 {"reverse", Flag(args.reverse, "reverse")},
                 {"colors", Text(args.palette)}},
                [&](CommandContext& context) { return RunFlame(args, context); },
                [] { return "image/svg+xml"; }};
  return Run(state, request, std::move(call));
}

HttpResponse ServeGraph(const ServeState& state, const HttpRequest& request) {
  DotArgs args;
  args.view = state.defaults.view;
  args.to = "svg";
  ViewCall call{&args.view,
                {{"format", OneOf(args.to, {"svg", "dot"}, "format")},
                 {"nodecount", Number(args.node_count, "nodecount", 0, 1e9)},
                 {"nodefraction", Number(args.node_fraction, "nodefraction", 0, 1)},
                 {"edgefraction", Number(args.edge_fraction, "edgefraction", 0, 1)},
                 {"unit", Text(args.unit)}},
                [&](CommandContext& context) { return RunDot(args, context); },
                [&] { return args.to == "svg" ? "image/svg+xml" : "text/vnd.graphviz; charset=utf-8"; }};
  return Run(state, request, std::move(call));
}

}  // namespace

Result<ServeState> LoadServeState(const ReportArgs& defaults, CommandContext& context) {
  ServeState state;
  state.defaults = defaults;
  state.read = context.read;
  for (const auto* list : {&defaults.view.files, &defaults.view.base}) {
    for (const std::string& name : *list) {
      if (!Contains(state.names, name)) state.names.push_back(name);
    }
  }
  PROFLENS_ASSIGN_OR_RETURN(state.inputs, LoadInputCache(state.names, context));
  return state;
}

HttpResponse AnswerServeRequest(const ServeState& state, const HttpRequest& request) {
  using View = HttpResponse (*)(const ServeState&, const HttpRequest&);
  static const std::map<std::string, View, std::less<>> kViews = {
      {"/", ServeReport}, {"/top", ServeTop}, {"/peek", ServePeek}, {"/flame", ServeFlame}, {"/graph", ServeGraph}};
  auto it = kViews.find(request.path);
  if (it == kViews.end()) {
    return {404, "text/plain; charset=utf-8",
            "proflens serve: no view " + request.path + " (views: /, /top, /peek, /flame, /graph)\n"};
  }
  return it->second(state, request);
}

}  // namespace proflens
