/* Tries to push a keystroke into a terminal with TIOCSTI and TIOCLINUX; prints
 * the outcome of each: "TIOCSTI=EPERM TIOCLINUX=EPERM" under unroot's TTY
 * guard. The terminal is stdin, or with --own-pty a pseudo-terminal the probe
 * opens as its controlling terminal in a new session (the kernel lets a
 * process push into its own controlling terminal without privileges). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

static const char* outcome(int rc) {
  if (rc == 0) return "ok";
  return errno == EPERM ? "EPERM" : strerror(errno);
}

static int probe(int fd) {
  char c = ' ';
  int sti = ioctl(fd, TIOCSTI, &c);
  const char* sti_outcome = outcome(sti);
  char sub = 6; /* TIOCL_GETSHIFTSTATE */
  int lnx = ioctl(fd, TIOCLINUX, &sub);
  printf("TIOCSTI=%s TIOCLINUX=%s\n", sti_outcome, outcome(lnx));
  return fflush(stdout) == 0 ? 0 : 1;
}

static int probe_own_pty(void) {
  pid_t child = fork();
  if (child < 0) return 2;
  if (child == 0) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 || setsid() < 0) _exit(3);
    const char* name = ptsname(master);
    int slave = name ? open(name, O_RDWR) : -1; /* the session's controlling terminal */
    if (slave < 0) _exit(4);
    _exit(probe(slave));
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child || !WIFEXITED(status)) return 2;
  return WEXITSTATUS(status);
}

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "--own-pty") == 0) return probe_own_pty();
  return probe(0);
}
