package org.memfabric.tools.transbench;

import java.util.ArrayList;
import java.util.List;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.trans.TransferEngine;
import org.memfabric.api.trans.TransferRequest;
import org.memfabric.tools.bench.JitSettle;
import org.memfabric.tools.bench.LatencyHistogram;
import org.memfabric.tools.cli.ProgressBar;

/**
 * The measuring side of {@code bench trans}: for each op and block size, a batch of {@code batch} blocks (block i
 * at offset {@code i × size} on both sides), warm-up batches (at least the settings' count and 400 ms, then until
 * the JIT has compiled nothing for 200 ms, at most 10 s; see {@link JitSettle}), then the
 * measured batches each timed with
 * {@link System#nanoTime()}, then the checksum comparison with the receiver (see {@link ControlChannel}). The
 * request list of a size is built before its warm-up, so the timed loop allocates nothing of its own. Used by one
 * thread.
 */
final class TransSender {
    /**
     * Warm-up time per op and size, on top of the settings' minimum count: the transfer path reaches its compiled
     * steady state only after some 10^4 batches (a tenth of the measured count left the small sizes measuring the
     * JIT: 53 µs per 32 × 4 KiB batch against 7 µs warm).
     */
    private static final long WARM_UP_NS = 400_000_000L;
    /** After {@link #WARM_UP_NS}, warm-up goes on until the JIT has compiled nothing for this long ... */
    private static final long JIT_QUIET_NS = 200_000_000L;
    /** ... but not past this much warm-up time per op and size. */
    private static final long WARM_UP_MAX_NS = 10_000_000_000L;
    /** Warm-up batches per op and size at most (the minimum count still applies). */
    private static final int WARM_UP_MAX_BATCHES = 100_000;
    /**
     * Without {@code --iterations}, measurement goes on past the budgeted count until this much time has passed:
     * 4 GiB of 64 KiB blocks take 0.1 s over shm, too short a run to be repeatable on a shared VM.
     */
    private static final long MEASURE_MIN_NS = 1_000_000_000L;
    /** ... but never past this many batches. */
    private static final int MEASURE_MAX_BATCHES = 200_000;

    private final TransferEngine engine;
    private final BenchRegion local;
    private final ControlChannel channel;
    private final TransBenchSettings settings;

    TransSender(final TransferEngine engine, final BenchRegion local, final ControlChannel channel,
        final TransBenchSettings settings) {
        this.engine = engine;
        this.local = local;
        this.channel = channel;
        this.settings = settings;
    }

    /**
     * Runs every step and finally tells the receiver to end.
     *
     * @param bar progress, one step per op and size
     * @return the rows, in the order measured
     */
    List<TransBenchRow> run(final ProgressBar bar) {
        final ControlChannel.ReceiverInfo peer = channel.awaitReceiver();
        if (peer.bytes < settings.regionBytes()) {
            throw new MemFabricException(ErrorCode.SM_INVALID_PARAM, "bench trans: the receiver registered too "
                + "little: bytes=" + peer.bytes + ", needed=" + settings.regionBytes());
        }
        final List<TransBenchRow> rows = new ArrayList<>();
        int step = 0;
        for (final TransBenchSettings.Op op : settings.ops) {
            for (final long size : settings.sizes) {
                step++;
                bar.step(op.label() + " " + TransBenchRow.sizeLabel(size) + " x " + settings.batch);
                rows.add(op == TransBenchSettings.Op.WRITE ? write(step, size, peer) : read(step, size, peer));
            }
        }
        channel.send(step + 1, new ControlChannel.Command(ControlChannel.Command.Kind.END, 0, 0));
        return rows;
    }

    private TransBenchRow write(final int step, final long size, final ControlChannel.ReceiverInfo peer) {
        final long bytes = settings.sameBlock ? size : size * settings.batch;
        BlockPattern.fill(local.buffer(), bytes, step);
        final Timed timed = measure(TransBenchSettings.Op.WRITE, size, peer);
        final long expected = BlockPattern.crc32c(local.buffer(), bytes);
        channel.send(step, new ControlChannel.Command(ControlChannel.Command.Kind.WRITE, bytes, 0));
        final long actual = channel.awaitAck(step);
        return timed.row(new TransBenchRow.Verification(expected, actual, bytes));
    }

    private TransBenchRow read(final int step, final long size, final ControlChannel.ReceiverInfo peer) {
        final long bytes = settings.sameBlock ? size : size * settings.batch;
        channel.send(step, new ControlChannel.Command(ControlChannel.Command.Kind.READ, bytes, step));
        final long expected = channel.awaitAck(step);
        final Timed timed = measure(TransBenchSettings.Op.READ, size, peer);
        final long actual = BlockPattern.crc32c(local.buffer(), bytes);
        return timed.row(new TransBenchRow.Verification(expected, actual, bytes));
    }

    /** The timing of one op and size, waiting for its verification. */
    private final class Timed {
        final TransBenchSettings.Op op;
        final long size;
        final int iterations;
        final int warmup;
        final long elapsedNs;
        final LatencyHistogram batches;

        Timed(final TransBenchSettings.Op op, final long size, final int iterations, final int warmup,
            final long elapsedNs, final LatencyHistogram batches) {
            this.op = op;
            this.size = size;
            this.iterations = iterations;
            this.warmup = warmup;
            this.elapsedNs = elapsedNs;
            this.batches = batches;
        }

        TransBenchRow row(final TransBenchRow.Verification verification) {
            return new TransBenchRow(op, settings.transport, size, settings.batch, iterations, warmup, elapsedNs,
                batches, verification);
        }
    }

    private Timed measure(final TransBenchSettings.Op op, final long size, final ControlChannel.ReceiverInfo peer) {
        final List<TransferRequest> requests = requests(local.address(), peer.address, settings.sameBlock ? 0 : size,
            size, settings.batch);
        final String peerId = peer.uniqueId;
        final boolean write = op == TransBenchSettings.Op.WRITE;
        final int iterations = settings.iterationsFor(size);
        final long warmStartNs = System.nanoTime();
        final JitSettle jit = JitSettle.ofThisJvm(JIT_QUIET_NS);
        int warmup = 0;
        while (warmup < settings.warmupFor(size) || warmup < WARM_UP_MAX_BATCHES && warming(warmStartNs, jit)) {
            once(write, peerId, requests);
            warmup++;
        }
        final boolean auto = settings.iterations == 0;
        final LatencyHistogram batches = new LatencyHistogram();
        final long t0 = System.nanoTime();
        int measured = 0;
        while (measured < iterations
            || auto && measured < MEASURE_MAX_BATCHES && System.nanoTime() - t0 < MEASURE_MIN_NS) {
            final long a = System.nanoTime();
            once(write, peerId, requests);
            batches.record(System.nanoTime() - a);
            measured++;
        }
        final long elapsedNs = System.nanoTime() - t0;
        return new Timed(op, size, measured, warmup, elapsedNs, batches);
    }

    /** Whether warm-up goes on: for {@link #WARM_UP_NS}, then while the JIT compiles, at most {@link #WARM_UP_MAX_NS}. */
    private static boolean warming(final long warmStartNs, final JitSettle jit) {
        final long spentNs = System.nanoTime() - warmStartNs;
        return spentNs < WARM_UP_NS || spentNs < WARM_UP_MAX_NS && !jit.settled();
    }

    private void once(final boolean write, final String peerId, final List<TransferRequest> requests) {
        if (write) {
            engine.batchWrite(peerId, requests);
        } else {
            engine.batchRead(peerId, requests);
        }
    }

    /**
     * The requests of one batch: block i at {@code localBase + i × stride} and {@code remoteBase + i × stride}.
     *
     * @param localBase the sender's region
     * @param remoteBase the receiver's region
     * @param strideBytes the distance between blocks: the block size, or 0 for one reused block
     * @param size the block size
     * @param batch the blocks
     * @return an immutable list
     */
    static List<TransferRequest> requests(final long localBase, final long remoteBase, final long strideBytes,
        final long size, final int batch) {
        final List<TransferRequest> requests = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            requests.add(new TransferRequest(localBase + i * strideBytes, remoteBase + i * strideBytes, size));
        }
        return List.copyOf(requests);
    }
}
