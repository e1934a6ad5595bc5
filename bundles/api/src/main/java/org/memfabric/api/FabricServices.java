package org.memfabric.api;

import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the static {@link MemFabric} facade finds the module implementations.
 *
 * <p>In OSGi the implementation bundles' DS components {@link #register} their service objects when they activate
 * and {@link #unregister} them when they stop, so the facade follows the container. Outside OSGi the first lookup
 * of a type uses {@link ServiceLoader} (implementation jars list themselves in {@code META-INF/services}).
 *
 * <p>Thread-safe.
 */
public final class FabricServices {
    private static final Map<Class<?>, Object> REGISTERED = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Object> LOADED = new ConcurrentHashMap<>();

    private FabricServices() {
    }

    /**
     * Makes an implementation the one the facade returns. Meant for DS components.
     *
     * @param type the service type
     * @param implementation the implementation
     * @param <T> the type
     */
    public static <T> void register(final Class<T> type, final T implementation) {
        REGISTERED.put(type, type.cast(implementation));
    }

    /**
     * Removes an implementation if it is still the registered one.
     *
     * @param type the service type
     * @param implementation the implementation going away
     * @param <T> the type
     */
    public static <T> void unregister(final Class<T> type, final T implementation) {
        REGISTERED.remove(type, implementation);
    }

    /**
     * Finds the implementation of a type.
     *
     * @param type the service type
     * @param providedBy the bundle or jar that provides it, for the error message
     * @param <T> the type
     * @return the implementation
     * @throws NotSupportedException when none is installed
     */
    public static <T> T lookup(final Class<T> type, final String providedBy) {
        final Object registered = REGISTERED.get(type);
        if (registered != null) {
            return type.cast(registered);
        }
        final Object loaded = LOADED.computeIfAbsent(type, FabricServices::load);
        if (loaded == Missing.INSTANCE) {
            LOADED.remove(type);
            throw LastError.record(new NotSupportedException(
                "no implementation installed: service=" + type.getName() + ", providedBy=" + providedBy));
        }
        return type.cast(loaded);
    }

    private static Object load(final Class<?> type) {
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (final ClassLoader loader : new ClassLoader[] {context, type.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                final Iterator<?> it = ServiceLoader.load(type, loader).iterator();
                if (it.hasNext()) {
                    return it.next();
                }
            } catch (final ServiceConfigurationError e) {
                throw LastError.record(new MemFabricException(ErrorCode.SM_NEW_OBJECT_FAILED,
                    "implementation could not be loaded: service=" + type.getName(), e));
            }
        }
        return Missing.INSTANCE;
    }

    private enum Missing {
        INSTANCE
    }
}
