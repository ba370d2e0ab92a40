/* rusage: runs a command and prints what it cost, for `make bench`.
 *
 *   rusage CMD [ARG...]   →  "SECONDS PEAK_RSS_KIB EXIT_STATUS CPU_SECONDS"
 *                            on stderr
 *
 * Wall time from CLOCK_MONOTONIC around fork/exec/wait, and the child's
 * peak resident set from wait4()'s rusage (ru_maxrss, in KiB on Linux),
 * so the figure does not depend on GNU time being installed. CPU seconds
 * are user + system time of the child and the children it waited for:
 * on a shared machine they move less than wall time does. The
 * command's own output is left to the caller to redirect. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs("usage: rusage CMD [ARG...]\n", stderr);
    return 2;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) {
    perror("rusage: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[1], argv + 1);
    perror("rusage: exec");
    _exit(127);
  }
  int status;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("rusage: wait4");
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs =
      (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
               (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  fprintf(stderr, "%.6f %ld %d %.6f\n", secs, ru.ru_maxrss, code, cpu);
  return 0;
}
