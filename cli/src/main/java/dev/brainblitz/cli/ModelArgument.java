package dev.brainblitz.cli;

import dev.brainblitz.examples.Examples;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.io.ModelFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A model named on the command line: a {@code .bil} or {@code .json} file, or the name of a
 * bundled example ({@code tiny}, {@code tiny-u8}, {@code mlp784}, {@code fashion-mlp}, {@code fashion-mlp-fault-aware}, {@code fashion-up5k}, {@code fashion-cnn}, {@code fashion-cnn-wide}, {@code fashion-cnn-up5k}). An
 * existing regular file with a model extension wins; otherwise a bundled example's name means the
 * example, even when a file or directory of that name exists in the current directory (a note on
 * the error stream says so, e.g. after {@code blitz verilog tiny -o tiny}); otherwise the argument
 * is a file name, and one without a model extension is error BIL091.
 */
final class ModelArgument {
  private ModelArgument() {}

  /** The validated model an argument names; a user error when there is none or it is invalid. */
  static Network read(String argument) {
    var example = bundled(argument);
    if (example.isPresent()) {
      return example.get().network();
    }
    return ModelFiles.read(file(argument));
  }

  /** The file an argument reads, or null when it names a bundled example (for {@link Outputs#requireNotInput}). */
  static Path inputFile(String argument) {
    if (argument == null || bundled(argument, false).isPresent()) {
      return null;
    }
    try {
      return Path.of(argument);
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  /** The text form of the model as written, for {@code fmt --check}: only text files have one. */
  static String text(String argument) {
    var example = bundled(argument);
    if (example.isPresent()) {
      return example.get().text();
    }
    Path path = file(argument);
    if (ModelFiles.formatOf(path) != ModelFormat.TEXT) {
      throw new UserException("'" + argument + "' is not a .bil file: only the text form has a canonical layout to check");
    }
    return ModelFiles.readExactText(path);
  }

  /** The file an argument names that is not a bundled example: BIL091 when it has no model extension. */
  private static Path file(String argument) {
    Path path;
    try {
      path = Path.of(argument);
    } catch (java.nio.file.InvalidPathException e) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.FILE_UNREADABLE, SourceSpan.wholeFile(argument),
          "'" + argument + "' is not a valid file name: " + e.getReason()));
    }
    if (ModelFormat.of(path).isEmpty()) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.UNKNOWN_FORMAT, SourceSpan.wholeFile(argument),
          "'" + argument + "' is neither a model file (.bil or .json) nor a bundled example (" + names() + ")"));
    }
    return path;
  }

  /**
   * The bundled example an argument names, unless a regular file of that name with a model
   * extension exists (no example's name has one, so today this is only a guard).
   */
  private static Optional<Examples> bundled(String argument) {
    return bundled(argument, true);
  }

  private static Optional<Examples> bundled(String argument, boolean note) {
    Path path;
    try {
      path = Path.of(argument);
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
    if (ModelFormat.of(path).isPresent() && Files.isRegularFile(path)) {
      return Optional.empty();
    }
    var example = Arrays.stream(Examples.values()).filter(e -> e.shortName().equals(argument)).findFirst();
    if (note && example.isPresent() && Files.exists(path)) {
      Notes.print("'" + argument + "' is the bundled example " + example.get().fileName() + "; the "
          + (Files.isDirectory(path) ? "directory" : "file") + " ./" + argument
          + " is not a model file (.bil or .json) and is not read (name a file by its extension, e.g. my-model.bil)");
    }
    return example;
  }

  private static String names() {
    return String.join(", ", Examples.shortNames());
  }

  static final String DESCRIPTION =
      "Model file (.bil or .json), or a bundled example: tiny, tiny-u8, mlp784, fashion-mlp, fashion-mlp-fault-aware, fashion-up5k, fashion-cnn, fashion-cnn-wide, fashion-cnn-up5k.";
}
