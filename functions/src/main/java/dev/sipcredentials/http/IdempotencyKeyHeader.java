package dev.sipcredentials.http;

/** The {@code Idempotency-Key} request header and the {@code Idempotent-Replayed} answer header. */
public final class IdempotencyKeyHeader {
    public static final String NAME = "idempotency-key";
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;

    private IdempotencyKeyHeader() {
    }

    /** 1 to 255 printable ASCII characters, no spaces (as Stripe and the IETF draft's examples use them). */
    public static boolean isValidKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
