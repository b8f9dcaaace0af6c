package dev.brainblitz.cli;

import java.util.List;

/** Left-aligned text columns; the first row is the header. */
final class Table {
  private Table() {}

  static String render(List<String[]> rows, int indent) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(" ".repeat(indent));
      for (int c = 0; c < columns; c++) {
        line.append(row[c]);
        if (c + 1 < columns) {
          line.append(" ".repeat(widths[c] - row[c].length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
