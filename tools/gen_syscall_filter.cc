// Build-time generator: compiles unroot's seccomp filter with libseccomp for
// the architecture unroot is built for. unroot loads it at start; it never
// compiles a filter at run time (faster, and no libseccomp in the binary). It
// runs on the build machine, also when unroot is cross-compiled:
//   gen_syscall_filter PROGRAM.inc PATCHES.inc [DEBIAN-ARCH]
// PROGRAM.inc holds the instructions as struct sock_filter initializers, with
// every group of src/privilege/syscall_groups.h refused: the filter of a
// plain `unroot exec`. PATCHES.inc lists the return instructions of each
// group ({index, group}) and of the query call ({index, 0xff}), which the
// binary rewrites at start to lift the groups `--allow` names.
//
// The filter:
// - the TTY guard: ioctl(fd, TIOCSTI, ...) and ioctl(fd, TIOCLINUX, ...) fail
//   with EPERM, whatever is lifted. Only the low 32 bits of the request are
//   compared, as the kernel truncates it to unsigned int (CVE-2017-5226 was a
//   bypass by setting high bits). mips numbers the two requests differently;
//   powerpc, for all its _IOR-style terminal ioctls, keeps the generic values.
// - the groups, each return instruction carrying a marker errno that is
//   rewritten below to EPERM (ENOSYS for clone3) and listed in PATCHES.inc.
// - personality: libseccomp cannot compare one argument against a set of
//   allowed values, so its marker return becomes a jump to a block appended
//   here, which lets Docker's values through and refuses the rest.
// Every ABI a kernel of the target's family runs is covered (x86-64 also runs
// i386 and x32 code, arm64 32-bit ARM, s390x s390, mips64 n32 and o32), so
// neither a 32-bit program run by the dropped process nor a 32-bit unroot on a
// 64-bit kernel escapes the filter or is killed for an unknown architecture.
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/architecture.h"
#include "privilege/syscall_groups.h"

namespace unroot {
namespace {

struct Abi {
  uint32_t seccomp_arch;  // SCMP_ARCH_*
  uint32_t tiocsti;
  uint32_t tioclinux;
  unsigned clone_flags_arg = 0;  // s390 passes the stack first (CLONE_BACKWARDS2)
};

// The values of each architecture's asm/ioctls.h in the kernel.
constexpr uint32_t kGenericTiocsti = 0x5412, kGenericTioclinux = 0x541C;
constexpr uint32_t kMipsTiocsti = 0x5472, kMipsTioclinux = 0x5483;

// ENOSYS is 38 on most architectures but 89 on mips: the target's value, not
// the build machine's.
constexpr uint32_t kGenericEnosys = 38, kMipsEnosys = 89;

struct Family {
  std::string_view debian_arch;
  std::vector<Abi> abis;
  bool big_endian = false;  // libseccomp exports the filter in the target's byte order
  uint32_t enosys = kGenericEnosys;
};

const std::vector<Family>& families() {
  static const std::vector<Abi> x86 = {{SCMP_ARCH_X86_64, kGenericTiocsti, kGenericTioclinux},
                                       {SCMP_ARCH_X86, kGenericTiocsti, kGenericTioclinux},
                                       {SCMP_ARCH_X32, kGenericTiocsti, kGenericTioclinux}};
  static const std::vector<Abi> arm = {{SCMP_ARCH_AARCH64, kGenericTiocsti, kGenericTioclinux},
                                       {SCMP_ARCH_ARM, kGenericTiocsti, kGenericTioclinux}};
  static const std::vector<Abi> s390 = {{SCMP_ARCH_S390X, kGenericTiocsti, kGenericTioclinux, 1},
                                        {SCMP_ARCH_S390, kGenericTiocsti, kGenericTioclinux, 1}};
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
      {"mips64el", mipsel, false, kMipsEnosys},
      {"mipsel", mipsel, false, kMipsEnosys},
      {"ppc64el", {{SCMP_ARCH_PPC64LE, kGenericTiocsti, kGenericTioclinux}}},
      {"riscv64", {{SCMP_ARCH_RISCV64, kGenericTiocsti, kGenericTioclinux}}},
  };
  return all;
}

// Marker errnos of the return instructions to find after the export.
constexpr uint32_t kGroupMarker = 0xE00;  // + 2 * group, + 1 for ENOSYS
constexpr uint32_t kPersonalityMarker = 0xEF0;
constexpr uint32_t kQueryMarker = 0xEFF;
constexpr uint8_t kQueryPatch = 0xff;

constexpr uint32_t kCloneNamespaceFlags[] = {
    0x00020000,  // CLONE_NEWNS
    0x02000000,  // CLONE_NEWCGROUP
    0x04000000,  // CLONE_NEWUTS
    0x08000000,  // CLONE_NEWIPC
    0x10000000,  // CLONE_NEWUSER
    0x20000000,  // CLONE_NEWPID
    0x40000000,  // CLONE_NEWNET
};
constexpr uint32_t kCloneNewTime = 0x00000080;  // unshare only: clone's low byte is the exit signal

// The personality values Docker's default profile allows: PER_LINUX,
// PER_LINUX32, UNAME26, UNAME26|PER_LINUX32 and the query.
constexpr uint32_t kAllowedPersonalities[] = {0x0, 0x8, 0x20000, 0x20008, 0xffffffff};

[[noreturn]] void die(const char* what, int rc) {
  (void)fprintf(stderr, "gen_syscall_filter: %s failed (%d)\n", what, rc);
  exit(1);
}

void add(scmp_filter_ctx ctx, uint32_t action, const char* name, unsigned count = 0,
         scmp_arg_cmp cmp = {}) {
  int nr = seccomp_syscall_resolve_name(name);
  if (nr == __NR_SCMP_ERROR) die(name, 0);
  int rc =
      count == 0 ? seccomp_rule_add(ctx, action, nr, 0) : seccomp_rule_add(ctx, action, nr, 1, cmp);
  if (rc != 0) die(name, rc);
}

uint32_t refuse(SyscallGroup group, bool enosys = false) {
  return SCMP_ACT_ERRNO(kGroupMarker + 2 * static_cast<uint32_t>(group) + (enosys ? 1 : 0));
}

void add_groups(scmp_filter_ctx ctx, const Abi& abi) {
  const uint32_t namespaces = refuse(SyscallGroup::kNamespaces);
  for (uint32_t flag : kCloneNamespaceFlags) {
    add(ctx, namespaces, "clone", 1, SCMP_CMP(abi.clone_flags_arg, SCMP_CMP_MASKED_EQ, flag, flag));
    add(ctx, namespaces, "unshare", 1, SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag));
  }
  add(ctx, namespaces, "unshare", 1, SCMP_A0(SCMP_CMP_MASKED_EQ, kCloneNewTime, kCloneNewTime));
  add(ctx, namespaces, "setns");
  add(ctx, refuse(SyscallGroup::kNamespaces, true), "clone3");
  for (const char* name : {"keyctl", "add_key", "request_key"}) {
    add(ctx, refuse(SyscallGroup::kKeyring), name);
  }
  add(ctx, refuse(SyscallGroup::kBpf), "bpf");
  add(ctx, refuse(SyscallGroup::kUserfaultfd), "userfaultfd");
  add(ctx, refuse(SyscallGroup::kPerf), "perf_event_open");
  for (const char* name : {"io_uring_setup", "io_uring_enter", "io_uring_register"}) {
    add(ctx, refuse(SyscallGroup::kIoUring), name);
  }
  for (const char* name : {"ptrace", "process_vm_readv", "process_vm_writev"}) {
    add(ctx, refuse(SyscallGroup::kPtrace), name);
  }
  add(ctx, SCMP_ACT_ERRNO(kPersonalityMarker), "personality");
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
    add(ctx, SCMP_ACT_ERRNO(EPERM), "ioctl", 1, SCMP_A1(SCMP_CMP_MASKED_EQ, 0xFFFFFFFFu, request));
  }
  add_groups(ctx, abi);
  return ctx;
}

std::vector<sock_filter> exported(scmp_filter_ctx ctx, bool big_endian) {
  FILE* tmp = tmpfile();
  if (!tmp) die("tmpfile", errno);
  int rc = seccomp_export_bpf(ctx, fileno(tmp));
  if (rc != 0) die("seccomp_export_bpf", rc);
  rewind(tmp);
  std::vector<unsigned char> bpf;
  int c;
  while ((c = fgetc(tmp)) != EOF) bpf.push_back(static_cast<unsigned char>(c));
  (void)fclose(tmp);
  if (bpf.empty() || bpf.size() % 8 != 0) die("export size", static_cast<int>(bpf.size()));

  // Read in the target's byte order, kept as numbers: the target's compiler
  // lays them out again.
  auto u16 = [&](size_t at) {
    return static_cast<uint16_t>(big_endian ? bpf[at] << 8 | bpf[at + 1]
                                            : bpf[at] | bpf[at + 1] << 8);
  };
  auto u32 = [&](size_t at) {
    return big_endian ? static_cast<uint32_t>(u16(at)) << 16 | u16(at + 2)
                      : static_cast<uint32_t>(u16(at + 2)) << 16 | u16(at);
  };
  std::vector<sock_filter> program;
  for (size_t i = 0; i < bpf.size(); i += 8) {
    program.push_back(sock_filter{u16(i), bpf[i + 2], bpf[i + 3], u32(i + 4)});
  }
  return program;
}

struct Patch {
  size_t index;
  uint8_t group;
};

// Puts the query in front (libseccomp refuses a number it cannot name; no ABI
// assigns this one, so it needs no architecture check), appends the
// personality block, and rewrites every marker return; returns the patches.
std::vector<Patch> resolve_markers(std::vector<sock_filter>& program, const Family& family) {
  program.insert(program.begin(), {BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),  // seccomp_data.nr
                                   BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
                                            static_cast<uint32_t>(kFilterQuerySyscall), 0, 1),
                                   BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | kQueryMarker)});
  const size_t block = program.size();
  // The kernel takes the persona as unsigned int: only the low word counts.
  const uint32_t arg0_low = 16 + (family.big_endian ? 4 : 0);
  program.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, arg0_low));
  const auto allowed = static_cast<uint8_t>(std::size(kAllowedPersonalities));
  for (uint8_t i = 0; i < allowed; ++i) {
    program.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAllowedPersonalities[i],
                               static_cast<uint8_t>(allowed - i), 0));
  }
  const size_t personality_refusal = program.size();
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | kPersonalityMarker));
  program.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));

  std::vector<Patch> patches;
  bool jumped = false;
  for (size_t i = 0; i < program.size(); ++i) {
    sock_filter& in = program[i];
    if (in.code != (BPF_RET | BPF_K) || (in.k & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_ERRNO)
      continue;
    const uint32_t data = in.k & SECCOMP_RET_DATA;
    if (data == kPersonalityMarker && i != personality_refusal) {
      in = BPF_STMT(BPF_JMP | BPF_JA, static_cast<uint32_t>(block - (i + 1)));
      jumped = true;
    } else if (data == kPersonalityMarker) {
      in.k = SECCOMP_RET_ERRNO | EPERM;
      patches.push_back({i, static_cast<uint8_t>(SyscallGroup::kPersonality)});
    } else if (data == kQueryMarker) {
      in.k = SECCOMP_RET_ERRNO | (kFilterQueryErrno + (1u << kSyscallGroupCount) - 1);
      patches.push_back({i, kQueryPatch});
    } else if (data >= kGroupMarker && data < kGroupMarker + 2 * kSyscallGroupCount) {
      in.k = SECCOMP_RET_ERRNO | ((data - kGroupMarker) % 2 ? family.enosys : EPERM);
      patches.push_back({i, static_cast<uint8_t>((data - kGroupMarker) / 2)});
    }
  }
  if (!jumped) die("finding personality's rule", 0);
  return patches;
}

}  // namespace
}  // namespace unroot

int main(int argc, char** argv) {
  using namespace unroot;
  if (argc < 3) {
    (void)fprintf(stderr, "usage: gen_syscall_filter PROGRAM.inc PATCHES.inc [DEBIAN-ARCH]\n");
    return 2;
  }
  std::string_view arch = argc > 3 ? argv[3] : UNROOT_ARCH;
  const Family* family = nullptr;
  for (const Family& candidate : families()) {
    if (candidate.debian_arch == arch) family = &candidate;
  }
  if (!family) {
    (void)fprintf(stderr, "gen_syscall_filter: no filter is defined for architecture \"%.*s\"\n",
                  static_cast<int>(arch.size()), arch.data());
    return 1;
  }
  scmp_filter_ctx ctx = abi_filter(family->abis.front());
  for (size_t i = 1; i < family->abis.size(); ++i) {
    int rc = seccomp_merge(ctx, abi_filter(family->abis[i]));
    if (rc != 0) die("seccomp_merge", rc);
  }
  std::vector<sock_filter> program = exported(ctx, family->big_endian);
  seccomp_release(ctx);
  std::vector<Patch> patches = resolve_markers(program, *family);
  if (program.size() > BPF_MAXINSNS) die("the program's length", static_cast<int>(program.size()));

  FILE* out = fopen(argv[1], "w");
  if (!out) die(argv[1], errno);
  (void)fprintf(
      out, "// Generated by tools/gen_syscall_filter.cc with libseccomp for %.*s; do not edit.\n",
      static_cast<int>(arch.size()), arch.data());
  for (const sock_filter& in : program) {
    (void)fprintf(out, "{0x%04x, %u, %u, 0x%08x},\n", in.code, in.jt, in.jf, in.k);
  }
  if (fclose(out) != 0) die(argv[1], errno);
  out = fopen(argv[2], "w");
  if (!out) die(argv[2], errno);
  (void)fprintf(out, "// Generated by tools/gen_syscall_filter.cc for %.*s; do not edit.\n",
                static_cast<int>(arch.size()), arch.data());
  for (const Patch& patch : patches)
    (void)fprintf(out, "{%zu, 0x%02x},\n", patch.index, patch.group);
  if (fclose(out) != 0) die(argv[2], errno);
  return 0;
}
