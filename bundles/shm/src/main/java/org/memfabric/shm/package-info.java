/** Implementation of the shm module. Not exported. */
package org.memfabric.shm;
