package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADD;
import static dev.brainblitz.riscv.isa.Opcode.ADDI;
import static dev.brainblitz.riscv.isa.Opcode.ANDI;
import static dev.brainblitz.riscv.isa.Opcode.BEQ;
import static dev.brainblitz.riscv.isa.Opcode.BPACC;
import static dev.brainblitz.riscv.isa.Opcode.BPPUSH;
import static dev.brainblitz.riscv.isa.Opcode.OR;
import static dev.brainblitz.riscv.isa.Opcode.SLL;
import static dev.brainblitz.riscv.isa.Opcode.SLLI;
import static dev.brainblitz.riscv.isa.Opcode.SLT;
import static dev.brainblitz.riscv.isa.Opcode.SRL;
import static dev.brainblitz.riscv.isa.Opcode.SRLI;
import static dev.brainblitz.riscv.isa.Opcode.XORI;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ThresholdTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer on u8 input by bit planes with the XBNN2 unit ({@link LayerMethod#BIT_PLANES} on
 * {@link Isa#RV32IM_XBNN2}, docs/isa-xbnn.md "XBNN 2"). The unit holds one 32-byte chunk of the input
 * and sees its 8 bit planes by wiring, so nothing is transposed: per block of neurons (as many as
 * there are registers for accumulators), for each chunk, 8 loads and 4 {@code bppush} put the chunk
 * into the unit, then per neuron one load of the weight word and one {@code bpacc acc, w, acc}
 * (acc += sum_b 2^b popcount(~(plane_b ^ w))). The weights keep the IL's bit order: bit i of word k
 * is input 32 k + i, which is byte i of chunk k.
 *
 * <p>The count relates to the IL accumulator as in {@link BitPlaneLayer}: acc = sum_b 2^b X_b + 255
 * (pop(w) - 32 W), with the padding bytes of the last chunk pushed as zeros (agreeing with the zero
 * padding bits of the weights).
 */
final class PlaneUnitLayer implements LayerEmitter {
  /** Registers for the chunk words and the weight words, rotated so that loads run ahead of their uses. */
  private static final int TEMPORARIES = 4;

  private final KernelContext kernel;
  private final AsmBuilder a;

  PlaneUnitLayer(KernelContext kernel) {
    this.kernel = kernel;
    this.a = kernel.a;
  }

  /** Neurons per block: every register not holding a pointer or a temporary holds an accumulator. */
  static int blockSize(int rows) {
    return Math.min(rows, Regs.POOL.size() - 3 - TEMPORARIES);
  }

  @Override
  public void emit(LayerCode layer) {
    String label = layer.label();
    BitMatrix w = layer.weights();
    ThresholdTable th = layer.thresholds();
    boolean hidden = layer.hidden();
    int n = w.columns();
    int words = BitMatrix.wordsFor(n);
    int rows = w.rows();
    int perBlock = blockSize(rows);
    int blocks = rows / perBlock;
    int rest = rows % perBlock;
    // The input and weight pointers move on per chunk: offsets stay within 32 and 4 * perBlock bytes, any width.

    a.blank();
    a.comment(label + ": " + n + " u8 inputs in " + words + (words == 1 ? " chunk" : " chunks")
        + " of 32 bytes through the XBNN2 unit -> " + rows + (hidden ? " neurons" : " scores") + ", " + perBlock
        + " per block");
    kernel.ruleComment("c = sum_b 2^b popcount(xnor(plane_b, w)), by bpacc", true, hidden);
    a.label(label);
    if (hidden) {
      for (int o = 0; o < BitMatrix.wordsFor(rows); o++) {
        a.sw(Reg.ZERO, layer.target() + 4 * o, Reg.SP);
      }
    }
    a.sw(Reg.ZERO, kernel.frame.slotJ(), Reg.SP);
    Reg wp = Regs.POOL.get(0);
    a.la(wp, layer.dataLabel());
    if (blocks > 0) {
      String loop = ".L" + label + "_block";
      a.label(loop);
      emitBlock(label, perBlock, n, wp, hidden, layer.target(), blocks * perBlock, loop);
    }
    if (rest > 0) {
      emitBlock(label + "_rest", rest, n, wp, hidden, layer.target(), -1, null);
    }
    List<Integer> data = new ArrayList<>();
    for (int first = 0; first < rows; first += perBlock) {
      int count = Math.min(perBlock, rows - first);
      int[][] stored = new int[count][];
      for (int i = 0; i < count; i++) {
        stored[i] = FoldedConstants.storedRow(w, th, first + i);
      }
      for (int k = 0; k < words; k++) {
        for (int i = 0; i < count; i++) {
          data.add(stored[i][k]);
        }
      }
      for (int i = 0; i < count; i++) {
        int j = first + i;
        long ones = 0;
        for (int word : stored[i]) {
          ones += Integer.bitCount(word);
        }
        long beta = 255 * (ones - 32L * words);
        Long threshold = hidden ? FoldedConstants.flippedThreshold(th, j, 0) : null;
        data.add(FoldedConstants.constant(true, beta, threshold, hidden ? 0 : layer.bias().get(j)));
      }
    }
    kernel.addStream(layer.dataLabel(), label + ": per block of " + perBlock + " " + (hidden ? "neurons" : "classes")
        + ": weight word k of each" + (hidden ? " (le rows complemented)" : "") + ", then their constants", data);
  }

  /**
   * One block of {@code count} neurons, whose data starts at wp: the accumulators cleared, the full
   * chunks in a loop, the last partial chunk straight-line, then each neuron's compare (or score).
   * Ends with wp past the block's data and the neuron index (kept in the frame) advanced; when
   * {@code loopEnd} >= 0, with the branch back to {@code loopLabel} while the index is below it.
   */
  private void emitBlock(String label, int count, int n, Reg wp, boolean hidden, int target, int loopEnd,
      String loopLabel) {
    Regs regs = new Regs();
    regs.take(); // wp
    Reg ip = regs.take();
    Reg iend = regs.take();
    List<Reg> temps = regs.take(TEMPORARIES);
    List<Reg> acc = regs.take(count);
    Ring ring = new Ring(temps);
    int full = n / 32;
    int partial = n % 32;
    a.lw(ip, kernel.frame.slotInput(), Reg.SP);
    for (Reg r : acc) {
      a.li(r, 0);
    }
    if (full > 0) {
      String chunkLoop = ".L" + label + "_chunk";
      a.addConstant(iend, ip, 32 * full, iend);
      a.label(chunkLoop);
      for (int m = 0; m < 8; m += 2) {
        Reg lo = ring.next();
        Reg hi = ring.next();
        a.lw(lo, 4 * m, ip);
        a.lw(hi, 4 * m + 4, ip);
        a.push(BPPUSH, lo, hi);
      }
      accumulate(acc, wp, ring);
      a.op(ADDI, ip, ip, 32);
      a.op(ADDI, wp, wp, 4 * count);
      a.loopBack(ip, iend, chunkLoop);
    }
    if (partial > 0) {
      // The last bytes: whole words with lw, the rest with lbu (never read past the vector), zeros after.
      Reg[] chunk = new Reg[8];
      for (int m = 0; m < 8; m++) {
        int bytes = Math.max(0, Math.min(4, partial - 4 * m));
        if (bytes == 0) {
          chunk[m] = Reg.ZERO;
          continue;
        }
        Reg xm = ring.next();
        chunk[m] = xm;
        if (bytes == 4) {
          a.lw(xm, 4 * m, ip);
        } else {
          a.lbu(xm, 4 * m, ip);
          for (int i = 1; i < bytes; i++) {
            Reg t = iend;
            a.lbu(t, 4 * m + i, ip);
            a.op(SLLI, t, t, 8 * i);
            a.op(OR, xm, xm, t);
          }
        }
        if (m % 2 == 1) {
          a.push(BPPUSH, chunk[m - 1], chunk[m]);
        }
      }
      for (int m = 0; m < 8; m += 2) {
        if (chunk[m + 1] == Reg.ZERO) {
          a.push(BPPUSH, chunk[m], Reg.ZERO);
        }
      }
      accumulate(acc, wp, ring);
      a.op(ADDI, wp, wp, 4 * count);
    }
    // The epilogue: wp points at the constants; the temporaries and pointers are free.
    Reg j = ip;
    Reg k = iend;
    Reg bit = temps.get(0);
    Reg address = temps.get(1);
    Reg word = temps.get(2);
    Reg scores = temps.get(3);
    if (count > 31) {
      throw new IllegalStateException("a block of " + count + " neurons does not fit one output word's spill");
    }
    a.lw(j, kernel.frame.slotJ(), Reg.SP);
    if (hidden) {
      // The block's bits (neuron j + i in bit i), then ORed into the output at bit j, spilling into the next word.
      Reg bits = temps.get(3);
      for (int i = 0; i < count; i++) {
        a.lw(k, 4 * i, wp);
        a.op(SLT, i == 0 ? bits : bit, k, acc.get(i));
        if (i > 0) {
          a.op(SLLI, bit, bit, i);
          a.op(OR, bits, bits, bit);
        }
      }
      Reg shift = k;
      a.op(SRLI, address, j, 5);
      a.op(SLLI, address, address, 2);
      a.op(ADD, address, address, Reg.SP);
      a.op(ANDI, shift, j, 31);
      a.lw(word, target, address);
      a.op(SLL, bit, bits, shift);
      a.op(OR, word, word, bit);
      a.sw(word, target, address);
      // bits >> (32 - shift), as (bits >> 1) >> (31 - shift): 0 when shift is 0 (a block has at most 31 bits).
      a.op(SRLI, bit, bits, 1);
      a.op(XORI, shift, shift, 31);
      a.op(SRL, bit, bit, shift);
      String aligned = ".L" + label + "_aligned";
      a.branch(BEQ, bit, Reg.ZERO, aligned);
      a.lw(word, target + 4, address);
      a.op(OR, word, word, bit);
      a.sw(word, target + 4, address);
      a.label(aligned);
      a.op(ADDI, j, j, count);
    } else {
      a.lw(scores, kernel.frame.slotScores(), Reg.SP);
      for (int i = 0; i < count; i++) {
        a.lw(k, 4 * i, wp);
        a.op(ADD, k, acc.get(i), k);
        kernel.storeScore(k, j, scores, address);
        a.op(ADDI, j, j, 1);
      }
    }
    a.sw(j, kernel.frame.slotJ(), Reg.SP);
    a.op(ADDI, wp, wp, 4 * count);
    if (loopEnd >= 0) {
      a.li(bit, loopEnd);
      a.loopBack(j, bit, loopLabel);
    }
  }

  /** Per neuron of the block: its weight word of the chunk in the unit, loaded and summed into its accumulator. */
  private void accumulate(List<Reg> acc, Reg wp, Ring ring) {
    for (int i = 0; i < acc.size(); i++) {
      Reg weight = ring.next();
      a.lw(weight, 4 * i, wp);
      a.op(BPACC, acc.get(i), weight, acc.get(i));
    }
  }
}
