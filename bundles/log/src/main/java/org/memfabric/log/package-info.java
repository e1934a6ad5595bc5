/** Bridges of MemFabric logging to the OSGi LogService and to SLF4J. Not exported. */
package org.memfabric.log;
