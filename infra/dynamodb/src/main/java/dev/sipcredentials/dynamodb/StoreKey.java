package dev.sipcredentials.dynamodb;

/**
 * Where an item sits in a table's (or an index's) sorted map: by partition token (so a Scan comes out in no
 * meaningful order, as on DynamoDB), then hash key, then range key; an index entry also carries its base item's
 * key, so two items with the same index key are distinct entries.
 */
final class StoreKey implements Comparable<StoreKey> {

    /** Above every real base key: the upper bound of an index range. */
    static final StoreKey HIGHEST_BASE =
            new StoreKey(Integer.MAX_VALUE, KeyValue.HIGHEST, KeyValue.HIGHEST, null);

    final int token;
    final KeyValue hash;
    final KeyValue range; // null when the table (index) has no range key
    final StoreKey base; // the table key of an index entry; null in the table itself and in lower bounds

    StoreKey(KeyValue hash, KeyValue range) {
        this(hash.token(), hash, range, null);
    }

    StoreKey(int token, KeyValue hash, KeyValue range, StoreKey base) {
        this.token = token;
        this.hash = hash;
        this.range = range;
        this.base = base;
    }

    StoreKey withBase(StoreKey base) {
        return new StoreKey(token, hash, range, base);
    }

    @Override
    public int compareTo(StoreKey o) {
        if (token != o.token) {
            return Integer.compare(token, o.token);
        }
        int c = hash.compareTo(o.hash);
        if (c != 0) {
            return c;
        }
        if (range != o.range) {
            if (range == null) {
                return -1;
            }
            if (o.range == null) {
                return 1;
            }
            c = range.compareTo(o.range);
            if (c != 0) {
                return c;
            }
        }
        if (base == o.base) {
            return 0;
        }
        if (base == null) {
            return -1;
        }
        if (o.base == null) {
            return 1;
        }
        return base.compareTo(o.base);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreKey && compareTo((StoreKey) o) == 0;
    }

    @Override
    public int hashCode() {
        int h = hash.hashCode() * 31 + (range == null ? 0 : range.hashCode());
        return base == null ? h : h * 31 + base.hashCode();
    }

    @Override
    public String toString() {
        return hash + (range == null ? "" : "/" + range) + (base == null ? "" : "@" + base);
    }
}
