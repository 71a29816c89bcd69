// unroot never throws; std::terminate is reached only by a failure such as
// an allocation that cannot be met, and then the only sound answer is to stop.
// Defining libstdc++'s default handler here keeps its verbose version out of
// the static binary, and with it the C++ demangler and most of stdio: about
// 100 kB less code, which is init's resident memory.
#include <cstdlib>

namespace __gnu_cxx {

// The reserved name is the point: it replaces libstdc++'s definition.
void __verbose_terminate_handler() {  // NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp)
  std::abort();
}

}  // namespace __gnu_cxx
