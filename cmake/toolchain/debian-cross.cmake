# Shared by cmake/toolchain/ARCH.cmake: a cross build with Debian's cross
# toolchain (g++-TRIPLET) and the target's libraries installed through
# multiarch (libcap-dev:ARCH, libgtest-dev:ARCH), run under qemu-user when the
# build runs target programs (the unit tests).
# Each ARCH.cmake sets UNROOT_TARGET_ARCH (Debian's name), UNROOT_TRIPLET and
# CMAKE_SYSTEM_PROCESSOR, then includes this file.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${UNROOT_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${UNROOT_TRIPLET}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${UNROOT_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-${UNROOT_QEMU}-static)
