package org.memfabric.trans;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.MemFabricException;
import org.memfabric.api.NotInitializedException;
import org.memfabric.api.ObjectNotFoundException;
import org.memfabric.api.TransportException;
import org.memfabric.api.Validate;
import org.memfabric.api.log.FabricLogger;
import org.memfabric.api.store.ConfigStore;
import org.memfabric.api.trans.TransRole;
import org.memfabric.api.trans.TransferEngine;
import org.memfabric.api.trans.TransferRequest;
import org.memfabric.api.trans.TransferStream;
import org.memfabric.configstore.roles.StoreSession;
import org.memfabric.memory.Segment;
import org.memfabric.transport.spi.DataOpKind;
import org.memfabric.transport.spi.EndpointConfig;
import org.memfabric.transport.spi.PeerDescriptor;
import org.memfabric.transport.spi.TransferDirection;
import org.memfabric.transport.spi.Transport;
import org.memfabric.transport.spi.TransportCatalog;

/**
 * One transfer engine ({@code smem_trans_t}): its registrations, its transport endpoints, its record in the config
 * store and its view of peers. Arguments are checked first ({@link InvalidArgumentException}), then state.
 *
 * <p>Roles: a {@link TransRole#SENDER} initiates and keeps its registrations local (they are its sources and
 * destinations, not offered to peers); a {@link TransRole#RECEIVER} offers its registrations and does not initiate;
 * {@link TransRole#BOTH} does both. Local addresses of every transfer must lie in memory this engine registered
 * ({@link #registerMem}, {@link #allocateMem}), so a wrong local address is a typed error, never a crash.
 *
 * <p>Threading: any thread may call anything. Registrations, transport changes (catalog listener, on the thread that
 * changed the catalog) and destroy are serialised by a registration lock and publish the engine record before they
 * return; transfers run without that lock on the caller's thread (synchronous) or on transport threads
 * (asynchronous), reading immutable snapshots.
 */
final class TransferEngineImpl implements TransferEngine, TransportCatalog.Listener {
    private static final FabricLogger LOG = FabricLogger.of("trans");
    /** Largest batch registration, as the Python adapter. */
    static final int MAX_BATCH = 1 << 20;
    /** Largest allocation: the largest multiple of 2 MiB a ByteBuffer can hold. */
    static final long MAX_ALLOCATE_BYTES = Integer.MAX_VALUE / Validate.SIZE_GRANULARITY * Validate.SIZE_GRANULARITY;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UniqueId id;
    private final TransRole role;
    private final long incarnation = RANDOM.nextLong();
    private final StoreSession session;
    private final TransportCatalog catalog;
    private final LocalMemory local = new LocalMemory();
    private final PeerIds peerIds = new PeerIds();
    private final TransEndpoints endpoints;
    private final RecordPublisher publisher;
    private final PeerDirectory directory;
    private final DataPath data;
    private final Runnable onDestroy;
    private final Object registrationLock = new Object();
    private volatile boolean destroyed;

    /**
     * Builds the engine: opens an endpoint on every available transport, publishes its record, starts following the
     * catalog. On failure everything opened is closed again.
     */
    TransferEngineImpl(final UniqueId id, final TransRole role, final StoreSession session,
        final TransportCatalog catalog, final Set<DataOpKind> allowedKinds, final long operationTimeoutMs,
        final Runnable onDestroy) {
        this.id = id;
        this.role = role;
        this.session = session;
        this.catalog = catalog;
        this.onDestroy = onDestroy;
        final ConfigStore store = session.client().withPrefix(RecordKeys.PREFIX);
        this.endpoints = new TransEndpoints(id.text(), endpointConfig(id, operationTimeoutMs), allowedKinds);
        this.publisher = new RecordPublisher(store, id.text());
        PeerDirectory dir = null;
        try {
            for (final Transport t : catalog.byPriority()) {
                endpoints.open(t, List.of());
            }
            if (endpoints.isEmpty()) {
                throw new TransportException("none", -1, "no transport available for the trans engine: uniqueId="
                    + id + ", transports=" + catalog.byPriority().size() + ", notUsed=" + endpoints.unusable(), null);
            }
            dir = new PeerDirectory(store, id.text());
            publish();
        } catch (final RuntimeException e) {
            if (dir != null) {
                dir.close();
            }
            endpoints.close();
            throw e;
        }
        this.directory = dir;
        this.data = new DataPath(directory, new TransferPlanner(id.text(), local, catalog, endpoints));
        catalog.addListener(this);
        LOG.info("trans engine created: uniqueId=" + id + ", role=" + role + ", storeRank=" + session.rank()
            + ", transports=" + endpoints.openNames());
    }

    private static EndpointConfig endpointConfig(final UniqueId id, final long operationTimeoutMs) {
        final EndpointConfig.Builder b = EndpointConfig.builder("trans-" + id.text())
            .operationTimeoutMs(Math.min(operationTimeoutMs, EndpointConfig.MAX_OPERATION_TIMEOUT_MS));
        if (id.isLocalAddress() && !id.address().isAnyLocalAddress()) {
            b.option("tcp.listen", id.listenAnyPort());
        }
        return b.build();
    }

    @Override
    public String uniqueId() {
        return id.text();
    }

    TransRole role() {
        return role;
    }

    private boolean serves() {
        return role == TransRole.RECEIVER || role == TransRole.BOTH;
    }

    // ------------------------------------------------------------------ registration

    @Override
    public void registerMem(final long address, final long capacity, final int flags) {
        call(() -> {
            checkRange("address", address, capacity);
            checkFlags(flags);
            MappedMemory.checkReadWrite(address, capacity);
            synchronized (registrationLock) {
                checkOpen();
                if (local.checkFree(address, capacity) == null) {
                    addRegions(List.of(LocalRegion.ofAddress(address, capacity)));
                }
            }
            return null;
        });
    }

    @Override
    public void registerMem(final ByteBuffer buffer) {
        call(() -> {
            Validate.notNull("buffer", buffer);
            Validate.isTrue(buffer.isDirect(), "buffer must be direct: buffer=" + buffer);
            Validate.isTrue(!buffer.isReadOnly(), "buffer must be writable: buffer=read-only " + buffer);
            Validate.isTrue(buffer.hasRemaining(), "buffer must have remaining bytes: buffer=" + buffer);
            final LocalRegion region = LocalRegion.ofBuffer(buffer);
            synchronized (registrationLock) {
                checkOpen();
                if (local.checkFree(region.address(), region.sizeBytes()) == null) {
                    addRegions(List.of(region));
                }
            }
            return null;
        });
    }

    @Override
    public void batchRegisterMem(final long[] addresses, final long[] capacities, final int flags) {
        call(() -> {
            Validate.notNull("addresses", addresses);
            Validate.notNull("capacities", capacities);
            Validate.isTrue(addresses.length == capacities.length, "addresses and capacities must have the same "
                + "length: addresses=" + addresses.length + ", capacities=" + capacities.length);
            Validate.inRange("count", addresses.length, 1, MAX_BATCH);
            checkFlags(flags);
            for (int i = 0; i < addresses.length; i++) {
                checkRange("addresses[" + i + "]", addresses[i], capacities[i]);
            }
            final List<long[]> merged = RangeMerger.merge(addresses, capacities);
            for (final long[] r : merged) {
                MappedMemory.checkReadWrite(r[0], r[1]);
            }
            synchronized (registrationLock) {
                checkOpen();
                final List<LocalRegion> fresh = new ArrayList<>();
                for (final long[] r : merged) {
                    if (local.checkFree(r[0], r[1]) == null) {
                        fresh.add(LocalRegion.ofAddress(r[0], r[1]));
                    }
                }
                if (!fresh.isEmpty()) {
                    addRegions(fresh);
                }
            }
            return null;
        });
    }

    @Override
    public ByteBuffer allocateMem(final long sizeBytes) {
        return call(() -> {
            Validate.isTrue(sizeBytes > 0, "sizeBytes must be positive: sizeBytes=" + sizeBytes);
            Validate.sizeMultipleOf2MiB("sizeBytes", sizeBytes, MAX_ALLOCATE_BYTES);
            synchronized (registrationLock) {
                checkOpen();
                final Segment segment = Segment.allocate("trans-" + id.text(), sizeBytes);
                final LocalRegion region;
                try {
                    region = LocalRegion.ofSegment(segment);
                    addRegions(List.of(region));
                } catch (final RuntimeException e) {
                    segment.close();
                    throw e;
                }
                return ((ByteBuffer) region.keepAlive()).duplicate().clear();
            }
        });
    }

    /** Exports (when this role serves) and records regions, then publishes; rolls all of them back on failure. */
    private void addRegions(final List<LocalRegion> regions) {
        final List<LocalRegion> done = new ArrayList<>();
        try {
            for (final LocalRegion r : regions) {
                if (serves()) {
                    endpoints.export(r);
                }
                local.add(r);
                done.add(r);
            }
            if (serves()) {
                publish();
            }
        } catch (final RuntimeException e) {
            for (final LocalRegion r : done) {
                local.remove(r.address());
                endpoints.withdraw(r);
            }
            throw e;
        }
        LOG.debug(() -> "trans memory registered: uniqueId=" + id + ", regions=" + regions);
    }

    @Override
    public void deregisterMem(final long address) {
        call(() -> {
            Validate.isTrue(address != 0, "address must not be null: address=0");
            synchronized (registrationLock) {
                checkOpen();
                final LocalRegion r = local.remove(address);
                if (r == null) {
                    throw new ObjectNotFoundException("memory not registered at this address: uniqueId=" + id
                        + ", address=0x" + Long.toHexString(address) + ", registrations=" + local.count());
                }
                try {
                    endpoints.withdraw(r);
                    if (serves()) {
                        publish();
                    }
                } finally {
                    r.release();
                }
            }
            return null;
        });
    }

    private void publish() {
        publisher.publish(generation -> {
            final List<PeerDescriptor> peers = endpoints.descriptors();
            final List<EngineRecord.Region> regions = new ArrayList<>();
            if (serves()) {
                for (final LocalRegion r : local.all()) {
                    regions.add(endpoints.describe(r, peers));
                }
            }
            return new EngineRecord(id.text(), incarnation, generation, role.code(), session.rank(), peers, regions);
        });
    }

    // ------------------------------------------------------------------ data path

    @Override
    public void read(final long localAddress, final String remoteUniqueId, final long remoteAddress,
        final long size) {
        single(TransferDirection.READ, localAddress, remoteUniqueId, remoteAddress, size);
    }

    @Override
    public void write(final long localAddress, final String remoteUniqueId, final long remoteAddress,
        final long size) {
        single(TransferDirection.WRITE, localAddress, remoteUniqueId, remoteAddress, size);
    }

    @Override
    public void batchRead(final String remoteUniqueId, final List<TransferRequest> requests) {
        batch(TransferDirection.READ, remoteUniqueId, requests);
    }

    @Override
    public void batchWrite(final String remoteUniqueId, final List<TransferRequest> requests) {
        batch(TransferDirection.WRITE, remoteUniqueId, requests);
    }

    private void single(final TransferDirection direction, final long localAddress, final String peer,
        final long remoteAddress, final long size) {
        call(() -> {
            final List<TransferRequest> one = List.of(request(localAddress, remoteAddress, size));
            final String target = checkInitiate(peer);
            data.run(target, direction, one);
            return null;
        });
    }

    private void batch(final TransferDirection direction, final String peer, final List<TransferRequest> requests) {
        call(() -> {
            checkRequests(requests);
            final String target = checkInitiate(peer);
            data.run(target, direction, requests);
            return null;
        });
    }

    @Override
    public TransferStream newStream() {
        return call(() -> {
            checkOpen();
            return new OrderedStream(this);
        });
    }

    @Override
    public CompletableFuture<Void> readSubmit(final long localAddress, final String remoteUniqueId,
        final long remoteAddress, final long size, final TransferStream stream) {
        return submit(TransferDirection.READ, localAddress, remoteUniqueId, remoteAddress, size, stream);
    }

    @Override
    public CompletableFuture<Void> writeSubmit(final long localAddress, final String remoteUniqueId,
        final long remoteAddress, final long size, final TransferStream stream) {
        return submit(TransferDirection.WRITE, localAddress, remoteUniqueId, remoteAddress, size, stream);
    }

    @Override
    public CompletableFuture<Void> batchReadSubmit(final String remoteUniqueId, final List<TransferRequest> requests,
        final TransferStream stream) {
        return call(() -> {
            checkRequests(requests);
            return enqueue(TransferDirection.READ, remoteUniqueId, List.copyOf(requests), stream);
        });
    }

    @Override
    public CompletableFuture<Void> batchWriteSubmit(final String remoteUniqueId, final List<TransferRequest> requests,
        final TransferStream stream) {
        return call(() -> {
            checkRequests(requests);
            return enqueue(TransferDirection.WRITE, remoteUniqueId, List.copyOf(requests), stream);
        });
    }

    private CompletableFuture<Void> submit(final TransferDirection direction, final long localAddress,
        final String peer, final long remoteAddress, final long size, final TransferStream stream) {
        return call(() -> enqueue(direction, peer, List.of(request(localAddress, remoteAddress, size)), stream));
    }

    /** Checks the stream, the peer and the whole request list, then queues the transfer on the stream. */
    private CompletableFuture<Void> enqueue(final TransferDirection direction, final String peer,
        final List<TransferRequest> requests, final TransferStream stream) {
        Validate.notNull("stream", stream);
        Validate.isTrue(stream instanceof OrderedStream && ((OrderedStream) stream).belongsTo(this),
            "stream was not created by this engine: uniqueId=" + id + ", stream=" + stream);
        final String target = checkInitiate(peer);
        final DataPath.Prepared p = data.prepare(target, direction, requests);
        return ((OrderedStream) stream).enqueue(() -> data.start(target, direction, requests, p));
    }

    private static TransferRequest request(final long localAddress, final long remoteAddress, final long size) {
        Validate.isTrue(size > 0, "size must be positive: size=", size);
        return new TransferRequest(localAddress, remoteAddress, size);
    }

    private static void checkRequests(final List<TransferRequest> requests) {
        Validate.notNull("requests", requests);
        Validate.isTrue(!requests.isEmpty(), "requests must not be empty: batchSize=0");
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i) == null) {
                throw new InvalidArgumentException("request must not be null: index=" + i);
            }
        }
    }

    /** Checks the peer id and this engine's state and role; returns the peer's canonical id. */
    private String checkInitiate(final String peer) {
        final String target = peerIds.canonical(peer);
        checkOpen();
        if (role == TransRole.RECEIVER) {
            throw new InvalidArgumentException("engine role does not initiate transfers: uniqueId=" + id
                + ", role=RECEIVER");
        }
        return target;
    }

    // ------------------------------------------------------------------ transports

    @Override
    public void transportAdded(final Transport transport) {
        synchronized (registrationLock) {
            if (destroyed) {
                return;
            }
            try {
                if (endpoints.open(transport, serves() ? local.all() : List.of())) {
                    publish();
                    directory.forgetRoutes();
                }
            } catch (final MemFabricException e) {
                LastError.getAndClear();
                LOG.error("trans transport added, publishing failed: uniqueId=" + id + ", transport="
                    + transport.name(), e);
            }
        }
    }

    @Override
    public void transportRemoved(final Transport transport) {
        synchronized (registrationLock) {
            if (destroyed) {
                return;
            }
            directory.forgetRoutes();
            if (endpoints.close(transport)) {
                try {
                    publish();
                } catch (final MemFabricException e) {
                    LastError.getAndClear();
                    LOG.error("trans transport removed, publishing failed: uniqueId=" + id + ", transport="
                        + transport.name(), e);
                }
            }
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void destroy(final int flags) {
        synchronized (registrationLock) {
            if (destroyed) {
                return;
            }
            destroyed = true;
            catalog.removeListener(this);
            try {
                publisher.withdraw();
            } catch (final MemFabricException e) {
                LastError.getAndClear();
                LOG.warn("trans engine record not withdrawn, peers find it stale: uniqueId=" + id + ", reason="
                    + e.getMessage());
            }
            directory.close();
            endpoints.close();
            for (final LocalRegion r : local.all()) {
                r.release();
            }
            local.clear();
            session.close();
        }
        onDestroy.run();
        LOG.info("trans engine destroyed: uniqueId=" + id);
    }

    @Override
    public void close() {
        destroy(0);
    }

    boolean isDestroyed() {
        return destroyed;
    }

    Map<String, Long> counters() {
        return endpoints.counters();
    }

    private void checkOpen() {
        if (destroyed) {
            throw new NotInitializedException("trans engine destroyed: uniqueId=" + id);
        }
    }

    private static void checkRange(final String name, final long address, final long sizeBytes) {
        Validate.isTrue(address != 0, name + " must not be null: " + name + "=0");
        Validate.isTrue(sizeBytes > 0, "capacity must be positive: " + name + "=0x" + Long.toHexString(address)
            + ", capacity=" + sizeBytes);
        Validate.isTrue(address > 0 && address + sizeBytes > address, "memory range overflows: " + name + "=0x"
            + Long.toHexString(address) + ", capacity=" + sizeBytes);
    }

    private static void checkFlags(final int flags) {
        Validate.isTrue(flags == 0, "flags are reserved and must be 0: flags=" + flags);
    }

    private static <T> T call(final Supplier<T> op) {
        return LastError.recording(op);
    }

    @Override
    public String toString() {
        return "TransferEngine[uniqueId=" + id + ", role=" + role + ", regions=" + local.count() + ", transports="
            + endpoints.openNames() + ", destroyed=" + destroyed + "]";
    }
}
