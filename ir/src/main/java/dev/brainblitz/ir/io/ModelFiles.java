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

  /** Writes {@code model} to {@code path} in the form its extension names, atomically ({@link AtomicFiles}). */
  public static void write(Model model, Path path) {
    AtomicFiles.write(path, render(model, formatOf(path)));
  }

  public static ModelFormat formatOf(Path path) {
    return ModelFormat.of(path).orElseThrow(() -> new DiagnosticException(new Diagnostic(
        ErrorCode.UNKNOWN_FORMAT, SourceSpan.wholeFile(path.toString()),
        "cannot tell the model format of '" + path + "': use a .bil (text) or .json file name")));
  }

  /** The UTF-8 text of a user's file, or a diagnostic saying why it cannot be read. */
  /**
   * The UTF-8 text of a file as brain-blitz's readers take it: a leading byte-order mark is
   * dropped and old Mac line ends (a CR alone) become LF, so lines and columns are those an editor
   * shows. An error (BIL090) when the file cannot be read or is not UTF-8.
   */
  public static String readText(Path path) {
    return normalize(readExactText(path));
  }

  /** {@code text} without a leading byte-order mark and with each lone CR turned into LF (CRLF stays). */
  public static String normalize(String text) {
    String t = text.startsWith("\ufeff") ? text.substring(1) : text;
    if (t.indexOf('\r') < 0) {
      return t;
    }
    StringBuilder out = new StringBuilder(t);
    for (int i = 0; i < out.length(); i++) {
      if (out.charAt(i) == '\r' && (i + 1 == out.length() || out.charAt(i + 1) != '\n')) {
        out.setCharAt(i, '\n');
      }
    }
    return out.toString();
  }

  /** The UTF-8 text of a file exactly as it is (for {@code fmt --check}); BIL090 when it cannot be read. */
  public static String readExactText(Path path) {
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
}
