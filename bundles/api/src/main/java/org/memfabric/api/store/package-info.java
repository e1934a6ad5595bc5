/**
 * The config store: a TCP key-value rendezvous server and its client, wire-compatible with MemFabric Hybrid.
 * {@link org.memfabric.api.store.ConfigStoreService} creates servers and clients;
 * {@link org.memfabric.api.store.StoreUrl} parses {@code tcp://} addresses.
 */
@Export
@Version("1.1.0")
package org.memfabric.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
