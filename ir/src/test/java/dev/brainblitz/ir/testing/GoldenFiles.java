package dev.brainblitz.ir.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: expected outputs kept in the repository and compared byte for byte. Never edit
 * one by hand; regenerate them all with {@code ./mvnw test -Dblitz.updateGolden=true} and review
 * the diff.
 */
public final class GoldenFiles {
  private GoldenFiles() {}

  public static boolean updating() {
    return Boolean.parseBoolean(System.getProperty("blitz.updateGolden", "false"));
  }

  /** The repository root, from the build (or the working directory's parents when run elsewhere). */
  public static Path repoRoot() {
    String configured = System.getProperty("blitz.repoRoot", "");
    if (!configured.isBlank() && !configured.contains("${")) {
      return Path.of(configured);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the repository root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
    }
    return dir;
  }

  /**
   * Asserts that the file at {@code relativePath} (from the repository root) holds exactly
   * {@code actual}; in update mode, writes {@code actual} there instead.
   */
  public static void assertMatches(String relativePath, String actual) {
    Path path = repoRoot().resolve(relativePath);
    try {
      if (updating()) {
        Files.createDirectories(path.getParent());
        Files.writeString(path, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(path)) {
        throw new AssertionError("golden file " + relativePath + " is missing; create it with -Dblitz.updateGolden=true");
      }
      String expected = Files.readString(path, StandardCharsets.UTF_8);
      assertEquals(expected, actual, "output differs from golden file " + relativePath
          + " (if the change is intended, regenerate with -Dblitz.updateGolden=true and review the diff)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
