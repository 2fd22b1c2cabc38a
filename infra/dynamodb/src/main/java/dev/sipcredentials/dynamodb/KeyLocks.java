package dev.sipcredentials.dynamodb;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks over (table, item key). A single-item operation holds one stripe; a transaction takes all its
 * stripes in ascending order, so two transactions can never wait for each other in a cycle.
 */
final class KeyLocks {
    private static final int STRIPES = 4096;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    KeyLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    static int stripe(String table, StoreKey key) {
        int h = table.hashCode() * 31 + key.hashCode();
        h ^= h >>> 16;
        h *= 0x7feb352d;
        h ^= h >>> 15;
        return h & (STRIPES - 1);
    }

    /** The distinct stripes, ascending: the order they must be locked in. */
    static int[] ordered(int[] stripes) {
        return Arrays.stream(stripes).distinct().sorted().toArray();
    }

    /** Every stripe, ascending: what a change to a whole table (a new index) holds while no write may run. */
    static int[] all() {
        int[] all = new int[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            all[i] = i;
        }
        return all;
    }

    void lock(int[] orderedStripes) {
        for (int s : orderedStripes) {
            locks[s].lock();
        }
    }

    void unlock(int[] orderedStripes) {
        for (int i = orderedStripes.length - 1; i >= 0; i--) {
            locks[orderedStripes[i]].unlock();
        }
    }
}
