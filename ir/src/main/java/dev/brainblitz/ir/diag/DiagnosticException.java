package dev.brainblitz.ir.diag;

import java.util.List;

/**
 * A user error: the input is wrong, not the program. Carries every diagnostic found and the text
 * they point into. Front ends print it with {@link DiagnosticRenderer} and no stack trace; any other
 * exception is an internal error and keeps its stack trace.
 */
public final class DiagnosticException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;
  private final transient SourceTexts sources;

  public DiagnosticException(List<Diagnostic> diagnostics, SourceTexts sources) {
    super(summarize(diagnostics), null, false, false);
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a DiagnosticException needs at least one diagnostic");
    }
    this.diagnostics = List.copyOf(diagnostics);
    this.sources = sources;
  }

  public DiagnosticException(Diagnostic diagnostic) {
    this(List.of(diagnostic), SourceTexts.NONE);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public SourceTexts sources() {
    return sources;
  }

  /** The full report: every diagnostic with its source line and caret, then a count. */
  public String render() {
    return DiagnosticRenderer.render(diagnostics, sources);
  }

  private static String summarize(List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) {
      return "no diagnostics";
    }
    String first = diagnostics.get(0).headline();
    return diagnostics.size() == 1 ? first : first + " (and " + (diagnostics.size() - 1) + " more)";
  }
}
