/**
 * TLS settings of the config store: the {@code tls_info} string, path-based options, private key material and the
 * pluggable {@link org.memfabric.api.tls.DecryptHandler} for the key password.
 */
@Export
@Version("1.0.0")
package org.memfabric.api.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
