package dev.brainblitz.ir.io;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way brain-blitz writes output files: all or nothing. Every file is first written to a
 * hidden temporary file next to its target, with the permissions of the file it replaces (or
 * {@code rw-r--r--} when new); only when all of them are written are they renamed into place, so a
 * reader never sees half a file. A failure leaves no output file and no temporary file behind,
 * removes the directories it created, and is a user error ({@link ErrorCode#FILE_UNWRITABLE})
 * naming the file that could not be written. The same cleanup runs when the process is stopped by
 * SIGINT or SIGTERM while files are being written (a shutdown hook).
 *
 * <p>An output that is a symbolic link is written through: the file the link points to is
 * replaced and the link stays. An output that exists and is neither a regular file nor a link to
 * one (a FIFO, a socket, a device such as {@code /dev/null}) is refused: blitz writes regular
 * files only.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code text} (UTF-8) to {@code path}. */
  public static void write(Path path, String text) {
    write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code path} (e.g. an ELF executable). */
  public static void write(Path path, byte[] bytes) {
    writeAll(Map.of(path, bytes));
  }

  /** Writes {@code files} (target path to UTF-8 text, in order), all or none. */
  public static void writeAllText(Map<Path, String> files) {
    var bytes = new LinkedHashMap<Path, byte[]>();
    files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
    writeAll(bytes);
  }

  /** Writes {@code files} (target path to contents, in order), all or none. */
  public static void writeAll(Map<Path, byte[]> files) {
    List<Path> created = new ArrayList<>();
    Map<Path, Path> staged = new LinkedHashMap<>();
    Map<Path, Path> asGiven = new LinkedHashMap<>();
    Set<Path> live = ConcurrentHashMap.newKeySet();
    InterruptCleanup.watch(live);
    boolean done = false;
    try {
      for (var file : files.entrySet()) {
        Path target = resolveLinks(file.getKey(), file.getKey().toAbsolutePath());
        staged.put(stage(file.getKey(), target, file.getValue(), created, live), target);
        asGiven.put(target, file.getKey());
      }
      for (var stage : staged.entrySet()) {
        move(asGiven.get(stage.getValue()), stage.getKey(), stage.getValue());
      }
      done = true;
    } finally {
      for (Path stage : staged.keySet()) {
        deleteQuietly(stage);
      }
      if (!done) {
        created.sort(Comparator.reverseOrder());
        created.forEach(AtomicFiles::deleteQuietly);
      }
      InterruptCleanup.forget(live);
    }
  }

  /**
   * The file {@code target} finally names when it is a symbolic link (links are written through);
   * {@code target} itself otherwise. A loop of links is an error.
   */
  private static Path resolveLinks(Path asGiven, Path target) {
    Path current = target;
    for (int hops = 0; Files.isSymbolicLink(current); hops++) {
      if (hops == 40) {
        throw unwritable(asGiven, "too many levels of symbolic links");
      }
      try {
        Path link = Files.readSymbolicLink(current);
        current = current.resolveSibling(link).normalize();
      } catch (IOException e) {
        throw unwritable(asGiven, "cannot read the symbolic link: " + e.getMessage());
      }
    }
    return current;
  }

  /**
   * Writes {@code bytes} to a hidden file next to {@code target}, with the permissions it will have.
   * The file and every directory created are recorded (in {@code created} and {@code live}) before
   * anything is written into them, so a failure or an interrupt removes them.
   */
  private static Path stage(Path asGiven, Path target, byte[] bytes, List<Path> created, Set<Path> live) {
    Path stage = null;
    try {
      if (Files.isDirectory(target)) {
        throw unwritable(asGiven, "it is a directory");
      }
      if (Files.exists(target) && !Files.isRegularFile(target)) {
        throw unwritable(asGiven, "it is not a regular file (a FIFO, socket or device): blitz writes regular files only");
      }
      int before = created.size();
      try {
        createDirectories(asGiven, target.getParent(), created);
      } finally {
        live.addAll(created.subList(before, created.size()));
      }
      stage = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      live.add(stage);
      Files.write(stage, bytes);
      if (stage.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(stage, Files.exists(target)
            ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--"));
      }
      return stage;
    } catch (AccessDeniedException e) {
      deleteQuietly(stage);
      throw unwritable(asGiven, "permission denied");
    } catch (FileSystemException e) {
      deleteQuietly(stage);
      throw unwritable(asGiven, e.getReason() != null ? e.getFile() + ": " + e.getReason() : e.getFile());
    } catch (IOException | RuntimeException e) {
      deleteQuietly(stage);
      if (e instanceof DiagnosticException d) {
        throw d;
      }
      throw unwritable(asGiven, String.valueOf(e.getMessage()));
    }
  }

  private static void move(Path asGiven, Path stage, Path target) {
    try {
      try {
        Files.move(stage, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(stage, target, StandardCopyOption.REPLACE_EXISTING);
      }
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

  /** The error of an output that cannot be written (BIL092), for writers that stream rather than stage. */
  public static DiagnosticException unwritable(Path path, String why) {
    return new DiagnosticException(new Diagnostic(
        ErrorCode.FILE_UNWRITABLE, SourceSpan.wholeFile(path.toString()), "cannot write '" + path + "': " + why));
  }

  static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Best effort: staged files are hidden and named after their target.
    }
  }
}
