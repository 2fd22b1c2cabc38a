package dev.sipcredentials.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * DynamoDB Local stores tables in SQLite through sqlite4java, whose JNI library must be a file in the directory named
 * by the system property {@code sqlite4java.library.path}. The build copies the native libraries that come with
 * DynamoDBLocal's dependencies into the classpath under {@code sqlite4java-natives/} (version stripped, the names
 * sqlite4java looks for); this class extracts the one for this OS and architecture and sets the property.
 *
 * <p>The extraction directory is named after the library's content hash, so repeated starts reuse the file and two
 * processes never see a half-written one (write to a temp file, then atomic move).
 */
final class SqliteNativeLibrary {

  static final String LIBRARY_PATH_PROPERTY = "sqlite4java.library.path";
  private static final String RESOURCE_DIR = "sqlite4java-natives/";

  private SqliteNativeLibrary() {}

  /** Makes sure sqlite4java can load its native library; respects a library path the user set already. */
  static synchronized void install() {
    if (System.getProperty(LIBRARY_PATH_PROPERTY) != null) {
      return;
    }
    String fileName = libraryFileName(
        System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    byte[] library = readResource(fileName);
    Path directory = Path.of(System.getProperty("java.io.tmpdir"), "sip-credentials-local-sqlite4java-" + sha256(library));
    Path target = directory.resolve(fileName);
    try {
      if (!Files.isRegularFile(target) || Files.size(target) != library.length) {
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, fileName, ".partial");
        Files.write(partial, library);
        try {
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot extract " + fileName + " to " + directory, e);
    }
    System.setProperty(LIBRARY_PATH_PROPERTY, directory.toString());
  }

  /** The file name sqlite4java 1.0.392 looks for on this platform (its "lib" prefix and suffix conventions). */
  static String libraryFileName(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    boolean x86 = arch.equals("x86") || arch.equals("i386") || arch.equals("i686");
    if (os.contains("linux") && x64) {
      return "libsqlite4java-linux-amd64.so";
    }
    if (os.contains("linux") && x86) {
      return "libsqlite4java-linux-i386.so";
    }
    if (os.contains("mac") || os.contains("darwin")) {
      return "libsqlite4java-osx.dylib";
    }
    if (os.contains("windows") && x64) {
      return "sqlite4java-win32-x64.dll";
    }
    if (os.contains("windows") && x86) {
      return "sqlite4java-win32-x86.dll";
    }
    throw new IllegalStateException("No sqlite4java native library for " + osName + "/" + osArch
        + " comes with DynamoDB Local's Maven dependencies (linux-amd64, linux-i386, osx, win32-x64, win32-x86)."
        + " Put the library in a directory and pass -D" + LIBRARY_PATH_PROPERTY + "=DIR");
  }

  private static byte[] readResource(String fileName) {
    try (InputStream in = SqliteNativeLibrary.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + fileName)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE_DIR + fileName + " is not on the classpath; build with mvn"
            + " (the dependency plugin copies it into target/classes during generate-resources)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
