/* Tries to push a keystroke into its terminal (stdin) with TIOCSTI and
 * TIOCLINUX; prints the outcome of each: "TIOCSTI=EPERM TIOCLINUX=EPERM"
 * under unroot's TTY guard. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

static const char* outcome(int rc) {
  if (rc == 0) return "ok";
  return errno == EPERM ? "EPERM" : strerror(errno);
}

int main(void) {
  char c = ' ';
  int sti = ioctl(0, TIOCSTI, &c);
  const char* sti_outcome = outcome(sti);
  char sub = 6; /* TIOCL_GETSHIFTSTATE */
  int lnx = ioctl(0, TIOCLINUX, &sub);
  printf("TIOCSTI=%s TIOCLINUX=%s\n", sti_outcome, outcome(lnx));
  return 0;
}
