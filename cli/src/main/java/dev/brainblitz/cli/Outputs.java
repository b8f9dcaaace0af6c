package dev.brainblitz.cli;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine;

/**
 * The one check every command makes before it writes: an output never names one of the command's
 * inputs (the same file under another spelling or through a link included), so a typo cannot
 * replace a model, a source or a dataset with what was made from it. A usage error (exit 2).
 * What happens to links and special files named as outputs is {@code ir.io.AtomicFiles}'s rule.
 */
final class Outputs {
  private Outputs() {}

  /**
   * A usage error when {@code output} (the value of {@code option}) is one of {@code inputs};
   * null outputs and inputs are ignored.
   */
  static void requireNotInput(CommandLine.Model.CommandSpec spec, String option, Path output, Path... inputs) {
    if (output == null) {
      return;
    }
    for (Path input : inputs) {
      if (input != null && sameFile(input, output)) {
        throw new CommandLine.ParameterException(spec.commandLine(), option + " '" + output + "' is an input of this "
            + "command ('" + input + "'): writing it would destroy the input; choose another " + option);
      }
    }
  }

  /**
   * A usage error when {@code output}, the directory a command writes its files into, or one of its
   * parents exists and is not a directory, and {@link ErrorCode#FILE_UNWRITABLE} when it (or the
   * nearest existing directory it would be created in) cannot be written: said before the work, not after it.
   */
  static void requireDirectory(CommandLine.Model.CommandSpec spec, String option, Path output) {
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + " '" + output + "' is a file; this command "
          + "writes a directory of files there; choose a directory");
    }
    for (Path parent = output.getParent(); parent != null; parent = parent.getParent()) {
      if (Files.exists(parent) && !Files.isDirectory(parent)) {
        throw new CommandLine.ParameterException(spec.commandLine(), option + " '" + output + "' is inside '" + parent
            + "', which is a file; choose a directory");
      }
    }
    // before any work: the directory, or the nearest existing one it would be created in, takes files
    Path existing = output.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isWritable(existing)) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.FILE_UNWRITABLE, SourceSpan.wholeFile(output.toString()),
          "cannot write '" + output + "': '" + existing + "' is not writable"));
    }
  }

  /** Whether both paths name one file: the same existing file (also through links), or the same path. */
  static boolean sameFile(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException e) {
      // Fall back to comparing the paths.
    }
    return Objects.equals(a.toAbsolutePath().normalize(), b.toAbsolutePath().normalize());
  }
}
