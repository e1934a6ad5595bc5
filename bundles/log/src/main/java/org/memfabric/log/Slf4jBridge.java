package org.memfabric.log;

import org.memfabric.api.log.FabricLog;

/**
 * Installs the SLF4J bridge when the SLF4J API can be loaded. Kept apart from {@link Slf4jLogger} so that this class
 * loads even where SLF4J is absent (the bundle imports {@code org.slf4j} optionally).
 */
public final class Slf4jBridge {
    private Slf4jBridge() {
    }

    /**
     * Installs an SLF4J bridge as the container logger when the SLF4J API is available.
     *
     * @return true when installed
     */
    public static boolean installIfPresent() {
        try {
            Class.forName("org.slf4j.LoggerFactory", false, Slf4jBridge.class.getClassLoader());
        } catch (final ClassNotFoundException | LinkageError e) {
            return false;
        }
        FabricLog.setContainerLogger(new Slf4jLogger());
        return true;
    }
}
