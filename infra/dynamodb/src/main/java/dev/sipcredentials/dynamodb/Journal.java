package dev.sipcredentials.dynamodb;

/** Where acknowledged changes go before they are acknowledged: nowhere in memory, an fsynced log with a path. */
interface Journal extends AutoCloseable {

    /** Appends a record, in the order changes were applied; returns a ticket for {@link #awaitDurable}. */
    long append(byte[] record);

    /** Returns once the record of {@code ticket} (and every earlier one) is on disk. */
    void awaitDurable(long ticket);

    boolean durable();

    @Override
    void close();

    Journal NONE = new Journal() {
        @Override
        public long append(byte[] record) {
            return 0;
        }

        @Override
        public void awaitDurable(long ticket) {}

        @Override
        public boolean durable() {
            return false;
        }

        @Override
        public void close() {}
    };
}
