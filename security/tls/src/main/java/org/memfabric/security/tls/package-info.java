/** TLS and key handling for the config store: DecryptHandler services. Not exported. */
package org.memfabric.security.tls;
