package dev.brainblitz.riscv.lower;

import java.util.Arrays;
import java.util.Optional;

/** The ISA levels a network can be lowered to; each names how a popcount of XNOR is computed. */
public enum Isa {
  /** Plain RV32IM: XOR and a SWAR (bit-twiddling) popcount whose horizontal sum is deferred. */
  RV32IM("rv32im"),
  /** Zbb: {@code xnor}, {@code cpop}, {@code add}. */
  RV32IM_ZBB("rv32im_zbb"),
  /** Our custom-0 instructions: {@code xnorpopacc} does the whole step (docs/isa-xbnn.md). */
  RV32IM_XBNN("rv32im_xbnn");

  private final String keyword;

  Isa(String keyword) {
    this.keyword = keyword;
  }

  /** The name used on the command line and in target names ({@code iss:rv32im_zbb}). */
  public String keyword() {
    return keyword;
  }

  public static Optional<Isa> byKeyword(String keyword) {
    return Arrays.stream(values()).filter(i -> i.keyword.equals(keyword)).findFirst();
  }

  /** The names of every level, for help and error messages. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(Isa::keyword).toList());
  }
}
