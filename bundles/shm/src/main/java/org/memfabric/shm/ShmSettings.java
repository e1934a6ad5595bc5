package org.memfabric.shm;

import java.time.Duration;

import org.memfabric.api.shm.ShmConfig;

/** What SHM keeps of a {@link ShmConfig} at init (a snapshot: later changes do not count). Immutable. */
final class ShmSettings {
    final Duration initTimeout;
    final Duration createTimeout;
    final Duration controlTimeout;
    final boolean startConfigStoreServer;
    final String nicUrl;

    ShmSettings(final ShmConfig config) {
        this.initTimeout = config.initTimeout();
        this.createTimeout = config.createTimeout();
        this.controlTimeout = config.controlOperationTimeout();
        this.startConfigStoreServer = config.startConfigStoreServer();
        this.nicUrl = config.nicUrl();
    }
}
