package dev.brainblitz.riscv.asm;

/**
 * A named address or constant of a program: {@code section} is null for absolute symbols
 * ({@code .equ}); {@code global} for {@code .globl} and {@code .weak} symbols, {@code weak} for the
 * latter.
 */
public record Symbol(String name, int value, SectionKind section, boolean global, boolean weak) {
  public Symbol(String name, int value, SectionKind section, boolean global) {
    this(name, value, section, global, false);
  }
}
