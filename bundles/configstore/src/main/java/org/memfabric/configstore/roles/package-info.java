/**
 * How a rank reaches its config store: start an embedded server and connect to it, race other local ranks for the
 * server with auto-ranking, or connect as a client only. Used by BM, SHM and TRANS initialisation.
 */
@Export
@Version("1.1.0")
package org.memfabric.configstore.roles;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
