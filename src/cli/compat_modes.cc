#include "cli/compat_modes.h"

#include <getopt.h>
#include <stdlib.h>

#include <string>
#include <string_view>

#include "cli/diagnostics.h"
#include "cli/drop_options.h"
#include "cli/init_options.h"
#include "launch/become_user.h"
#include "process/exec_command.h"
#include "process/signal_names.h"
#include "process/supervisor.h"
#include "version.h"

namespace unroot::cli {
namespace {

// Both tools fail with status 1 for anything of their own, including a
// command that cannot be found or executed.
int switch_and_exec(std::string_view prog, char* spec, char** cmd) {
  BecomeUserRequest request;
  request.spec = spec;
  request.honor_unroot_user = false;
  request.keep_identity_when_unprivileged = false;
  StderrReporter reporter(prog);
  // The profile applies under these names too, so UNROOT_ALLOW (lift a group)
  // and UNROOT_WRITE (fence writes) work without changing an entrypoint script.
  Status allowed = apply_hardening_environment(request);
  if (!allowed) {
    print_error(prog, allowed.error());
    return 1;
  }
  auto dropped = become_user(request, reporter);
  if (!dropped) {
    print_error(prog, dropped.error());
    return 1;
  }
  print_error(prog, exec_command(cmd));
  return 1;
}

}  // namespace

int run_gosu(int argc, char** argv) {
  const std::string usage = std::string("Usage: gosu user-spec command [args]\n") +
                            "   eg: gosu app bash\n"
                            "       gosu nobody:root bash -c 'whoami && id'\n"
                            "       gosu 1000:1 id\n\n"
                            "gosu command line of unroot " UNROOT_VERSION "\n";
  if (argc >= 2) {
    std::string_view arg = argv[1];
    if (arg == "--help" || arg == "-h" || arg == "-?") {
      print_out(usage);
      return 0;
    }
    if (arg == "--version" || arg == "-v") {
      print_out("unroot " UNROOT_VERSION " (gosu command line)\n");
      return 0;
    }
  }
  if (argc <= 2) {
    print_err(usage);
    return 1;
  }
  return switch_and_exec("gosu", argv[1], argv + 2);
}

int run_su_exec(int argc, char** argv) {
  if (argc < 3) {
    print_out(std::string("Usage: ") + argv[0] + " user-spec command [args]\n");
    return 0;
  }
  return switch_and_exec("su-exec", argv[1], argv + 2);
}

int run_tini(int argc, char** argv) {
  constexpr std::string_view kUsage =
      "Usage: tini [OPTIONS] PROGRAM -- [ARGS] | --version\n"
      "\n"
      "Execute a program under the supervision of a valid init process\n"
      "(the tini command line of unroot " UNROOT_VERSION
      ").\n"
      "\n"
      "  --version: Show version and exit.\n"
      "  -h: Show this help message and exit.\n"
      "  -s: Register as a process subreaper (done whenever not PID 1).\n"
      "  -p SIGNAL: Trigger SIGNAL when parent dies, e.g. \"-p SIGKILL\".\n"
      "  -v: Generate more verbose output.\n"
      "  -w: Print a warning when processes are getting reaped.\n"
      "  -g: Send signals to the child's process group.\n"
      "  -e EXIT_CODE: Remap EXIT_CODE (from 0 to 255) to 0.\n"
      "  -l: Show license and exit.\n"
      "\n"
      "Environment variables:\n"
      "  TINI_SUBREAPER: Register as a process subreaper.\n"
      "  TINI_KILL_PROCESS_GROUP: Send signals to the child's process group.\n";
  if (argc >= 2 && std::string_view(argv[1]) == "--version") {
    print_out("tini command line of unroot " UNROOT_VERSION "\n");
    return 0;
  }
  SupervisorConfig config;
  const char* kill_group = getenv("TINI_KILL_PROCESS_GROUP");
  config.kill_group = kill_group && *kill_group;
  opterr = 0;
  optind = 1;
  for (;;) {
    int opt = getopt(argc, argv, "+hsp:vwge:l");
    if (opt == -1) break;
    Status parsed = Ok{};
    switch (opt) {
      case 'h':
        print_out(kUsage);
        return 0;
      case 's':  // a subreaper whenever not PID 1, asked or not
        break;
      case 'p': {
        auto sig = parse_signal(optarg);
        if (sig) {
          config.pdeathsig = *sig;
        } else {
          parsed = sig.error();
        }
        break;
      }
      case 'v':
        config.verbose = true;
        break;
      case 'w':
        config.warn_on_reap = true;
        break;
      case 'g':
        config.kill_group = true;
        break;
      case 'e':
        parsed = add_remapped_exit(optarg, config);
        break;
      case 'l':
        print_out("unroot " UNROOT_VERSION
                  ": the tini command line is a reimplementation; "
                  "it contains no tini code.\n");
        return 0;
      default:
        print_err(kUsage);
        return 1;
    }
    if (!parsed) {
      print_error("tini", parsed.error());
      return 1;
    }
  }
  if (optind < argc && std::string_view(argv[optind]) == "--") ++optind;
  if (optind >= argc) {
    print_err(kUsage);
    return 1;
  }
  config.argv = argv + optind;
  StderrReporter reporter("tini");
  auto status = supervise(config, reporter);
  if (!status) {
    print_error("tini", status.error());
    return 1;
  }
  return *status;
}

}  // namespace unroot::cli
