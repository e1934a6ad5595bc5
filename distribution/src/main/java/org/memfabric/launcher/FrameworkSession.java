package org.memfabric.launcher;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.framework.BundleException;

/** Starts the distribution's framework for one subcommand: per-process storage under the work directory. */
final class FrameworkSession {

    private FrameworkSession() {
    }

    /**
     * @param environment the distribution
     * @param goshArgs    {@link FrameworkSettings#GOSH_BACKGROUND} or {@code ""} for an interactive shell
     * @return the running framework with every jar of {@code bundles/} installed and started
     * @throws IOException     when the work or bundles directory cannot be used
     * @throws BundleException when the framework cannot start
     */
    static EmbeddedFramework start(Environment environment, String goshArgs) throws IOException, BundleException {
        Path storage = StorageDirs.allocate(environment.workDir());
        return EmbeddedFramework.start(FrameworkSettings.of(environment, storage, goshArgs),
                environment.bundlesDir(), ConfigFiles.read(environment.configDir()));
    }
}
