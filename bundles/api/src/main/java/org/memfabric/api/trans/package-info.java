/**
 * TRANS: a point-to-point transfer engine with registered memory, sync and batch reads/writes and asynchronous
 * submits onto ordered streams. Entry point: {@link org.memfabric.api.trans.TransferService}.
 */
@Export
@Version("1.1.0")
package org.memfabric.api.trans;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
