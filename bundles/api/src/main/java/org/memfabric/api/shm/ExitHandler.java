package org.memfabric.api.shm;

import org.osgi.annotation.versioning.ConsumerType;

/** Called once per rank when any rank calls {@link ShareMemory#globalExit(int)} ({@code smem_shm_register_exit}). */
@ConsumerType
@FunctionalInterface
public interface ExitHandler {
    /**
     * Some rank requested a global exit.
     *
     * @param status the status passed to {@code globalExit}
     */
    void onExit(int status);
}
