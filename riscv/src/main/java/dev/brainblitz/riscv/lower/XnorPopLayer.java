package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADD;
import static dev.brainblitz.riscv.isa.Opcode.ADDI;
import static dev.brainblitz.riscv.isa.Opcode.SUB;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer on bipolar input ({@link LayerMethod#XNOR_POP}): its input words in registers when they
 * fit; a hidden layer computes one output word of 32 neurons per outer iteration, in blocks of
 * several neurons per inner iteration (unrolled), and shifts each neuron's threshold bit into the
 * output word as soon as its count is known ({@code slt}, {@code add out,out,out},
 * {@code add out,out,bit}); neurons go from the highest of a word down, so the first ends in bit 0.
 * The scores layer loops over the classes and stores each score.
 */
final class XnorPopLayer implements LayerEmitter {
  private final KernelContext kernel;
  private final AsmBuilder a;
  private final Isa isa;

  XnorPopLayer(KernelContext kernel) {
    this.kernel = kernel;
    this.a = kernel.a;
    this.isa = kernel.isa;
  }

  @Override
  public void emit(LayerCode layer) {
    String label = layer.label();
    BitMatrix w = layer.weights();
    ThresholdTable th = layer.thresholds();
    boolean hidden = layer.hidden();
    int source = layer.source();
    int n = w.columns();
    int words = BitMatrix.wordsFor(n);
    int rows = w.rows();
    int pad = 32 * words - n;
    boolean agree = kernel.countsAgreements();
    // raw = p + pad (agreements, padding bits agree) or n - p (disagreements).
    long beta = agree ? -pad : n;
    int neuronBytes = 4 * words + 4;
    if (!AsmBuilder.withinReach(neuronBytes)) {
      throw new ExecutorUnavailableException("layer '" + label + "' has " + n
          + " inputs; this lowering supports up to 16,320 per layer");
    }

    a.blank();
    a.comment(label + ": " + n + " bipolar inputs (" + words + (words == 1 ? " word) -> " : " words) -> ") + rows
        + (hidden ? " neurons" : " scores") + (hidden ? ", threshold bits packed into words" : ""));
    kernel.ruleComment(agree ? "c = popcount(xnor(x, w)) over the words" : "c = popcount(x ^ w) over the words", agree,
        hidden);
    a.label(label);
    Regs regs = new Regs();
    Reg wp = regs.take();
    // Counting disagreements is rv32im's SWAR popcount (KernelContext.countsAgreements).
    PopcountSteps.SwarConstants swar = !agree
        ? PopcountSteps.SwarConstants.load(a, regs, words <= 7 ? PopcountSteps.BYTE_SUM : PopcountSteps.M8) : null;
    Reg chunkAcc = !agree && words > PopcountSteps.CHUNK ? regs.take() : null;
    int fixed = hidden ? 4 : 2;
    int minRing = !agree ? 6 : 4;
    boolean inRegisters = words <= regs.size() - fixed - 2 - minRing;
    List<Reg> xs = null;
    Reg xBase = null;
    if (inRegisters) {
      xs = regs.take(words);
    } else {
      xBase = regs.take();
    }
    Reg acc0 = regs.take();
    Reg acc1 = regs.take();
    List<Reg> fixedRegs = regs.take(fixed);
    Ring ring = regs.rest();

    a.la(wp, layer.dataLabel());
    // The input: loaded into registers once, or addressed from xBase.
    Reg base = Reg.SP;
    int baseOffset = source;
    if (source < 0) {
      base = inRegisters ? ring.next() : xBase;
      a.lw(base, kernel.frame.slotInput(), Reg.SP);
      baseOffset = 0;
    } else if (!inRegisters) {
      a.addConstant(xBase, Reg.SP, source, xBase);
      base = xBase;
      baseOffset = 0;
    } else if (!AsmBuilder.withinReach(source + 4L * words)) {
      // A flattened feature map, beyond 12-bit offsets of sp.
      base = ring.next();
      a.addConstant(base, Reg.SP, source, base);
      baseOffset = 0;
    }
    if (inRegisters) {
      for (int k = 0; k < words; k++) {
        a.lw(xs.get(k), baseOffset + 4 * k, base);
      }
    }
    final List<Reg> inputs = xs;
    final Reg memoryBase = base;
    PopcountSteps.XSource x = (k) -> {
      if (inputs != null) {
        return inputs.get(k);
      }
      Reg r = ring.next();
      a.lw(r, 4 * k, memoryBase);
      return r;
    };

    List<Integer> data = new ArrayList<>();
    NeuronCount count = new NeuronCount(words, wp, x, ring, swar, chunkAcc, agree);
    if (hidden) {
      Reg outp = fixedRegs.get(0);
      Reg oend = fixedRegs.get(1);
      Reg iend = fixedRegs.get(2);
      Reg out = fixedRegs.get(3);
      a.addConstant(outp, Reg.SP, layer.target(), outp);
      emitThresholdWords(label, rows, count, acc0, acc1, out, outp, oend, iend);
      for (int j : FoldedConstants.shiftOrder(rows)) {
        addNeuronData(data, w, th, j, agree, beta, n, null);
      }
    } else {
      Reg sptr = fixedRegs.get(0);
      Reg send = fixedRegs.get(1);
      String loop = ".L" + label + "_class";
      a.lw(sptr, kernel.frame.slotScores(), Reg.SP);
      a.addConstant(send, sptr, 4 * rows, ring.next());
      a.label(loop);
      Reg raw = count.emit(kernel.popcount, acc0, 0);
      Reg k = ring.next();
      a.lw(k, 4 * words, wp);
      if (agree) {
        a.op(ADD, k, raw, k);
      } else {
        a.op(SUB, k, k, raw);
      }
      a.sw(k, 0, sptr);
      a.op(ADDI, sptr, sptr, 4);
      a.addConstant(wp, wp, neuronBytes, ring.next());
      a.loopBack(sptr, send, loop);
      for (int c = 0; c < rows; c++) {
        addNeuronData(data, w, null, c, agree, beta, n, (long) layer.bias().get(c));
      }
    }
    kernel.addStream(layer.dataLabel(), label + ": per " + (hidden ? "neuron" : "class") + " " + words
        + (words == 1 ? " weight word" : " weight words") + (hidden ? " (le rows complemented)" : "")
        + ", then its constant", data);
  }

  /** Neurons per inner iteration: a power of two dividing 32, keeping offsets in 12 bits and the body short. */
  int blockSize(int words, int neuronBytes) {
    int perWord = switch (isa) {
      case RV32IM_XBNN, RV32IM_XBNN2 -> 2;
      case RV32IM_ZBB -> 4;
      case RV32IM -> 13;
    };
    int block = 32;
    while (block > 1 && (!AsmBuilder.withinReach(block * neuronBytes) || block * (perWord * words + 4) > 320)) {
      block /= 2;
    }
    return block;
  }

  private static void addNeuronData(List<Integer> data, BitMatrix w, ThresholdTable th, int j, boolean agree, long beta,
      int n, Long bias) {
    for (int word : FoldedConstants.storedRow(w, th, j)) {
      data.add(word);
    }
    Long threshold = th == null ? null : FoldedConstants.flippedThreshold(th, j, n);
    data.add(FoldedConstants.constant(agree, beta, threshold, bias == null ? 0 : bias));
  }

  /**
   * What counting one neuron over its {@code words} weight words at {@code wp} takes: the input
   * words, the register ring, the level's constants (rv32im) and whether it counts agreements.
   */
  record NeuronCount(int words, Reg wp, PopcountSteps.XSource x, Ring ring, PopcountSteps.SwarConstants swar,
      Reg chunkAcc, boolean agree) {
    /** The neuron's raw count from its weights at {@code wp + offset}. */
    Reg emit(PopcountSteps popcount, Reg acc, int offset) {
      return popcount.count(acc, offset, words, wp, x, ring, swar, chunkAcc);
    }

    /** Bytes of one neuron's data: its weight words and its constant. */
    int neuronBytes() {
      return 4 * words + 4;
    }
  }

  /**
   * The threshold bits of {@code rows} neurons, 32 to a word stored at {@code outp} (moved on by 4
   * per full word; not after a last partial word). Per full word one iteration of a loop (back while
   * {@code outp} is below {@code oend}; null: a single word, no loop) around a loop over blocks of
   * neurons ({@link #blockSize}, {@code iend} its end); a last partial word in straight-line code,
   * {@code wp} moved on wherever the next neuron's data would be out of a 12-bit offset. The counts
   * alternate between {@code acc0} and {@code acc1}. The neurons' data: {@link FoldedConstants#shiftOrder}.
   */
  void emitThresholdWords(String label, int rows, NeuronCount count, Reg acc0, Reg acc1, Reg out, Reg outp, Reg oend,
      Reg iend) {
    Reg wp = count.wp();
    Ring ring = count.ring();
    int neuronBytes = count.neuronBytes();
    int fullWords = rows / 32;
    int rest = rows % 32;
    int accToggle = 0;
    if (fullWords > 0) {
      String wordLoop = ".L" + label + "_word";
      String blockLoop = ".L" + label + "_block";
      int block = blockSize(count.words(), neuronBytes);
      if (oend != null) {
        a.addConstant(oend, outp, 4 * fullWords, ring.next());
      }
      a.label(wordLoop);
      a.addConstant(iend, wp, 32 * neuronBytes, ring.next());
      a.label(blockLoop);
      for (int i = 0; i < block; i++) {
        emitNeuron(accToggle++ % 2 == 0 ? acc0 : acc1, i * neuronBytes, count, out);
      }
      a.addConstant(wp, wp, block * neuronBytes, ring.next());
      a.loopBack(wp, iend, blockLoop);
      a.sw(out, 0, outp);
      a.op(ADDI, outp, outp, 4);
      if (oend != null) {
        a.loopBack(outp, oend, wordLoop);
      }
    }
    if (rest > 0) {
      a.li(out, 0);
      int first = 0;
      for (int i = 0; i < rest; i++) {
        if (!AsmBuilder.withinReach((i - first + 1) * neuronBytes)) {
          a.addConstant(wp, wp, (i - first) * neuronBytes, ring.next());
          first = i;
        }
        emitNeuron(accToggle++ % 2 == 0 ? acc0 : acc1, (i - first) * neuronBytes, count, out);
      }
      a.sw(out, 0, outp);
    }
  }

  /** One hidden neuron: its count, then its threshold bit shifted into {@code out}. */
  private void emitNeuron(Reg acc, int offset, NeuronCount count, Reg out) {
    Reg raw = count.emit(kernel.popcount, acc, offset);
    kernel.shiftInThresholdBit(out, raw, offset + 4 * count.words(), count.wp(), count.ring(), count.agree());
  }
}
