package dev.brainblitz.ir.diag;

import dev.brainblitz.ir.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the errors of one read or validation so that several are reported together, and
 * throws them once at the end with {@link #throwIfAny()}.
 */
public final class Diagnostics {
  private final List<Diagnostic> errors = new ArrayList<>();
  private final SourceTexts sources;

  public Diagnostics(SourceTexts sources) {
    this.sources = sources;
  }

  public Diagnostics() {
    this(SourceTexts.NONE);
  }

  /** Adds an error; control characters in the message (from quoted names or tokens) are escaped. */
  public void error(ErrorCode code, SourceSpan span, String message) {
    errors.add(Diagnostic.quoting(code, span, message));
  }

  public void addAll(List<Diagnostic> diagnostics) {
    errors.addAll(diagnostics);
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  public List<Diagnostic> errors() {
    return List.copyOf(errors);
  }

  public SourceTexts sources() {
    return sources;
  }

  /** Throws a {@link DiagnosticException} holding every error collected so far, if any. */
  public void throwIfAny() {
    if (hasErrors()) {
      throw new DiagnosticException(errors(), sources);
    }
  }
}
