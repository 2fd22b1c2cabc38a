package dev.sipcredentials.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * The local stack's secrets, kept across restarts so development tokens and encrypted items stay valid: the RSA key
 * that signs development JWTs and the master key that wraps the per-item password data keys. Both are created on
 * first use, readable by the owner only where the file system supports POSIX permissions. Never used in AWS.
 */
public final class LocalStateDirectory {

  /** The default's name: {@code .local/} next to template.yaml (git-ignored); see {@link #besideTemplate}. */
  public static final Path DEFAULT = Path.of(".local");
  static final String JWT_KEY_FILE = "jwt-signing-key.json";
  static final String MASTER_KEY_FILE = "password-master-key";

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
      if (!Files.exists(file)) {
        RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID("local-" + UUID.randomUUID()).generate();
        writeSecret(file, key.toJSONString());
      }
      return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException(file + " is not a usable RSA JWK; delete it to get a new one", e);
    }
  }

  /** The file holding the local password master key (32 random bytes, base64); created on first use. */
  public Path passwordMasterKeyFile() {
    Path file = directory.resolve(MASTER_KEY_FILE);
    if (!Files.exists(file)) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      writeSecret(file, Base64.getEncoder().encodeToString(key));
    }
    return file;
  }

  private void writeSecret(Path file, String content) {
    try {
      Files.createDirectories(directory);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException raced) {
      // Another start created it first; theirs is used.
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + file, e);
    }
  }
}
