package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.SourceSpan;

/** A piece of a source line with its 1-based line and column, so errors can point at it. */
record Token(String text, int line, int column) {
  SourceSpan span(String file) {
    return SourceSpan.of(file, line, column, text.length());
  }

  /** The part of this token from {@code offset} on, keeping its position. */
  Token from(int offset) {
    int skipped = 0;
    while (offset + skipped < text.length() && Character.isWhitespace(text.charAt(offset + skipped))) {
      skipped++;
    }
    return new Token(text.substring(offset + skipped).stripTrailing(), line, column + offset + skipped);
  }

  Token part(int start, int end) {
    return new Token(text.substring(start, end), line, column + start);
  }
}
