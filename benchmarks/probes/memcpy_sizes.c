/*
 * Single-thread memcpy bandwidth at the sizes given on the command line (the baseline of `memfabric bench bm` over
 * shm). Source and destination are anonymous mappings pre-faulted with memset; each size is copied repeatedly for
 * about 0.5 s after a warm-up, three times; prints "size GB/s" with the median (1 GB = 1e9 bytes, bytes counted once).
 *
 * Build: gcc -O2 -Wall -o memcpy_sizes memcpy_sizes.c        Run: ./memcpy_sizes 8 1048576 67108864
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *faulted(size_t n) {
    char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        exit(1);
    }
    memset(p, 1, n);
    return p;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double one_run(char *dst, const char *src, size_t size) {
    size_t iters = 1;
    for (;;) {
        double t0 = now_s();
        for (size_t i = 0; i < iters; i++) {
            memcpy(dst, src, size);
            __asm__ volatile("" ::: "memory");
        }
        double dt = now_s() - t0;
        if (dt >= 0.5) {
            return (double)size * (double)iters / dt / 1e9;
        }
        iters *= 2;
    }
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s SIZE_BYTES...\n", argv[0]);
        return 2;
    }
    for (int a = 1; a < argc; a++) {
        size_t size = strtoull(argv[a], NULL, 10);
        if (size == 0) {
            fprintf(stderr, "size must be a positive number of bytes: value=%s\n", argv[a]);
            return 2;
        }
        char *src = faulted(size), *dst = faulted(size);
        double runs[3];
        one_run(dst, src, size); /* warm-up */
        for (int r = 0; r < 3; r++) {
            runs[r] = one_run(dst, src, size);
        }
        qsort(runs, 3, sizeof runs[0], by_value);
        printf("%zu %.3f\n", size, runs[1]);
        munmap(src, size);
        munmap(dst, size);
    }
    return 0;
}
