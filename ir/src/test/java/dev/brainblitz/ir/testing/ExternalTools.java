package dev.brainblitz.ir.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Tests that need an external program (qemu, GCC for RISC-V, make) call {@link #require}: without
 * the program they skip, loudly, naming the Debian package that provides it. CI installs them all.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** Whether an executable named {@code command} is on the PATH. */
  public static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  /** Skips the calling test, with a message on stderr and in the report, unless {@code command} is on the PATH. */
  public static void require(String command, String debianPackage, String testName) {
    boolean found = onPath(command);
    String reason = command + " not found on PATH; install the Debian package " + debianPackage;
    if (!found) {
      System.err.println("SKIPPED " + testName + ": " + reason);
    }
    assumeTrue(found, reason);
  }
}
