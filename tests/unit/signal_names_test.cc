#include "process/signal_names.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace unroot {
namespace {

TEST(SignalNames, ParsesNamesPrefixesCaseAndNumbers) {
  for (const char* text : {"TERM", "SIGTERM", "sigterm", "Term", "15"}) {
    auto sig = parse_signal(text);
    ASSERT_TRUE(sig.ok()) << text;
    EXPECT_EQ(*sig, SIGTERM) << text;
  }
  EXPECT_EQ(*parse_signal("WINCH"), SIGWINCH);
  EXPECT_EQ(*parse_signal("SIGPWR"), SIGPWR);
}

TEST(SignalNames, ParsesRealTimeSignals) {
  EXPECT_EQ(*parse_signal("RTMIN"), SIGRTMIN);
  EXPECT_EQ(*parse_signal("SIGRTMIN+3"), SIGRTMIN + 3);
  EXPECT_EQ(*parse_signal("RTMAX"), SIGRTMAX);
  EXPECT_EQ(*parse_signal("rtmax-2"), SIGRTMAX - 2);
  EXPECT_EQ(*parse_signal(std::to_string(SIGRTMAX)), SIGRTMAX);
}

TEST(SignalNames, RefusesWhatIsNoSignal) {
  // One past the last real-time signal: 65 on most architectures, 129 on mips.
  const std::string past_rtmax = std::to_string(SIGRTMAX + 1);
  for (const char* text : {"", "0", past_rtmax.c_str(), "TERMS", "SIG", "RTMIN+99", "RTMIN-1",
                           "RTMAX+1", "-15", "1.5"}) {
    auto sig = parse_signal(text);
    ASSERT_FALSE(sig.ok()) << text;
    EXPECT_NE(sig.error().message().find("unknown signal"), std::string::npos);
  }
}

TEST(SignalNames, NamesForMessages) {
  EXPECT_EQ(signal_name(SIGTERM), "SIGTERM");
  EXPECT_EQ(signal_name(SIGRTMIN), "SIGRTMIN");
  EXPECT_EQ(signal_name(SIGRTMIN + 2), "SIGRTMIN+2");
}

TEST(SignalNames, ForwardsEveryCatchableSignalButChildAndFaults) {
  for (int sig : {SIGHUP,    SIGINT,  SIGQUIT, SIGUSR1, SIGUSR2,  SIGTERM, SIGALRM, SIGWINCH,
                  SIGCONT,   SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE,  SIGIO,   SIGURG,  SIGPROF,
                  SIGVTALRM, SIGXCPU, SIGXFSZ, SIGPWR,  SIGRTMIN, SIGRTMAX}) {
    EXPECT_TRUE(is_forwarded_signal(sig)) << signal_name(sig);
  }
  for (int sig : {SIGCHLD, SIGKILL, SIGSTOP, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT,
                  SIGSYS, 0, 32, 33, SIGRTMAX + 1}) {
    EXPECT_FALSE(is_forwarded_signal(sig)) << sig;
  }
}

}  // namespace
}  // namespace unroot
