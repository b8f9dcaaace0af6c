package dev.brainblitz.riscv.asm;

import java.util.Objects;

/** One assembly source: the name diagnostics give it (usually its path) and its text. */
public record SourceFile(String name, String text) {
  public SourceFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }
}
