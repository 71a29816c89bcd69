// unroot carries no unwinder. Its code never throws (-fno-exceptions), the
// libraries' unwind tables are discarded at link (unwind_tables.ld), and
// std::terminate aborts (terminate.cc): an exception libstdc++ raised found
// no frame to unwind and ended in abort() already. libgcc's unwinder, linked
// only because libstdc++'s throw and personality routines name it, was dead
// weight: about 30 KB, with the dynamic loader's object lookup it pulls in.
// These definitions take its place, in the binary alone (tests, which throw
// and catch, keep the real one): raising reports the end of the stack, so
// __cxa_throw calls std::terminate as before; the rest cannot be reached
// without a frame being unwound, and abort if they are.
#include <cstdlib>

// The reserved names are the point: they replace libgcc's definitions.
// NOLINTBEGIN(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp)
extern "C" {

// _URC_END_OF_STACK: no handler anywhere, as with the tables discarded.
int _Unwind_RaiseException(void*) { return 5; }

#define UNROOT_UNREACHABLE_UNWIND(name) \
  [[noreturn]] void name() { std::abort(); }
UNROOT_UNREACHABLE_UNWIND(_Unwind_Resume)
UNROOT_UNREACHABLE_UNWIND(_Unwind_Resume_or_Rethrow)
UNROOT_UNREACHABLE_UNWIND(_Unwind_ForcedUnwind)
UNROOT_UNREACHABLE_UNWIND(_Unwind_Backtrace)
UNROOT_UNREACHABLE_UNWIND(_Unwind_DeleteException)
UNROOT_UNREACHABLE_UNWIND(_Unwind_FindEnclosingFunction)
UNROOT_UNREACHABLE_UNWIND(_Unwind_GetCFA)
UNROOT_UNREACHABLE_UNWIND(_Unwind_GetDataRelBase)
UNROOT_UNREACHABLE_UNWIND(_Unwind_GetGR)
UNROOT_UNREACHABLE_UNWIND(_Unwind_GetIP)
UNROOT_UNREACHABLE_UNWIND(_Unwind_GetIPInfo)
UNROOT_UNREACHABLE_UNWIND(_Unwind_GetLanguageSpecificData)
UNROOT_UNREACHABLE_UNWIND(_Unwind_GetRegionStart)
UNROOT_UNREACHABLE_UNWIND(_Unwind_GetTextRelBase)
UNROOT_UNREACHABLE_UNWIND(_Unwind_SetGR)
UNROOT_UNREACHABLE_UNWIND(_Unwind_SetIP)
UNROOT_UNREACHABLE_UNWIND(__frame_state_for)
#undef UNROOT_UNREACHABLE_UNWIND
}
// NOLINTEND(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp)
