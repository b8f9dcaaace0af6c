package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADD;
import static dev.brainblitz.riscv.isa.Opcode.ADDI;
import static dev.brainblitz.riscv.isa.Opcode.CPOP;
import static dev.brainblitz.riscv.isa.Opcode.OR;
import static dev.brainblitz.riscv.isa.Opcode.SLLI;
import static dev.brainblitz.riscv.isa.Opcode.SLT;
import static dev.brainblitz.riscv.isa.Opcode.SUB;
import static dev.brainblitz.riscv.isa.Opcode.XNOR;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import dev.brainblitz.riscv.isa.Form;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer on u8 input by bit planes ({@link LayerMethod#BIT_PLANES}): the input is transposed into
 * 8 bit planes once per inference ({@link #transpose}, an 8x8 bit transpose of every 32 bytes with
 * masks), then XNOR(weight word, plane word) is counted for the 8 planes of each word with the
 * weight word loaded once: acc = sum_b 2^b X_b + constant.
 */
final class BitPlaneLayer implements LayerEmitter {
  private final KernelContext kernel;
  private final AsmBuilder a;
  private final Isa isa;

  BitPlaneLayer(KernelContext kernel) {
    this.kernel = kernel;
    this.a = kernel.a;
    this.isa = kernel.isa;
  }

  /**
   * Transposes the caller's {@code n}-byte u8 vector into 8 bit planes on the stack: plane b, word k,
   * bit 8i + m is bit b of byte 32k + 4m + i (the 32 bytes of one word k, as 8 input words m of 4
   * bytes i). That order (not the IL's) is what an 8x8 bit transpose of 8 loaded words gives; the
   * layer's weights are stored permuted to match. Plane word (k, b) lives at planes + 4 (8k + b).
   */
  void transpose(String model, int n) {
    int full = n / 32;
    int rest = n % 32;
    a.blank();
    a.comment("bit planes of the " + n + "-byte input: an 8x8 bit transpose per 32 bytes");
    a.label(model + "_planes");
    Regs regs = new Regs();
    List<Reg> xs = regs.take(8);
    Reg l4 = regs.take();
    Reg l2 = regs.take();
    Reg l1 = regs.take();
    Reg ip = regs.take();
    Reg pp = regs.take();
    Reg pend = regs.take();
    Ring ring = regs.rest();
    a.lw(ip, kernel.frame.slotInput(), Reg.SP);
    a.li(l4, 0x0f0f0f0f);
    a.li(l2, 0x33333333);
    a.li(l1, 0x55555555);
    a.addConstant(pp, Reg.SP, kernel.frame.planes(), pp);
    if (full > 0) {
      String loop = ".L" + model + "_planes";
      a.addConstant(pend, pp, 32 * full, pend);
      a.label(loop);
      for (int m = 0; m < 8; m++) {
        a.lw(xs.get(m), 4 * m, ip);
      }
      BitPlanes.transpose8(a, xs, l4, l2, l1, ring);
      for (int b = 0; b < 8; b++) {
        a.sw(xs.get(b), 4 * b, pp);
      }
      a.op(ADDI, ip, ip, 32);
      a.op(ADDI, pp, pp, 32);
      a.loopBack(pp, pend, loop);
    }
    if (rest > 0) {
      // The last, partial 32 bytes: whole words with lw, the last bytes with lbu (never read past the vector).
      for (int m = 0; m < 8; m++) {
        int bytes = Math.max(0, Math.min(4, rest - 4 * m));
        Reg xm = xs.get(m);
        if (bytes == 4) {
          a.lw(xm, 4 * m, ip);
        } else if (bytes == 0) {
          a.li(xm, 0);
        } else {
          a.lbu(xm, 4 * m, ip);
          for (int i = 1; i < bytes; i++) {
            Reg t = ring.next();
            a.lbu(t, 4 * m + i, ip);
            a.op(SLLI, t, t, 8 * i);
            a.op(OR, xm, xm, t);
          }
        }
      }
      BitPlanes.transpose8(a, xs, l4, l2, l1, ring);
      for (int b = 0; b < 8; b++) {
        a.sw(xs.get(b), 4 * b, pp);
      }
    }
  }

  /**
   * The layer on u8 input. With X_b the XNOR count of the weights against plane b (all 32 bits of
   * every word), acc = sum_b 2^b X_b + 255 (pop(w) - 32 W): the plane sums cancel, so nothing about
   * the input is computed besides the planes. rv32im counts XOR instead: acc = 255 pop(w) - sum_b 2^b
   * Y_b. Two neurons per iteration (one on rv32im) share each loaded plane word.
   */
  @Override
  public void emit(LayerCode layer) {
    String label = layer.label();
    BitMatrix w = layer.weights();
    ThresholdTable th = layer.thresholds();
    int target = layer.target();
    boolean hidden = layer.hidden();
    int n = w.columns();
    int words = BitMatrix.wordsFor(n);
    int rows = w.rows();
    boolean agree = kernel.countsAgreements();
    // Zbb has no register to spare for a plane pointer with two neurons in flight.
    int perBlock = switch (isa) {
      case RV32IM -> 1;
      case RV32IM_ZBB -> planesViaPointer(words) ? 1 : 2;
      case RV32IM_XBNN, RV32IM_XBNN2 -> 2; // rv32im_xbnn2 uses PlaneUnitLayer
    };
    int blocks = rows / perBlock;
    int rest = rows % perBlock;
    if (!AsmBuilder.withinReach(4 * (perBlock * words + perBlock))) {
      throw new ExecutorUnavailableException("layer '" + label + "' has too many inputs for this lowering");
    }

    a.blank();
    a.comment(label + ": " + n + " u8 inputs as 8 bit planes of " + words + (words == 1 ? " word -> " : " words -> ") + rows
        + (hidden ? " neurons" : " scores") + ", " + perBlock + " per iteration");
    kernel.ruleComment("c = sum_b 2^b popcount(" + (agree ? "xnor(plane_b, w)" : "plane_b ^ w") + ")", agree, hidden);
    a.label(label);
    if (hidden) {
      for (int o = 0; o < BitMatrix.wordsFor(rows); o++) {
        a.sw(Reg.ZERO, target + 4 * o, Reg.SP);
      }
    }
    a.sw(Reg.ZERO, kernel.frame.slotJ(), Reg.SP);
    Reg wp = Regs.POOL.get(0);
    a.la(wp, layer.dataLabel());
    List<Integer> data = new ArrayList<>();
    if (blocks > 0) {
      String loop = ".L" + label + "_block";
      a.label(loop);
      emitPlaneBlock(perBlock, words, wp, hidden, target, agree, blocks * perBlock, loop);
    }
    if (rest > 0) {
      emitPlaneBlock(1, words, wp, hidden, target, agree, -1, null);
    }
    // The data in the order the blocks read it: per block, word k of each neuron, then the constants.
    for (int first = 0; first < rows; first += perBlock) {
      int count = first + perBlock <= rows ? perBlock : rows - first;
      int[][] stored = new int[count][];
      for (int i = 0; i < count; i++) {
        stored[i] = FoldedConstants.storedRow(w, th, first + i);
      }
      for (int k = 0; k < words; k++) {
        for (int i = 0; i < count; i++) {
          data.add(BitPlanes.planeWord(stored[i], n, k));
        }
      }
      for (int i = 0; i < count; i++) {
        int j = first + i;
        long ones = 0;
        for (int word : stored[i]) {
          ones += Integer.bitCount(word);
        }
        long beta = agree ? 255 * (ones - 32L * words) : 255 * ones;
        Long threshold = hidden ? FoldedConstants.flippedThreshold(th, j, 0) : null;
        data.add(FoldedConstants.constant(agree, beta, threshold, hidden ? 0 : layer.bias().get(j)));
      }
    }
    kernel.addStream(layer.dataLabel(), label + ": per " + perBlock + " " + (hidden ? "neuron" : "class")
        + "(s): word k of each in plane bit order" + (hidden ? " (le rows complemented)" : "")
        + ", then their constants", data);
  }

  /** Whether the plane words lie beyond 12-bit offsets of sp, so that a pointer must reach them. */
  private boolean planesViaPointer(int words) {
    return !Form.LOAD.fits(kernel.frame.planes() + 32L * words - 4); // the offset of the last plane word
  }

  /** Where the plane words are read from: sp directly, or a pointer moved on as k grows. */
  private final class PlaneReader {
    private final Reg pointer;
    private int based;

    PlaneReader(Reg pointer) {
      this.pointer = pointer;
      if (pointer != null) {
        a.addConstant(pointer, Reg.SP, kernel.frame.planes(), pointer);
      }
    }

    /** Emits the 8 loads of plane column k into {@code regs}. */
    void load(int k, List<Reg> regs) {
      if (pointer == null) {
        for (int b = 0; b < 8; b++) {
          a.lw(regs.get(b), kernel.frame.planes() + 4 * (8 * k + b), Reg.SP);
        }
        return;
      }
      // Column k (32 bytes) lies within reach of the pointer; the step to it (at most 2016) then fits an addi.
      if (!AsmBuilder.withinReach(32 * k - based + 32)) {
        a.op(ADDI, pointer, pointer, 32 * k - based);
        based = 32 * k;
      }
      for (int b = 0; b < 8; b++) {
        a.lw(regs.get(b), 4 * (8 * k + b) - based, pointer);
      }
    }
  }

  /**
   * One iteration over {@code count} neurons of a plane layer, whose data starts at wp. Ends with
   * wp advanced and the neuron index (kept in the frame) advanced; when {@code loopEnd} >= 0, with the
   * branch back to {@code loopLabel} while the index is below it.
   */
  private void emitPlaneBlock(int count, int words, Reg wp, boolean hidden, int target, boolean agree, int loopEnd,
      String loopLabel) {
    Regs regs = new Regs();
    regs.take(); // wp (t0)
    List<Reg> planeRegs = regs.take(8);
    int blockBytes = 4 * (count * words + count);
    List<Reg> results = new ArrayList<>();
    // rv32im counts disagreements with a SWAR popcount; zbb and xbnn count agreements, xbnn in one instruction.
    boolean swarCount = switch (isa) {
      case RV32IM -> true;
      case RV32IM_ZBB, RV32IM_XBNN, RV32IM_XBNN2 -> false;
    };
    boolean fusedStep = switch (isa) {
      case RV32IM_XBNN, RV32IM_XBNN2 -> true;
      case RV32IM, RV32IM_ZBB -> false;
    };
    if (swarCount) {
      List<Reg> lanes = regs.take(8);
      Reg sum = regs.take();
      PopcountSteps.SwarConstants swar = PopcountSteps.SwarConstants.load(a, regs, PopcountSteps.M8);
      Reg w = regs.take();
      PlaneReader reader = new PlaneReader(planesViaPointer(words) ? regs.take() : null);
      Ring ring = regs.rest();
      a.li(sum, 0);
      for (int k = 0; k < words; k++) {
        reader.load(k, planeRegs);
        a.lw(w, 4 * k, wp);
        boolean first = k % PopcountSteps.CHUNK == 0;
        for (int b = 0; b < 8; b++) {
          kernel.popcount.swarStep(lanes.get(b), first, planeRegs.get(b), w, ring, swar);
        }
        if (k % PopcountSteps.CHUNK == PopcountSteps.CHUNK - 1 || k == words - 1) {
          for (int b = 0; b < 8; b++) {
            Reg lane = lanes.get(b);
            kernel.popcount.horizontalSum(lane, ring, swar, false);
            if (b > 0) {
              a.op(SLLI, lane, lane, b);
            }
            a.op(ADD, sum, sum, lane);
          }
        }
      }
      results.add(sum);
    } else {
      List<List<Reg>> acc = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        acc.add(regs.take(8));
      }
      // xbnn: the weight words rotate over every spare register; zbb keeps one spare for xnor/cpop.
      PlaneReader reader = new PlaneReader(planesViaPointer(words) ? regs.take() : null);
      List<Reg> spare = regs.take(regs.size());
      Reg xnorTemp = spare.get(spare.size() - 1);
      Ring ring = new Ring(fusedStep ? spare : spare.subList(0, spare.size() - 1));
      List<Reg> weightRegs = new ArrayList<>();
      for (int k = 0; k < words; k++) {
        reader.load(k, planeRegs);
        weightRegs.clear();
        for (int i = 0; i < count; i++) {
          Reg wr = fusedStep ? ring.next() : spare.get(i);
          a.lw(wr, 4 * (count * k + i), wp);
          weightRegs.add(wr);
        }
        for (int b = 0; b < 8; b++) {
          for (int i = 0; i < count; i++) {
            Reg target0 = acc.get(i).get(b);
            if (fusedStep) {
              a.xnorpop(k > 0, target0, planeRegs.get(b), weightRegs.get(i));
            } else if (k == 0) {
              a.op(XNOR, target0, planeRegs.get(b), weightRegs.get(i));
              a.op(CPOP, target0, target0);
            } else {
              Reg t = xnorTemp;
              a.op(XNOR, t, planeRegs.get(b), weightRegs.get(i));
              a.op(CPOP, t, t);
              a.op(ADD, target0, target0, t);
            }
          }
        }
      }
      // sum_b 2^b X_b by Horner, into each neuron's plane-7 register.
      for (int i = 0; i < count; i++) {
        List<Reg> x = acc.get(i);
        Reg v = x.get(7);
        for (int b = 6; b >= 0; b--) {
          a.op(SLLI, v, v, 1);
          a.op(ADD, v, v, x.get(b));
        }
        results.add(v);
      }
    }
    // The epilogue: temporaries are the plane registers, now dead.
    Reg j = planeRegs.get(0);
    Reg k = planeRegs.get(1);
    Reg bit = planeRegs.get(2);
    Reg address = planeRegs.get(3);
    Reg word = planeRegs.get(4);
    Reg scores = planeRegs.get(5);
    a.lw(j, kernel.frame.slotJ(), Reg.SP);
    if (!hidden) {
      a.lw(scores, kernel.frame.slotScores(), Reg.SP);
    }
    for (int i = 0; i < count; i++) {
      Reg raw = results.get(i);
      a.lw(k, 4 * (count * words + i), wp);
      if (hidden) {
        if (agree) {
          a.op(SLT, bit, k, raw);
        } else {
          a.op(SLT, bit, raw, k);
        }
        kernel.orBitIntoOutput(bit, j, target, address, word);
      } else {
        if (agree) {
          a.op(ADD, k, raw, k);
        } else {
          a.op(SUB, k, k, raw);
        }
        kernel.storeScore(k, j, scores, address);
      }
      a.op(ADDI, j, j, 1);
    }
    a.sw(j, kernel.frame.slotJ(), Reg.SP);
    a.addConstant(wp, wp, blockBytes, k);
    if (loopEnd >= 0) {
      a.li(bit, loopEnd);
      a.loopBack(j, bit, loopLabel);
    }
  }
}
