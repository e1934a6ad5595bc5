package org.memfabric.security.tls;

import org.memfabric.api.tls.DecryptException;
import org.memfabric.api.tls.DecryptHandler;
import org.osgi.service.component.annotations.Component;

/**
 * The default {@link DecryptHandler} service: the configured "cipher text" is the UTF-8 password itself. Use it
 * only where key passwords are protected by other means (file permissions); deployments should register a real
 * handler and select it by its {@value DecryptHandler#NAME_PROPERTY} property.
 */
@Component(service = DecryptHandler.class, property = DecryptHandler.NAME_PROPERTY + "=passthrough")
public final class PassThroughDecryptComponent implements DecryptHandler {
    private final DecryptHandler delegate = DecryptHandler.passThrough();

    @Override
    public char[] decrypt(final byte[] cipherText) throws DecryptException {
        return delegate.decrypt(cipherText);
    }
}
