package dev.sipcredentials.sealing;

/**
 * The data keys the settings name ({@link PasswordSealers#dataKeysFromSettings()}), resolved on first use, so a
 * store built before the settings are read (the local stack, tests) only needs a key once it seals something.
 */
public final class LazyDataKeys implements DataKeyProvider {
    private volatile DataKeyProvider resolved;

    private DataKeyProvider resolved() {
        DataKeyProvider keys = resolved;
        if (keys == null) {
            synchronized (this) {
                if (resolved == null) {
                    resolved = PasswordSealers.dataKeysFromSettings();
                }
                keys = resolved;
            }
        }
        return keys;
    }

    @Override
    public DataKey newDataKey(String context) {
        return resolved().newDataKey(context);
    }

    @Override
    public byte[] unwrap(String keyId, byte[] wrappedDataKey, String context) {
        return resolved().unwrap(keyId, wrappedDataKey, context);
    }
}
