/** Implementation of the trans module. Not exported. */
package org.memfabric.trans;
