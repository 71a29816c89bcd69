/* Attempts one call of each kernel-surface group of unroot's filter, in a way
 * that succeeds for an unprivileged process where the kernel lets it through,
 * and prints one line: GROUP=RESULT ..., RESULT being "ok" or the errno's
 * name. A refusal by a seccomp filter shows as EPERM (clone3: ENOSYS); a
 * kernel that gets the call answers it (bpf with a bad descriptor: EBADF;
 * clone3 without arguments: EINVAL; perf with a strict perf_event_paranoid:
 * EACCES). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/perf_event.h>
#include <linux/userfaultfd.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char* group, long rc) {
  static const struct {
    int value;
    const char* name;
  } names[] = {{EPERM, "EPERM"},   {ENOSYS, "ENOSYS"}, {EACCES, "EACCES"}, {EINVAL, "EINVAL"},
               {EBADF, "EBADF"},   {ENOKEY, "ENOKEY"}, {ENOMEM, "ENOMEM"}, {EDQUOT, "EDQUOT"},
               {ENOSPC, "ENOSPC"}, {ESRCH, "ESRCH"}};
  int err = errno;
  printf("%s=", group);
  if (rc >= 0) {
    printf("ok ");
    return;
  }
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (names[i].value == err) {
      printf("%s ", names[i].name);
      return;
    }
  }
  printf("errno%d ", err);
}

/* unshare(CLONE_NEWUSER) in a child, whose exit status carries the errno. */
static long new_user_namespace(void) {
  pid_t pid = fork();
  if (pid == 0) _exit(unshare(CLONE_NEWUSER) == 0 ? 0 : errno);
  int status;
  if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  errno = WEXITSTATUS(status);
  return errno == 0 ? 0 : -1;
}

/* Seizes a child of its own, as a debugger would. */
static long trace_a_child(void) {
  pid_t pid = fork();
  if (pid == 0) {
    pause();
    _exit(0);
  }
  long rc = ptrace(PTRACE_SEIZE, pid, 0, 0);
  int err = errno;
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
  errno = err;
  return rc;
}

int main(void) {
  report("namespaces", new_user_namespace());

  errno = 0;
  report("keyring", syscall(SYS_add_key, "user", "unroot-probe", "x", 1, -2 /* process */));

  union bpf_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.map_fd = (unsigned)-1;
  report("bpf", syscall(SYS_bpf, BPF_MAP_LOOKUP_ELEM, &attr, sizeof attr));

  report("userfaultfd", syscall(SYS_userfaultfd, UFFD_USER_MODE_ONLY));

  struct perf_event_attr perf;
  memset(&perf, 0, sizeof perf);
  perf.size = sizeof perf;
  perf.type = PERF_TYPE_SOFTWARE;
  perf.config = PERF_COUNT_SW_TASK_CLOCK;
  perf.exclude_kernel = 1;
  perf.exclude_hv = 1;
  report("perf", syscall(SYS_perf_event_open, &perf, 0, -1, -1, 0));

  struct io_uring_params params;
  memset(&params, 0, sizeof params);
  report("io_uring", syscall(SYS_io_uring_setup, 1, &params));

  report("ptrace", trace_a_child());

  /* The system call itself: 32-bit glibc's personality() returns a refusal
   * as -1 without setting errno. */
  errno = 0;
  report("personality", syscall(SYS_personality, PER_LINUX | ADDR_NO_RANDOMIZE));

  report("clone3", syscall(SYS_clone3, NULL, 0));
  printf("\n");
  return 0;
}
