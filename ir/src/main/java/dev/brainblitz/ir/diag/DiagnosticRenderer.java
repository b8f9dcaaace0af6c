package dev.brainblitz.ir.diag;

import java.util.List;

/**
 * Prints diagnostics the way compilers do:
 *
 * <pre>
 * tiny.bil:12:8: error[BIL031]: threshold 9 is outside [-1, 6] ...
 *    12 |     ge 9
 *       |        ^
 * 1 error
 * </pre>
 */
public final class DiagnosticRenderer {
  /** Diagnostics printed in full; the rest are counted. */
  public static final int MAX_SHOWN = 100;
  /** Characters of a source line shown around the caret (a generated file may have megabyte lines). */
  public static final int MAX_LINE = 160;

  private DiagnosticRenderer() {}

  public static String render(List<Diagnostic> diagnostics, SourceTexts sources) {
    StringBuilder out = new StringBuilder();
    int n = diagnostics.size();
    for (Diagnostic d : diagnostics.subList(0, Math.min(n, MAX_SHOWN))) {
      out.append(d.headline()).append('\n');
      var span = d.span();
      if (span.isKnown()) {
        sources.line(span.file(), span.line()).ifPresent(line -> appendExcerpt(out, span, line));
      }
    }
    if (n > MAX_SHOWN) {
      out.append("... and ").append(n - MAX_SHOWN).append(" more (the first ").append(MAX_SHOWN).append(" are shown)\n");
    }
    out.append(n).append(n == 1 ? " error" : " errors").append('\n');
    return out.toString();
  }

  private static void appendExcerpt(StringBuilder out, dev.brainblitz.ir.SourceSpan span, String line) {
    String gutter = String.format("%5d | ", span.line());
    String blank = " ".repeat(gutter.length() - 2) + "| ";
    int column = Math.max(1, Math.min(span.column(), line.length() + 1));
    // A window of the line around the caret, with "..." where it was cut.
    int from = Math.max(0, Math.min(column - 1 - MAX_LINE / 2, line.length() - MAX_LINE));
    int to = Math.min(line.length(), from + MAX_LINE);
    String prefix = from > 0 ? "..." : "";
    String shown = prefix + visible(line.substring(from, to)) + (to < line.length() ? "..." : "");
    out.append(gutter).append(shown).append('\n');
    int caret = column - from + prefix.length();
    int width = Math.max(1, Math.min(span.length(), to - (column - 1)));
    out.append(blank).append(" ".repeat(caret - 1)).append("^".repeat(width)).append('\n');
  }

  /** The line with tabs as spaces and other control characters as '?', one column each, so the caret stays aligned. */
  private static String visible(String line) {
    StringBuilder out = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      out.append(c == '\t' ? ' ' : c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }
}
