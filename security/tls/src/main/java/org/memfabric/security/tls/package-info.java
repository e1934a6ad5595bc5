/**
 * TLS for the config store's TCP links and the key-password handlers.
 *
 * <ul>
 *   <li>{@link org.memfabric.security.tls.TlsEndpoint} loads and checks the material of a
 *       {@link org.memfabric.api.tls.TlsSettings} once and wraps already-connected plain sockets in mutual TLS 1.3
 *       (server or client side), after the config store's plaintext handshake.</li>
 *   <li>{@link org.memfabric.security.tls.DevPki} generates a development PKI (CA, server, client, optionally a
 *       rogue CA and a CRL) for tests and for {@code memfabric tls dev-pki}.</li>
 *   <li>{@link org.memfabric.security.tls.AesGcmDecryptHandler} decrypts AES-256-GCM protected key passwords;
 *       {@link org.memfabric.security.tls.AesGcmDecryptComponent} and
 *       {@link org.memfabric.security.tls.PassThroughDecryptComponent} publish the
 *       {@link org.memfabric.api.tls.DecryptHandler} services.</li>
 * </ul>
 *
 * <p>Failures in configuration are {@link org.memfabric.security.tls.TlsConfigException}s with messages of the form
 * {@code what: key=value, key=value}.
 */
@Export
@Version("1.0.0")
package org.memfabric.security.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
