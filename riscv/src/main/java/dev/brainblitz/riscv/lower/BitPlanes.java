package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.AND;
import static dev.brainblitz.riscv.isa.Opcode.SLLI;
import static dev.brainblitz.riscv.isa.Opcode.SRLI;
import static dev.brainblitz.riscv.isa.Opcode.XOR;

import java.util.List;

/**
 * The bit planes of a u8 vector: the 8x8 bit transpose the kernel runs once per 32 input bytes, and
 * the matching order of the weight bits. Plane b, word k, bit 8i + m is bit b of input byte
 * 32k + 4m + i (the 32 bytes of word k, as 8 loaded words m of 4 bytes i).
 */
final class BitPlanes {
  private BitPlanes() {}

  /** Transposes, in every byte lane, the 8x8 bit matrix (register m, bit b) in place: 3 stages of swaps. */
  static void transpose8(AsmBuilder a, List<Reg> x, Reg l4, Reg l2, Reg l1, Ring ring) {
    int[] shifts = {4, 2, 1};
    Reg[] masks = {l4, l2, l1};
    for (int stage = 0; stage < 3; stage++) {
      int s = shifts[stage];
      for (int m = 0; m < 8; m++) {
        if ((m & s) != 0) {
          continue;
        }
        Reg lo = x.get(m);
        Reg hi = x.get(m + s);
        Reg t = ring.next();
        a.op(SRLI, t, lo, s);
        a.op(XOR, t, t, hi);
        a.op(AND, t, t, masks[stage]);
        a.op(XOR, hi, hi, t);
        a.op(SLLI, t, t, s);
        a.op(XOR, lo, lo, t);
      }
    }
  }

  /** Word k of neuron j's weights in plane order ; padding bits 0. */
  static int planeWord(int[] row, int n, int k) {
    int word = 0;
    for (int m = 0; m < 8; m++) {
      for (int i = 0; i < 4; i++) {
        int e = 32 * k + 4 * m + i;
        if (e < n && ((row[e >>> 5] >>> (e & 31)) & 1) != 0) {
          word |= 1 << (8 * i + m);
        }
      }
    }
    return word;
  }
}
