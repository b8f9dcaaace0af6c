package dev.brainblitz.riscv.lower;

import dev.brainblitz.riscv.isa.Registers;

/**
 * An integer register as the lowering names it: constant {@code Xn} in register-number order, so
 * {@link #number()} is x-number n, printed with its ABI name from the ISA's {@link Registers}.
 */
enum Reg {
  ZERO, RA, SP, GP, TP, T0, T1, T2, S0, S1, A0, A1, A2, A3, A4, A5,
  A6, A7, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, T3, T4, T5, T6;

  private static final Reg[] BY_NUMBER = values();

  /** The register number (x0 to x31). */
  int number() {
    return ordinal();
  }

  static Reg of(int number) {
    return BY_NUMBER[number];
  }

  /** The ABI name, as the assembly text spells it. */
  @Override
  public String toString() {
    return Registers.abiName(ordinal());
  }
}
