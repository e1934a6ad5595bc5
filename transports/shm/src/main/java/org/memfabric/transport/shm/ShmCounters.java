package org.memfabric.transport.shm;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one shm endpoint, bumped by whichever thread does the counted thing and read by
 * {@code TransportEndpoint#counters()} as a snapshot. Monotonic.
 */
final class ShmCounters {
    /** Operations started by this endpoint's connections (each op of a batch counts). */
    final LongAdder ops = new LongAdder();
    /** Bytes this endpoint wrote into peers' regions. */
    final LongAdder bytesWritten = new LongAdder();
    /** Bytes this endpoint read from peers' regions. */
    final LongAdder bytesRead = new LongAdder();
    /** Operations a peer's table refused (unknown region, key mismatch, out of bounds). */
    final LongAdder refusals = new LongAdder();
    /** Operations that failed otherwise (closed or lost peer, unmappable segment). */
    final LongAdder errors = new LongAdder();
    /** Batches (or single large copies) copied in several lanes at once. */
    final LongAdder lanedBatches = new LongAdder();
    /** Lanes of those that helper threads ran (the rest ran on the calling thread). */
    final LongAdder helperLanes = new LongAdder();
    /** Direct views handed out. */
    final LongAdder directViews = new LongAdder();
    /** Peer segments mapped (control and data). */
    final LongAdder segmentsAttached = new LongAdder();
    /** Regions registered by this endpoint. */
    final LongAdder regionsRegistered = new LongAdder();
    /** Regions deregistered by this endpoint. */
    final LongAdder regionsDeregistered = new LongAdder();
    /** Deregistrations that gave up waiting for a requester still inside a copy; the slot is quarantined. */
    final LongAdder deregisterWaitTimeouts = new LongAdder();

    Map<String, Long> snapshot() {
        final Map<String, Long> values = new TreeMap<>();
        values.put("ops", ops.sum());
        values.put("bytesWritten", bytesWritten.sum());
        values.put("bytesRead", bytesRead.sum());
        values.put("refusals", refusals.sum());
        values.put("errors", errors.sum());
        values.put("lanedBatches", lanedBatches.sum());
        values.put("helperLanes", helperLanes.sum());
        values.put("directViews", directViews.sum());
        values.put("segmentsAttached", segmentsAttached.sum());
        values.put("regionsRegistered", regionsRegistered.sum());
        values.put("regionsDeregistered", regionsDeregistered.sum());
        values.put("deregisterWaitTimeouts", deregisterWaitTimeouts.sum());
        return values;
    }
}
