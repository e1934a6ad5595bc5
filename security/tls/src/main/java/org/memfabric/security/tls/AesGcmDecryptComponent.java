package org.memfabric.security.tls;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.memfabric.api.LastError;
import org.memfabric.api.tls.DecryptException;
import org.memfabric.api.tls.DecryptHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Publishes an {@link AesGcmDecryptHandler} as the {@link DecryptHandler} service named {@code aes-gcm} once the
 * configuration {@value #PID} names its key file. A thin adapter: all logic is in {@link AesGcmDecryptHandler}.
 * SCR creates and calls it; the handler is immutable, so any thread may call {@link #decrypt(byte[])}.
 */
@Component(service = DecryptHandler.class, configurationPid = AesGcmDecryptComponent.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE, property = DecryptHandler.NAME_PROPERTY + "=aes-gcm")
@Designate(ocd = AesGcmDecryptComponent.Config.class)
public final class AesGcmDecryptComponent implements DecryptHandler {
    /** The configuration PID. */
    public static final String PID = "org.memfabric.security.tls.aesgcm";

    /** Configuration of the AES-GCM key-password handler. */
    @ObjectClassDefinition(name = "MemFabric AES-GCM key password handler",
        description = "Decrypts config store key passwords protected with AES-256-GCM (see AesGcmDecryptHandler).")
    public @interface Config {
        /**
         * The key file.
         *
         * @return the path of a file holding 32 raw bytes or their base64
         */
        @AttributeDefinition(name = "Key file",
            description = "File holding the 32-byte AES key, raw or base64; readable by the service user only.")
        String keyFile();
    }

    private final AesGcmDecryptHandler handler;

    /**
     * Activates with the given configuration.
     *
     * @param config the configuration
     * @throws TlsConfigException naming the PID and key when the key file is not set or unusable
     */
    @Activate
    public AesGcmDecryptComponent(final Config config) {
        final String keyFile = config.keyFile();
        if (keyFile == null || keyFile.isBlank()) {
            throw LastError.record(new TlsConfigException(PID + ": keyFile must be set: keyFile="
                + (keyFile == null ? "null" : "\"\"")));
        }
        final Path path;
        try {
            path = Paths.get(keyFile);
        } catch (final InvalidPathException e) {
            throw LastError.record(
                new TlsConfigException(PID + ": keyFile is not a valid path: keyFile=" + keyFile, e));
        }
        try {
            this.handler = new AesGcmDecryptHandler(path);
        } catch (final TlsConfigException e) {
            throw LastError.record(new TlsConfigException(PID + ": " + e.getMessage(), e));
        }
    }

    @Override
    public char[] decrypt(final byte[] cipherText) throws DecryptException {
        return handler.decrypt(cipherText);
    }
}
