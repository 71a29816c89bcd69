#include "process/signal_names.h"

#include <signal.h>
#include <string.h>

#include <cctype>

#include "identity/numeric_id.h"

namespace unroot {
namespace {

struct NamedSignal {
  const char* name;
  int number;
};

// The numbers are the target's own: mips, for one, numbers most of them
// differently, has no SIGSTKFLT and adds SIGEMT.
constexpr NamedSignal kSignals[] = {
    {"HUP", SIGHUP},       {"INT", SIGINT},       {"QUIT", SIGQUIT}, {"ILL", SIGILL},
    {"TRAP", SIGTRAP},     {"ABRT", SIGABRT},     {"IOT", SIGIOT},   {"BUS", SIGBUS},
    {"FPE", SIGFPE},       {"KILL", SIGKILL},     {"USR1", SIGUSR1}, {"SEGV", SIGSEGV},
    {"USR2", SIGUSR2},     {"PIPE", SIGPIPE},     {"ALRM", SIGALRM}, {"TERM", SIGTERM},
    {"CHLD", SIGCHLD},     {"CONT", SIGCONT},     {"STOP", SIGSTOP}, {"TSTP", SIGTSTP},
    {"TTIN", SIGTTIN},     {"TTOU", SIGTTOU},     {"URG", SIGURG},   {"XCPU", SIGXCPU},
    {"XFSZ", SIGXFSZ},     {"VTALRM", SIGVTALRM}, {"PROF", SIGPROF}, {"WINCH", SIGWINCH},
    {"IO", SIGIO},         {"POLL", SIGPOLL},     {"PWR", SIGPWR},   {"SYS", SIGSYS},
#ifdef SIGSTKFLT
    {"STKFLT", SIGSTKFLT},
#endif
#ifdef SIGEMT
    {"EMT", SIGEMT},
#endif
};

Error unknown_signal(std::string_view text) {
  return Error{"unknown signal \"" + std::string(text) + "\"",
               "not a signal name or number of signal(7)",
               "use a name such as TERM, SIGUSR1 or RTMIN+2, or a number"};
}

// The offset after "RTMIN" / "RTMAX": "", "+N" or "-N".
bool parse_offset(std::string_view rest, int sign_allowed, int* offset) {
  if (rest.empty()) {
    *offset = 0;
    return true;
  }
  if (rest[0] != (sign_allowed > 0 ? '+' : '-')) return false;
  auto n = parse_id(rest.substr(1));
  if (!n || *n > 64) return false;
  *offset = static_cast<int>(*n) * sign_allowed;
  return true;
}

}  // namespace

Result<int> parse_signal(std::string_view text) {
  if (all_digits(text)) {
    auto n = parse_id(text);
    if (!n || *n < 1 || *n > static_cast<uint32_t>(SIGRTMAX)) return unknown_signal(text);
    return static_cast<int>(*n);
  }
  std::string upper;
  for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string_view name = upper;
  if (name.substr(0, 3) == "SIG") name.remove_prefix(3);
  for (const auto& s : kSignals) {
    if (name == s.name) return s.number;
  }
  int offset = 0;
  int rt = 0;
  if (name.substr(0, 5) == "RTMIN" && parse_offset(name.substr(5), 1, &offset)) {
    rt = SIGRTMIN + offset;
  } else if (name.substr(0, 5) == "RTMAX" && parse_offset(name.substr(5), -1, &offset)) {
    rt = SIGRTMAX + offset;
  }
  if (rt < SIGRTMIN || rt > SIGRTMAX) return unknown_signal(text);
  return rt;
}

std::string signal_name(int signal) {
  if (signal >= SIGRTMIN && signal <= SIGRTMAX) {
    return signal == SIGRTMIN ? "SIGRTMIN" : "SIGRTMIN+" + std::to_string(signal - SIGRTMIN);
  }
  for (const auto& s : kSignals) {
    if (s.number == signal) return std::string("SIG") + s.name;
  }
  return "signal " + std::to_string(signal);
}

bool is_forwarded_signal(int signal) {
  switch (signal) {
    case SIGCHLD:
    case SIGKILL:
    case SIGSTOP:
    case SIGSEGV:
    case SIGBUS:
    case SIGFPE:
    case SIGILL:
    case SIGTRAP:
    case SIGABRT:
    case SIGSYS:
      return false;
    default:
      return signal >= 1 && signal <= SIGRTMAX && (signal < 32 || signal >= SIGRTMIN);
  }
}

}  // namespace unroot
