# The image to copy unroot from: FROM scratch, /unroot alone.
#
#   docker build -t unroot:VERSION .
#   COPY --from=unroot:VERSION /unroot /usr/local/bin/unroot   (in your Dockerfile)
#
# scripts/release builds it with the build arguments below filled in from git
# and CMake; a plain build labels the version and commit "unknown".
ARG BASE=debian:bookworm

# Builds exactly what the README's first command builds.
FROM ${BASE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      cmake make g++ libcap-dev libseccomp-dev nlohmann-json3-dev scdoc \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
ARG UNROOT_COMMIT=
# Dates the man pages; scripts/release passes the commit's time.
ARG SOURCE_DATE_EPOCH
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DUNROOT_COMMIT="$UNROOT_COMMIT" \
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
