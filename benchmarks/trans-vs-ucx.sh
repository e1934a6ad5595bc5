#!/usr/bin/env bash
# Compares TRANS batch transfers (memfabric bench trans) with UCX's one-sided put/get (ucx_perftest 1.13, Debian
# ucx-utils) on this machine, two processes over loopback, per block size:
#   shm  ours: bench trans --transport shm (allocateMem memory on both sides, memcpy between the processes)
#        UCX:  UCT put_bw / get with -x posix -d memory -D bcopy (copy into/out of the peer's mapped segment)
#              UCT put_bw / get with -x cma   -d memory -D zcopy (process_vm_writev / process_vm_readv)
#   tcp  ours: bench trans --transport tcp (direct buffers + registerMem, only the HOST_TCP data path)
#        UCX:  UCP ucp_put_bw / ucp_get -m host with UCX_TLS=tcp UCX_NET_DEVICES=lo, and for reference the
#              two-sided UCP tag_bw -m host (send/receive, what UCX's tcp transport does best) next to write
# write is compared with put, read with get. Ours moves batches of --batch blocks (default 32); ucx_perftest moves
# one message of the block size at a time, its bandwidth tests keeping many in flight, always from and into the same
# buffer. So ours runs twice: --layout same (every block of the batch from and into one reused block, as UCX; this
# column is the one compared) and --layout distinct (block i at offset i x size: the batch's working set is
# batch x size bytes, out of the caches from 1M blocks on), shown alongside. Ours copies a batch of at least 1 MiB
# in two copy lanes (the caller plus a helper thread) where the machine has two cores; ucx_perftest copies on one
# thread, so shm runs a third time with copyLanes=1 (--layout same, through $MEMFABRIC_CONFIG_DIR), shown last.
#
# Every ucx_perftest pair runs as a server (ucx_perftest -p PORT) and a client (ucx_perftest 127.0.0.1 -p PORT),
# each its own process, as bench trans runs a sender and a receiver process; both get a fresh pair of processes per
# block size (bench trans once per size, unless --one-process). Nothing is pinned to a CPU.
#
# Usage: benchmarks/trans-vs-ucx.sh [--sizes 4K,16K,64K,256K,1M,4M,16M] [--batch 32] [--runs 3]
#                                   [--sides ours,ucx] [--iterations N] [--one-process] [--out DIR]
#        benchmarks/trans-vs-ucx.sh --tabulate DIR   (prints the tables again from the raw results in DIR)
#   --sides ucx   measures only the UCX side (the MemFabric columns then show "-")
#   --iterations  measured batches per size for bench trans (default: its own, about 4 GiB per size, 20..2000)
#   --one-process one bench trans process pair for all sizes (default: a fresh pair per size, as ucx_perftest runs;
#                 in one pair a size measured after much larger ones can be slower, see docs/benchmarks.md)
#
# Needs: a built distribution (./mvnw -q install -DskipTests) unless --sides ucx; ucx_perftest (installed with
# apt-get install ucx-utils when missing and running as root), awk, ss. Prints Markdown tables of the medians over
# --runs runs with the ratio ours/UCX, and leaves the raw files in --out (default: a new directory under
# ${TMPDIR:-/tmp}): ours-{shm,tcp}-{same,distinct}-RUN.csv/.txt, ours-shm1-same-RUN.csv/.txt (one copy lane),
# ucx-CONFIG-SIZE-RUN.txt, load.txt.
set -euo pipefail

SIZES=4K,16K,64K,256K,1M,4M,16M
BATCH=32
RUNS=3
SIDES=ours,ucx
ITERATIONS=""
ONE_PROCESS=0
OUT=""
TABULATE=0

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
    exit "${1:-2}"
}

while [ $# -gt 0 ]; do
    case $1 in
        --sizes) SIZES=$2; shift 2 ;;
        --batch) BATCH=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --sides) SIDES=$2; shift 2 ;;
        --iterations) ITERATIONS=$2; shift 2 ;;
        --one-process) ONE_PROCESS=1; shift ;;
        --out) OUT=$2; shift 2 ;;
        --tabulate) OUT=$2; TABULATE=1; shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "trans-vs-ucx: unknown argument: value=$1" >&2; usage 2 ;;
    esac
done
for n in "$BATCH" "$RUNS" ${ITERATIONS:+"$ITERATIONS"}; do
    case $n in
        ''|*[!0-9]*) echo "trans-vs-ucx: numbers only: value=$n" >&2; exit 2 ;;
    esac
done
case ,$SIDES, in
    ,ours,ucx,|,ucx,ours,|,ours,|,ucx,) ;;
    *) echo "trans-vs-ucx: --sides must be ours,ucx, ours or ucx: value=$SIDES" >&2; exit 2 ;;
esac
want() { case ,$SIDES, in *,$1,*) return 0 ;; *) return 1 ;; esac; }

# bytes SIZE -> the size in bytes (K and M are binary, as bench trans reads them)
bytes() {
    local s=${1^^}
    case $s in
        *K) echo $(( ${s%K} * 1024 )) ;;
        *M) echo $(( ${s%M} * 1024 * 1024 )) ;;
        ''|*[!0-9]*) echo "trans-vs-ucx: --sizes entry is not a size: value=$1" >&2; exit 2 ;;
        *) echo "$s" ;;
    esac
}
IFS=, read -r -a SIZE_LIST <<<"$SIZES"
for s in "${SIZE_LIST[@]}"; do bytes "$s" >/dev/null; done

# The UCX configurations: NAME|ENV|CLIENT ARGS (without -s/-n/-w)|BUDGET_BYTES|MAX_ITERATIONS
# Iterations per run: BUDGET / size, at least 16 and at most MAX. UCP put/get over tcp is slow in UCX 1.13 (tens
# of MB/s for 16 MiB puts, under 1 k gets/s of 4 KiB here), hence the smaller tcp budgets.
UCX_CONFIGS=(
    "posix-put|UCX_NET_DEVICES=lo|-t put_bw -x posix -d memory -D bcopy|1073741824|200000"
    "cma-put|UCX_NET_DEVICES=lo|-t put_bw -x cma -d memory -D zcopy|1073741824|200000"
    "posix-get|UCX_NET_DEVICES=lo|-t get -x posix -d memory -D bcopy|1073741824|200000"
    "cma-get|UCX_NET_DEVICES=lo|-t get -x cma -d memory -D zcopy|1073741824|200000"
    "tcp-put|UCX_TLS=tcp UCX_NET_DEVICES=lo|-t ucp_put_bw -m host|268435456|50000"
    "tcp-get|UCX_TLS=tcp UCX_NET_DEVICES=lo|-t ucp_get -m host|67108864|2000"
    "tcp-tag|UCX_TLS=tcp UCX_NET_DEVICES=lo|-t tag_bw -m host|1073741824|200000"
)

measure() {
    ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
    MEMFABRIC=""
    if want ours; then
        MEMFABRIC=$(ls -d "$ROOT"/distribution/target/memfabric-*/bin/memfabric 2>/dev/null | head -n 1 || true)
        if [ -z "$MEMFABRIC" ] || [ ! -x "$MEMFABRIC" ]; then
            echo "trans-vs-ucx: no distribution: path=$ROOT/distribution/target/memfabric-*/bin/memfabric" >&2
            echo "  build it first: cd $ROOT && ./mvnw -q install -DskipTests (or measure UCX only: --sides ucx)" >&2
            exit 1
        fi
    fi
    if want ucx && ! command -v ucx_perftest >/dev/null 2>&1; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "trans-vs-ucx: ucx_perftest missing and not root, cannot apt-get install it:" >&2
            echo "  run: sudo apt-get install -y ucx-utils" >&2
            exit 1
        fi
        if ! command -v apt-get >/dev/null 2>&1; then
            echo "trans-vs-ucx: ucx_perftest missing and no apt-get to install it" >&2
            exit 1
        fi
        echo "trans-vs-ucx: installing ucx-utils with apt-get" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ucx-utils >&2 || {
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ucx-utils >&2; }
    fi

    if [ -z "$OUT" ]; then
        OUT=$(mktemp -d "${TMPDIR:-/tmp}/memfabric-vs-ucx-XXXXXX")
    else
        mkdir -p "$OUT"
    fi
    echo "$SIZES" >"$OUT/sizes.txt"

    free_port() {
        local port _
        for _ in $(seq 1 200); do
            port=$((20000 + RANDOM % 40000))
            if ! ss -Htln "sport = :$port" | grep -q .; then
                echo "$port"
                return 0
            fi
        done
        echo "trans-vs-ucx: no free port found" >&2
        return 1
    }

    SERVER_PID=""
    cleanup() {
        if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
            kill -TERM "$SERVER_PID" 2>/dev/null || true
            wait "$SERVER_PID" 2>/dev/null || true
        fi
    }
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    # ucx_run NAME ENV ARGS BUDGET MAX SIZE_BYTES OUTFILE: one server + client pair; the client's output (-v: one
    # CSV line "iterations,p50_lat,avg_lat,overall_lat,avg_bw,overall_bw,avg_mr,overall_mr", bw in MB/s = 2^20 B/s;
    # the last such line is the final result, earlier "[thread 0]..." lines are interim reports)
    ucx_run() {
        local name=$1 envs=$2 args=$3 budget=$4 max=$5 size=$6 file=$7 n w port rc _
        n=$(( budget / size ))
        [ "$n" -lt 16 ] && n=16
        [ "$n" -gt "$max" ] && n=$max
        w=$(( n / 10 ))
        [ "$w" -lt 2 ] && w=2
        port=$(free_port)
        # shellcheck disable=SC2086
        env $envs ucx_perftest -p "$port" >"$file.server" 2>&1 &
        SERVER_PID=$!
        for _ in $(seq 1 100); do
            ss -Htln "sport = :$port" | grep -q . && break
            sleep 0.05
        done
        echo "# $name: env $envs ucx_perftest 127.0.0.1 -p $port $args -s $size -n $n -w $w -f -v" >"$file"
        rc=0
        # shellcheck disable=SC2086
        env $envs timeout 300 ucx_perftest 127.0.0.1 -p "$port" $args -s "$size" -n "$n" -w "$w" -f -v \
            >>"$file" 2>&1 || rc=$?
        # the server ends by itself after a test; stop it if it does not within 10 s (or the client failed)
        for _ in $(seq 1 200); do
            [ "$rc" -eq 0 ] && kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.05
        done
        cleanup
        SERVER_PID=""
        [ "$rc" -eq 0 ] || echo "trans-vs-ucx: $name size $size failed: rc=$rc, see $file" >&2
        rm -f "$file.server"
    }

    # ours_bench KEY CONFIG_DIR ARGS...: memfabric bench trans ARGS with one sender and receiver process pair per
    # block size (ucx_perftest gets a fresh pair per size too), or one pair for all sizes with --one-process; the
    # rows go to ours-KEY-RUN.csv / .txt / .err. CONFIG_DIR, when not empty, becomes MEMFABRIC_CONFIG_DIR.
    ours_bench() {
        local key=$1 confdir=$2 group part
        shift 2
        local csv="$OUT/ours-$key-$run.csv" txt="$OUT/ours-$key-$run.txt" err="$OUT/ours-$key-$run.err"
        local groups=("${SIZE_LIST[@]}")
        [ "$ONE_PROCESS" -eq 1 ] && groups=("$SIZES")
        part="$OUT/ours-$key-$run.part.csv"
        : >"$csv"
        : >"$txt"
        : >"$err"
        for group in "${groups[@]}"; do
            rm -f "$part"
            # shellcheck disable=SC2086
            if ! env ${confdir:+MEMFABRIC_CONFIG_DIR="$confdir"} "$MEMFABRIC" bench trans "$@" --sizes "$group" \
                --batch "$BATCH" ${ITERATIONS:+--iterations "$ITERATIONS"} --csv "$part" >>"$txt" 2>>"$err"; then
                echo "trans-vs-ucx: memfabric bench trans $* --sizes $group failed, see $err:" >&2
                tail -n 5 "$err" >&2
            fi
            if [ -s "$part" ]; then
                if [ -s "$csv" ]; then tail -n +2 "$part" >>"$csv"; else cat "$part" >"$csv"; fi
            fi
            rm -f "$part"
        done
    }

    echo "trans-vs-ucx: UCX $(ucx_info -v 2>/dev/null | sed -n 's/^# Version //p' | head -n 1);" \
        "memfabric ${MEMFABRIC:-not measured}; sizes=$SIZES batch=$BATCH runs=$RUNS cpus=$(nproc)" \
        "load=\"$(cut -d' ' -f1-3 /proc/loadavg)\" out=$OUT" >&2

    for run in $(seq 1 "$RUNS"); do
        echo "run $run: load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%M:%S)" >>"$OUT/load.txt"
        if want ours; then
            for t in shm tcp; do
                for layout in same distinct; do
                    echo "trans-vs-ucx: run $run/$RUNS: memfabric bench trans --transport $t --layout $layout" >&2
                    ours_bench "$t-$layout" "" --transport "$t" --layout "$layout"
                done
            done
            # shm once more with one copy lane (the calling thread only, as ucx_perftest copies), same layout
            mkdir -p "$OUT/one-lane" && echo "copyLanes=1" >"$OUT/one-lane/org.memfabric.transport.shm.cfg"
            echo "trans-vs-ucx: run $run/$RUNS: memfabric bench trans --transport shm --layout same, copyLanes=1" >&2
            ours_bench shm1-same "$OUT/one-lane" --transport shm --layout same
        fi
        if want ucx; then
            for config in "${UCX_CONFIGS[@]}"; do
                IFS='|' read -r name envs args budget max <<<"$config"
                echo "trans-vs-ucx: run $run/$RUNS: ucx $name ($SIZES)" >&2
                for s in "${SIZE_LIST[@]}"; do
                    ucx_run "$name" "$envs" "$args" "$budget" "$max" "$(bytes "$s")" \
                        "$OUT/ucx-$name-$(bytes "$s")-$run.txt"
                done
            done
        fi
        echo "run $run: load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%M:%S) (end)" \
            >>"$OUT/load.txt"
    done
}

if [ "$TABULATE" -eq 1 ]; then
    [ -d "$OUT" ] || { echo "trans-vs-ucx: no results to tabulate: dir=$OUT" >&2; exit 1; }
    [ -f "$OUT/sizes.txt" ] && SIZES=$(cat "$OUT/sizes.txt") && IFS=, read -r -a SIZE_LIST <<<"$SIZES"
    RUNS=$(ls "$OUT"/ours-*-*.txt "$OUT"/ucx-*-*.txt 2>/dev/null | sed -n 's/.*-\([0-9][0-9]*\)\.txt$/\1/p' \
        | sort -n | tail -n 1)
    [ -n "$RUNS" ] || { echo "trans-vs-ucx: no results to tabulate: dir=$OUT" >&2; exit 1; }
else
    measure
fi

# --- tables --------------------------------------------------------------------------------------------------
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
        else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
range() {
    sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR == 0) print "-"; else printf "%s..%s", lo, hi }'
}
# ours TRANSPORT OP SIZE_BYTES COLUMN -> the values of every run (7 = p50 µs, 11 = GB/s, 13 = verified)
ours_values() {
    local t=$1 op=$2 size=$3 column=$4 run
    for run in $(seq 1 "$RUNS"); do
        [ -f "$OUT/ours-$t-$run.csv" ] || continue
        awk -F, -v o="$op" -v s="$size" -v c="$column" 'NR > 1 && $1 == o && $3 == s { print $c }' \
            "$OUT/ours-$t-$run.csv"
    done
}
# ucx NAME SIZE_BYTES -> GB/s (10^9 B/s) of every run, from overall_bw in MB/s (2^20 B/s)
ucx_values() {
    local name=$1 size=$2 run
    for run in $(seq 1 "$RUNS"); do
        [ -f "$OUT/ucx-$name-$size-$run.txt" ] || continue
        awk -F, '/^ *[0-9]+,[0-9.]+,/ { v = $6 } END { if (v != "") printf "%.3f\n", v * 1048576 / 1e9 }' \
            "$OUT/ucx-$name-$size-$run.txt"
    done
}
fmt() { awk -v x="$1" 'BEGIN { if (x == "-") print "-"; else if (x + 0 >= 100) printf "%.0f", x;
    else if (x + 0 >= 10) printf "%.1f", x; else if (x + 0 >= 0.1) printf "%.2f", x; else printf "%.4f", x }'; }
ratio() { awk -v o="$1" -v u="$2" 'BEGIN { if (o == "-" || u == "-" || u + 0 == 0) print "-";
    else printf "%.2f", o / u }'; }
verdict() { # TRANSPORT OP SIZE -> "" when every run verified, " (FAILED)" otherwise
    if ours_values "$1" "$2" "$3" 13 | grep -qv '^ok$'; then echo " (FAILED)"; fi
}

table() { # TRANSPORT OURS_OP UCX_NAME... (ours with --layout same against UCX; --layout distinct alongside)
    local t=$1 op=$2 s b ours p50 cells name u distinct one first=$3
    shift 2
    local header="| block | ours $t $op GB/s, one reused block | ours p50 µs per batch of $BATCH"
    header="$header | ours GB/s, $BATCH distinct blocks"
    local line="|---|---|---|---"
    for name in "$@"; do
        header="$header | UCX $name GB/s | ours/UCX"
        line="$line|---|---"
    done
    if [ "$t" = shm ]; then
        header="$header | ours one copy lane GB/s, one reused block | one lane/UCX $first"
        line="$line|---|---"
    fi
    echo "$header |"
    echo "$line|"
    for s in "${SIZE_LIST[@]}"; do
        b=$(bytes "$s")
        ours=$(ours_values "$t-same" "$op" "$b" 11 | median)
        p50=$(ours_values "$t-same" "$op" "$b" 7 | median)
        distinct=$(ours_values "$t-distinct" "$op" "$b" 11 | median)
        cells="| $s | $(fmt "$ours")$(verdict "$t-same" "$op" "$b") | $(fmt "$p50")"
        cells="$cells | $(fmt "$distinct")$(verdict "$t-distinct" "$op" "$b")"
        for name in "$@"; do
            u=$(ucx_values "$name" "$b" | median)
            cells="$cells | $(fmt "$u") | $(ratio "$ours" "$u")"
        done
        if [ "$t" = shm ]; then
            one=$(ours_values "shm1-same" "$op" "$b" 11 | median)
            u=$(ucx_values "$first" "$b" | median)
            cells="$cells | $(fmt "$one")$(verdict "shm1-same" "$op" "$b") | $(ratio "$one" "$u")"
        fi
        echo "$cells |"
    done
    echo
}

echo
echo "TRANS (memfabric bench trans) vs UCX ucx_perftest, batch $BATCH, medians of $RUNS runs, GB/s = 10^9 B/s"
echo
echo "shm, write vs put:"
echo
table shm write posix-put cma-put
echo "shm, read vs get:"
echo
table shm read posix-get cma-get
echo "tcp, write vs put (UCP, UCX_TLS=tcp):"
echo
table tcp write tcp-put tcp-tag
echo "tcp, read vs get (UCP, UCX_TLS=tcp):"
echo
table tcp read tcp-get

echo "spread over runs (min..max GB/s), 1M blocks: ours shm write $(ours_values shm-same write 1048576 11 | range)," \
    "UCX posix put $(ucx_values posix-put 1048576 | range), UCX cma put $(ucx_values cma-put 1048576 | range);" \
    "ours tcp write $(ours_values tcp-same write 1048576 11 | range), UCX tcp put $(ucx_values tcp-put 1048576 | range)"
if [ -f "$OUT/load.txt" ]; then
    echo "load (1, 5, 15 min) at the start and end of each run: $(tr '\n' ';' <"$OUT/load.txt")"
fi
echo "raw results: $OUT"
