#include "cli/exec_verb.h"

#include <getopt.h>

#include <string>
#include <vector>

#include "cli/diagnostics.h"
#include "cli/drop_options.h"
#include "launch/become_user.h"
#include "process/exec_command.h"

namespace unroot::cli {
namespace {

constexpr const char* kUsageHead =
    "Usage: unroot exec [OPTIONS] SPEC [--] CMD [ARG...]\n"
    "Drop to SPEC (as docker run --user takes it: user, uid, user:group, uid:gid, ...)\n"
    "and execute CMD in place of unroot: same PID, nothing stays resident.\n"
    "\n"
    "  -h, --help             this text\n";
constexpr const char* kUsageTail =
    "\n"
    "UNROOT_USER in the environment replaces SPEC (the operator's explicit choice,\n"
    "e.g. -e UNROOT_USER=root); it is removed from CMD's environment.\n"
    "Exit status: CMD's own; 125 unroot failed, 126 CMD not executable, 127 CMD not found.\n";

}  // namespace

int run_exec_verb(int argc, char** argv) {
  std::vector<option> options = {{"help", no_argument, nullptr, 'h'}};
  append_drop_options(options);
  options.push_back({nullptr, 0, nullptr, 0});
  DropOptions drop;
  BecomeUserRequest& request = drop.request;
  opterr = 0;
  optind = 1;
  for (;;) {
    int opt = getopt_long(argc, argv, "+h", options.data(), nullptr);
    if (opt == -1) break;
    if (opt == 'h') {
      print_out(std::string(kUsageHead) + kDropUsage + kUsageTail);
      return 0;
    }
    std::optional<Status> applied = apply_drop_option(opt, optarg, drop);
    if (!applied) {
      return usage_error("exec",
                         std::string("unknown option or missing value: ") + argv[optind - 1]);
    }
    if (!*applied) return usage_error("exec", applied->error().message());
  }
  if (optind >= argc) return usage_error("exec", "missing SPEC");
  request.spec = argv[optind++];
  if (optind < argc && std::string_view(argv[optind]) == "--") ++optind;
  if (optind >= argc) return usage_error("exec", "missing CMD");

  Status environment = apply_remap_environment(request.remap);
  if (environment) environment = apply_hardening_environment(request);
  if (!environment) {
    print_error("unroot", environment.error());
    return 125;
  }
  StderrReporter stderr_reporter("unroot");
  SilentReporter silent;
  Reporter& reporter = drop.quiet ? static_cast<Reporter&>(silent) : stderr_reporter;
  auto dropped = become_user(request, reporter);
  if (!dropped) {
    print_error("unroot", dropped.error());
    return dropped.error().status;
  }
  Error failed = exec_command(argv + optind);
  print_error("unroot", failed);
  return failed.status;
}

}  // namespace unroot::cli
