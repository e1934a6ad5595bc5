package org.memfabric.launcher;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Reads service references by class name and their properties without loading the service classes. */
final class ServiceProperties {

    private ServiceProperties() {
    }

    /**
     * @param context   any bundle context
     * @param className a service interface name ({@code objectClass})
     * @return every reference registered under that name, whatever class space it belongs to
     */
    static List<ServiceReference<?>> references(BundleContext context, String className) {
        try {
            ServiceReference<?>[] found = context.getAllServiceReferences(className, null);
            List<ServiceReference<?>> result = new ArrayList<>();
            if (found != null) {
                for (ServiceReference<?> reference : found) {
                    result.add(reference);
                }
            }
            return result;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("filter rejected without a filter: class=" + className, e);
        }
    }

    /**
     * @param value a property value: null, a string, an array or a collection
     * @return its elements as strings
     */
    static List<String> asStrings(Object value) {
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                result.add(String.valueOf(Array.get(value, i)));
            }
        } else if (value instanceof Collection<?>) {
            for (Object element : (Collection<?>) value) {
                result.add(String.valueOf(element));
            }
        } else {
            for (String part : String.valueOf(value).split(",")) {
                if (!part.isBlank()) {
                    result.add(part.trim());
                }
            }
        }
        return result;
    }

    /**
     * @param reference a service reference
     * @return {@code <symbolic name> [<id>]} of the registering bundle, or {@code <unregistered>}
     */
    static String provider(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return "<unregistered>";
        }
        return bundle.getSymbolicName() + " [" + bundle.getBundleId() + "]";
    }
}
