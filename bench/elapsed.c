/* elapsed CMD...: runs CMD, prints its wall time in microseconds on stdout
   (CMD's own stdout goes to stderr). Static, so the benchmarks put it in
   FROM scratch images and time commands inside the container, without a
   docker run's own cost. */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv) {
  struct timespec t0, t1;
  int status;
  (void)argc;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(2, 1);
    execvp(argv[1], argv + 1);
    _exit(127);
  }
  waitpid(pid, &status, 0);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("%.0f\n", (t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
