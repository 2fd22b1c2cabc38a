package dev.sipcredentials.testkit;

import dev.sipcredentials.sealing.TenantKeyring;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tenant keys in memory, with the table's conditional semantics (a version is added only over the one seen). */
public final class InMemoryTenantKeyStore implements TenantKeyring.Store {
    private final Map<String, TenantKeyring.TenantKey> heads = new ConcurrentHashMap<>();
    private final Map<String, TenantKeyring.TenantKey> versions = new ConcurrentHashMap<>();

    @Override
    public Optional<TenantKeyring.TenantKey> current(String scope) {
        return Optional.ofNullable(heads.get(scope));
    }

    @Override
    public Optional<TenantKeyring.TenantKey> version(String scope, int version) {
        return Optional.ofNullable(versions.get(scope + "#v" + version));
    }

    @Override
    public synchronized boolean add(String scope, TenantKeyring.TenantKey key, int expectedCurrent) {
        int current = heads.containsKey(scope) ? heads.get(scope).version() : 0;
        if (current != expectedCurrent || versions.containsKey(scope + "#v" + key.version())) {
            return false;
        }
        versions.put(scope + "#v" + key.version(), key);
        heads.put(scope, key);
        return true;
    }

    /** Stores {@code key} as {@code scope}'s key version as-is: a raw table write (the tests' attacker). */
    public void overwrite(String scope, TenantKeyring.TenantKey key) {
        versions.put(scope + "#v" + key.version(), key);
        heads.put(scope, key);
    }
}
