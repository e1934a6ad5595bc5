/*
 * Blocking TCP ping-pong over loopback (the baseline of `memfabric bench bm --transport tcp` for 8-byte copies): a
 * forked server echoes MSG bytes; the client sends and waits for the echo COUNT times after 1000 warm-up round trips
 * and prints the round-trip p50 and p99 in microseconds. TCP_NODELAY on both ends. With a third argument "pinned" the
 * client runs on CPU 0 and the server on CPU 1 (as ../shared/reference/machine-probe/pingpong.c); otherwise the
 * scheduler places both.
 *
 * Build: gcc -O2 -Wall -o tcp_pingpong tcp_pingpong.c        Run: ./tcp_pingpong 50000 8 [pinned]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <sched.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void full(int fd, char *buf, size_t n, int send_it) {
    size_t done = 0;
    while (done < n) {
        ssize_t r = send_it ? send(fd, buf + done, n - done, 0) : recv(fd, buf + done, n - done, 0);
        if (r <= 0) {
            perror(send_it ? "send" : "recv");
            exit(1);
        }
        done += (size_t)r;
    }
}

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set)) {
        perror("sched_setaffinity");
        exit(1);
    }
}

static int by_value(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int count = argc > 1 ? atoi(argv[1]) : 50000;
    size_t msg = argc > 2 ? (size_t)atol(argv[2]) : 8;
    int pinned = argc > 3 && strcmp(argv[3], "pinned") == 0;
    if (count <= 0 || msg == 0 || msg > 1 << 20) {
        fprintf(stderr, "usage: %s COUNT MSG_BYTES (1..1048576)\n", argv[0]);
        return 2;
    }
    int one = 1;
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    if (bind(ls, (struct sockaddr *)&addr, sizeof addr) || listen(ls, 1) ||
        getsockname(ls, (struct sockaddr *)&addr, &len)) {
        perror("listen");
        return 1;
    }
    char *buf = calloc(1, msg);
    pid_t child = fork();
    if (child == 0) {
        if (pinned) {
            pin(1);
        }
        int s = accept(ls, NULL, NULL);
        setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        for (int i = 0; i < count + 1000; i++) {
            full(s, buf, msg, 0);
            full(s, buf, msg, 1);
        }
        _exit(0);
    }
    if (pinned) {
        pin(0);
    }
    int c = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(c, (struct sockaddr *)&addr, sizeof addr)) {
        perror("connect");
        return 1;
    }
    long long *rtt = malloc(sizeof(long long) * (size_t)count);
    for (int i = 0; i < 1000; i++) {
        full(c, buf, msg, 1);
        full(c, buf, msg, 0);
    }
    for (int i = 0; i < count; i++) {
        long long t0 = now_ns();
        full(c, buf, msg, 1);
        full(c, buf, msg, 0);
        rtt[i] = now_ns() - t0;
    }
    waitpid(child, NULL, 0);
    qsort(rtt, (size_t)count, sizeof rtt[0], by_value);
    printf("rtt_p50_us %.2f rtt_p99_us %.2f msg %zu count %d %s\n", rtt[count / 2] / 1e3,
        rtt[count * 99 / 100] / 1e3, msg, count, pinned ? "pinned" : "unpinned");
    return 0;
}
