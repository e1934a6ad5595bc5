package org.memfabric.configstore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.memfabric.api.tls.DecryptHandler;

/** Indexes DecryptHandler services by their {@value DecryptHandler#NAME_PROPERTY} property. */
final class DecryptHandlers {
    private DecryptHandlers() {
    }

    static Map<String, DecryptHandler> byName(final List<Map.Entry<Map<String, Object>, DecryptHandler>> entries) {
        final Map<String, DecryptHandler> m = new HashMap<>();
        if (entries != null) {
            for (final Map.Entry<Map<String, Object>, DecryptHandler> e : entries) {
                final Object name = e.getKey().get(DecryptHandler.NAME_PROPERTY);
                if (name != null) {
                    m.putIfAbsent(name.toString(), e.getValue());
                }
            }
        }
        return m;
    }
}
