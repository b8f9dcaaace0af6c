package dev.brainblitz.riscv.lower;

/**
 * The popcount step of each ISA level, emitted into an {@link AsmBuilder}: the count of one neuron
 * over its weight words, and the SWAR pieces rv32im also uses for bit planes.
 */
final class PopcountSteps {
  static final int M1 = 0x55555555;
  static final int M2 = 0x33333333;
  static final int M4 = 0x0f0f0f0f;
  static final int M8 = 0x00ff00ff;
  static final int BYTE_SUM = 0x01010101;
  /** Words a byte-lane popcount accumulator takes before a lane could overflow (31 * 8 = 248). */
  static final int CHUNK = 31;

  private final AsmBuilder a;
  private final Isa isa;

  PopcountSteps(AsmBuilder a, Isa isa) {
    this.a = a;
    this.isa = isa;
  }

  /** The three mask registers of the SWAR popcount plus the horizontal-sum constant (rv32im only). */
  record SwarConstants(String m1, String m2, String m4, String sum) {
    static SwarConstants load(AsmBuilder a, Regs regs, int sumConstant) {
      var c = new SwarConstants(regs.take(), regs.take(), regs.take(), regs.take());
      a.li(c.m1, M1);
      a.li(c.m2, M2);
      a.li(c.m4, M4);
      a.li(c.sum, sumConstant);
      return c;
    }
  }

  /** Where input word k of a layer is: a register, or a load it emits. */
  interface XSource {
    String word(int k);
  }

  /** The raw count of one neuron over {@code words} weight words at {@code offset(wp)}, into {@code acc}. */
  String count(String acc, int offset, int words, String wp, XSource x, Ring ring, SwarConstants swar,
      String chunkAcc) {
    switch (isa) {
      case RV32IM_XBNN -> {
        for (int k = 0; k < words; k++) {
          String w = ring.next();
          a.lw(w, offset + 4 * k, wp);
          a.xnorpop(k > 0, acc, x.word(k), w);
        }
      }
      case RV32IM_ZBB -> {
        for (int k = 0; k < words; k++) {
          String w = ring.next();
          a.lw(w, offset + 4 * k, wp);
          String t = ring.next();
          a.r("xnor", t, x.word(k), w);
          if (k == 0) {
            a.unary("cpop", acc, t);
          } else {
            a.unary("cpop", t, t);
            a.r("add", acc, acc, t);
          }
        }
      }
      case RV32IM -> {
        for (int start = 0; start < words; start += CHUNK) {
          String target = start == 0 ? acc : chunkAcc;
          for (int k = start; k < Math.min(words, start + CHUNK); k++) {
            String w = ring.next();
            a.lw(w, offset + 4 * k, wp);
            swarStep(target, k == start, x.word(k), w, ring, swar);
          }
          horizontalSum(target, ring, swar, words <= 7);
          if (start > 0) {
            a.r("add", acc, acc, chunkAcc);
          }
        }
      }
    }
    return acc;
  }

  /** Adds popcount(x ^ w) to the byte lanes of {@code lanes} (or sets them, when {@code first}). */
  void swarStep(String lanes, boolean first, String x, String w, Ring ring, SwarConstants c) {
    String v = ring.next();
    String t = ring.next();
    a.r("xor", v, x, w);
    a.i("srli", t, v, 1);
    a.r("and", t, t, c.m1);
    a.r("sub", v, v, t);
    a.i("srli", t, v, 2);
    a.r("and", t, t, c.m2);
    a.r("and", v, v, c.m2);
    a.r("add", v, v, t);
    a.i("srli", t, v, 4);
    a.r("add", v, v, t);
    if (first) {
      a.r("and", lanes, v, c.m4);
    } else {
      a.r("and", v, v, c.m4);
      a.r("add", lanes, lanes, v);
    }
  }

  /**
   * The sum of the byte lanes of {@code lanes} (each at most 248), in place: a multiply when the total
   * fits a byte ({@code c.sum} = 0x01010101), else two folds with {@code c.sum} = 0x00ff00ff.
   */
  void horizontalSum(String lanes, Ring ring, SwarConstants c, boolean byMultiply) {
    if (byMultiply) {
      a.r("mul", lanes, lanes, c.sum);
      a.i("srli", lanes, lanes, 24);
      return;
    }
    String t = ring.next();
    a.i("srli", t, lanes, 8);
    a.r("and", t, t, c.sum);
    a.r("and", lanes, lanes, c.sum);
    a.r("add", lanes, lanes, t);
    a.i("srli", t, lanes, 16);
    a.r("add", lanes, lanes, t);
    a.i("andi", lanes, lanes, 2047);
  }
}
