package org.memfabric.tools.transbench;

import java.nio.ByteBuffer;

import org.memfabric.api.ErrorCode;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.Validate;
import org.memfabric.api.trans.TransferEngine;
import org.memfabric.memory.NativeMemory;

/**
 * The memory one side of the benchmark registers with its engine: for {@code shm} a segment from
 * {@code TransferEngine.allocateMem} (registered by the engine at once), for {@code tcp} a plain direct buffer
 * given to {@link TransferEngine#registerMem(ByteBuffer)}. Every page is written once when the region is made, so
 * no first touch lands in a measured batch. {@link #close()} deregisters. Used by one thread.
 */
final class BenchRegion implements AutoCloseable {
    /** The seed of the bytes a fresh region holds; benchmark steps use seeds from 1. */
    static final long INITIAL_SEED = 0;

    private final TransferEngine engine;
    private final ByteBuffer buffer;
    private final long address;
    private final long sizeBytes;
    private boolean closed;

    private BenchRegion(final TransferEngine engine, final ByteBuffer buffer, final long sizeBytes) {
        this.engine = engine;
        this.buffer = buffer;
        this.address = NativeMemory.address(buffer);
        this.sizeBytes = sizeBytes;
    }

    /**
     * Makes, registers and pre-faults a region.
     *
     * @param engine the engine
     * @param transport which kind of memory
     * @param sizeBytes the size, at most 1 GiB ({@code shm} rounds it up to whole 2 MiB)
     * @return the region
     */
    static BenchRegion create(final TransferEngine engine, final TransBenchSettings.Transport transport,
        final long sizeBytes) {
        final BenchRegion region;
        if (transport == TransBenchSettings.Transport.SHM) {
            final long rounded = (sizeBytes + Validate.SIZE_GRANULARITY - 1) / Validate.SIZE_GRANULARITY
                * Validate.SIZE_GRANULARITY; // allocateMem hands out whole 2 MiB units
            region = new BenchRegion(engine, engine.allocateMem(rounded), rounded);
        } else {
            final ByteBuffer buffer;
            try {
                buffer = ByteBuffer.allocateDirect(Math.toIntExact(sizeBytes));
            } catch (final OutOfMemoryError e) {
                throw new MemFabricException(ErrorCode.SM_MALLOC_FAILED, "bench trans: no direct memory for the tcp "
                    + "region, raise it with MEMFABRIC_OPTS=-XX:MaxDirectMemorySize=...: sizeBytes=" + sizeBytes
                    + ", reason=" + e.getMessage());
            }
            engine.registerMem(buffer);
            region = new BenchRegion(engine, buffer, sizeBytes);
        }
        BlockPattern.fill(region.buffer, region.sizeBytes, INITIAL_SEED);
        return region;
    }

    ByteBuffer buffer() {
        return buffer;
    }

    long address() {
        return address;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            engine.deregisterMem(address);
        } catch (final MemFabricException e) {
            // the engine may already be destroyed (its regions with it); nothing else holds this memory
        }
        java.lang.ref.Reference.reachabilityFence(buffer);
    }
}
