#!/usr/bin/env bash
# Compares BM copies with their baselines on this machine, side by side, run after run in one session:
#   memfabric bench bm --transport shm           vs  single-thread C memcpy of the same size (probes/memcpy_sizes.c)
#   memfabric bench bm --transport tcp, >= 1 MiB vs  iperf3, one stream on loopback, writes of the same size (-l;
#                                                    iperf3's largest write is 1 MiB, used for larger copies)
#   memfabric bench bm --transport tcp, 8 B p50  vs  a blocking C TCP ping-pong of 8 bytes (probes/tcp_pingpong.c),
#                                                    unpinned (the scheduler places both ends, as it places the
#                                                    ranks), and pinned to CPU 0 / CPU 1 (as machine-probe/pingpong.c)
# Each run measures every column once, in the order above, so ours and the baselines share the machine's state;
# the table gives the median over --runs runs and the ratio ours / baseline.
#
# Usage: benchmarks/bm-vs-baselines.sh [--runs 3] [--sizes 8,1m,64m] [--budget-mb 512] [--out DIR]
#        benchmarks/bm-vs-baselines.sh --tabulate DIR [--sizes 8,1m,64m]
#
# Needs: a built distribution (./mvnw -q install -DskipTests), gcc, iperf3 (installed with apt-get when missing and
# running as root), awk. Raw outputs stay in --out (default: a new directory under ${TMPDIR:-/tmp}).
set -euo pipefail

RUNS=3
SIZES=8,1m,64m
BUDGET_MB=512
OUT=""
TABULATE=0

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
    exit "${1:-2}"
}

while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --sizes) SIZES=$2; shift 2 ;;
        --budget-mb) BUDGET_MB=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --tabulate) OUT=$2; TABULATE=1; shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "bm-vs-baselines: unknown argument: value=$1" >&2; usage 2 ;;
    esac
done
for n in "$RUNS" "$BUDGET_MB"; do
    case $n in
        ''|*[!0-9]*) echo "bm-vs-baselines: numbers only: value=$n" >&2; exit 2 ;;
    esac
done

bytes_of() { # 8, 4k, 1m, 64m -> bytes
    echo "$1" | awk '{ s = tolower($1); m = 1; if (s ~ /k$/) m = 1024; else if (s ~ /m$/) m = 1048576;
        sub(/[km]$/, "", s); if (s !~ /^[0-9]+$/) { print "bad"; exit } print s * m }'
}
SIZE_BYTES=""
for s in ${SIZES//,/ }; do
    b=$(bytes_of "$s")
    if [ "$b" = "bad" ]; then
        echo "bm-vs-baselines: --sizes takes numbers with an optional k or m: value=$s" >&2
        exit 2
    fi
    SIZE_BYTES="$SIZE_BYTES $b"
done

measure() {
    ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
    MEMFABRIC=$(ls -d "$ROOT"/distribution/target/memfabric-*/bin/memfabric 2>/dev/null | head -n 1 || true)
    if [ -z "$MEMFABRIC" ] || [ ! -x "$MEMFABRIC" ]; then
        echo "bm-vs-baselines: no distribution: path=$ROOT/distribution/target/memfabric-*/bin/memfabric" >&2
        echo "  build it first: cd $ROOT && ./mvnw -q install -DskipTests" >&2
        exit 1
    fi
    if ! command -v iperf3 >/dev/null; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iperf3 >/dev/null
        else
            echo "bm-vs-baselines: iperf3 is missing: install it (Debian: apt-get install iperf3)" >&2
            exit 1
        fi
    fi
    [ -n "$OUT" ] || OUT=$(mktemp -d "${TMPDIR:-/tmp}/bm-vs-baselines.XXXXXX")
    mkdir -p "$OUT"
    gcc -O2 -Wall -o "$OUT/memcpy_sizes" "$ROOT/benchmarks/probes/memcpy_sizes.c"
    gcc -O2 -Wall -o "$OUT/tcp_pingpong" "$ROOT/benchmarks/probes/tcp_pingpong.c"
    {
        echo "date: $(date -u +%FT%TZ)"
        echo "host: $(uname -r), $(nproc) vCPUs"
        echo "java: $("$MEMFABRIC" version 2>/dev/null | tail -n 1 || true)"
        echo "sizes: $SIZES, runs: $RUNS, budget: $BUDGET_MB MiB per row"
    } >"$OUT/session.txt"
    local run port size
    for run in $(seq 1 "$RUNS"); do
        echo "run $run/$RUNS: load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/session.txt" >&2
        "$MEMFABRIC" bench bm --transport shm --sizes "$SIZES" --budget-mb "$BUDGET_MB" >"$OUT/bm-shm-$run.txt" 2>/dev/null
        # shellcheck disable=SC2086
        "$OUT/memcpy_sizes" $SIZE_BYTES >"$OUT/memcpy-$run.txt"
        "$MEMFABRIC" bench bm --transport tcp --sizes "$SIZES" --budget-mb "$BUDGET_MB" >"$OUT/bm-tcp-$run.txt" 2>/dev/null
        for size in $SIZE_BYTES; do
            [ "$size" -ge 1048576 ] || continue
            port=$((5300 + run))
            iperf3 -s -B 127.0.0.1 -p "$port" -1 >/dev/null 2>&1 &
            sleep 0.5
            # iperf3 writes at most 1 MiB per call: larger copies are compared with 1 MiB writes
            iperf3 -c 127.0.0.1 -p "$port" -t 4 -P 1 -l "$((size > 1048576 ? 1048576 : size))" -J \
                >"$OUT/iperf3-$size-$run.json"
            wait
        done
        "$OUT/tcp_pingpong" 50000 8 >"$OUT/pingpong-$run.txt"
        "$OUT/tcp_pingpong" 20000 8 pinned >"$OUT/pingpong-pinned-$run.txt"
    done
    echo "raw results: $OUT" >&2
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
        else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# bench_values FILEPREFIX COPY SIZE MODE COLUMN -> one value per run (columns: copy size mode copies GB/s p50 p99)
bench_values() {
    local prefix=$1 copy=$2 size=$3 mode=$4 column=$5 run
    for run in $(seq 1 "$RUNS"); do
        awk -v c="$copy" -v s="$size" -v m="$mode" -v k="$column" '$1 == c && $2 == s && $3 == m { print $k }' \
            "$OUT/$prefix-$run.txt"
    done
}
memcpy_values() {
    local size=$1 run
    for run in $(seq 1 "$RUNS"); do
        awk -v s="$size" '$1 == s { print $2 }' "$OUT/memcpy-$run.txt"
    done
}
iperf_values() {
    local size=$1 run
    for run in $(seq 1 "$RUNS"); do
        awk '/"sum_received"/ { f = 1 } f && /"bits_per_second"/ { gsub(/[,]/, ""); print $2 / 8e9; exit }' \
            "$OUT/iperf3-$size-$run.json"
    done
}
pingpong_values() {
    local file=$1 run
    for run in $(seq 1 "$RUNS"); do
        awk '{ print $2 }' "$OUT/$file-$run.txt"
    done
}
row() { # LABEL OURS BASELINE
    awk -v l="$1" -v o="$2" -v b="$3" 'BEGIN {
        ratio = "-"; if (o != "-" && b != "-" && b + 0 > 0) ratio = sprintf("%.2f", o / b)
        printf "| %-44s | %10s | %10s | %6s |\n", l, o, b, ratio }'
}

tabulate() {
    local size copy mode ours base
    echo "Medians of $RUNS runs ($(grep -c '^run ' "$OUT/session.txt") recorded); $(head -n 2 "$OUT/session.txt" | tr '\n' ' ')"
    grep '^run ' "$OUT/session.txt" || true
    echo
    printf "| %-44s | %10s | %10s | %6s |\n" "What (GB/s unless marked µs)" "MemFabric" "Baseline" "Ratio"
    echo "|---|---|---|---|"
    for size in $SIZE_BYTES; do
        [ "$size" -ge 4096 ] || continue # small copies are compared by latency below
        base=$(memcpy_values "$size" | median)
        for copy in H2G G2H "G2G(0->1)"; do
            for mode in sync async4; do
                ours=$(bench_values bm-shm "$copy" "$size" "$mode" 5 | median)
                [ "$ours" = "-" ] && continue
                row "shm $copy $size B $mode vs memcpy" "$ours" "$base"
            done
        done
    done
    for size in $SIZE_BYTES; do
        [ "$size" -ge 1048576 ] || continue
        base=$(iperf_values "$size" | median)
        for copy in H2G G2H "G2G(0->1)"; do
            for mode in sync async4; do
                ours=$(bench_values bm-tcp "$copy" "$size" "$mode" 5 | median)
                [ "$ours" = "-" ] && continue
                row "tcp $copy $size B $mode vs iperf3 -l $((size > 1048576 ? 1048576 : size))" "$ours" "$base"
            done
        done
    done
    local pp pinned
    pp=$(pingpong_values pingpong | median)
    pinned=$(pingpong_values pingpong-pinned | median)
    for copy in H2G G2H "G2G(0->1)"; do
        ours=$(bench_values bm-tcp "$copy" 8 sync 6 | median)
        [ "$ours" = "-" ] && continue
        row "tcp $copy 8 B p50 µs vs C ping-pong RTT p50" "$ours" "$pp"
    done
    echo
    echo "C ping-pong RTT p50 with the client pinned to CPU 0 and the server to CPU 1: $pinned µs (median)"
    for copy in H2G G2H "G2G(0->1)"; do
        ours=$(bench_values bm-shm "$copy" 8 sync 6 | median)
        [ "$ours" = "-" ] || echo "shm $copy 8 B p50: $ours µs"
    done
}

if [ "$TABULATE" = 0 ]; then
    measure
fi
tabulate
