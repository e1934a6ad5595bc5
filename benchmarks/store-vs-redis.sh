#!/usr/bin/env bash
# Compares the MemFabric config store with Redis on this machine, over loopback, with the same value size, request
# count and client count:
#   redis-benchmark -t set,get -c 1            vs  memfabric bench store, latency phase (1 client)
#   redis-benchmark -t set,get -c N -P 1       vs  memfabric bench store, throughput phase (N closed-loop clients)
# and reports the barrier rows of memfabric bench store (Redis has no counterpart).
#
# Throughput drivers (--driver, passed to memfabric bench store): "async" (the default) drives the N connections the
# way redis-benchmark does, without a thread per connection: each connection keeps exactly one request outstanding
# and the completion of a request issues that connection's next one, on the store client's I/O thread (one thread
# for all N connections, as redis-benchmark's one event loop); "threads" gives every connection its own thread making
# blocking calls.
#
# Both servers run as their own processes: redis-server (persistence off) and `memfabric store`, each on a free
# loopback port; the benchmark clients run in a second process, as redis-benchmark does. With --embedded the
# MemFabric server runs inside the bench process instead.
#
# Usage: benchmarks/store-vs-redis.sh [--value-size 64] [--requests 100000] [--clients 64] [--ranks 2,8,64]
#                                     [--warmup 20000] [--barrier-rounds 500] [--runs 3] [--driver async|threads]
#                                     [--embedded] [--out DIR]
#        benchmarks/store-vs-redis.sh --tabulate DIR [--clients 64] [--ranks 2,8,64]
#                                     (prints the table again from the raw results of an earlier run in DIR)
#
# Needs: a built distribution (./mvnw -q install -DskipTests), redis-server and redis-benchmark (installed with
# apt-get when missing and running as root), awk. Prints one side-by-side table of the medians over --runs runs and
# leaves the raw CSV files in --out (default: a new directory under ${TMPDIR:-/tmp}).
set -euo pipefail

VALUE_SIZE=64
REQUESTS=100000
CLIENTS=64
RANKS=2,8,64
WARMUP=20000
BARRIER_ROUNDS=500
RUNS=3
EMBEDDED=0
DRIVER=async
OUT=""
TABULATE=0

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
    exit "${1:-2}"
}

while [ $# -gt 0 ]; do
    case $1 in
        --value-size) VALUE_SIZE=$2; shift 2 ;;
        --requests) REQUESTS=$2; shift 2 ;;
        --clients) CLIENTS=$2; shift 2 ;;
        --ranks) RANKS=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --barrier-rounds) BARRIER_ROUNDS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --embedded) EMBEDDED=1; shift ;;
        --driver) DRIVER=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --tabulate) OUT=$2; TABULATE=1; shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "store-vs-redis: unknown argument: value=$1" >&2; usage 2 ;;
    esac
done
case $DRIVER in
    async|threads) ;;
    *) echo "store-vs-redis: --driver must be async or threads: value=$DRIVER" >&2; exit 2 ;;
esac
for n in "$VALUE_SIZE" "$REQUESTS" "$CLIENTS" "$WARMUP" "$BARRIER_ROUNDS" "$RUNS"; do
    case $n in
        ''|*[!0-9]*) echo "store-vs-redis: numbers only: value=$n" >&2; exit 2 ;;
    esac
done

measure() {
    ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
    MEMFABRIC=$(ls -d "$ROOT"/distribution/target/memfabric-*/bin/memfabric 2>/dev/null | head -n 1 || true)
    if [ -z "$MEMFABRIC" ] || [ ! -x "$MEMFABRIC" ]; then
        echo "store-vs-redis: no distribution: path=$ROOT/distribution/target/memfabric-*/bin/memfabric" >&2
        echo "  build it first: cd $ROOT && ./mvnw -q install -DskipTests" >&2
        exit 1
    fi

    # --- redis ---------------------------------------------------------------------------------------------------
    if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-benchmark >/dev/null 2>&1; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "store-vs-redis: redis-server/redis-benchmark missing and not root, cannot apt-get install them:" >&2
            echo "  run: sudo apt-get install -y redis-server redis-tools" >&2
            exit 1
        fi
        if ! command -v apt-get >/dev/null 2>&1; then
            echo "store-vs-redis: redis-server/redis-benchmark missing and no apt-get to install them" >&2
            exit 1
        fi
        echo "store-vs-redis: installing redis-server and redis-tools with apt-get" >&2
        apt-get update -qq
        # policy-rc.d (where present) keeps the packaged service from starting; the script runs its own server.
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >&2
    fi

    if [ -z "$OUT" ]; then
        OUT=$(mktemp -d "${TMPDIR:-/tmp}/memfabric-vs-redis-XXXXXX")
    else
        mkdir -p "$OUT"
    fi

    free_port() {
        local port _
        for _ in $(seq 1 200); do
            port=$((20000 + RANDOM % 40000))
            if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
                echo "$port"
                return 0
            fi
        done
        echo "store-vs-redis: no free port found" >&2
        return 1
    }

    REDIS_PID=""
    STORE_PID=""
    cleanup() {
        if [ -n "$STORE_PID" ] && kill -0 "$STORE_PID" 2>/dev/null; then
            kill -TERM "$STORE_PID" 2>/dev/null || true
            wait "$STORE_PID" 2>/dev/null || true
        fi
        if [ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
            kill -TERM "$REDIS_PID" 2>/dev/null || true
            wait "$REDIS_PID" 2>/dev/null || true
        fi
    }
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    REDIS_PORT=$(free_port)
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --protected-mode yes \
        --daemonize no --logfile "$OUT/redis.log" &
    REDIS_PID=$!
    for _ in $(seq 1 100); do
        if [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || true)" = PONG ]; then
            break
        fi
        sleep 0.1
    done
    [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || true)" = PONG ] || {
        echo "store-vs-redis: redis-server did not answer: port=$REDIS_PORT log=$OUT/redis.log" >&2; exit 1; }

    BENCH_URL_ARGS=()
    if [ "$EMBEDDED" -eq 0 ]; then
        STORE_PORT=$(free_port)
        "$MEMFABRIC" store --listen "tcp://127.0.0.1:$STORE_PORT" >"$OUT/store.out" 2>"$OUT/store.err" &
        STORE_PID=$!
        for _ in $(seq 1 600); do
            grep -q '^store listening:' "$OUT/store.out" 2>/dev/null && break
            kill -0 "$STORE_PID" 2>/dev/null || { echo "store-vs-redis: memfabric store ended:" >&2;
                cat "$OUT/store.err" >&2; exit 1; }
            sleep 0.1
        done
        grep -q '^store listening:' "$OUT/store.out" || {
            echo "store-vs-redis: memfabric store did not start: log=$OUT/store.err" >&2; exit 1; }
        BENCH_URL_ARGS=(--url "tcp://127.0.0.1:$STORE_PORT")
    fi

    echo "store-vs-redis: $(redis-server --version | cut -d' ' -f1-3), redis port $REDIS_PORT;" \
        "memfabric $( [ "$EMBEDDED" -eq 1 ] && echo embedded || echo "store port $STORE_PORT" );" \
        "valueSize=$VALUE_SIZE requests=$REQUESTS clients=$CLIENTS driver=$DRIVER runs=$RUNS cpus=$(nproc)" \
        "load=\"$(cut -d' ' -f1-3 /proc/loadavg)\" out=$OUT" >&2

    # --- runs ----------------------------------------------------------------------------------------------------
    # redis-benchmark --csv: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms",
    #                        "p99_latency_ms","max_latency_ms"
    for run in $(seq 1 "$RUNS"); do
        echo "run $run: load average $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/load.txt"
        echo "store-vs-redis: run $run/$RUNS: redis-benchmark -c 1" >&2
        redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -t set,get -d "$VALUE_SIZE" -n "$REQUESTS" -c 1 -P 1 --csv \
            >"$OUT/redis-c1-$run.csv"
        echo "store-vs-redis: run $run/$RUNS: redis-benchmark -c $CLIENTS" >&2
        redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -t set,get -d "$VALUE_SIZE" -n "$REQUESTS" -c "$CLIENTS" -P 1 \
            --csv >"$OUT/redis-c$CLIENTS-$run.csv"
        echo "store-vs-redis: run $run/$RUNS: memfabric bench store" >&2
        "$MEMFABRIC" bench store "${BENCH_URL_ARGS[@]}" --value-size "$VALUE_SIZE" --requests "$REQUESTS" \
            --clients "$CLIENTS" --driver "$DRIVER" --ranks "$RANKS" --warmup "$WARMUP" \
            --barrier-rounds "$BARRIER_ROUNDS" --csv "$OUT/memfabric-$run.csv" >"$OUT/memfabric-$run.txt"
    done
}

if [ "$TABULATE" -eq 1 ]; then
    RUNS=$(ls "$OUT"/memfabric-*.csv 2>/dev/null | wc -l)
    [ "$RUNS" -gt 0 ] || { echo "store-vs-redis: no results to tabulate: dir=$OUT" >&2; exit 1; }
else
    measure
fi

# --- table ---------------------------------------------------------------------------------------------------
# redis FILE_PREFIX TEST COLUMN -> the values of every run, one per line
redis_values() {
    local prefix=$1 test=$2 column=$3 run
    for run in $(seq 1 "$RUNS"); do
        tr -d '"' <"$OUT/$prefix-$run.csv" | awk -F, -v t="$test" -v c="$column" '$1 == t { print $c }'
    done
}
# ours PHASE OP CLIENTS_OR_RANKS_COLUMN VALUE COLUMN -> the values of every run
ours_values() {
    local phase=$1 op=$2 keycol=$3 key=$4 column=$5 run
    for run in $(seq 1 "$RUNS"); do
        awk -F, -v p="$phase" -v o="$op" -v kc="$keycol" -v k="$key" -v c="$column" \
            'NR > 1 && $1 == p && $2 == o && $kc == k { print $c }' "$OUT/memfabric-$run.csv"
    done
}
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2];
        else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ms_to_us() {
    awk '{ printf "%.1f\n", $1 * 1000 }'
}
range() {
    sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s..%s", lo, hi }'
}

row() { # LABEL REDIS OURS: numbers >= 1000 without decimals, smaller ones with one; "-" stays
    awk -v l="$1" -v r="$2" -v o="$3" '
        function f(x) { if (x == "-") return x; if (x + 0 >= 1000) return sprintf("%.0f", x); return sprintf("%.1f", x) }
        BEGIN {
            ratio = "-"
            if (r != "-" && r + 0 > 0) ratio = sprintf("%.2f", o / r)
            printf "%-34s %14s %14s %10s\n", l, f(r), f(o), ratio
        }'
}

GET_P50_R=$(redis_values redis-c1 GET 5 | ms_to_us | median)
GET_P99_R=$(redis_values redis-c1 GET 7 | ms_to_us | median)
SET_P50_R=$(redis_values redis-c1 SET 5 | ms_to_us | median)
SET_P99_R=$(redis_values redis-c1 SET 7 | ms_to_us | median)
GET_OPS_R=$(redis_values "redis-c$CLIENTS" GET 2 | median)
SET_OPS_R=$(redis_values "redis-c$CLIENTS" SET 2 | median)

GET_P50_M=$(ours_values latency GET 3 1 7 | median)
GET_P99_M=$(ours_values latency GET 3 1 8 | median)
SET_P50_M=$(ours_values latency SET 3 1 7 | median)
SET_P99_M=$(ours_values latency SET 3 1 8 | median)
GET_OPS_M=$(ours_values throughput GET 3 "$CLIENTS" 13 | median)
SET_OPS_M=$(ours_values throughput SET 3 "$CLIENTS" 13 | median)

echo
echo "MemFabric config store vs Redis: value size $VALUE_SIZE B, $REQUESTS requests, medians of $RUNS runs"
printf "%-34s %14s %14s %10s\n" "metric" "redis" "memfabric" "ours/redis"
row "GET p50 us (1 client)" "$GET_P50_R" "$GET_P50_M"
row "GET p99 us (1 client)" "$GET_P99_R" "$GET_P99_M"
row "SET p50 us (1 client)" "$SET_P50_R" "$SET_P50_M"
row "SET p99 us (1 client)" "$SET_P99_R" "$SET_P99_M"
row "GET ops/s ($CLIENTS clients)" "$GET_OPS_R" "$GET_OPS_M"
row "SET ops/s ($CLIENTS clients)" "$SET_OPS_R" "$SET_OPS_M"
IFS=, read -r -a RANK_LIST <<<"$RANKS"
for r in "${RANK_LIST[@]}"; do
    row "barrier p50 us ($r ranks)" "-" "$(ours_values barrier BARRIER 4 "$r" 7 | median)"
    row "barrier p99 us ($r ranks)" "-" "$(ours_values barrier BARRIER 4 "$r" 8 | median)"
done
echo
echo "spread over runs (min..max): redis GET p50 $(redis_values redis-c1 GET 5 | ms_to_us | range) us," \
    "memfabric GET p50 $(ours_values latency GET 3 1 7 | range) us;" \
    "redis GET ops/s $(redis_values "redis-c$CLIENTS" GET 2 | range), memfabric GET ops/s" \
    "$(ours_values throughput GET 3 "$CLIENTS" 13 | range)"

verdict() { # LABEL CONDITION
    if awk "BEGIN { exit !($2) }"; then echo "target met:    $1"; else echo "target MISSED: $1"; fi
}
echo
verdict "GET p50 <= 1.5 x redis ($GET_P50_M us vs $GET_P50_R us)" "$GET_P50_M <= 1.5 * $GET_P50_R"
verdict "GET throughput >= redis at $CLIENTS clients ($GET_OPS_M vs $GET_OPS_R ops/s)" "$GET_OPS_M >= $GET_OPS_R"
verdict "SET throughput >= redis at $CLIENTS clients ($SET_OPS_M vs $SET_OPS_R ops/s)" "$SET_OPS_M >= $SET_OPS_R"
if [ -f "$OUT/load.txt" ]; then
    echo "load (1, 5, 15 min) when each run started: $(tr '\n' ';' <"$OUT/load.txt")"
fi
echo "raw results: $OUT"
