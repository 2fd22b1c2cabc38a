package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local state directory holds the signing key and the password master key: owner-only, never someone else's. */
class LocalStateDirectoryTest {

    @TempDir Path temp;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aNewDirectoryIsOwnerOnlyAndSoAreItsKeys() throws IOException {
        Path dir = temp.resolve("state");
        LocalStateDirectory state = new LocalStateDirectory(dir);

        state.jwtSigningKey();
        Path master = state.passwordMasterKeyFile();

        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve(LocalStateDirectory.JWT_KEY_FILE))).isEqualTo("rw-------");
        assertThat(mode(master)).isEqualTo("rw-------");
        assertThat(state.jwtSigningKey().getKeyID()).as("kept across uses").isEqualTo(
                new LocalStateDirectory(dir).jwtSigningKey().getKeyID());
    }

    @Test
    void aDirectoryLeftGroupOrWorldReadableByAnEarlierVersionIsTightened() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("old"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        new LocalStateDirectory(dir).passwordMasterKeyFile();

        assertThat(mode(dir)).isEqualTo("rwx------");
    }

    @Test
    void aKeyFileReadableByGroupOrOthersIsRefused() throws IOException {
        LocalStateDirectory state = new LocalStateDirectory(temp.resolve("state"));
        Path key = state.passwordMasterKeyFile();
        state.jwtSigningKey();
        Path jwt = state.directory().resolve(LocalStateDirectory.JWT_KEY_FILE);

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(jwt, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(state::passwordMasterKeyFile).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("group or others");
        assertThatThrownBy(state::jwtSigningKey).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("group or others");
    }

    /** A symbolic link planted where a key belongs is not followed, even to a well-protected key of ours. */
    @Test
    void aSymbolicLinkInPlaceOfAKeyIsRefused() throws IOException {
        LocalStateDirectory elsewhere = new LocalStateDirectory(temp.resolve("elsewhere"));
        elsewhere.jwtSigningKey();
        Path planted = elsewhere.passwordMasterKeyFile();
        Path dir = Files.createDirectory(temp.resolve("state"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(dir.resolve(LocalStateDirectory.MASTER_KEY_FILE), planted);
        Files.createSymbolicLink(dir.resolve(LocalStateDirectory.JWT_KEY_FILE),
                elsewhere.directory().resolve(LocalStateDirectory.JWT_KEY_FILE));
        LocalStateDirectory state = new LocalStateDirectory(dir);

        assertThatThrownBy(state::passwordMasterKeyFile).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(state::jwtSigningKey).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("symbolic link");
    }

    @Test
    void aDanglingSymbolicLinkIsNotWrittenThrough() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("state"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path target = temp.resolve("written-through");
        Files.createSymbolicLink(dir.resolve(LocalStateDirectory.MASTER_KEY_FILE), target);

        assertThatThrownBy(new LocalStateDirectory(dir)::passwordMasterKeyFile).isInstanceOf(IllegalStateException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void aDirectoryWritableByOthersIsRefused() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(new LocalStateDirectory(dir)::jwtSigningKey).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writable by group or others");
        assertThat(dir.resolve(LocalStateDirectory.JWT_KEY_FILE)).doesNotExist();
    }

    /** Another user's key (planted in a shared --state-dir) would let them sign tokens this stack accepts. */
    @Test
    void aKeyFileOwnedBySomeoneElseIsRefused() throws IOException {
        LocalStateDirectory state = new LocalStateDirectory(temp.resolve("state"));
        Path key = state.passwordMasterKeyFile();
        assumeThat(chown(key, "nobody")).as("needs the right to give a file away (root)").isTrue();

        assertThatThrownBy(state::passwordMasterKeyFile).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("owned by");
    }

    @Test
    void aDirectoryOwnedBySomeoneElseIsRefused() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("theirs"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        assumeThat(chown(dir, "nobody")).as("needs the right to give a file away (root)").isTrue();

        assertThatThrownBy(new LocalStateDirectory(dir)::jwtSigningKey).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("owned by");
    }

    private static boolean chown(Path path, String user) {
        try {
            Files.setOwner(path, FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Test
    void aKeyFileWrittenByHandIsReadWhenOwnerOnly() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("state"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path key = Files.createFile(dir.resolve(LocalStateDirectory.MASTER_KEY_FILE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", StandardCharsets.UTF_8);

        assertThat(new LocalStateDirectory(dir).passwordMasterKeyFile()).isEqualTo(key);
    }
}
