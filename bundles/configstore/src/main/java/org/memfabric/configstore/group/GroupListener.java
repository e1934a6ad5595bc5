package org.memfabric.configstore.group;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told about membership changes of a dynamic group, on the group's event thread, in order. While
 * {@link #onJoin(GroupEngine, int)} runs, the group already has its new version and size, so the callback takes
 * part in the joiner's collectives (for example an allgather of memory descriptors).
 */
@ConsumerType
public interface GroupListener {
    /**
     * A rank joins (also called for this engine's own join, with {@code rank == engine.rank()}).
     *
     * @param engine the group
     * @param rank the joining rank
     */
    default void onJoin(final GroupEngine engine, final int rank) {
    }

    /**
     * A rank leaves in an orderly way (also called for this engine's own leave).
     *
     * @param engine the group
     * @param rank the leaving rank
     */
    default void onLeave(final GroupEngine engine, final int rank) {
    }

    /**
     * A member's link to the store broke (it crashed or was cut off); it is no longer a member.
     *
     * @param engine the group
     * @param rank the lost rank
     */
    default void onRankDown(final GroupEngine engine, final int rank) {
    }
}
