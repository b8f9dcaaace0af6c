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
  private DiagnosticRenderer() {}

  public static String render(List<Diagnostic> diagnostics, SourceTexts sources) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(d.headline()).append('\n');
      var span = d.span();
      if (span.isKnown()) {
        sources.line(span.file(), span.line()).ifPresent(line -> appendExcerpt(out, span, line));
      }
    }
    int n = diagnostics.size();
    out.append(n).append(n == 1 ? " error" : " errors").append('\n');
    return out.toString();
  }

  private static void appendExcerpt(StringBuilder out, dev.brainblitz.ir.SourceSpan span, String line) {
    String gutter = String.format("%5d | ", span.line());
    String blank = " ".repeat(gutter.length() - 2) + "| ";
    String shown = line.replace('\t', ' ');
    out.append(gutter).append(shown).append('\n');
    int column = Math.min(span.column(), shown.length() + 1);
    int width = Math.max(1, Math.min(span.length(), shown.length() - column + 1));
    out.append(blank).append(" ".repeat(column - 1)).append("^".repeat(width)).append('\n');
  }
}
