# cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain/arm64.cmake
# (apt-get install g++-aarch64-linux-gnu libcap-dev:arm64 after dpkg --add-architecture arm64)
set(UNROOT_TARGET_ARCH arm64)
set(UNROOT_TRIPLET aarch64-linux-gnu)
set(UNROOT_QEMU aarch64)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
