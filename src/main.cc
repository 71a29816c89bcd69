// unroot's entry point: refuses a setuid installation, then picks the command
// line by the name the binary was invoked under (unroot, gosu, su-exec, tini),
// then the verb. Nothing else.
#include <string.h>

#include <string_view>

#include "base/architecture.h"
#include "build_commit.h"
#include "cli/audit_verb.h"
#include "cli/check_verb.h"
#include "cli/compat_modes.h"
#include "cli/diagnostics.h"
#include "cli/exec_verb.h"
#include "cli/init_verb.h"
#include "cli/lint_verb.h"
#include "cli/prepare_verb.h"
#include "privilege/setuid_refusal.h"
#include "version.h"

namespace {

constexpr std::string_view kUsage =
    "Usage: unroot VERB [ARGS...]\n"
    "Run a container's application as an unprivileged user, irrevocably.\n"
    "\n"
    "  exec [OPTIONS] SPEC [--] CMD [ARG...]   drop to SPEC and execute CMD\n"
    "  init [OPTIONS] [--] CMD [ARG...]        be PID 1 for CMD (with --user: dropped)\n"
    "  prepare USER [--path PATH]...           at build time: make remapping USER free\n"
    "  check [--json] [--strict] [--as SPEC]   audit this process's privileges\n"
    "  lint [OPTIONS] [FILE|-]...              find user-privilege mistakes in Dockerfiles\n"
    "  audit [OPTIONS] IMAGE|ARCHIVE           judge a built image's privileges without running "
    "it\n"
    "  --help                                  this text\n"
    "  --version                               the version, commit and architecture\n"
    "\n"
    "Invoked as gosu, su-exec or tini (a symlink or a copy), unroot speaks their command line.\n"
    "unroot VERB --help tells more.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace unroot::cli;
  const char* slash = argc > 0 ? strrchr(argv[0], '/') : nullptr;
  std::string_view name = argc > 0 ? (slash ? slash + 1 : argv[0]) : "unroot";
  const bool compat = name == "gosu" || name == "su-exec" || name == "tini";
  // Under any name and verb: installed setuid or setgid, unroot would lend its
  // owner's privileges (prepare's chown, check's and lint's reads) to anyone.
  if (unroot::Status installation = unroot::refuse_setuid_installation(); !installation) {
    print_error(compat ? name : "unroot", installation.error());
    return compat ? 1 : 125;  // those tools' own error status
  }
  if (name == "gosu") return run_gosu(argc, argv);
  if (name == "su-exec") return run_su_exec(argc, argv);
  if (name == "tini") return run_tini(argc, argv);

  std::string_view verb = argc > 1 ? argv[1] : "";
  if (verb == "exec") return run_exec_verb(argc - 1, argv + 1);
  if (verb == "init") return run_init_verb(argc - 1, argv + 1);
  if (verb == "prepare") return run_prepare_verb(argc - 1, argv + 1);
  if (verb == "check") return run_check_verb(argc - 1, argv + 1);
  if (verb == "lint") return run_lint_verb(argc - 1, argv + 1);
  if (verb == "audit") return run_audit_verb(argc - 1, argv + 1);
  if (verb == "--help" || verb == "-h" || verb == "help") {
    print_out(kUsage);
    return 0;
  }
  if (verb == "--version") {
    print_out("unroot " UNROOT_VERSION " (" UNROOT_COMMIT ", " UNROOT_ARCH ")\n");
    return 0;
  }
  print_error("unroot", unroot::Error{"usage",
                                      verb.empty() ? "missing VERB"
                                                   : "unknown verb \"" + std::string(verb) + "\"",
                                      "see unroot --help"});
  return 125;
}
