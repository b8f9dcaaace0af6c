package dev.brainblitz.ir.diag;

import dev.brainblitz.ir.SourceSpan;

/** One user error: what is wrong, where, and its stable code. */
public record Diagnostic(ErrorCode code, SourceSpan span, String message) {
  /**
   * {@code file:line:col: error[CODE]: message} ({@code file: ...} when there is no position), without the source excerpt.
   * Control characters other than the line breaks of a multi-line message are escaped.
   */
  public String headline() {
    return escape(span.toString(), true) + ": error[" + code.code() + "]: " + escape(message, false);
  }

  /**
   * A diagnostic whose message quotes the user's text (names, tokens) that may hold any
   * character: every control character, line breaks included, is written as an escape
   * ({@code \n}, {@code \u001b}), so a name never breaks the one-line-per-error layout.
   */
  public static Diagnostic quoting(ErrorCode code, SourceSpan span, String message) {
    return new Diagnostic(code, span, escape(message, true));
  }

  /** {@code text} with control characters escaped; line breaks too when {@code breaks}. */
  public static String escape(String text, boolean breaks) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && (breaks || c != '\n')) || c == 0x7f || (c >= 0x80 && c < 0xa0)
          || c == '\u2028' || c == '\u2029';
      if (control && out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (out != null) {
        if (!control) {
          out.append(c);
        } else if (c == '\n') {
          out.append("\\n");
        } else if (c == '\r') {
          out.append("\\r");
        } else if (c == '\t') {
          out.append("\\t");
        } else {
          out.append(String.format("\\u%04x", (int) c));
        }
      }
    }
    return out == null ? text : out.toString();
  }

  @Override
  public String toString() {
    return headline();
  }
}
