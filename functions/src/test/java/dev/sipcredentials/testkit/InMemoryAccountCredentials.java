package dev.sipcredentials.testkit;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.AccountCredentialDeletion;
import dev.sipcredentials.provisioning.AccountCredentialLookup;
import dev.sipcredentials.provisioning.AccountCredentialUpdate;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.StoredAccountCredential;
import dev.sipcredentials.provisioning.WriteOutcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bandwidth credentials by account and uniqueness key, for the tests of the routes on one credential. Can be told to
 * fail every call with a fault, or to throw. Records every call it was asked.
 */
public final class InMemoryAccountCredentials implements AccountCredentials {
    private final Map<String, StoredAccountCredential> credentials = new ConcurrentHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private AccountCredentialLookup.Kind fault;
    private RuntimeException throwing;

    private static String key(String accountId, String compositeName) {
        return accountId + "#" + new AccountCredential(compositeName, null, null, null).uniquenessKey();
    }

    public InMemoryAccountCredentials seed(String accountId, String userName, String domain, String hash1,
                                           String hash1b) {
        credentials.put(key(accountId, AccountCredential.name(userName, domain)),
                new StoredAccountCredential(userName, domain, hash1, hash1b));
        return this;
    }

    /** Every later call fails with this fault (TRANSIENT_FAILURE or STORE_FAILURE). */
    public InMemoryAccountCredentials failing(AccountCredentialLookup.Kind kind) {
        fault = kind;
        return this;
    }

    public InMemoryAccountCredentials throwing(RuntimeException exception) {
        throwing = exception;
        return this;
    }

    public StoredAccountCredential stored(String accountId, String compositeName) {
        return credentials.get(key(accountId, compositeName));
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private synchronized void called(String call) {
        calls.add(call);
        if (throwing != null) {
            throw throwing;
        }
    }

    /** Creates as the table does (uniqueness by the name's key); the routes on one credential never create. */
    @Override
    public WriteOutcome create(String accountId, AccountCredential credential, String writeToken, Duration timeout,
                               String caller) {
        called("create " + credential.name());
        return credentials.putIfAbsent(key(accountId, credential.name()), new StoredAccountCredential(
                credential.userName(), credential.domain(), credential.hash1(), credential.hash1b())) == null
                ? WriteOutcome.CREATED : WriteOutcome.ALREADY_EXISTS;
    }

    @Override
    public AccountCredentialLookup find(String accountId, String compositeName, Duration timeout) {
        called("find " + compositeName);
        if (fault != null) {
            return AccountCredentialLookup.of(fault);
        }
        StoredAccountCredential found = credentials.get(key(accountId, compositeName));
        return found == null ? AccountCredentialLookup.of(AccountCredentialLookup.Kind.NOT_FOUND)
                : AccountCredentialLookup.found(found);
    }

    @Override
    public AccountCredentialUpdate replaceHashes(String accountId, String compositeName, String hash1, String hash1b,
                                                 String writeToken, Duration timeout, String caller) {
        called("replace " + compositeName);
        if (fault != null) {
            return AccountCredentialUpdate.of(fault == AccountCredentialLookup.Kind.TRANSIENT_FAILURE
                    ? AccountCredentialUpdate.Kind.TRANSIENT_FAILURE : AccountCredentialUpdate.Kind.STORE_FAILURE);
        }
        StoredAccountCredential[] changed = new StoredAccountCredential[1];
        credentials.computeIfPresent(key(accountId, compositeName), (k, old) ->
                changed[0] = new StoredAccountCredential(old.userName(), old.domain(), hash1, hash1b));
        return changed[0] == null ? AccountCredentialUpdate.of(AccountCredentialUpdate.Kind.NOT_FOUND)
                : AccountCredentialUpdate.updated(changed[0].userName(), changed[0].domain());
    }

    @Override
    public AccountCredentialDeletion delete(String accountId, String compositeName, Duration timeout) {
        called("delete " + compositeName);
        if (fault != null) {
            return fault == AccountCredentialLookup.Kind.TRANSIENT_FAILURE
                    ? AccountCredentialDeletion.TRANSIENT_FAILURE : AccountCredentialDeletion.STORE_FAILURE;
        }
        return credentials.remove(key(accountId, compositeName)) == null ? AccountCredentialDeletion.NOT_FOUND
                : AccountCredentialDeletion.DELETED;
    }
}
