package org.memfabric.api.shm;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A symmetric memory object ({@code smem_shm_t}, Python {@code ShareMemory}): every rank contributes one slot of
 * the same size; rank r's slot starts at {@code gva() + r * symmetricSize()}.
 *
 * <p>Control operations (barrier, allgather and their subgroup forms) go through the config store and are
 * bounded by the control-operation timeout. Data moves with {@link #put}/{@link #get} by symmetric offset, or by
 * load/store through {@link #view(int)} for same-host ranks. Thread-safe, except that collective calls must be
 * issued in the same order on every rank.
 */
@ProviderType
public interface ShareMemory extends AutoCloseable {
    /** Largest extra context in bytes. */
    int EXTRA_CONTEXT_MAX = 64 * 1024;
    /** Largest allgather contribution per rank in bytes. */
    int ALLGATHER_MAX = 64 * 1024;
    /**
     * Largest {@link #view(int)} in bytes (1 GiB, the size of one exported region of a rank's slot).
     *
     * @since 1.1
     */
    int VIEW_MAX = 1 << 30;

    /**
     * The SHM id, 0..63.
     *
     * @return the id
     */
    int id();

    /**
     * The GVA of the symmetric window (rank 0's slot).
     *
     * @return the GVA
     */
    long gva();

    /**
     * This rank inside the object ({@code smem_shm_get_global_rank}, Python {@code local_rank}).
     *
     * @return the rank
     */
    int localRank();

    /**
     * Ranks in the object ({@code smem_shm_get_global_rank_size}, Python {@code rank_size}).
     *
     * @return the rank count
     */
    int rankSize();

    /**
     * Bytes per rank slot.
     *
     * @return the symmetric size
     */
    long symmetricSize();

    /**
     * Publishes a context blob that every rank can read ({@code smem_shm_set_extra_context}).
     *
     * @param context 1..65536 bytes
     */
    void setExtraContext(byte[] context);

    /**
     * Reads a rank's extra context.
     *
     * @param rank the rank
     * @return the blob, or empty when that rank set none
     */
    Optional<byte[]> extraContext(int rank);

    /** Waits until every rank reached the barrier ({@code smem_shm_control_barrier}). */
    void barrier();

    /**
     * Gathers equal-sized contributions of every rank in rank order ({@code smem_shm_control_allgather}).
     *
     * @param local this rank's contribution, 1..65536 bytes, the same size on every rank
     * @return the concatenation, {@code rankSize() * local.length} bytes
     */
    byte[] allGather(byte[] local);

    /**
     * Barrier among a subgroup named by a key ({@code smem_shm_subgroup_barrier}).
     *
     * @param key the subgroup name, identical inside the subgroup, unique across subgroups, shorter than 64 chars
     * @param subgroupSize ranks in the subgroup
     * @param subgroupRank this rank's index inside the subgroup
     */
    void subgroupBarrier(String key, int subgroupSize, int subgroupRank);

    /**
     * Allgather among a subgroup named by a key ({@code smem_shm_subgroup_allgather}).
     *
     * @param key the subgroup name
     * @param subgroupSize ranks in the subgroup
     * @param subgroupRank this rank's index inside the subgroup
     * @param local this rank's contribution
     * @return the concatenation in subgroup-rank order
     */
    byte[] subgroupAllGather(String key, int subgroupSize, int subgroupRank, byte[] local);

    /**
     * How a remote rank can be reached ({@code smem_shm_topology_can_reach}).
     *
     * @param remoteRank the rank
     * @return the reach kinds; empty when unreachable
     */
    Set<ShmDataOpType> topologyCanReach(int remoteRank);

    /**
     * The access kinds this object supports (Python {@code ShareMemory.query_support_data_operation}).
     *
     * @return the kinds
     */
    Set<ShmDataOpType> querySupportDataOperation();

    /**
     * Registers the handler run when any rank calls {@link #globalExit(int)} ({@code smem_shm_register_exit}).
     * Only one registration per object.
     *
     * @param handler the handler
     * @throws org.memfabric.api.RepeatCallException on a second registration
     */
    void registerExit(ExitHandler handler);

    /**
     * Asks every rank to exit: each rank's registered handler, this one's included, runs once with {@code status}
     * ({@code smem_shm_global_exit}).
     *
     * @param status the status
     */
    void globalExit(int status);

    /**
     * Allocates the lowest free number below {@code limit}, unique across all ranks of the object.
     *
     * @param limit 1..1024
     * @return the number
     */
    int atomicAllocValue(int limit);

    /**
     * Releases a number this process allocated.
     *
     * @param value the number
     */
    void atomicReleaseValue(int value);

    /**
     * Writes bytes into a rank's slot at a symmetric offset.
     *
     * @param rank the target rank
     * @param offset the offset inside the slot
     * @param src a buffer (position to limit); not modified
     */
    void put(int rank, long offset, ByteBuffer src);

    /**
     * Reads bytes from a rank's slot at a symmetric offset.
     *
     * @param rank the source rank
     * @param offset the offset inside the slot
     * @param dest a buffer (position to limit); its position is not changed
     */
    void get(int rank, long offset, ByteBuffer dest);

    /**
     * A direct buffer over a same-host rank's slot, for load/store access (MTE-style).
     *
     * @param rank a rank on this host whose memory is mapped in this process (this one included)
     * @return a buffer over the slot's first {@code min(symmetricSize(), VIEW_MAX)} bytes
     * @throws org.memfabric.api.NotSupportedException when the rank is reached only by copies (another host)
     */
    ByteBuffer view(int rank);

    /**
     * Destroys the object ({@code smem_shm_destroy}).
     *
     * @param flags reserved, 0
     */
    void destroy(int flags);

    /** Same as {@code destroy(0)}. Idempotent. */
    @Override
    void close();
}
