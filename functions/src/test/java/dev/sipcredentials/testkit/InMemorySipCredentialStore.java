package dev.sipcredentials.testkit;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.WriteOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test stand-in for the DynamoDB store: {@code putIfAbsent} on the key the real store derives (account id plus
 * lower-cased name; organization plus canonical host, port and username) plays the conditional write. Names
 * (any case) can be told to fail with a given outcome, and the whole store can be told to throw.
 */
public final class InMemorySipCredentialStore implements SipCredentialStore {
    /** One account credential write that reached the store. */
    public record AccountWrite(String accountId, AccountCredential credential, String writeToken, Duration timeout) {
    }

    private final Map<String, AccountCredential> accountCredentials = new ConcurrentHashMap<>();
    private final Map<String, OrganizationCredential> organizationCredentials = new ConcurrentHashMap<>();
    private final Map<String, WriteOutcome> failures = new ConcurrentHashMap<>();
    private final List<AccountWrite> accountWrites = new CopyOnWriteArrayList<>();
    private final AtomicInteger organizationCalls = new AtomicInteger();
    private volatile RuntimeException toThrow;
    private volatile WriteOutcome organizationOutcome;

    /** The key the real store derives (the credential's own uniqueness key), so equivalent names collide here too. */
    private static String accountKey(String accountId, AccountCredential credential) {
        return "bw#" + accountId + "#" + credential.uniquenessKey();
    }

    public static String accountKey(String accountId, String name) {
        return "bw#" + accountId + "#" + name.toLowerCase(Locale.ROOT);
    }

    /** Writes of {@code name} (compared case-insensitively) answer {@code outcome} and store nothing. */
    public InMemorySipCredentialStore failName(String name, WriteOutcome outcome) {
        failures.put(name.toLowerCase(Locale.ROOT), outcome);
        return this;
    }

    /** Every write throws {@code exception}. */
    public InMemorySipCredentialStore throwing(RuntimeException exception) {
        this.toThrow = exception;
        return this;
    }

    /** Every organization write answers {@code outcome} without storing anything. */
    public InMemorySipCredentialStore organizationOutcome(WriteOutcome outcome) {
        this.organizationOutcome = outcome;
        return this;
    }

    /** Pre-existing credential, as if stored by an earlier request. */
    public InMemorySipCredentialStore seed(String accountId, AccountCredential credential) {
        accountCredentials.put(accountKey(accountId, credential), credential);
        return this;
    }

    @Override
    public WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String writeToken,
                                                Duration timeout) {
        accountWrites.add(new AccountWrite(accountId, credential, writeToken, timeout));
        if (toThrow != null) {
            throw toThrow;
        }
        WriteOutcome failure = failures.get(credential.uniquenessKey());
        if (failure != null) {
            return failure;
        }
        return accountCredentials.putIfAbsent(accountKey(accountId, credential), credential) == null
                ? WriteOutcome.CREATED : WriteOutcome.ALREADY_EXISTS;
    }

    @Override
    public WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken,
                                                     Duration timeout) {
        organizationCalls.incrementAndGet();
        if (toThrow != null) {
            throw toThrow;
        }
        if (organizationOutcome != null) {
            return organizationOutcome;
        }
        String key = "ds#" + credential.vendorId() + "#" + credential.organizationId() + "#sip#"
                + credential.login().uniquenessKey();
        return organizationCredentials.putIfAbsent(key, credential) == null
                ? WriteOutcome.CREATED : WriteOutcome.ALREADY_EXISTS;
    }

    public Map<String, AccountCredential> accountCredentials() {
        return Map.copyOf(accountCredentials);
    }

    public Map<String, OrganizationCredential> organizationCredentials() {
        return Map.copyOf(organizationCredentials);
    }

    public List<AccountWrite> accountWrites() {
        return List.copyOf(accountWrites);
    }

    public int organizationCalls() {
        return organizationCalls.get();
    }

    public boolean isUntouched() {
        return accountWrites.isEmpty() && organizationCalls.get() == 0;
    }
}
