/** Implementation of the bm module. Not exported. */
package org.memfabric.bm;
