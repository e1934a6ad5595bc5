package org.memfabric.launcher;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** Says which of the MemFabric module services are registered, found by {@code objectClass} name only. */
public final class ModuleServiceInspector {

    /** The module services a complete distribution registers. */
    public static final List<String> MODULE_SERVICES = List.of(
            "org.memfabric.api.bm.BigMemoryService",
            "org.memfabric.api.shm.ShareMemoryService",
            "org.memfabric.api.trans.TransferService",
            "org.memfabric.api.store.ConfigStoreService");

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
            for (ServiceReference<?> reference : ServiceProperties.references(context, className)) {
                providers.add(ServiceProperties.provider(reference));
            }
            reports.add(new ModuleServiceReport(className, providers));
        }
        return reports;
    }
}
