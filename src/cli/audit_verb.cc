#include "cli/audit_verb.h"

#include <fcntl.h>
#include <getopt.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "base/unique_fd.h"
#include "cli/diagnostics.h"
#include "cli/report_options.h"
#include "image/audit_report.h"
#include "image/engine_image.h"
#include "image/image_audit.h"
#include "version.h"

namespace unroot::cli {
namespace {

constexpr const char* kUsage =
    "Usage: unroot audit [OPTIONS] IMAGE|ARCHIVE|-\n"
    "Judge a built image's privileges without running it: its config, its layers,\n"
    "what its entrypoint really does. ARCHIVE is a docker save or podman save tar\n"
    "or an OCI image layout (a directory or a tar); - reads one from stdin; any\n"
    "other name is an image the engine has (never pulled).\n"
    "\n"
    "  --format text|json|sarif        output format (default text)\n"
    "  --fail-on error|warning|info|none  exit 1 at or above this severity (default error)\n"
    "  --engine auto|docker|podman|none   where IMAGE comes from (default auto: docker,\n"
    "                                  then podman)\n"
    "  --explain ID                    print what finding ID means and how to fix it\n"
    "  -h, --help                      this text\n"
    "\n"
    "Exit status: 0 below --fail-on, 1 at or above it, 2 a usage error or an image\n"
    "that cannot be read.\n";

enum AuditOptionId { kExplain = 500 };

int audit_usage_error(std::string_view why) {
  print_err("unroot audit: usage: " + std::string(why) + " (see unroot audit --help)\n");
  return 2;
}

int explain(std::string_view id) {
  for (const lint::RuleInfo& rule : image::audit_catalog()) {
    if (strncasecmp(rule.id.data(), id.data(), id.size()) != 0 || rule.id.size() != id.size()) {
      continue;
    }
    print_out(explain_text(rule));
    return 0;
  }
  return audit_usage_error("no finding " + std::string(id) +
                           " (unroot audit --help lists where to read them)");
}

Result<image::Image> read_input(const std::string& name, lint::Engine engine) {
  image::LayerLimits limits;
  if (name == "-") {
    image::FdSource source(STDIN_FILENO, "stdin");
    return image::read_image_archive(source, "stdin", limits);
  }
  struct stat st {};
  if (stat(name.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return image::read_image_layout(name, limits);
  if (stat(name.c_str(), &st) == 0) {
    UniqueFd fd(open(name.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) return Error{"reading " + name, strerror(errno), "check its permissions"};
    image::FdSource source(fd.get(), name);
    return image::read_image_archive(source, name, limits);
  }
  return image::read_engine_image(engine, name, limits);
}

}  // namespace

int run_audit_verb(int argc, char** argv) {
  std::vector<option> options = {{"help", no_argument, nullptr, 'h'},
                                 {"explain", required_argument, nullptr, kExplain},
                                 {nullptr, 0, nullptr, 0}};
  append_report_options(options);
  ReportOptions report;
  opterr = 0;
  optind = 1;
  for (;;) {
    int opt = getopt_long(argc, argv, "+h", options.data(), nullptr);
    if (opt == -1) break;
    if (auto applied = apply_report_option(opt, optarg, report)) {
      if (!*applied) return audit_usage_error(applied->error().message());
      continue;
    }
    switch (opt) {
      case 'h':
        print_out(kUsage);
        return 0;
      case kExplain:
        return explain(optarg);
      default:
        return audit_usage_error(std::string("unknown option or missing value: ") +
                                 argv[optind - 1]);
    }
  }
  if (argc - optind != 1) return audit_usage_error("give one IMAGE, ARCHIVE or -");
  std::string name = argv[optind];
  auto image = read_input(name, report.engine);
  if (!image) {
    print_error("unroot audit", image.error());
    return 2;
  }
  image::AuditedImage audited{name == "-" ? "stdin" : name, &*image, image::audit_image(*image)};
  if (report.format == "json") {
    print_out(image::render_audit_json(audited));
  } else if (report.format == "sarif") {
    print_out(image::render_audit_sarif(audited, UNROOT_VERSION));
  } else {
    print_out(image::render_audit_text(audited));
  }
  std::vector<lint::Severity> severities;
  for (const image::AuditFinding& f : audited.findings) severities.push_back(f.severity);
  return findings_exit_status(severities, report.threshold);
}

}  // namespace unroot::cli
