package org.memfabric.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Says which of the MemFabric module services are registered, found by {@code objectClass} name only, with their
 * {@code memfabric.*} service properties (BM's {@code memfabric.deviceMemory}).
 */
public final class ModuleServiceInspector {

    /** The module services a complete distribution registers. */
    public static final List<String> MODULE_SERVICES = List.of(
            "org.memfabric.api.bm.BigMemoryService",
            "org.memfabric.api.shm.ShareMemoryService",
            "org.memfabric.api.trans.TransferService",
            "org.memfabric.api.store.ConfigStoreService");

    /** Service properties with this prefix are shown under their service. */
    static final String DETAIL_PREFIX = "memfabric.";

    private ModuleServiceInspector() {
    }

    /**
     * @param context    any bundle context of the framework
     * @param classNames the service interfaces to look for
     * @return one report per class name, in the given order
     */
    public static List<ModuleServiceReport> inspect(BundleContext context, List<String> classNames) {
        List<ModuleServiceReport> reports = new ArrayList<>();
        for (String className : classNames) {
            List<String> providers = new ArrayList<>();
            Map<String, String> details = new TreeMap<>();
            for (ServiceReference<?> reference : ServiceProperties.references(context, className)) {
                providers.add(ServiceProperties.provider(reference));
                if (details.isEmpty()) {
                    for (String key : reference.getPropertyKeys()) {
                        if (key.startsWith(DETAIL_PREFIX)) {
                            details.put(key, String.valueOf(reference.getProperty(key)));
                        }
                    }
                }
            }
            reports.add(new ModuleServiceReport(className, providers, details));
        }
        return reports;
    }
}
