package org.memfabric.launcher;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What went wrong while installing and starting the bundles of {@code bundles/}: jars that could not be
 * installed (by path) and bundles that could not be started (by bundle id), each with its reason.
 */
public final class StartupReport {

    private final Map<Path, String> installFailures = new LinkedHashMap<>();
    private final Map<Long, String> startFailures = new LinkedHashMap<>();

    void installFailed(Path jar, String reason) {
        installFailures.put(jar, reason);
    }

    void startFailed(long bundleId, String reason) {
        startFailures.put(bundleId, reason);
    }

    /** @return jars that are not installed, with the reason */
    public Map<Path, String> installFailures() {
        return Collections.unmodifiableMap(installFailures);
    }

    /** @return bundles whose start failed, by bundle id, with the reason */
    public Map<Long, String> startFailures() {
        return Collections.unmodifiableMap(startFailures);
    }

    /**
     * @param throwable a failure
     * @return its message followed by the messages of its causes
     */
    static String describe(Throwable throwable) {
        StringBuilder text = new StringBuilder(String.valueOf(throwable.getMessage()));
        for (Throwable cause = throwable.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" (caused by ").append(cause).append(')');
        }
        return text.toString().replace('\n', ' ');
    }
}
