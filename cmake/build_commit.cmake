# Run at build time (cmake -P): writes OUTPUT, a header naming the commit the
# binary is built from, and rewrites it only when that changes, so a rebuild
# after a new commit names the new one without reconfiguring.
#   COMMIT      given by the builder (a source tarball, the image build); wins
#   SOURCE_DIR  the work tree to ask git when COMMIT is empty
#   OUTPUT      the header to write
set(commit "${COMMIT}")
if(commit MATCHES "^[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]+$")
  string(SUBSTRING "${commit}" 0 12 commit)  # as git names it below
endif()
if(commit STREQUAL "")
  set(commit "unknown")
  find_program(GIT git)
  if(GIT AND EXISTS "${SOURCE_DIR}/.git")
    execute_process(COMMAND "${GIT}" -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
                    OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE head_status ERROR_QUIET)
    if(head_status EQUAL 0 AND NOT head STREQUAL "")
      set(commit "${head}")
      # Tracked files changed since the commit: the binary is not that commit.
      execute_process(COMMAND "${GIT}" -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
                      OUTPUT_VARIABLE changes ERROR_QUIET)
      if(NOT changes STREQUAL "")
        string(APPEND commit "-dirty")
      endif()
    endif()
  endif()
endif()
set(text "// Generated at build time by cmake/build_commit.cmake.\n#pragma once\n#define UNROOT_COMMIT \"${commit}\"\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
else()
  set(old "")
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUTPUT}" "${text}")
endif()
