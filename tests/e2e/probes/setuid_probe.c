/* Installed setuid root (mode 4755) in the test images: prints the ids it
 * runs with and whether setuid(0) works. Under unroot's no_new_privs the bit
 * must give nothing: "euid=10001 setuid0=refused". */
#include <stdio.h>
#include <unistd.h>

int main(void) {
  uid_t euid = geteuid();
  int rc = setuid(0);
  printf("euid=%u setuid0=%s\n", (unsigned)euid, rc == 0 ? "ok" : "refused");
  return rc == 0 ? 1 : 0;
}
