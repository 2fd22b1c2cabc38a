package dev.sipcredentials.sealing;

/**
 * The data keys the settings name ({@link PasswordSealers#dataKeysFromSettings()}), resolved on first use, so a
 * store built before the settings are read (the local stack, tests) only needs a key once it seals something.
 */
public final class LazyDataKeys implements DataKeyProvider {
    private final java.util.function.Supplier<DataKeyProvider> settings;
    private volatile DataKeyProvider resolved;

    public LazyDataKeys() {
        this(PasswordSealers::dataKeysFromSettings);
    }

    /** @param settings how to resolve the keys on first use */
    public LazyDataKeys(java.util.function.Supplier<DataKeyProvider> settings) {
        this.settings = settings;
    }

    private DataKeyProvider resolved() {
        DataKeyProvider keys = resolved;
        if (keys == null) {
            synchronized (this) {
                if (resolved == null) {
                    resolved = settings.get();
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

    @Override
    public DataKey newWrappedServiceKey(String purpose) {
        return resolved().newWrappedServiceKey(purpose);
    }

    @Override
    public byte[] unwrapServiceKey(String keyId, byte[] wrappedKey, String purpose) {
        return resolved().unwrapServiceKey(keyId, wrappedKey, purpose);
    }
}
