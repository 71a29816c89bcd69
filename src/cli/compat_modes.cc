#include "cli/compat_modes.h"

#include <string>
#include <string_view>

#include "cli/diagnostics.h"
#include "launch/become_user.h"
#include "process/exec_command.h"
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

}  // namespace unroot::cli
