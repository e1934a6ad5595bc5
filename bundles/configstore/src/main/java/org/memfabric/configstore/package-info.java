/** Implementation of the configstore module. Not exported. */
package org.memfabric.configstore;
