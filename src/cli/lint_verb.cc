#include "cli/lint_verb.h"

#include <getopt.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "base/file.h"
#include "cli/diagnostics.h"
#include "cli/report_options.h"
#include "dockerfile/parser.h"
#include "lint/build_model.h"
#include "lint/engine.h"
#include "lint/lint_report.h"
#include "lint/rules.h"
#include "version.h"

namespace unroot::cli {
namespace {

constexpr const char* kUsage =
    "Usage: unroot lint [OPTIONS] [FILE|-]...\n"
    "Find the user-privilege mistakes in Dockerfiles (default: ./Dockerfile),\n"
    "following the effective user through stages and base images.\n"
    "\n"
    "  --format text|json|sarif        output format (default text)\n"
    "  --fail-on error|warning|info|none  exit 1 at or above this severity (default error)\n"
    "  --engine auto|docker|podman|none   ask this engine about base images (default auto;\n"
    "                                  never pulls)\n"
    "  --ignore ID                     leave rule ID out; repeatable\n"
    "  --explain ID                    print what rule ID means and how to fix it\n"
    "  -h, --help                      this text\n"
    "\n"
    "A `# unroot-ignore: ID reason` line before an instruction silences ID there.\n"
    "Exit status: 0 below --fail-on, 1 at or above it, 2 a parse or usage error.\n";

enum LintOptionId { kIgnore = 400, kExplain };

int lint_usage_error(std::string_view why) {
  print_err("unroot lint: usage: " + std::string(why) + " (see unroot lint --help)\n");
  return 2;
}

int explain(std::string_view id) {
  const lint::RuleInfo* rule = lint::find_rule(id);
  if (!rule) return lint_usage_error("no rule " + std::string(id) + " (rules are UR001 to UR012)");
  print_out(explain_text(*rule));
  return 0;
}

// The Dockerfile's text: a file, or stdin for "-".
Result<std::string> read_dockerfile(const std::string& path) {
  if (path == "-") return read_small_stream(STDIN_FILENO, "stdin");
  auto text = read_small_file(path);
  if (!text) return text.error();
  if (!*text) return Error{path, "no such file", "give the Dockerfile's path, or - for stdin"};
  return **text;
}

std::string context_of(const std::string& path) {
  if (path == "-") return "";
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

int run_lint_verb(int argc, char** argv) {
  std::vector<option> options = {{"help", no_argument, nullptr, 'h'},
                                 {"ignore", required_argument, nullptr, kIgnore},
                                 {"explain", required_argument, nullptr, kExplain},
                                 {nullptr, 0, nullptr, 0}};
  append_report_options(options);
  ReportOptions report;
  std::vector<std::string> ignored;
  opterr = 0;
  optind = 1;
  for (;;) {
    int opt = getopt_long(argc, argv, "+h", options.data(), nullptr);
    if (opt == -1) break;
    if (auto applied = apply_report_option(opt, optarg, report)) {
      if (!*applied) return lint_usage_error(applied->error().message());
      continue;
    }
    switch (opt) {
      case 'h':
        print_out(kUsage);
        return 0;
      case kIgnore:
        if (!lint::find_rule(optarg)) {
          return lint_usage_error("--ignore " + std::string(optarg) +
                                  ": no such rule (UR001 to UR012)");
        }
        ignored.emplace_back(optarg);
        break;
      case kExplain:
        return explain(optarg);
      default:
        return lint_usage_error(std::string("unknown option or missing value: ") +
                                argv[optind - 1]);
    }
  }
  std::vector<std::string> paths(argv + optind, argv + argc);
  if (paths.empty()) paths.emplace_back("Dockerfile");

  lint::BaseImageLookup lookup = lint::engine_lookup(report.engine);
  std::vector<lint::FileFindings> results;
  bool parse_failed = false;
  for (const std::string& path : paths) {
    std::string shown = path == "-" ? "<stdin>" : path;
    auto text = read_dockerfile(path);
    if (!text) {
      print_error("unroot lint", text.error());
      parse_failed = true;
      continue;
    }
    auto parsed = dockerfile::parse_dockerfile(*text);
    if (!parsed) {
      const dockerfile::SyntaxError& e = parsed.error();
      print_err(shown + ":" + std::to_string(e.position.line) + ":" +
                std::to_string(e.position.column) + ": parse error: " + e.message + "\n");
      parse_failed = true;
      continue;
    }
    lint::BuildModel model = lint::build_model(*parsed, {lookup, context_of(path)});
    results.push_back({shown, lint::run_rules(*parsed, model, ignored)});
  }
  if (report.format == "json") {
    print_out(lint::render_lint_json(results));
  } else if (report.format == "sarif") {
    print_out(lint::render_lint_sarif(results, UNROOT_VERSION));
  } else {
    print_out(lint::render_lint_text(results));
  }
  if (parse_failed) return 2;
  std::vector<lint::Severity> severities;
  for (const lint::FileFindings& file : results) {
    for (const lint::LintFinding& finding : file.findings) severities.push_back(finding.severity);
  }
  return findings_exit_status(severities, report.threshold);
}

}  // namespace unroot::cli
