#include "cli/prepare_verb.h"

#include <getopt.h>
#include <unistd.h>

#include <string>

#include "cli/diagnostics.h"
#include "identity/account_db.h"
#include "ownership/prepare.h"
#include "ownership/prepared_registry.h"

namespace unroot::cli {
namespace {

constexpr std::string_view kUsage =
    "Usage: unroot prepare USER [--path PATH]... [--arbitrary-uids]\n"
    "At build time (a RUN step, as root): make everything USER owns group-owned by\n"
    "USER's primary group with group permissions equal to the owner's, and record it\n"
    "in /etc/unroot/prepared. A later remap of USER (unroot exec/init with --uid,\n"
    "--gid, --uid-from) then touches no file.\n"
    "\n"
    "  --path PATH            prepare under PATH instead of / (each on its own mount,\n"
    "                         symbolic links never followed); repeatable\n"
    "  --arbitrary-uids       also serve platforms that start the image as an\n"
    "                         arbitrary uid in group 0 (OpenShift): USER's files go\n"
    "                         to group 0 instead, and /etc/passwd becomes writable\n"
    "                         by group 0 so the start can add that uid's entry\n"
    "  -h, --help             this text\n"
    "\n"
    "Exit status: 0 prepared, 125 failed.\n";

}  // namespace

int run_prepare_verb(int argc, char** argv) {
  static const option kOptions[] = {{"path", required_argument, nullptr, 'p'},
                                    {"arbitrary-uids", no_argument, nullptr, 'a'},
                                    {"help", no_argument, nullptr, 'h'},
                                    {nullptr, 0, nullptr, 0}};
  PrepareRequest request;
  request.prepared_path = kPreparedPath;
  opterr = 0;
  optind = 1;
  for (;;) {
    int opt = getopt_long(argc, argv, "h", kOptions, nullptr);
    if (opt == -1) break;
    if (opt == 'p') {
      request.paths.emplace_back(optarg);
    } else if (opt == 'a') {
      request.arbitrary_uids = true;
    } else if (opt == 'h') {
      print_out(kUsage);
      return 0;
    } else {
      return usage_error("prepare",
                         std::string("unknown option or missing value: ") + argv[optind - 1]);
    }
  }
  if (optind != argc - 1)
    return usage_error("prepare", optind >= argc ? "missing USER" : "one USER only");
  request.user = argv[optind];
  if (geteuid() != 0) {
    print_error("unroot", Error{"cannot prepare \"" + request.user + "\"", "not running as root",
                                "run it in a RUN step before any USER instruction"});
    return 125;
  }
  auto db = AccountDb::load("/etc/passwd", "/etc/group");
  if (!db) {
    print_error("unroot", db.error());
    return 125;
  }
  StderrReporter reporter("unroot");
  Status prepared = prepare_user(request, *db, reporter);
  if (!prepared) {
    print_error("unroot", prepared.error());
    return 125;
  }
  return 0;
}

}  // namespace unroot::cli
