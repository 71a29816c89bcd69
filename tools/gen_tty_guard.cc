// Build-time generator: compiles the TTY guard's seccomp filter with libseccomp
// for the architecture unroot is built for, and writes it as a C array of
// struct sock_filter. unroot loads that array at start; it never compiles a
// filter at run time (faster, and no libseccomp in the binary). It runs on the
// build machine, also when unroot is cross-compiled:
//   gen_tty_guard [DEBIAN-ARCH]      (default: the generator's own)
//
// The filter: ioctl(fd, TIOCSTI, ...) and ioctl(fd, TIOCLINUX, ...) fail with
// EPERM; everything else is allowed. Only the low 32 bits of the request are
// compared, as the kernel truncates it to unsigned int (CVE-2017-5226 was a
// bypass by setting high bits). Every ABI a kernel of the target's family
// runs is covered (x86-64 also runs i386 and x32 code, arm64 32-bit ARM, s390x
// s390, mips64 n32 and o32), so neither a 32-bit program run by the dropped
// process nor a 32-bit unroot on a 64-bit kernel escapes the guard or is
// killed for an unknown architecture. Each ABI carries its own ioctl numbers:
// mips numbers TIOCSTI and TIOCLINUX differently from the rest (powerpc, for
// all its _IOR-style terminal ioctls, keeps the generic values for these two).
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/architecture.h"

namespace {

struct Abi {
  uint32_t seccomp_arch;  // SCMP_ARCH_*
  uint32_t tiocsti;
  uint32_t tioclinux;
};

// The values of each architecture's asm/ioctls.h in the kernel.
constexpr uint32_t kGenericTiocsti = 0x5412, kGenericTioclinux = 0x541C;
constexpr uint32_t kMipsTiocsti = 0x5472, kMipsTioclinux = 0x5483;

struct Family {
  std::string_view debian_arch;
  std::vector<Abi> abis;
  bool big_endian = false;  // libseccomp exports the filter in the target's byte order
};

const std::vector<Family>& families() {
  static const std::vector<Abi> x86 = {{SCMP_ARCH_X86_64, kGenericTiocsti, kGenericTioclinux},
                                       {SCMP_ARCH_X86, kGenericTiocsti, kGenericTioclinux},
                                       {SCMP_ARCH_X32, kGenericTiocsti, kGenericTioclinux}};
  static const std::vector<Abi> arm = {{SCMP_ARCH_AARCH64, kGenericTiocsti, kGenericTioclinux},
                                       {SCMP_ARCH_ARM, kGenericTiocsti, kGenericTioclinux}};
  static const std::vector<Abi> s390 = {{SCMP_ARCH_S390X, kGenericTiocsti, kGenericTioclinux},
                                        {SCMP_ARCH_S390, kGenericTiocsti, kGenericTioclinux}};
  static const std::vector<Abi> mipsel = {{SCMP_ARCH_MIPSEL64, kMipsTiocsti, kMipsTioclinux},
                                          {SCMP_ARCH_MIPSEL64N32, kMipsTiocsti, kMipsTioclinux},
                                          {SCMP_ARCH_MIPSEL, kMipsTiocsti, kMipsTioclinux}};
  static const std::vector<Family> all = {
      {"amd64", x86},
      {"i386", x86},
      {"x32", x86},
      {"arm64", arm},
      {"armhf", arm},
      {"armel", arm},
      {"s390x", s390, true},
      {"mips64el", mipsel},
      {"mipsel", mipsel},
      {"ppc64el", {{SCMP_ARCH_PPC64LE, kGenericTiocsti, kGenericTioclinux}}},
      {"riscv64", {{SCMP_ARCH_RISCV64, kGenericTiocsti, kGenericTioclinux}}},
  };
  return all;
}

[[noreturn]] void die(const char* what, int rc) {
  (void)fprintf(stderr, "gen_tty_guard: %s failed (%d)\n", what, rc);
  exit(1);
}

// A filter for one ABI alone; filters of distinct ABIs merge into one.
scmp_filter_ctx abi_filter(const Abi& abi) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
  if (!ctx) die("seccomp_init", 0);
  // The build machine's own ABI goes first: libseccomp refuses to mix byte orders.
  int rc;
  if (abi.seccomp_arch != seccomp_arch_native()) {
    if ((rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE)) != 0) die("seccomp_arch_remove", rc);
    if ((rc = seccomp_arch_add(ctx, abi.seccomp_arch)) != 0) die("seccomp_arch_add", rc);
  }
  for (uint32_t request : {abi.tiocsti, abi.tioclinux}) {
    rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
                          SCMP_A1(SCMP_CMP_MASKED_EQ, 0xFFFFFFFFu, request));
    if (rc != 0) die("seccomp_rule_add", rc);
  }
  return ctx;
}

}  // namespace

int main(int argc, char** argv) {
  std::string_view arch = argc > 1 ? argv[1] : UNROOT_ARCH;
  const Family* family = nullptr;
  for (const Family& candidate : families()) {
    if (candidate.debian_arch == arch) family = &candidate;
  }
  if (!family) {
    (void)fprintf(stderr, "gen_tty_guard: no TTY guard is defined for architecture \"%s\"\n",
                  argv[argc > 1 ? 1 : 0]);
    return 1;
  }
  scmp_filter_ctx ctx = abi_filter(family->abis.front());
  for (size_t i = 1; i < family->abis.size(); ++i) {
    int rc = seccomp_merge(ctx, abi_filter(family->abis[i]));
    if (rc != 0) die("seccomp_merge", rc);
  }

  FILE* tmp = tmpfile();
  if (!tmp) die("tmpfile", errno);
  int rc = seccomp_export_bpf(ctx, fileno(tmp));
  if (rc != 0) die("seccomp_export_bpf", rc);
  seccomp_release(ctx);

  rewind(tmp);
  std::vector<unsigned char> bpf;
  int c;
  while ((c = fgetc(tmp)) != EOF) bpf.push_back(static_cast<unsigned char>(c));
  if (bpf.empty() || bpf.size() % 8 != 0) die("export size", static_cast<int>(bpf.size()));

  // Read in the target's byte order, printed as numbers: the target's compiler
  // lays them out again.
  auto u16 = [&](size_t at) {
    return static_cast<uint16_t>(family->big_endian ? bpf[at] << 8 | bpf[at + 1]
                                                    : bpf[at] | bpf[at + 1] << 8);
  };
  auto u32 = [&](size_t at) {
    return family->big_endian ? static_cast<uint32_t>(u16(at)) << 16 | u16(at + 2)
                              : static_cast<uint32_t>(u16(at + 2)) << 16 | u16(at);
  };
  printf("// Generated by tools/gen_tty_guard.cc with libseccomp for %.*s; do not edit.\n",
         static_cast<int>(arch.size()), arch.data());
  for (size_t i = 0; i < bpf.size(); i += 8) {
    printf("{0x%04x, %u, %u, 0x%08x},\n", u16(i), bpf[i + 2], bpf[i + 3], u32(i + 4));
  }
  return 0;
}
