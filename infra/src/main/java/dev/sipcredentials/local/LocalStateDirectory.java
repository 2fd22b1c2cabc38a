package dev.sipcredentials.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The local stack's secrets, kept across restarts so development tokens and encrypted items stay valid: the RSA key
 * that signs development JWTs, the local KMS endpoint's key, and the master key that wrapped data keys before the
 * stack had a KMS endpoint. Never used in AWS.
 *
 * <p>Whoever can put a file here can sign tokens this stack accepts, or choose the key passwords are wrapped under,
 * so where the file system has POSIX permissions: the directory is created {@code 0700} (an existing one of ours
 * that is wider, as earlier versions made it, is narrowed to {@code 0700}), and refused when it is someone else's, a
 * symbolic link, or writable by group or others; key files are created {@code 0600} without following links, and
 * refused when they are symbolic links, not regular files, someone else's, or open to group or others in any way.
 * The stack never repairs a key file: it says which file is wrong and what to do.
 */
public final class LocalStateDirectory {

    /** The default's name: {@code .local/} next to template.yaml (git-ignored); see {@link #besideTemplate}. */
    public static final Path DEFAULT = Path.of(".local");
    static final String JWT_KEY_FILE = "jwt-signing-key.json";
    static final String MASTER_KEY_FILE = "password-master-key";
    static final String KMS_KEY_FILE = "kms-key";
    static final String TOKEN_FILE = "token";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path directory;

    /**
     * The default state directory of a checkout: {@code .local} next to its template.yaml, whatever the working
     * directory, so the stack, {@code token} and {@code invoke} started from any folder of the checkout share one key.
     */
    public static Path besideTemplate(Path templateFile) {
        Path folder = templateFile.toAbsolutePath().normalize().getParent();
        return (folder == null ? DEFAULT : folder.resolve(DEFAULT)).toAbsolutePath().normalize();
    }

    public LocalStateDirectory(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** The signing key pair (JWK with private part); generated on first use. */
    public RSAKey jwtSigningKey() {
        Path file = directory.resolve(JWT_KEY_FILE);
        try {
            checkDirectory();
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID("local-" + UUID.randomUUID()).generate();
                writeSecret(file, key.toJSONString());
            }
            return RSAKey.parse(readSecret(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(file + " is not a usable RSA JWK; delete it to get a new one", e);
        }
    }

    /**
     * The file holding the local password master key (32 random bytes, base64); created on first use, and checked
     * (owner, mode, no link) every time, as the function reads it by this path.
     */
    public Path passwordMasterKeyFile() {
        return randomKeyFile(MASTER_KEY_FILE);
    }

    /**
     * The file holding the local KMS endpoint's key material (32 random bytes, base64), created on first use and
     * checked as {@link #passwordMasterKeyFile()}: a restart with {@code --db-path} opens what it sealed before.
     */
    public Path kmsKeyFile() {
        return randomKeyFile(KMS_KEY_FILE);
    }

    private Path randomKeyFile(String name) {
        Path file = directory.resolve(name);
        try {
            checkDirectory();
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                writeSecret(file, Base64.getEncoder().encodeToString(key));
            }
            checkSecret(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    /**
     * Writes the local stack's development token to {@code token} here (owner-only, replacing the last one), so a
     * second shell takes it with {@code TOKEN=$(cat .local/token)} instead of copying it off the banner.
     */
    public Path writeToken(String token) {
        Path file = directory.resolve(TOKEN_FILE);
        try {
            checkDirectory();
            if (Files.isSymbolicLink(file)) {
                throw refused(file, "is a symbolic link; delete it");
            }
            Files.deleteIfExists(file);
            writeSecret(file, token + "\n");
            checkSecret(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Creates the directory owner-only, or checks (and narrows) the one that is there. */
    private void checkDirectory() throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            Files.createDirectories(directory); // no POSIX permissions here (Windows): nothing more to check
            return;
        }
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory.getParent());
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                // The umask can only take bits away; set the mode anyway so it is exactly 0700.
                Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
            } catch (FileAlreadyExistsException raced) {
                // Another start created it first: checked below like any existing directory.
            }
        }
        PosixFileAttributes attributes = view.readAttributes();
        if (attributes.isSymbolicLink()) {
            throw refused(directory, "is a symbolic link; use the directory itself as --state-dir");
        }
        if (!attributes.isDirectory()) {
            throw refused(directory, "is not a directory");
        }
        if (!attributes.owner().equals(currentUser())) {
            throw refused(directory, "is owned by " + attributes.owner().getName() + ", not by you; use a --state-dir of your own");
        }
        Set<PosixFilePermission> mode = attributes.permissions();
        if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw refused(directory, "is writable by group or others, who could plant keys in it; use a --state-dir of your own");
        }
        if (!OWNER_ONLY_DIRECTORY.equals(mode)) {
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        }
    }

    /** A key file must be a regular file of ours, owner-only, and not a link. */
    private void checkSecret(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            if (Files.isSymbolicLink(file)) {
                throw refused(file, "is a symbolic link; delete it to get a new key");
            }
            return;
        }
        PosixFileAttributes attributes = view.readAttributes();
        if (attributes.isSymbolicLink()) {
            throw refused(file, "is a symbolic link; delete it to get a new key");
        }
        if (!attributes.isRegularFile()) {
            throw refused(file, "is not a regular file");
        }
        if (!attributes.owner().equals(currentUser())) {
            throw refused(file, "is owned by " + attributes.owner().getName() + ", not by you; delete it to get a new key");
        }
        if (attributes.permissions().stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw refused(file, "is open to group or others (mode "
                    + PosixFilePermissions.toString(attributes.permissions()) + "); chmod 600 it, or delete it to get a new key");
        }
    }

    private String readSecret(Path file) throws IOException {
        checkSecret(file);
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            long size = channel.size();
            if (size > 64 * 1024) {
                throw refused(file, "is too large to be a key");
            }
            ByteBuffer content = ByteBuffer.allocate((int) size);
            while (content.hasRemaining() && channel.read(content) >= 0) {
                // read it all
            }
            return new String(content.array(), 0, content.position(), StandardCharsets.UTF_8);
        }
    }

    /** Created and written in one step, owner-only, never through a link (CREATE_NEW fails on any existing name). */
    private void writeSecret(Path file, String content) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean posix = Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null;
        try (SeekableByteChannel channel = posix
                ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.newByteChannel(file, options)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another start created it first (or something sits at the name): checked when read.
            if (Files.isSymbolicLink(file)) {
                throw refused(file, "is a symbolic link; delete it to get a new key");
            }
        }
    }

    private static volatile UserPrincipal currentUser;

    private static UserPrincipal currentUser() throws IOException {
        UserPrincipal user = currentUser;
        if (user == null) {
            // The owner of a file this process creates is this process's user: no name lookup, which fails for a uid
            // without a passwd entry (common in containers).
            Path probe = Files.createTempFile("sip-credentials-owner-", ".probe");
            try {
                user = Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
            } finally {
                Files.deleteIfExists(probe);
            }
            currentUser = user;
        }
        return user;
    }

    private static IllegalStateException refused(Path path, String why) {
        return new IllegalStateException(path + " " + why);
    }
}
