package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADD;
import static dev.brainblitz.riscv.isa.Opcode.AND;
import static dev.brainblitz.riscv.isa.Opcode.ANDI;
import static dev.brainblitz.riscv.isa.Opcode.CPOP;
import static dev.brainblitz.riscv.isa.Opcode.MUL;
import static dev.brainblitz.riscv.isa.Opcode.SRLI;
import static dev.brainblitz.riscv.isa.Opcode.SUB;
import static dev.brainblitz.riscv.isa.Opcode.XNOR;
import static dev.brainblitz.riscv.isa.Opcode.XOR;

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
  record SwarConstants(Reg m1, Reg m2, Reg m4, Reg sum) {
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
    Reg word(int k);
  }

  /**
   * The raw count of one neuron over {@code words} weight words at {@code offset(wp)}, into {@code acc}.
   * A switch expression over the level: a new ISA level does not compile until it counts here.
   */
  Reg count(Reg acc, int offset, int words, Reg wp, XSource x, Ring ring, SwarConstants swar, Reg chunkAcc) {
    Runnable step = switch (isa) {
      case RV32IM_XBNN, RV32IM_XBNN2 -> () -> countXbnn(acc, offset, words, wp, x, ring);
      case RV32IM_ZBB -> () -> countZbb(acc, offset, words, wp, x, ring);
      case RV32IM -> () -> countSwar(acc, offset, words, wp, x, ring, swar, chunkAcc);
    };
    step.run();
    return acc;
  }

  /** xnorpop for the first word, xnorpopacc for the others. */
  private void countXbnn(Reg acc, int offset, int words, Reg wp, XSource x, Ring ring) {
    for (int k = 0; k < words; k++) {
      Reg w = ring.next();
      a.lw(w, offset + 4 * k, wp);
      a.xnorpop(k > 0, acc, x.word(k), w);
    }
  }

  /** xnor, cpop, add per word. */
  private void countZbb(Reg acc, int offset, int words, Reg wp, XSource x, Ring ring) {
    for (int k = 0; k < words; k++) {
      Reg w = ring.next();
      a.lw(w, offset + 4 * k, wp);
      Reg t = ring.next();
      a.op(XNOR, t, x.word(k), w);
      if (k == 0) {
        a.op(CPOP, acc, t);
      } else {
        a.op(CPOP, t, t);
        a.op(ADD, acc, acc, t);
      }
    }
  }

  /** SWAR steps into byte lanes, one horizontal sum per chunk of up to {@value #CHUNK} words. */
  private void countSwar(Reg acc, int offset, int words, Reg wp, XSource x, Ring ring, SwarConstants swar,
      Reg chunkAcc) {
    for (int start = 0; start < words; start += CHUNK) {
      Reg target = start == 0 ? acc : chunkAcc;
      for (int k = start; k < Math.min(words, start + CHUNK); k++) {
        Reg w = ring.next();
        a.lw(w, offset + 4 * k, wp);
        swarStep(target, k == start, x.word(k), w, ring, swar);
      }
      horizontalSum(target, ring, swar, words <= 7);
      if (start > 0) {
        a.op(ADD, acc, acc, chunkAcc);
      }
    }
  }

  /** Adds popcount(x ^ w) to the byte lanes of {@code lanes} (or sets them, when {@code first}). */
  void swarStep(Reg lanes, boolean first, Reg x, Reg w, Ring ring, SwarConstants c) {
    Reg v = ring.next();
    Reg t = ring.next();
    a.op(XOR, v, x, w);
    a.op(SRLI, t, v, 1);
    a.op(AND, t, t, c.m1);
    a.op(SUB, v, v, t);
    a.op(SRLI, t, v, 2);
    a.op(AND, t, t, c.m2);
    a.op(AND, v, v, c.m2);
    a.op(ADD, v, v, t);
    a.op(SRLI, t, v, 4);
    a.op(ADD, v, v, t);
    if (first) {
      a.op(AND, lanes, v, c.m4);
    } else {
      a.op(AND, v, v, c.m4);
      a.op(ADD, lanes, lanes, v);
    }
  }

  /**
   * The sum of the byte lanes of {@code lanes} (each at most 248), in place: a multiply when the total
   * fits a byte ({@code c.sum} = 0x01010101), else two folds with {@code c.sum} = 0x00ff00ff.
   */
  void horizontalSum(Reg lanes, Ring ring, SwarConstants c, boolean byMultiply) {
    if (byMultiply) {
      a.op(MUL, lanes, lanes, c.sum);
      a.op(SRLI, lanes, lanes, 24);
      return;
    }
    Reg t = ring.next();
    a.op(SRLI, t, lanes, 8);
    a.op(AND, t, t, c.sum);
    a.op(AND, lanes, lanes, c.sum);
    a.op(ADD, lanes, lanes, t);
    a.op(SRLI, t, lanes, 16);
    a.op(ADD, lanes, lanes, t);
    a.op(ANDI, lanes, lanes, 2047);
  }
}
