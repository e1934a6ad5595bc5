package org.memfabric.security.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.function.Executable;
import org.memfabric.api.ErrorCode;
import org.memfabric.api.InvalidArgumentException;
import org.memfabric.api.LastError;
import org.memfabric.api.tls.DecryptHandler;
import org.memfabric.api.tls.TlsOption;
import org.memfabric.api.tls.TlsSettings;

/** Shared settings builders and assertions of the TLS tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** A path-based option trusting the PKI's CA with the given identity. */
    static TlsOption option(final DevPki pki, final Path cert, final Path key) {
        return new TlsOption().enabled(true).caFile(pki.caCertFile()).certFile(cert).keyFile(key);
    }

    /** Settings holding only the option, as {@code MemFabric.setSslOption} makes them. */
    static TlsSettings settings(final TlsOption option) {
        return new TlsSettings(true, null, null, option.decryptHandler(), option);
    }

    /** The server identity of the PKI, trusting its CA. */
    static TlsSettings server(final DevPki pki) {
        return settings(option(pki, pki.serverCertFile(), pki.serverKeyFile()));
    }

    /** The client identity of the PKI, trusting its CA. */
    static TlsSettings client(final DevPki pki) {
        return settings(option(pki, pki.clientCertFile(), pki.clientKeyFile()));
    }

    /** A handler that never expects to be called. */
    static DecryptHandler unexpectedHandler() {
        return cipherText -> {
            throw new AssertionError("the decrypt handler must not be called for an unencrypted key");
        };
    }

    /**
     * Asserts that the call fails with {@link TlsConfigException} (SM_INVALID_PARAM) whose message contains every
     * fragment, and that the message was recorded as the thread's last error.
     */
    static TlsConfigException refused(final Executable call, final String... fragments) {
        LastError.set("");
        final TlsConfigException e = assertThrows(TlsConfigException.class, call);
        assertEquals(ErrorCode.SM_INVALID_PARAM, e.errorCode());
        for (final String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment),
                () -> "message should contain '" + fragment + "': " + e.getMessage());
        }
        assertEquals(e.getMessage(), LastError.get(), "the failure must be recorded as last error");
        return e;
    }

    /** Like {@link #refused} for the API's {@link InvalidArgumentException}. */
    static InvalidArgumentException invalid(final Executable call, final String... fragments) {
        LastError.set("");
        final InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
        assertEquals(ErrorCode.SM_INVALID_PARAM, e.errorCode());
        for (final String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment),
                () -> "message should contain '" + fragment + "': " + e.getMessage());
        }
        assertEquals(e.getMessage(), LastError.get(), "the failure must be recorded as last error");
        return e;
    }

    /** Reads the first certificate of a PEM file with the JDK's own parser. */
    static X509Certificate certificate(final Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Asserts that a message does not leak a secret. */
    static void assertNoSecret(final Throwable e, final String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            final String message = String.valueOf(t.getMessage());
            assertFalse(message.contains(secret), () -> "message leaks the secret: " + message);
        }
    }
}
