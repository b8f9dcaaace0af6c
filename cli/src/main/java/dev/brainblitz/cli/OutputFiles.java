package dev.brainblitz.cli;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes several generated files all or nothing (as {@code ModelFiles.writeAtomically} does for one):
 * every file is first written to a hidden temporary file next to its target, and only when all of
 * them are written are they renamed into place. A failure leaves no output file, removes the
 * directories it created, and is a user error ({@link ErrorCode#FILE_UNWRITABLE}) naming the target.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** Writes {@code files} (target path to text, in order), all or none. */
  static void writeAll(Map<Path, String> files) {
    var bytes = new LinkedHashMap<Path, byte[]>();
    files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
    writeAllBytes(bytes);
  }

  /** Writes {@code files} (target path to contents, in order), all or none. */
  static void writeAllBytes(Map<Path, byte[]> files) {
    List<Path> created = new ArrayList<>();
    Map<Path, Path> staged = new LinkedHashMap<>();
    boolean done = false;
    try {
      for (var file : files.entrySet()) {
        Path target = file.getKey().toAbsolutePath();
        staged.put(stage(file.getKey(), target, file.getValue(), created), target);
      }
      for (var stage : staged.entrySet()) {
        Files.move(stage.getKey(), stage.getValue(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      done = true;
    } catch (IOException e) {
      throw new UserException("cannot write the output files: " + e.getMessage());
    } finally {
      for (Path stage : staged.keySet()) {
        deleteQuietly(stage);
      }
      if (!done) {
        created.sort(Comparator.reverseOrder());
        created.forEach(OutputFiles::deleteQuietly);
      }
    }
  }

  /** Writes {@code contents} to a hidden file next to {@code target}, with the permissions it will have. */
  private static Path stage(Path asGiven, Path target, byte[] contents, List<Path> created) {
    try {
      if (Files.isDirectory(target)) {
        throw unwritable(asGiven, "it is a directory");
      }
      createDirectories(asGiven, target.getParent(), created);
      Path stage = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.write(stage, contents);
      if (stage.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(stage, Files.exists(target)
            ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--"));
      }
      return stage;
    } catch (AccessDeniedException e) {
      throw unwritable(asGiven, "permission denied");
    } catch (FileSystemException e) {
      throw unwritable(asGiven, e.getReason() != null ? e.getFile() + ": " + e.getReason() : e.getFile());
    } catch (IOException e) {
      throw unwritable(asGiven, String.valueOf(e.getMessage()));
    }
  }

  /** Creates {@code dir} and its missing parents, remembering which ones it created. */
  private static void createDirectories(Path asGiven, Path dir, List<Path> created) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    createDirectories(asGiven, dir.getParent(), created);
    if (Files.exists(dir)) {
      throw unwritable(asGiven, "'" + dir + "' exists and is not a directory");
    }
    Files.createDirectory(dir);
    created.add(dir);
  }

  private static DiagnosticException unwritable(Path path, String why) {
    return new DiagnosticException(new Diagnostic(
        ErrorCode.FILE_UNWRITABLE, SourceSpan.wholeFile(path.toString()), "cannot write '" + path + "': " + why));
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Best effort: staged files are hidden and named after their target.
    }
  }
}
