package dev.brainblitz.cli;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import java.util.function.Supplier;

/**
 * Errors of work done on what a file held, after the file was read (folding a float model,
 * fitting a model to a dataset): a diagnostic raised in memory ({@code <memory>:}) is reported at
 * the file it came from instead, so every error names the user's file.
 */
final class Located {
  private Located() {}

  static <T> T in(String file, Supplier<T> work) {
    try {
      return work.get();
    } catch (DiagnosticException e) {
      if (e.diagnostics().stream().noneMatch(d -> d.span() == SourceSpan.UNKNOWN)) {
        throw e;
      }
      throw new DiagnosticException(e.diagnostics().stream()
          .map(d -> d.span() == SourceSpan.UNKNOWN ? new Diagnostic(d.code(), SourceSpan.wholeFile(file), d.message()) : d)
          .toList(), e.sources());
    }
  }

  static void in(String file, Runnable work) {
    in(file, () -> {
      work.run();
      return null;
    });
  }
}
