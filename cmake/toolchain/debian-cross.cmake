# Shared by cmake/toolchain/ARCH.cmake: a cross build with Debian's cross
# toolchain (g++-TRIPLET) and the target's libraries installed through
# multiarch (libcap-dev:ARCH, libgtest-dev:ARCH), run under qemu-user when the
# build runs target programs (the unit tests).
# Each ARCH.cmake sets UNROOT_TARGET_ARCH (Debian's name), UNROOT_TRIPLET,
# UNROOT_QEMU (qemu-user's name for it, if needed), UNROOT_DOCKER_PLATFORM (the
# image platform: the Dockerfile and scripts/release read it from here) and
# CMAKE_SYSTEM_PROCESSOR, then includes this file.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${UNROOT_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${UNROOT_TRIPLET}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${UNROOT_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
# Without UNROOT_QEMU the build machine's kernel runs the target's programs
# itself (i386 on x86-64).
if(UNROOT_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR qemu-${UNROOT_QEMU}-static)
endif()
