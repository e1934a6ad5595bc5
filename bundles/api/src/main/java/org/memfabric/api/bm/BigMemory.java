package org.memfabric.api.bm;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A BM object ({@code smem_bm_t}, Python {@code BigMemory}): this rank's host and device contributions to a global
 * virtual address (GVA) space shared with every member rank.
 *
 * <p>Life cycle: {@link BigMemoryService#create} → {@link #join} → copies → {@link #leave} → {@link #close}.
 * Global addresses are GVAs ({@code long}); local ones are process addresses, for example of a direct
 * {@link ByteBuffer} (the {@code ByteBuffer} overloads take care of that). Every global range is checked to lie in
 * one rank's slot before a byte moves.
 *
 * <p>Thread-safe: copies may be issued from many threads at once. {@link #waitAsync()} waits for the asynchronous
 * copies issued by the calling thread.
 */
@ProviderType
public interface BigMemory extends AutoCloseable {
    /** Flag for copies: submit and return without waiting ({@code ASYNC_COPY_FLAG}); finish with {@link #waitAsync()}. */
    int ASYNC_COPY_FLAG = 1;

    /**
     * The BM id given at create.
     *
     * @return the id
     */
    int id();

    /**
     * Joins the group: publishes this rank's memory and maps every member's ({@code smem_bm_join}). Idempotent.
     *
     * @param flags reserved, 0
     * @return the GVA of this rank's device slot (or host slot when it contributes no device memory)
     */
    long join(int flags);

    /**
     * Leaves the group; other members drop this rank's memory ({@code smem_bm_leave}).
     *
     * @param flags reserved, 0
     * @throws org.memfabric.api.NotStartedException when not joined
     */
    void leave(int flags);

    /**
     * Whether this rank is joined.
     *
     * @return true after join and before leave
     */
    boolean isJoined();

    /**
     * Bytes this rank contributes of a memory type ({@code smem_bm_get_local_mem_size_by_mem_type}).
     *
     * @param memType {@link BmMemType#DEVICE} or {@link BmMemType#HOST} (the LOCAL_ variants are accepted as
     *     synonyms)
     * @return the size in bytes
     */
    long localMemSize(BmMemType memType);

    /**
     * Bytes of device memory this rank contributes ({@code smem_bm_get_local_mem_size}).
     *
     * @return the size in bytes
     */
    long localMemSize();

    /**
     * The GVA of a rank's slot ({@code smem_bm_ptr_by_mem_type}).
     *
     * @param memType {@link BmMemType#DEVICE} or {@link BmMemType#HOST}
     * @param rank the rank
     * @return the GVA
     */
    long ptr(BmMemType memType, int rank);

    /**
     * The GVA of a rank's device slot ({@code smem_bm_ptr}).
     *
     * @param rank the rank
     * @return the GVA
     */
    long ptr(int rank);

    /**
     * The rank owning a GVA ({@code smem_bm_get_rank_id_by_gva}).
     *
     * @param gva a global address
     * @return the rank
     * @throws org.memfabric.api.InvalidArgumentException when the address lies in no slot
     */
    int rankIdByGva(long gva);

    /**
     * The memory type a GVA belongs to.
     *
     * @param gva a global address
     * @return {@link BmMemType#DEVICE} or {@link BmMemType#HOST}
     */
    BmMemType memTypeByGva(long gva);

    /**
     * Registers local user memory so it can take part in copies ({@code smem_bm_register_user_mem}). Registering
     * the same address with the same size again is a no-op; with another size it fails.
     *
     * @param address the start address
     * @param size the size in bytes
     */
    void registerUserMem(long address, long size);

    /**
     * Registers a direct buffer's memory (position to limit). The object keeps the buffer reachable until it is
     * unregistered, so the garbage collector cannot free memory that copies may still use by address. (With
     * {@link #registerUserMem(long, long)} keeping the memory alive is the caller's job.)
     *
     * @param buffer a direct buffer
     */
    void registerUserMem(ByteBuffer buffer);

    /**
     * Unregisters user memory ({@code smem_bm_unregister_user_mem}); unknown addresses are ignored.
     *
     * @param address the start address given to register
     */
    void unregisterUserMem(long address);

    /**
     * Copies bytes ({@code smem_bm_copy}).
     *
     * @param src the source address
     * @param dest the destination address
     * @param size bytes, positive
     * @param type the direction
     * @param flags 0, or {@link #ASYNC_COPY_FLAG}
     */
    void copy(long src, long dest, long size, BmCopyType type, int flags);

    /**
     * Copies one request ({@code smem_bm_copy(handle, smem_copy_params*, t, flags)}).
     *
     * @param request source, destination and size
     * @param type the direction
     * @param flags 0, or {@link #ASYNC_COPY_FLAG}
     */
    default void copy(final CopyRequest request, final BmCopyType type, final int flags) {
        copy(request.source(), request.destination(), request.size(), type, flags);
    }

    /**
     * Copies from a direct buffer (position to limit) to a GVA. The buffer's position is not changed.
     *
     * @param src a direct buffer
     * @param destGva the destination GVA
     */
    void copyToGlobal(ByteBuffer src, long destGva);

    /**
     * Copies from a GVA into a direct buffer (position to limit). The buffer's position is not changed.
     *
     * @param srcGva the source GVA
     * @param dest a direct buffer
     */
    void copyFromGlobal(long srcGva, ByteBuffer dest);

    /**
     * Copies many ranges ({@code smem_bm_copy_batch}); peers and directions may be mixed, the batch is grouped per
     * peer. Either all ranges are valid and the batch runs, or nothing moves.
     *
     * @param requests the ranges
     * @param type the direction of every element ({@link BmCopyType#AUTO} to infer each one)
     * @param flags 0, or {@link #ASYNC_COPY_FLAG}
     */
    void copyBatch(List<CopyRequest> requests, BmCopyType type, int flags);

    /**
     * Copies a 2D region ({@code smem_bm_copy_2d}, Python {@code copy_data_2d}).
     *
     * @param params the geometry
     * @param type the direction
     * @param flags 0, or {@link #ASYNC_COPY_FLAG}
     */
    void copy2d(CopyData2DParams params, BmCopyType type, int flags);

    /**
     * Starts a copy and returns its completion.
     *
     * @param src the source address
     * @param dest the destination address
     * @param size bytes, positive
     * @param type the direction
     * @return completes when the bytes have arrived, or exceptionally with a typed error
     */
    CompletableFuture<Void> copyAsync(long src, long dest, long size, BmCopyType type);

    /**
     * Waits for every asynchronous copy the calling thread issued with {@link #ASYNC_COPY_FLAG} ({@code smem_bm_wait}).
     *
     * @throws org.memfabric.api.MemFabricException the first failure among them
     */
    void waitAsync();

    /**
     * A direct buffer over global memory for load/store access ("MTE-style"): this rank's own pools always, a peer's
     * pool when its memory is mapped in this process (a same-host transport). Checked once when made; stores are
     * visible to the owner at once. A Java extension (the original exposes GVAs to device kernels instead).
     *
     * @param gva the global address of the first byte
     * @param sizeBytes the view's size, positive; the range must lie in one rank's pool
     * @return the view, position 0, limit and capacity {@code sizeBytes}
     * @throws org.memfabric.api.NotSupportedException when the peer's memory is only reachable by copies (TCP)
     */
    ByteBuffer directView(long gva, int sizeBytes);

    /**
     * Which transport copies to a member rank use now, for diagnostics: {@code "self"} for this rank, the transport
     * name (for example {@code "shm"} or {@code "tcp"}) once a copy chose one, {@code "-"} before that.
     *
     * @param rank a member rank
     * @return the name
     * @throws org.memfabric.api.InvalidArgumentException when the rank is not a member
     */
    String transportFor(int rank);

    /** Destroys the object ({@code smem_bm_destroy}), leaving the group first if joined. Idempotent. */
    @Override
    void close();
}
