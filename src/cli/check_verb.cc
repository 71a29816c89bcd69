#include "cli/check_verb.h"

#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "audit/assess.h"
#include "audit/gather.h"
#include "audit/report.h"
#include "cli/diagnostics.h"
#include "cli/drop_options.h"
#include "launch/become_user.h"
#include "ownership/tree_walk.h"

namespace unroot::cli {
namespace {

constexpr const char* kUsage =
    "Usage: unroot check [--json] [--strict] [--no-scan] [--as SPEC [DROP OPTIONS]]\n"
    "Audit, from inside the container, what privileges this process has and what\n"
    "it could escalate to: identity, groups, capabilities, no_new_privs, seccomp,\n"
    "AppArmor/SELinux, --privileged, setuid programs, sudo, writable sensitive\n"
    "files, container-runtime sockets.\n"
    "\n"
    "  --json                 one JSON document instead of lines\n"
    "  --strict               a warn is a failure too (exit 1)\n"
    "  --no-scan              skip the walk of the root file system for setuid programs\n"
    "  --as SPEC              first drop to SPEC exactly as `unroot exec SPEC` would,\n"
    "                         then audit the result (UNROOT_USER replaces SPEC)\n"
    "  --keep-cap NAME        with --as: keep NAME through the drop; repeatable\n"
    "  --allow-escalation     with --as: leave no_new_privs off and the bounding set full\n"
    "  --allow GROUP          with --as: let GROUP through unroot's filter; repeatable\n"
    "  --quiet                with --as: no notices on stderr\n"
    "  -h, --help             this text\n"
    "\n"
    "Exit status: 0 no fail (with --strict: no warn either), 1 a warn under --strict,\n"
    "2 a fail, 125 usage error.\n";

enum CheckOptionId { kJson = 300, kStrict, kNoScan, kAs };

}  // namespace

int run_check_verb(int argc, char** argv) {
  const std::vector<option> options = {{"help", no_argument, nullptr, 'h'},
                                       {"json", no_argument, nullptr, kJson},
                                       {"strict", no_argument, nullptr, kStrict},
                                       {"no-scan", no_argument, nullptr, kNoScan},
                                       {"as", required_argument, nullptr, kAs},
                                       {"keep-cap", required_argument, nullptr, kKeepCap},
                                       {"allow-escalation", no_argument, nullptr, kAllowEscalation},
                                       {"allow", required_argument, nullptr, kAllowGroup},
                                       {"quiet", no_argument, nullptr, kQuiet},
                                       {nullptr, 0, nullptr, 0}};
  bool json = false, strict = false, as = false;
  GatherOptions gather;
  DropOptions drop;
  bool drop_option_given = false;
  opterr = 0;
  optind = 1;
  for (;;) {
    int opt = getopt_long(argc, argv, "+h", options.data(), nullptr);
    if (opt == -1) break;
    switch (opt) {
      case 'h':
        print_out(kUsage);
        return 0;
      case kJson:
        json = true;
        break;
      case kStrict:
        strict = true;
        break;
      case kNoScan:
        gather.scan = false;
        break;
      case kAs:
        as = true;
        drop.request.spec = optarg;
        break;
      default: {
        std::optional<Status> applied = apply_drop_option(opt, optarg, drop);
        if (!applied) {
          return usage_error("check",
                             std::string("unknown option or missing value: ") + argv[optind - 1]);
        }
        if (!*applied) return usage_error("check", applied->error().message());
        drop_option_given = true;
      }
    }
  }
  if (optind < argc)
    return usage_error("check", std::string("unexpected argument: ") + argv[optind]);
  if (drop_option_given && !as) {
    return usage_error("check",
                       "--keep-cap, --allow-escalation, --allow and --quiet go with --as SPEC");
  }

  if (as) {
    StderrReporter stderr_reporter("unroot");
    SilentReporter silent;
    Reporter& reporter = drop.quiet ? static_cast<Reporter&>(silent) : stderr_reporter;
    Status allowed = apply_hardening_environment(drop.request);
    if (!allowed) {
      print_error("unroot", allowed.error());
      return 125;
    }
    auto dropped = become_user(drop.request, reporter);
    if (!dropped) {
      print_error("unroot", dropped.error());
      return dropped.error().status;
    }
  }
  gather.threads = usable_cpus();
  auto facts = gather_facts(gather);
  if (!facts) {
    print_error("unroot check", facts.error());
    return 125;
  }
  std::vector<Finding> findings = assess(*facts);
  const char* no_color = getenv("NO_COLOR");
  bool color = isatty(STDOUT_FILENO) && (!no_color || !*no_color);
  print_out(json ? render_findings_json(findings) : render_findings_text(findings, color));
  return check_exit_status(findings, strict);
}

}  // namespace unroot::cli
