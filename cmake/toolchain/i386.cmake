# cmake -S . -B build-i386 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain/i386.cmake (or scripts/cross i386)
set(UNROOT_TARGET_ARCH i386)
set(UNROOT_TRIPLET i686-linux-gnu)
# An x86-64 build machine runs i386 programs itself: no emulator, and the unit
# tests run on a real kernel, all of them.
set(UNROOT_DOCKER_PLATFORM linux/386)
set(CMAKE_SYSTEM_PROCESSOR i686)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
