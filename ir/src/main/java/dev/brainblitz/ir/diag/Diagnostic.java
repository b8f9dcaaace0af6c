package dev.brainblitz.ir.diag;

import dev.brainblitz.ir.SourceSpan;

/** One user error: what is wrong, where, and its stable code. */
public record Diagnostic(ErrorCode code, SourceSpan span, String message) {
  /** {@code file:line:col: error[CODE]: message} ({@code file: ...} when there is no position), without the source excerpt. */
  public String headline() {
    return span + ": error[" + code.code() + "]: " + message;
  }

  @Override
  public String toString() {
    return headline();
  }
}
