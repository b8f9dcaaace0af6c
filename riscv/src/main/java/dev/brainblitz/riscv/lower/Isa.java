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
  RV32IM_XBNN("rv32im_xbnn"),
  /**
   * XBNN plus the stateful bit-plane unit (XBNN2, docs/isa-xbnn.md): the u8 layer pushes each
   * 32-byte input chunk into the unit and sums its 8 bit planes against a weight word in one
   * {@code bpacc}; the bipolar layers as on rv32im_xbnn.
   */
  RV32IM_XBNN2("rv32im_xbnn2");

  private final String keyword;

  Isa(String keyword) {
    this.keyword = keyword;
  }

  /** The name used on the command line and in target names ({@code iss:rv32im_zbb}). */
  public String keyword() {
    return keyword;
  }

  /** Whether the level has the XBNN2 unit, which holds an input chunk and sums its bit planes itself. */
  public boolean hasPlaneUnit() {
    return switch (this) {
      case RV32IM, RV32IM_ZBB, RV32IM_XBNN -> false;
      case RV32IM_XBNN2 -> true;
    };
  }

  public static Optional<Isa> byKeyword(String keyword) {
    return Arrays.stream(values()).filter(i -> i.keyword.equals(keyword)).findFirst();
  }

  /** The names of every level, for help and error messages. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(Isa::keyword).toList());
  }
}
