package org.memfabric.transport.tcp;

/**
 * The named counters of a TCP endpoint, as {@link org.memfabric.transport.spi.TransportEndpoint#counters()} reports
 * them. Names are stable. Requester counters are kept per endpoint and per peer ({@code peer.<host:port>.<name>});
 * owner counters ({@code served.*}) and endpoint counters per endpoint only.
 */
enum TcpCounter {
    /** Operations started by this endpoint as requester (each op of a batch counts). */
    OPS("ops", true),
    /** Bytes this endpoint wrote into peers' regions, counted per accepted chunk. */
    BYTES_WRITTEN("bytesWritten", true),
    /** Bytes this endpoint read from peers' regions, counted per accepted chunk. */
    BYTES_READ("bytesRead", true),
    /** Chunk requests sent. */
    CHUNKS("chunks", true),
    /** Operations the owner refused (unknown region, key mismatch, out of bounds). */
    REFUSALS("refusals", true),
    /** Operations that failed on the link: peer lost, link broken, protocol violation, timeout. */
    ERRORS("errors", true),
    /** Operations that failed because the peer made no progress within the operation timeout. */
    TIMEOUTS("timeouts", true),
    /** Links opened to peers, including the first of each connection. */
    LINKS_OPENED("linksOpened", true),
    /** Links discarded because they broke. */
    LINKS_LOST("linksLost", true),
    /** Links opened after a link to the same peer broke. */
    RECONNECTS("reconnects", true),
    /** Reachability probes made. */
    REACHABILITY_PROBES("reachabilityProbes", false),
    /** Links peers opened to this endpoint. */
    SERVED_LINKS_ACCEPTED("served.linksAccepted", false),
    /** Links closed at once because {@link TcpServer#MAX_LINKS} links were being served. */
    SERVED_LINKS_REFUSED("served.linksRefused", false),
    /** Chunk requests this endpoint served as owner, accepted or refused. */
    SERVED_REQUESTS("served.requests", false),
    /** Bytes peers wrote into this endpoint's regions. */
    SERVED_BYTES_WRITTEN("served.bytesWritten", false),
    /** Bytes peers read from this endpoint's regions. */
    SERVED_BYTES_READ("served.bytesRead", false),
    /** Chunk requests this endpoint refused (including chunks skipped after a refusal). */
    SERVED_REFUSALS("served.refusals", false),
    /** Payload bytes of refused writes read and dropped. */
    SERVED_DRAINED_BYTES("served.drainedBytes", false),
    /** Links closed because the peer broke the protocol (bad hello, bad header, oversized chunk, truncation). */
    SERVED_PROTOCOL_ERRORS("served.protocolErrors", false),
    /** Links closed because a started request or handshake made no progress within the operation timeout. */
    SERVED_TIMEOUTS("served.timeouts", false);

    private final String counterName;
    private final boolean perPeer;

    TcpCounter(final String counterName, final boolean perPeer) {
        this.counterName = counterName;
        this.perPeer = perPeer;
    }

    /** The stable name. */
    String counterName() {
        return counterName;
    }

    /** Whether the counter is also kept per peer. */
    boolean perPeer() {
        return perPeer;
    }
}
