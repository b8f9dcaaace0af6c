package dev.brainblitz.ir;

import java.util.Objects;

/**
 * Where a piece of a model came from: a file and a 1-based line and column, plus the length of the
 * marked text (at least 1).
 *
 * <p>Positions are metadata, not meaning: every {@code SourceSpan} equals every other one, so two
 * models that differ only in where they were read from are equal. That is what makes
 * {@code parse(print(m)).equals(m)} a meaningful round-trip check.
 */
public final class SourceSpan {
  /** The span of a node that was built in memory rather than read from a file. */
  public static final SourceSpan UNKNOWN = new SourceSpan("<memory>", 0, 0, 1);

  private final String file;
  private final int line;
  private final int column;
  private final int length;

  private SourceSpan(String file, int line, int column, int length) {
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.column = column;
    this.length = Math.max(1, length);
  }

  public static SourceSpan of(String file, int line, int column, int length) {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
    return new SourceSpan(file, line, column, length);
  }

  /** The start of a file: where an empty file's problem is. */
  public static SourceSpan startOf(String file) {
    return new SourceSpan(file, 1, 1, 1);
  }

  /** A file as a whole, for problems with no finer position (e.g. the file cannot be read). */
  public static SourceSpan wholeFile(String file) {
    return new SourceSpan(file, 0, 0, 1);
  }

  public String file() {
    return file;
  }

  /** 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column, or 0 when unknown. */
  public int column() {
    return column;
  }

  public int length() {
    return length;
  }

  public boolean isKnown() {
    return line > 0;
  }

  /** {@code file:line:col}, the form compilers and editors understand. */
  @Override
  public String toString() {
    return isKnown() ? file + ":" + line + ":" + column : file;
  }

  /** All spans are equal: see the class comment. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SourceSpan;
  }

  @Override
  public int hashCode() {
    return 0;
  }
}
