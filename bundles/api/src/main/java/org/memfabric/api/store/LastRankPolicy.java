package org.memfabric.api.store;

/**
 * What a config store server does with its data when the last ranked client disconnects.
 *
 * <p>The original server always wiped everything at that moment (so a restarted job saw a fresh store). Here it is a
 * choice, logged and counted either way.
 */
public enum LastRankPolicy {
    /** Keep every key; a later job sees what the previous one left. The default: nothing stored is lost silently. */
    KEEP,
    /** Remove every key (parked readers keep waiting for the keys to be created again), as the original did. */
    WIPE
}
