package org.memfabric.launcher.testbundles;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed into a test bundle whose start must fail with a known message. */
public final class FailingActivator implements BundleActivator {

    /** The message of the exception thrown by {@link #start}. */
    public static final String MESSAGE = "activator refused: reason=test";

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public void stop(BundleContext context) {
        // nothing started
    }
}
