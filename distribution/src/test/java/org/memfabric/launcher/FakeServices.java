package org.memfabric.launcher;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers services under interface names that are not on any class path, as a bundle would register
 * MemFabric services. A {@link ServiceFactory} lets the framework accept the registration without the class.
 */
final class FakeServices {

    private FakeServices() {
    }

    static ServiceRegistration<?> register(BundleContext context, String className, Map<String, Object> properties) {
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        return context.registerService(className, new ServiceFactory<Object>() {
            @Override
            public Object getService(Bundle bundle, ServiceRegistration<Object> registration) {
                return new Object();
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<Object> registration, Object service) {
                // nothing to release
            }
        }, dictionary);
    }
}
