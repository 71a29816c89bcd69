#include "cli/init_verb.h"

#include <getopt.h>
#include <stdlib.h>

#include <optional>
#include <string>
#include <vector>

#include "cli/diagnostics.h"
#include "cli/drop_options.h"
#include "cli/init_options.h"
#include "launch/become_user.h"
#include "process/signal_names.h"
#include "process/supervisor.h"

namespace unroot::cli {
namespace {

constexpr const char* kUsageHead =
    "Usage: unroot init [OPTIONS] [--] CMD [ARG...]\n"
    "Be the container's PID 1: reap every zombie, pass signals on to CMD, exit with\n"
    "CMD's status. With --user, drop first, so no process in the container stays root.\n"
    "\n"
    "  --user SPEC            drop init and CMD to SPEC (as unroot exec does)\n"
    "  -g, --kill-group       pass signals to CMD's whole process group\n"
    "  --rewrite FROM:TO      pass signal FROM on as TO (e.g. TERM:QUIT); repeatable\n"
    "  -e, --remap-exit CODE  report CMD's exit status CODE as 0; repeatable\n"
    "  --grace SECONDS        when CMD exits, SIGTERM the remaining processes and wait\n"
    "                         up to SECONDS before SIGKILL (default 0: exit at once)\n"
    "  -p, --pdeathsig SIG    signal init gets when its parent dies\n"
    "  -h, --help             this text\n";
constexpr const char* kUsageTail =
    "\n"
    "UNROOT_USER in the environment replaces SPEC (and enables the drop).\n"
    "Exit status: CMD's, 128+N if CMD died of signal N, 125 if init failed.\n";

}  // namespace

int run_init_verb(int argc, char** argv) {
  enum { kUser = 1, kRewrite, kGrace };
  std::vector<option> options = {{"user", required_argument, nullptr, kUser},
                                 {"kill-group", no_argument, nullptr, 'g'},
                                 {"rewrite", required_argument, nullptr, kRewrite},
                                 {"remap-exit", required_argument, nullptr, 'e'},
                                 {"grace", required_argument, nullptr, kGrace},
                                 {"pdeathsig", required_argument, nullptr, 'p'},
                                 {"help", no_argument, nullptr, 'h'}};
  append_drop_options(options);
  options.push_back({nullptr, 0, nullptr, 0});
  DropOptions drop;
  BecomeUserRequest& request = drop.request;
  std::optional<std::string> user;
  SupervisorConfig config;
  opterr = 0;
  optind = 1;
  for (;;) {
    int opt = getopt_long(argc, argv, "+ge:p:h", options.data(), nullptr);
    if (opt == -1) break;
    Status parsed = Ok{};
    switch (opt) {
      case kUser:
        user = optarg;
        break;
      case 'g':
        config.kill_group = true;
        break;
      case kRewrite:
        parsed = add_rewrite(optarg, config);
        break;
      case 'e':
        parsed = add_remapped_exit(optarg, config);
        break;
      case kGrace:
        parsed = set_grace(optarg, config);
        break;
      case 'p': {
        auto sig = parse_signal(optarg);
        if (!sig) return usage_error("init", sig.error().message());
        config.pdeathsig = *sig;
        break;
      }
      case 'h':
        print_out(std::string(kUsageHead) + kDropUsage + kUsageTail);
        return 0;
      default: {
        std::optional<Status> applied = apply_drop_option(opt, optarg, drop);
        if (!applied) {
          return usage_error("init",
                             std::string("unknown option or missing value: ") + argv[optind - 1]);
        }
        parsed = *applied;
      }
    }
    if (!parsed) return usage_error("init", parsed.error().message());
  }
  if (optind < argc && std::string_view(argv[optind]) == "--") ++optind;
  if (optind >= argc) return usage_error("init", "missing CMD");
  config.argv = argv + optind;

  StderrReporter stderr_reporter("unroot");
  SilentReporter silent;
  Reporter& reporter = drop.quiet ? static_cast<Reporter&>(silent) : stderr_reporter;
  const bool dropping = user || getenv("UNROOT_USER");
  if (!dropping &&
      (!request.keep.empty() || request.allow_escalation || !request.allow_groups.empty() ||
       !request.writes.paths.empty() || request.writes.strict || request.remap.asked() ||
       !request.remap.chown_paths.empty())) {
    return usage_error("init",
                       "--keep-cap, --allow-escalation, --allow, --write and the remap options "
                       "only apply with --user");
  }
  if (dropping) {
    Status environment = apply_remap_environment(request.remap);
    if (environment) environment = apply_hardening_environment(request);
    if (!environment) {
      print_error("unroot", environment.error());
      return 125;
    }
    request.spec = user.value_or("");
    auto dropped = become_user(request, reporter);
    if (!dropped) {
      print_error("unroot", dropped.error());
      return dropped.error().status;
    }
  }
  auto status = supervise(config, stderr_reporter);
  if (!status) {
    print_error("unroot", status.error());
    return status.error().status;
  }
  return *status;
}

}  // namespace unroot::cli
