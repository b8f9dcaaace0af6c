package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADD;
import static dev.brainblitz.riscv.isa.Opcode.ADDI;
import static dev.brainblitz.riscv.isa.Opcode.AND;
import static dev.brainblitz.riscv.isa.Opcode.BNE;
import static dev.brainblitz.riscv.isa.Opcode.CPOP;
import static dev.brainblitz.riscv.isa.Opcode.OR;
import static dev.brainblitz.riscv.isa.Opcode.SLL;
import static dev.brainblitz.riscv.isa.Opcode.SLLI;
import static dev.brainblitz.riscv.isa.Opcode.SLT;
import static dev.brainblitz.riscv.isa.Opcode.SRAI;
import static dev.brainblitz.riscv.isa.Opcode.SRLI;
import static dev.brainblitz.riscv.isa.Opcode.SUB;
import static dev.brainblitz.riscv.isa.Opcode.XNOR;
import static dev.brainblitz.riscv.isa.Opcode.XOR;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import dev.brainblitz.riscv.isa.Form;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers a validated network to one RV32 assembly function,
 * {@code int <model>_infer(const uint8_t *input, int32_t *scores)} (ilp32 psABI), for one {@link Isa}
 * level. docs/riscv.md describes the kernel; in short:
 *
 * <ul>
 *   <li>A layer on bipolar input keeps its input words in registers (when they fit), computes one
 *       output word of 32 neurons per outer iteration in blocks of several neurons per inner
 *       iteration (unrolled), and shifts each neuron's threshold bit into the output word as soon
 *       as its count is known ({@code slt}, {@code add out,out,out}, {@code add out,out,bit});
 *       neurons go from the highest of a word down, so the first ends in bit 0.
 *   <li>The u8 input layer is computed by the method {@link U8Method#estimate} finds cheaper. Bit
 *       planes: the input is transposed into 8 bit planes once per inference (an 8x8 bit transpose
 *       of every 32 bytes with masks), then XNOR(weight word, plane word) is counted for the 8
 *       planes of each word with the weight word loaded once: acc = sum_b 2^b X_b + constant.
 *       Add/sub (a few inputs): the bytes in registers, a sign mask per weight bit, acc = 2 A - S.
 *   <li>Every constant is folded at generation time: padding bits, the popcount-to-accumulator
 *       conversion, the bit-plane constant 255 (pop(w) - 32 W), the direction of the threshold
 *       ({@code le} rows are stored complemented, so every neuron compares the same way) and the
 *       bias. Weights and constants sit in .rodata in the order the code reads them.
 *   <li>Within each basic block the {@link AsmBuilder} schedules loads away from their uses.
 * </ul>
 *
 * The function is reentrant: it keeps everything in registers and its stack frame.
 */
public final class IlToRiscv {
  /** The callee-saved registers, saved by the prologue when the body writes them. */
  static final List<Reg> SAVED = List.of(Reg.RA, Reg.S0, Reg.S1, Reg.S2, Reg.S3, Reg.S4, Reg.S5, Reg.S6, Reg.S7, Reg.S8, Reg.S9, Reg.S10,
      Reg.S11);

  private final Network network;
  private final Isa isa;
  private final String name;
  private final AsmBuilder a = new AsmBuilder();
  private final PopcountSteps popcount;
  private final List<Stream> streams = new ArrayList<>();
  private final List<LoweredKernel.LayerInfo> layerInfos = new ArrayList<>();
  /** For u8 input: the estimates and the method of the first layer. */
  private final java.util.Optional<U8Method.Estimate> u8Method;

  // frame layout (bytes above sp)
  private final int planes;
  private final int act0;
  private final int act1;
  private final int slotInput;
  private final int slotScores;
  private final int slotJ;
  private final int saveArea;
  private final int frame;

  /** One layer's .rodata: a label and its words in the order the code reads them. */
  private record Stream(String label, String comment, List<Integer> words) {}

  private IlToRiscv(Network network, Isa isa) {
    this.network = network;
    this.isa = isa;
    this.name = network.name();
    this.popcount = new PopcountSteps(a, isa);
    if (network.input().kind() == InputKind.U8) {
      int neurons = network.layers().isEmpty() ? network.classes() : network.layers().get(0).outputs();
      u8Method = java.util.Optional.of(U8Method.estimate(isa, network.inputSize(), neurons));
    } else {
      u8Method = java.util.Optional.empty();
    }
    boolean planesNeeded = u8Method.map(e -> e.choice() == U8Method.BIT_PLANES).orElse(false);
    int planeWords = planesNeeded ? 8 * BitMatrix.wordsFor(network.inputSize()) : 0;
    int actWords = 1;
    for (Layer layer : network.layers()) {
      actWords = Math.max(actWords, BitMatrix.wordsFor(layer.outputs()));
    }
    // Small offsets first (activations, slots, the save area), the bit planes last: only they may lie
    // beyond a 12-bit offset, and the code reaches them through a pointer then.
    act0 = 0;
    act1 = act0 + 4 * actWords;
    slotInput = act1 + 4 * actWords;
    slotScores = slotInput + 4;
    slotJ = slotScores + 4;
    saveArea = slotJ + 4;
    planes = saveArea + 4 * SAVED.size();
    frame = (planes + 4 * planeWords + 15) & ~15;
    if (!AsmBuilder.withinReach(planes)) {
      throw new ExecutorUnavailableException("network '" + name + "' has hidden layers too wide for this lowering: "
          + "their activations must lie within 12-bit offsets of sp (up to about 7,000 neurons)");
    }
  }

  /** Lowers {@code network} for {@code isa}; throws {@link ExecutorUnavailableException} if it is too large. */
  public static LoweredKernel lower(Network network, Isa isa) {
    return new IlToRiscv(network, isa).run();
  }

  private LoweredKernel run() {
    String function = name + "_infer";
    // The body first: the prologue saves only the callee-saved registers it writes.
    boolean u8 = network.input().kind() == InputKind.U8;
    boolean bitPlanes = u8Method.map(e -> e.choice() == U8Method.BIT_PLANES).orElse(false);
    if (bitPlanes) {
      emitTranspose();
    }
    // Where the current layer's input is: the caller's vector (-1) or an activation buffer.
    int source = -1;
    int index = 1;
    for (Layer next : network.layers()) {
      DenseLayer layer = switch (next.kind()) {
        case DENSE -> (DenseLayer) next;
      };
      int target = source == act0 ? act1 : act0;
      long before = a.instructions();
      String label = name + "_layer" + index;
      String method = emitLayer(label, index == 1 && u8, bitPlanes, layer.dense().weights(), layer.threshold().table(),
          null, source, target);
      layerInfos.add(new LoweredKernel.LayerInfo(label, layer.inputs(), layer.outputs(), index == 1 && u8, method,
          weightWords(layer.dense().weights()), a.instructions() - before));
      source = target;
      index++;
    }
    long before = a.instructions();
    String label = name + "_scores";
    var scores = network.scores();
    boolean scoresOnU8 = network.layers().isEmpty() && u8;
    String method = emitLayer(label, scoresOnU8, bitPlanes, scores.weights(), null, scores.bias(), source, 0);
    layerInfos.add(new LoweredKernel.LayerInfo(label, scores.inputs(), scores.classes(), scoresOnU8, method,
        weightWords(scores.weights()), a.instructions() - before));
    emitArgmax();
    String body = a.text();

    List<Reg> saved = SAVED.stream().filter(a.written()::contains).toList();
    AsmBuilder f = new AsmBuilder();
    f.line("# " + function + ": the network '" + name + "' lowered by brain-blitz for " + isa.keyword() + ".");
    f.line("# int " + function + "(const uint8_t *input, int32_t *scores): ilp32, returns the class.");
    f.line("# Input: " + describeInput() + ". Stack: " + frame + " bytes.");
    f.blank();
    f.line("    .text");
    f.directive(".globl", function);
    f.directive(".p2align", "2");
    f.label(function);
    f.addConstant(Reg.SP, Reg.SP, -frame, Reg.T0);
    for (int i = 0; i < saved.size(); i++) {
      f.sw(saved.get(i), saveArea + 4 * i, Reg.SP);
    }
    f.sw(Reg.A0, slotInput, Reg.SP);
    f.sw(Reg.A1, slotScores, Reg.SP);
    f.line(body.stripTrailing());
    for (int i = 0; i < saved.size(); i++) {
      f.lw(saved.get(i), saveArea + 4 * i, Reg.SP);
    }
    f.addConstant(Reg.SP, Reg.SP, frame, Reg.T0);
    f.ret();
    f.label(function + "_end");
    f.blank();

    f.directive(".section", ".rodata");
    f.directive(".p2align", "2");
    int rodataWords = 0;
    for (Stream s : streams) {
      f.label(s.label());
      f.words(s.words(), s.comment());
      rodataWords += s.words().size();
    }
    return new LoweredKernel(name, isa, f.text(), function, frame, 4 * rodataWords, layerInfos, inputBytes(), u8Method);
  }

  /** Emits one layer by the method its input calls for; returns the method's name for the report. */
  private String emitLayer(String label, boolean u8Input, boolean bitPlanes, BitMatrix w, ThresholdTable th,
      List<Integer> bias, int source, int target) {
    if (!u8Input) {
      emitBitLayer(label, w, th, bias, source, target);
      return "xnor-pop";
    }
    if (bitPlanes) {
      emitPlaneLayer(label, w, th, bias, target);
      return "bit-planes";
    }
    emitAddSubLayer(label, w, th, bias, target);
    return "add-sub";
  }

  private static int weightWords(BitMatrix w) {
    return w.rows() * w.wordsPerRow();
  }

  private int inputBytes() {
    int n = network.inputSize();
    return network.input().kind() == InputKind.U8 ? n : 4 * BitMatrix.wordsFor(n);
  }

  private String describeInput() {
    int n = network.inputSize();
    return network.input().kind() == InputKind.U8
        ? n + " bytes (u8), 4-byte aligned"
        : n + " bipolar elements packed into " + BitMatrix.wordsFor(n) + " little-endian 32-bit words";
  }

  // ---------------------------------------------------------------- constants folded into .rodata

  /** How a layer's raw count relates to the IL accumulator: acc = alpha * raw + beta (alpha = +-1). */
  /**
   * The comment stating a layer's folded-constant rule: how the count c is formed and what the
   * per-neuron constant K (weights, threshold, direction, padding, bias folded at generation time)
   * does with it.
   */
  private void ruleComment(String count, boolean agree, boolean hidden) {
    String who = hidden ? "neuron" : "class";
    a.comment("per " + who + ": " + count + "; " + (hidden ? (agree ? "bit = K < c" : "bit = c < K")
        : (agree ? "score = c + K" : "score = K - c")));
    a.comment("K: the " + who + "'s constant in .rodata, folding the " + (hidden ? "threshold" : "bias")
        + " and the count-to-accumulator terms" + (hidden ? "; le rows are stored complemented" : ""));
  }

  private boolean countsAgreements() {
    return isa != Isa.RV32IM;
  }

  // ---------------------------------------------------------------- bipolar layers

  /**
   * A layer on bipolar input: the caller's vector ({@code source} = -1) or the activation buffer at
   * {@code source}. Hidden layers write their packed output to the buffer at {@code target}; the
   * scores layer (th == null) writes the caller's scores.
   */
  private void emitBitLayer(String label, BitMatrix w, ThresholdTable th, List<Integer> bias, int source, int target) {
    boolean hidden = th != null;
    int n = w.columns();
    int words = BitMatrix.wordsFor(n);
    int rows = w.rows();
    int pad = 32 * words - n;
    boolean agree = countsAgreements();
    // raw = p + pad (agreements, padding bits agree) or n - p (disagreements).
    long beta = agree ? -pad : n;
    int neuronBytes = 4 * words + 4;
    if (!AsmBuilder.withinReach(neuronBytes)) {
      throw new ExecutorUnavailableException("layer '" + label + "' has " + n
          + " inputs; this lowering supports up to 16,320 per layer");
    }

    a.blank();
    a.comment(label + ": " + n + " bipolar inputs (" + words + (words == 1 ? " word) -> " : " words) -> ") + rows + (hidden ? " neurons" : " scores")
        + (hidden ? ", threshold bits packed into words" : ""));
    ruleComment(agree ? "c = popcount(xnor(x, w)) over the words" : "c = popcount(x ^ w) over the words", agree, hidden);
    a.label(label);
    Regs regs = new Regs();
    Reg wp = regs.take();
    PopcountSteps.SwarConstants swar = isa == Isa.RV32IM
        ? PopcountSteps.SwarConstants.load(a, regs, words <= 7 ? PopcountSteps.BYTE_SUM : PopcountSteps.M8) : null;
    Reg chunkAcc = isa == Isa.RV32IM && words > PopcountSteps.CHUNK ? regs.take() : null;
    int fixed = hidden ? 4 : 2;
    int minRing = isa == Isa.RV32IM ? 6 : 4;
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

    a.la(wp, streamLabel(label));
    // The input: loaded into registers once, or addressed from xBase.
    Reg base = Reg.SP;
    int baseOffset = source;
    if (source < 0) {
      base = inRegisters ? ring.next() : xBase;
      a.lw(base, slotInput, Reg.SP);
      baseOffset = 0;
    } else if (!inRegisters) {
      a.op(ADDI, xBase, Reg.SP, source);
      base = xBase;
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
    int[] accToggle = {0};
    if (hidden) {
      Reg outp = fixedRegs.get(0);
      Reg oend = fixedRegs.get(1);
      Reg iend = fixedRegs.get(2);
      Reg out = fixedRegs.get(3);
      int fullWords = rows / 32;
      int rest = rows % 32;
      int block = blockSize(words, neuronBytes);
      a.op(ADDI, outp, Reg.SP, target);
      if (fullWords > 0) {
        String wordLoop = ".L" + label + "_word";
        String blockLoop = ".L" + label + "_block";
        a.addConstant(oend, outp, 4 * fullWords, ring.next());
        a.label(wordLoop);
        a.addConstant(iend, wp, 32 * neuronBytes, ring.next());
        a.label(blockLoop);
        for (int i = 0; i < block; i++) {
          Reg acc = accToggle[0]++ % 2 == 0 ? acc0 : acc1;
          emitNeuron(acc, i * neuronBytes, words, wp, x, ring, swar, chunkAcc, out, agree);
        }
        a.addConstant(wp, wp, block * neuronBytes, ring.next());
        a.loopBack(wp, iend, blockLoop);
        a.sw(out, 0, outp);
        a.op(ADDI, outp, outp, 4);
        a.loopBack(outp, oend, wordLoop);
        for (int o = 0; o < fullWords; o++) {
          for (int j = 32 * o + 31; j >= 32 * o; j--) {
            addNeuronData(data, w, th, j, agree, beta, n, null);
          }
        }
      }
      if (rest > 0) {
        a.li(out, 0);
        // Straight-line code; wp moves on whenever the next neuron's data would be out of a 12-bit offset.
        int first = 0;
        for (int i = 0; i < rest; i++) {
          if (!AsmBuilder.withinReach((i - first + 1) * neuronBytes)) {
            a.addConstant(wp, wp, (i - first) * neuronBytes, ring.next());
            first = i;
          }
          Reg acc = accToggle[0]++ % 2 == 0 ? acc0 : acc1;
          emitNeuron(acc, (i - first) * neuronBytes, words, wp, x, ring, swar, chunkAcc, out, agree);
        }
        a.sw(out, 0, outp);
        for (int j = rows - 1; j >= 32 * fullWords; j--) {
          addNeuronData(data, w, th, j, agree, beta, n, null);
        }
      }
    } else {
      Reg sptr = fixedRegs.get(0);
      Reg send = fixedRegs.get(1);
      String loop = ".L" + label + "_class";
      a.lw(sptr, slotScores, Reg.SP);
      a.addConstant(send, sptr, 4 * rows, ring.next());
      a.label(loop);
      Reg raw = popcount.count(acc0, 0, words, wp, x, ring, swar, chunkAcc);
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
        addNeuronData(data, w, null, c, agree, beta, n, (long) bias.get(c));
      }
    }
    streams.add(new Stream(streamLabel(label), label + ": per " + (hidden ? "neuron" : "class")
        + " " + words + (words == 1 ? " weight word" : " weight words") + (hidden ? " (le rows complemented)" : "") + ", then its constant", data));
  }

  /** Neurons per inner iteration: a power of two dividing 32, keeping offsets in 12 bits and the body short. */
  private int blockSize(int words, int neuronBytes) {
    int perWord = switch (isa) {
      case RV32IM_XBNN -> 2;
      case RV32IM_ZBB -> 4;
      case RV32IM -> 13;
    };
    int block = 32;
    while (block > 1 && (!AsmBuilder.withinReach(block * neuronBytes) || block * (perWord * words + 4) > 320)) {
      block /= 2;
    }
    return block;
  }

  private void addNeuronData(List<Integer> data, BitMatrix w, ThresholdTable th, int j, boolean agree, long beta, int n,
      Long bias) {
    for (int word : FoldedConstants.storedRow(w, th, j)) {
      data.add(word);
    }
    Long threshold = th == null ? null : FoldedConstants.flippedThreshold(th, j, n);
    data.add(FoldedConstants.constant(agree, beta, threshold, bias == null ? 0 : bias));
  }

  /** One hidden neuron: its count, the compare with its constant and the shift into {@code out}. */
  private void emitNeuron(Reg acc, int offset, int words, Reg wp, PopcountSteps.XSource x, Ring ring, PopcountSteps.SwarConstants swar,
      Reg chunkAcc, Reg out, boolean agree) {
    Reg raw = popcount.count(acc, offset, words, wp, x, ring, swar, chunkAcc);
    Reg k = ring.next();
    a.lw(k, offset + 4 * words, wp);
    Reg bit = ring.next();
    if (agree) {
      a.op(SLT, bit, k, raw);
    } else {
      a.op(SLT, bit, raw, k);
    }
    a.op(ADD, out, out, out);
    a.op(ADD, out, out, bit);
  }

  // ---------------------------------------------------------------- the u8 layer: bit planes

  /**
   * Transposes the caller's u8 vector into 8 bit planes on the stack: plane b, word k, bit 8i + m is
   * bit b of byte 32k + 4m + i (the 32 bytes of one word k, as 8 input words m of 4 bytes i). That
   * order (not the IL's) is what an 8x8 bit transpose of 8 loaded words gives; the layer's weights are
   * stored permuted to match. Plane word (k, b) lives at sp + 4 (8k + b).
   */
  private void emitTranspose() {
    int n = network.inputSize();
    int full = n / 32;
    int rest = n % 32;
    a.blank();
    a.comment("bit planes of the " + n + "-byte input: an 8x8 bit transpose per 32 bytes");
    a.label(name + "_planes");
    Regs regs = new Regs();
    List<Reg> xs = regs.take(8);
    Reg l4 = regs.take();
    Reg l2 = regs.take();
    Reg l1 = regs.take();
    Reg ip = regs.take();
    Reg pp = regs.take();
    Reg pend = regs.take();
    Ring ring = regs.rest();
    a.lw(ip, slotInput, Reg.SP);
    a.li(l4, 0x0f0f0f0f);
    a.li(l2, 0x33333333);
    a.li(l1, 0x55555555);
    a.addConstant(pp, Reg.SP, planes, pp);
    if (full > 0) {
      String loop = ".L" + name + "_planes";
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
  private void emitPlaneLayer(String label, BitMatrix w, ThresholdTable th, List<Integer> bias, int target) {
    boolean hidden = th != null;
    int n = w.columns();
    int words = BitMatrix.wordsFor(n);
    int rows = w.rows();
    boolean agree = countsAgreements();
    // Zbb has no register to spare for a plane pointer with two neurons in flight.
    int perBlock = isa == Isa.RV32IM || isa == Isa.RV32IM_ZBB && planesViaPointer(words) ? 1 : 2;
    int blocks = rows / perBlock;
    int rest = rows % perBlock;
    if (!AsmBuilder.withinReach(4 * (perBlock * words + perBlock))) {
      throw new ExecutorUnavailableException("layer '" + label + "' has too many inputs for this lowering");
    }

    a.blank();
    a.comment(label + ": " + n + " u8 inputs as 8 bit planes of " + words + (words == 1 ? " word -> " : " words -> ") + rows
        + (hidden ? " neurons" : " scores") + ", " + perBlock + " per iteration");
    ruleComment("c = sum_b 2^b popcount(" + (agree ? "xnor(plane_b, w)" : "plane_b ^ w") + ")", agree, hidden);
    a.label(label);
    if (hidden) {
      for (int o = 0; o < BitMatrix.wordsFor(rows); o++) {
        a.sw(Reg.ZERO, target + 4 * o, Reg.SP);
      }
    }
    a.sw(Reg.ZERO, slotJ, Reg.SP);
    Reg wp = Regs.POOL.get(0);
    a.la(wp, streamLabel(label));
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
        data.add(FoldedConstants.constant(agree, beta, threshold, hidden ? 0 : bias.get(j)));
      }
    }
    streams.add(new Stream(streamLabel(label), label + ": per " + perBlock + " " + (hidden ? "neuron" : "class")
        + "(s): word k of each in plane bit order" + (hidden ? " (le rows complemented)" : "")
        + ", then their constants", data));
  }

  /** Whether the plane words lie beyond 12-bit offsets of sp, so that a pointer must reach them. */
  private boolean planesViaPointer(int words) {
    return !Form.LOAD.fits(planes + 32L * words - 4); // the offset of the last plane word
  }

  /** Where the plane words are read from: sp directly, or a pointer moved on as k grows. */
  private final class PlaneReader {
    private final Reg pointer;
    private int based;

    PlaneReader(Reg pointer) {
      this.pointer = pointer;
      if (pointer != null) {
        a.addConstant(pointer, Reg.SP, planes, pointer);
      }
    }

    /** Emits the 8 loads of plane column k into {@code regs}. */
    void load(int k, List<Reg> regs) {
      if (pointer == null) {
        for (int b = 0; b < 8; b++) {
          a.lw(regs.get(b), planes + 4 * (8 * k + b), Reg.SP);
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
    if (isa == Isa.RV32IM) {
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
          popcount.swarStep(lanes.get(b), first, planeRegs.get(b), w, ring, swar);
        }
        if (k % PopcountSteps.CHUNK == PopcountSteps.CHUNK - 1 || k == words - 1) {
          for (int b = 0; b < 8; b++) {
            Reg lane = lanes.get(b);
            popcount.horizontalSum(lane, ring, swar, false);
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
      Ring ring = new Ring(isa == Isa.RV32IM_XBNN ? spare : spare.subList(0, spare.size() - 1));
      List<Reg> weightRegs = new ArrayList<>();
      for (int k = 0; k < words; k++) {
        reader.load(k, planeRegs);
        weightRegs.clear();
        for (int i = 0; i < count; i++) {
          Reg wr = isa == Isa.RV32IM_XBNN ? ring.next() : spare.get(i);
          a.lw(wr, 4 * (count * k + i), wp);
          weightRegs.add(wr);
        }
        for (int b = 0; b < 8; b++) {
          for (int i = 0; i < count; i++) {
            Reg target0 = acc.get(i).get(b);
            if (isa == Isa.RV32IM_XBNN) {
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
    a.lw(j, slotJ, Reg.SP);
    if (!hidden) {
      a.lw(scores, slotScores, Reg.SP);
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
        orBitIntoOutput(bit, j, target, address, word);
      } else {
        if (agree) {
          a.op(ADD, k, raw, k);
        } else {
          a.op(SUB, k, k, raw);
        }
        storeScore(k, j, scores, address);
      }
      a.op(ADDI, j, j, 1);
    }
    a.sw(j, slotJ, Reg.SP);
    a.addConstant(wp, wp, blockBytes, k);
    if (loopEnd >= 0) {
      a.li(bit, loopEnd);
      a.loopBack(j, bit, loopLabel);
    }
  }

  // ---------------------------------------------------------------- the u8 layer: add/sub

  /**
   * The layer on a few u8 inputs (at most {@link U8Method#ADD_SUB_MAX_INPUTS}), when the estimate
   * prefers it to bit planes: the bytes and their sum S are loaded once; per neuron, for every input
   * the weight bit becomes a mask (slli to the sign, srai), masks the byte and is added: A, the sum of
   * the bytes whose weight is +1, and acc = 2 A - S. One weight word and the constant per neuron.
   */
  private void emitAddSubLayer(String label, BitMatrix w, ThresholdTable th, List<Integer> bias, int target) {
    boolean hidden = th != null;
    int n = w.columns();
    int rows = w.rows();
    a.blank();
    a.comment(label + ": " + n + " u8 inputs in registers, add/sub -> " + rows + (hidden ? " neurons" : " scores"));
    ruleComment("c = 2 A - S (A: sum of the bytes weighted +1, S: sum of all bytes)", true, hidden);
    a.label(label);
    if (hidden) {
      for (int o = 0; o < BitMatrix.wordsFor(rows); o++) {
        a.sw(Reg.ZERO, target + 4 * o, Reg.SP);
      }
    }
    Regs regs = new Regs();
    Reg wp = regs.take();
    Reg ip = regs.take();
    List<Reg> xs = regs.take(n);
    Reg sum = regs.take();
    Reg j = regs.take();
    Reg end = regs.take();
    Reg scores = regs.take();
    Reg acc = regs.take();
    Reg weights = regs.take();
    Ring ring = regs.rest();
    a.la(wp, streamLabel(label));
    a.lw(ip, slotInput, Reg.SP);
    for (int i = 0; i < n; i++) {
      a.lbu(xs.get(i), i, ip);
    }
    a.mv(sum, xs.get(0));
    for (int i = 1; i < n; i++) {
      a.op(ADD, sum, sum, xs.get(i));
    }
    a.li(j, 0);
    a.li(end, rows);
    if (!hidden) {
      a.lw(scores, slotScores, Reg.SP);
    }
    String loop = ".L" + label + "_neuron";
    a.label(loop);
    a.lw(weights, 0, wp);
    for (int i = 0; i < n; i++) {
      Reg t = i == 0 ? acc : ring.next();
      a.op(SLLI, t, weights, 31 - i);
      a.op(SRAI, t, t, 31);
      a.op(AND, t, t, xs.get(i));
      if (i > 0) {
        a.op(ADD, acc, acc, t);
      }
    }
    a.op(SLLI, acc, acc, 1);
    a.op(SUB, acc, acc, sum);
    Reg k = ring.next();
    a.lw(k, 4, wp);
    Reg address = ring.next();
    if (hidden) {
      Reg bit = ring.next();
      Reg word = ring.next();
      a.op(SLT, bit, k, acc);
      orBitIntoOutput(bit, j, target, address, word);
    } else {
      a.op(ADD, k, acc, k);
      storeScore(k, j, scores, address);
    }
    a.op(ADDI, j, j, 1);
    a.op(ADDI, wp, wp, 8);
    a.loopBack(j, end, loop);

    List<Integer> data = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      data.add(FoldedConstants.storedRow(w, th, r)[0]);
      Long threshold = hidden ? FoldedConstants.flippedThreshold(th, r, 0) : null;
      data.add(FoldedConstants.constant(true, 0, threshold, hidden ? 0 : bias.get(r)));
    }
    streams.add(new Stream(streamLabel(label), label + ": per " + (hidden ? "neuron" : "class")
        + " its weight word" + (hidden ? " (le rows complemented)" : "") + ", then its constant", data));
  }

  /**
   * ORs {@code bit} (0 or 1) into bit {@code j % 32} of word {@code j / 32} of the output bits at
   * {@code sp + target}, for a neuron index {@code j} known only at run time.
   */
  private void orBitIntoOutput(Reg bit, Reg j, int target, Reg address, Reg word) {
    a.op(SRLI, address, j, 5);
    a.op(SLLI, address, address, 2);
    a.op(ADD, address, address, Reg.SP);
    a.lw(word, target, address);
    a.op(SLL, bit, bit, j);
    a.op(OR, word, word, bit);
    a.sw(word, target, address);
  }

  /** Stores {@code value} as {@code scores[j]}, for a class index {@code j} known only at run time. */
  private void storeScore(Reg value, Reg j, Reg scores, Reg address) {
    a.op(SLLI, address, j, 2);
    a.op(ADD, address, address, scores);
    a.sw(value, 0, address);
  }

  // ---------------------------------------------------------------- argmax

  /** a0 = the index of the largest score, the lowest on ties (strictly greater replaces). */
  private void emitArgmax() {
    int classes = network.classes();
    a.blank();
    a.comment("argmax over the scores: the lowest index wins ties");
    a.label(name + "_argmax");
    a.lw(Reg.T0, slotScores, Reg.SP);
    a.lw(Reg.T1, 0, Reg.T0);
    a.li(Reg.A0, 0);
    if (classes > 1) {
      String loop = ".L" + name + "_argmax";
      String next = ".L" + name + "_argmax_next";
      a.li(Reg.T2, 0);
      a.li(Reg.T3, classes - 1);
      a.label(loop);
      a.op(ADDI, Reg.T2, Reg.T2, 1);
      a.op(ADDI, Reg.T0, Reg.T0, 4);
      a.lw(Reg.T4, 0, Reg.T0);
      a.branchIfLessOrEqual(Reg.T4, Reg.T1, next);
      a.mv(Reg.T1, Reg.T4);
      a.mv(Reg.A0, Reg.T2);
      a.label(next);
      a.branch(BNE, Reg.T2, Reg.T3, loop);
    }
  }

  private String streamLabel(String layerLabel) {
    return layerLabel + "_data";
  }
}
