# The image to copy unroot from: FROM scratch, /unroot alone, for the platform
# asked (linux/amd64, linux/arm64, linux/arm/v7, linux/386, linux/ppc64le,
# linux/s390x, linux/arm/v5, linux/mips64le). Needs BuildKit
# (Docker 23 and later; Debian 12's docker.io with DOCKER_BUILDKIT=1;
# scripts/docker-build picks whichever this machine has):
#
#   docker build --platform linux/arm64 -t unroot:VERSION .
#   COPY --from=unroot:VERSION /unroot /usr/local/bin/unroot   (in your Dockerfile)
#
# The build stage runs on the build machine's own platform and cross-compiles
# for the target with Debian's cross toolchain (cmake/toolchain/ARCH.cmake,
# which also names ARCH's image platform), never under emulation.
# scripts/release passes the build arguments below from git and CMake; a plain
# build labels the version and commit "unknown".
ARG BASE=debian:bookworm

# Builds exactly what the README's first command builds, for TARGETPLATFORM:
# the toolchain file that names that platform gives Debian's architecture.
FROM --platform=$BUILDPLATFORM ${BASE} AS build
ARG TARGETPLATFORM
WORKDIR /src
COPY cmake/toolchain cmake/toolchain
RUN set -e; \
    toolchain=$(grep -lx "set(UNROOT_DOCKER_PLATFORM $TARGETPLATFORM)" cmake/toolchain/*.cmake || true); \
    [ -n "$toolchain" ] || { echo "unroot: no cmake/toolchain file builds for $TARGETPLATFORM" >&2; exit 1; }; \
    arch=$(basename "$toolchain" .cmake); cross=; \
    if [ "$arch" != "$(dpkg --print-architecture)" ]; then \
      triplet=$(sed -n 's/^set(UNROOT_TRIPLET \(.*\))$/\1/p' "$toolchain"); \
      dpkg --add-architecture "$arch"; cross="g++-$triplet libcap-dev:$arch"; \
      echo "-DCMAKE_TOOLCHAIN_FILE=$toolchain" >/tmp/cmake-toolchain; \
    fi; \
    apt-get update || echo "unroot: apt-get update failed in part (a mirror mid-sync?); going on" >&2; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      cmake make g++ libcap-dev libseccomp-dev nlohmann-json3-dev zlib1g-dev scdoc ccache $cross; \
    if [ -n "$cross" ]; then \
      (cd /tmp && apt-get download "zlib1g-dev:$arch" && dpkg-deb -x zlib1g-dev_*.deb /opt/zlib \
        && dpkg-deb -f zlib1g-dev_*.deb Source Version | sed -n "s/^Source: //p; s/^Version: //p" | paste -sd " " \
           | sed "s/ \(.*\)/ (= \1)/" >/opt/zlib/built-using && rm zlib1g-dev_*.deb); \
      echo "-DZLIB_STATIC=$(find /opt/zlib -name libz.a)" >>/tmp/cmake-toolchain; \
    fi; \
    rm -rf /var/lib/apt/lists/*
COPY . .
ARG UNROOT_COMMIT=
# Dates the man pages; scripts/release passes the commit's time.
ARG SOURCE_DATE_EPOCH
# Compiler results are kept in a BuildKit cache mount between builds, for every
# architecture (docker build --no-cache empties it: BuildKit's rule). ccache
# gives back the very object the compiler made, so the binary is the same.
# UNROOT_CCACHE=off compiles everything afresh (scripts/release --no-ccache,
# which the reproducibility test uses).
ARG UNROOT_CCACHE=on
RUN --mount=type=cache,id=unroot-ccache,target=/root/.cache/ccache \
    export CCACHE_MAXSIZE=1G; launcher=; [ "$UNROOT_CCACHE" = off ] || launcher="-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"; \
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DUNROOT_COMMIT="$UNROOT_COMMIT" \
      $(cat /tmp/cmake-toolchain 2>/dev/null) $launcher \
 && cmake --build build -j"$(nproc)"

FROM scratch
ARG UNROOT_VERSION=unknown
ARG UNROOT_COMMIT=unknown
ARG UNROOT_SOURCE=
LABEL org.opencontainers.image.title="unroot" \
      org.opencontainers.image.description="unroot: run a container's application as an unprivileged user, irrevocably; COPY /unroot into your image" \
      org.opencontainers.image.version="$UNROOT_VERSION" \
      org.opencontainers.image.revision="$UNROOT_COMMIT" \
      org.opencontainers.image.source="$UNROOT_SOURCE" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /src/build/unroot /unroot
