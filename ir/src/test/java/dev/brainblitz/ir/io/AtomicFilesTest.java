package dev.brainblitz.ir.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path temp;

  @Test
  void writesEveryFileAndTheDirectoriesTheyNeed() throws IOException {
    Path a = temp.resolve("out/a.txt");
    Path b = temp.resolve("out/sub/b.bin");
    var files = new LinkedHashMap<Path, byte[]>();
    files.put(a, "alpha\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    files.put(b, new byte[] {0, 1, 2});
    AtomicFiles.writeAll(files);
    assertEquals("alpha\n", Files.readString(a));
    assertEquals(3, Files.size(b));
    if (a.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(a)));
    }
  }

  @Test
  void aFailureWritesNothingAndRemovesWhatItCreated() throws IOException {
    Path blocker = Files.createDirectories(temp.resolve("old/b.txt"));
    var files = new LinkedHashMap<Path, String>();
    files.put(temp.resolve("new/deeper/a.txt"), "a");
    files.put(blocker, "b");
    var error = assertThrows(DiagnosticException.class, () -> AtomicFiles.writeAllText(files));
    assertEquals(ErrorCode.FILE_UNWRITABLE, error.diagnostics().get(0).code());
    assertTrue(error.getMessage().contains("cannot write '" + blocker + "': it is a directory"), error.getMessage());
    assertFalse(Files.exists(temp.resolve("new")), "the directories it made are gone");
    try (var left = Files.list(temp.resolve("old"))) {
      assertEquals(List.of(blocker), left.toList(), "no staged file is left");
    }
  }

  @Test
  void replacingAFileKeepsItsPermissions() throws IOException {
    Path file = Files.writeString(temp.resolve("script.sh"), "old");
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));
    AtomicFiles.write(file, "new");
    assertEquals("new", Files.readString(file));
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void aParentThatIsAFileIsNamed() throws IOException {
    Path file = Files.writeString(temp.resolve("plain"), "x");
    Path target = file.resolve("sub/out.txt");
    var error = assertThrows(DiagnosticException.class, () -> AtomicFiles.write(target, "y"));
    assertTrue(error.getMessage().contains("'" + file + "' exists and is not a directory"), error.getMessage());
  }

  @Test
  void deletesWholeTrees() throws IOException {
    Path root = Files.createDirectories(temp.resolve("tree/a/b"));
    Files.writeString(root.resolve("f"), "x");
    FileTrees.delete(temp.resolve("tree"));
    assertFalse(Files.exists(temp.resolve("tree")));
    FileTrees.delete(temp.resolve("tree"));
  }

  @Test
  void anEmptySetWritesNothing() {
    AtomicFiles.writeAll(Map.of());
  }
}
