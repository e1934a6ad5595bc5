/**
 * Implementation of the TRANS module: a point-to-point transfer engine over the transport SPI. Not exported.
 *
 * <h2>Structure</h2>
 * {@link org.memfabric.trans.TransferServiceImpl} (module: init, create, rpc ports) builds one
 * {@code TransferEngineImpl} per unique id. An engine owns its config-store session ({@code StoreRoles.open}, with
 * auto-ranking, starting the embedded store when {@code startConfigServer} is set), its registrations
 * ({@code LocalMemory} of {@code LocalRegion}s), one endpoint per usable transport ({@code TransEndpoints}), its
 * record in the store ({@code EngineRecord}, published by {@code RecordPublisher}) and its view of peers
 * ({@code PeerDirectory} of {@code RemotePeer}s). Transfers are planned by {@code TransferPlanner} into a
 * {@code TransferPlan} (one {@code transferBatch} per connection) and run by {@code DataPath}; asynchronous ones
 * queue on an {@code OrderedStream}. {@link org.memfabric.trans.TransferComponent} is the thin DS adapter.
 *
 * <h2>Roles</h2>
 * SENDER initiates and keeps its registrations local (its sources and destinations, not offered to peers); RECEIVER
 * offers its registrations and does not initiate ({@code InvalidArgumentException}); BOTH does both; NONE is refused
 * by {@code create}. Any engine can address any other by unique id (no cross-role discovery restriction).
 *
 * <h2>Discovery: usable as soon as register returns, without sleeps or polling</h2>
 * Keys below {@code /trans/129/java/}: {@code rec:<id>} the record, {@code gen:<id>} a generation counter (ADD, so it
 * grows across restarts), {@code mark:<id>#<g>} a change marker per generation. {@code registerMem},
 * {@code deregisterMem} and transport changes publish synchronously: ADD the generation, SET the record, SET the
 * marker, each acknowledged by the single store before the call returns. A peer resolves a remote address in its
 * cached record; when the record does not hold the range it re-reads the record from the store once before refusing
 * the request, and since the store serialises requests it sees every publication acknowledged before. Caches are
 * kept fresh by pushes: for each cached peer of generation G the engine watches {@code mark:<id>#<G+1>} (a store
 * watch fires when the key is created) and re-reads the record once after arming (closing the race with a
 * publication under way); a woken watch and a store rank-down event of the peer's store rank mark the peer stale and
 * the directory thread re-reads it. A record with another incarnation (a restart under the same id) or generation
 * replaces the cached peer and closes its connections. A transfer failing with a transport error re-reads the peer
 * once and, if its record changed, is planned and run once more against the new record.
 *
 * <h2>Routes</h2>
 * Per peer region the highest-priority transport is used on which this engine has an endpoint, the peer published
 * an endpoint and that region, and which reaches the peer: segment memory ({@code allocateMem}, or a buffer inside a
 * {@code Segment}) goes over shm between same-host engines, other memory over tcp. Regions are exported and addressed
 * in 1 GiB chunks; transfers are cut at chunk boundaries.
 *
 * <h2>Checks</h2>
 * Remote ranges are checked against the peer's record before a byte moves ({@code InvalidArgumentException}), and
 * by the owner's transport on every access (a deregistered region is refused). Local ranges must lie in memory this
 * engine registered ({@code registerMem}, {@code registerMem(ByteBuffer)}, {@code allocateMem}); raw registrations
 * are checked against {@code /proc/self/maps}, so a wrong address is a typed error, never a JVM crash. Peer loss is
 * a {@code TransportException} naming the peer within the operation timeout (the transports enforce it).
 */
package org.memfabric.trans;
