package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqliteNativeLibraryTest {

  @ParameterizedTest
  @CsvSource({
      "Linux, amd64, libsqlite4java-linux-amd64.so",
      "Linux, x86_64, libsqlite4java-linux-amd64.so",
      "Linux, i386, libsqlite4java-linux-i386.so",
      "Mac OS X, x86_64, libsqlite4java-osx.dylib",
      "Windows 11, amd64, sqlite4java-win32-x64.dll",
      "Windows 10, x86, sqlite4java-win32-x86.dll"
  })
  void picksTheLibrarySqlite4javaLooksFor(String os, String arch, String file) {
    assertThat(SqliteNativeLibrary.libraryFileName(os, arch)).isEqualTo(file);
  }

  @Test
  void saysWhatToDoOnAPlatformWithoutABundledLibrary() {
    // DynamoDB Local's Maven dependencies bring no linux-aarch64 build of sqlite4java.
    assertThatThrownBy(() -> SqliteNativeLibrary.libraryFileName("Linux", "aarch64"))
        .hasMessageContaining("sqlite4java.library.path");
  }

  @ParameterizedTest
  @CsvSource({"libsqlite4java-linux-amd64.so", "libsqlite4java-osx.dylib", "sqlite4java-win32-x64.dll"})
  void theBuildPutsTheNativeLibrariesOnTheClasspath(String file) {
    assertThat(getClass().getClassLoader().getResource("sqlite4java-natives/" + file)).isNotNull();
  }
}
