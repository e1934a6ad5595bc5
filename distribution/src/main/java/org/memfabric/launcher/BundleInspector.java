package org.memfabric.launcher;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Lists the bundles of a framework with their state and, for unhealthy ones, the reason. */
public final class BundleInspector {

    private BundleInspector() {
    }

    /**
     * @param context any bundle context of the framework
     * @param startup failures recorded while starting; their reasons explain unhealthy bundles
     * @return one report per installed bundle, by id
     */
    public static List<BundleReport> inspect(BundleContext context, StartupReport startup) {
        List<BundleReport> reports = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            reports.add(report(bundle, startup));
        }
        reports.sort((a, b) -> Long.compare(a.id(), b.id()));
        return reports;
    }

    static BundleReport report(Bundle bundle, StartupReport startup) {
        boolean fragment = bundle.getBundleId() != 0 && BundleInstaller.isFragment(bundle);
        String state = stateName(bundle.getState());
        String name = bundle.getSymbolicName() == null ? "<none>" : bundle.getSymbolicName();
        BundleReport healthyView = new BundleReport(bundle.getBundleId(), name, bundle.getVersion().toString(),
                state, fragment, null);
        if (healthyView.healthy()) {
            return healthyView;
        }
        String reason = startup.startFailures().get(bundle.getBundleId());
        if (reason == null) {
            reason = fallbackReason(fragment, state);
        }
        return new BundleReport(bundle.getBundleId(), name, bundle.getVersion().toString(), state, fragment, reason);
    }

    private static String fallbackReason(boolean fragment, String state) {
        if (fragment) {
            return "fragment not attached to a host: state=" + state;
        }
        return "bundle not started: state=" + state;
    }

    /**
     * @param state a {@link Bundle#getState()} value
     * @return its name
     */
    public static String stateName(int state) {
        switch (state) {
            case Bundle.UNINSTALLED:
                return "UNINSTALLED";
            case Bundle.INSTALLED:
                return "INSTALLED";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            case Bundle.ACTIVE:
                return "ACTIVE";
            default:
                return "UNKNOWN(" + state + ")";
        }
    }
}
