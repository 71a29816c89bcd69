// UNROOT_ARCH: the Debian name of the architecture this code is compiled for,
// as `unroot --version`, the release files and the .deb spell it. Read from
// the compiler's own target macros, so a cross build names its target.
#pragma once

#if defined(__x86_64__) && defined(__ILP32__)
#define UNROOT_ARCH "x32"
#elif defined(__x86_64__)
#define UNROOT_ARCH "amd64"
#elif defined(__i386__)
#define UNROOT_ARCH "i386"
#elif defined(__aarch64__)
#define UNROOT_ARCH "arm64"
#elif defined(__arm__) && defined(__ARM_PCS_VFP)
#define UNROOT_ARCH "armhf"
#elif defined(__arm__)
#define UNROOT_ARCH "armel"
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#define UNROOT_ARCH "ppc64el"
#elif defined(__powerpc64__)
#define UNROOT_ARCH "ppc64"
#elif defined(__s390x__)
#define UNROOT_ARCH "s390x"
#elif defined(__mips64) && defined(__MIPSEL__)
#define UNROOT_ARCH "mips64el"
#elif defined(__mips__) && defined(__MIPSEL__)
#define UNROOT_ARCH "mipsel"
#elif defined(__riscv) && __riscv_xlen == 64
#define UNROOT_ARCH "riscv64"
#elif defined(__loongarch64)
#define UNROOT_ARCH "loong64"
#else
#define UNROOT_ARCH "unknown"
#endif
