package dev.brainblitz.ir.io;

import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.json.JsonModelReader;
import dev.brainblitz.ir.json.JsonModelWriter;
import dev.brainblitz.ir.text.TextModelPrinter;
import dev.brainblitz.ir.text.TextModelReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes model files in either form, chosen by extension ({@code .bil} or
 * {@code .json}). Reading validates and returns the {@link Network}; writing is atomic, so a failed
 * write never leaves a partial file behind.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /** Reads and validates a model; every user error becomes a {@link DiagnosticException}. */
  public static Network read(Path path) {
    ModelFormat format = formatOf(path);
    String text = readText(path);
    String name = path.toString();
    return switch (format) {
      case TEXT -> TextModelReader.read(name, text);
      case JSON -> JsonModelReader.read(name, text);
    };
  }

  /** The model in the given form, exactly as {@link #write} would store it. */
  public static String render(Model model, ModelFormat format) {
    return switch (format) {
      case TEXT -> TextModelPrinter.print(model);
      case JSON -> JsonModelWriter.write(model);
    };
  }

  /** Writes {@code model} to {@code path} in the form its extension names. */
  public static void write(Model model, Path path) {
    writeAtomically(path, render(model, formatOf(path)));
  }

  public static ModelFormat formatOf(Path path) {
    return ModelFormat.of(path).orElseThrow(() -> new DiagnosticException(new Diagnostic(
        ErrorCode.UNKNOWN_FORMAT, SourceSpan.wholeFile(path.toString()),
        "cannot tell the model format of '" + path + "': use a .bil (text) or .json file name")));
  }

  /** The UTF-8 text of a user's file, or a diagnostic saying why it cannot be read. */
  public static String readText(Path path) {
    try {
      byte[] bytes = Files.readAllBytes(path);
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw unreadable(path, "it is not UTF-8 text");
    } catch (java.nio.file.NoSuchFileException e) {
      throw unreadable(path, "no such file");
    } catch (java.nio.file.AccessDeniedException e) {
      throw unreadable(path, "permission denied");
    } catch (IOException e) {
      throw unreadable(path, Files.isDirectory(path) ? "it is a directory" : String.valueOf(e.getMessage()));
    }
  }

  private static DiagnosticException unreadable(Path path, String why) {
    return new DiagnosticException(new Diagnostic(
        ErrorCode.FILE_UNREADABLE, SourceSpan.wholeFile(path.toString()), "cannot read '" + path + "': " + why));
  }

  /**
   * Writes {@code text} to a temporary file next to {@code path} and moves it into place, so
   * readers never see half a file and a failure leaves no output behind. The file gets the
   * permissions of the file it replaces, or {@code rw-r--r--} when new. A failure is a user error
   * ({@link ErrorCode#FILE_UNWRITABLE}).
   */
  public static void writeAtomically(Path path, String text) {
    writeAtomically(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** As {@link #writeAtomically(Path, String)}, for binary files (e.g. ELF executables). */
  public static void writeAtomically(Path path, byte[] bytes) {
    Path target = path.toAbsolutePath();
    Path directory = target.getParent();
    Path temporary = null;
    try {
      if (Files.isDirectory(target)) {
        throw unwritable(path, "it is a directory");
      }
      if (directory != null) {
        Files.createDirectories(directory);
      }
      temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
      Files.write(temporary, bytes);
      setPermissions(temporary, target);
      try {
        Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (java.nio.file.AccessDeniedException e) {
      throw unwritable(path, "permission denied");
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw unwritable(path, "'" + e.getFile() + "' exists and is not a directory");
    } catch (IOException e) {
      throw unwritable(path, String.valueOf(e.getMessage()));
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // Best effort: the temporary file is hidden and named after the target.
        }
      }
    }
  }

  private static void setPermissions(Path temporary, Path target) throws IOException {
    if (!temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    var permissions = Files.exists(target)
        ? Files.getPosixFilePermissions(target)
        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(temporary, permissions);
  }

  private static DiagnosticException unwritable(Path path, String why) {
    return new DiagnosticException(new Diagnostic(
        ErrorCode.FILE_UNWRITABLE, SourceSpan.wholeFile(path.toString()), "cannot write '" + path + "': " + why));
  }
}
