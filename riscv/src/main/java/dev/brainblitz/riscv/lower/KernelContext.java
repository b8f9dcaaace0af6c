package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADD;
import static dev.brainblitz.riscv.isa.Opcode.ADDI;
import static dev.brainblitz.riscv.isa.Opcode.OR;
import static dev.brainblitz.riscv.isa.Opcode.SLL;
import static dev.brainblitz.riscv.isa.Opcode.SLLI;
import static dev.brainblitz.riscv.isa.Opcode.SLT;
import static dev.brainblitz.riscv.isa.Opcode.SRLI;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the emitters of one kernel share: the function body being built, the ISA level, the frame,
 * the popcount steps of the level, and the .rodata streams in the order the layers add them. Also the
 * few code fragments every layer method ends with.
 */
final class KernelContext {
  /** Pixel runs of at most this many words are stored in straight-line code, longer ones by a loop. */
  private static final int UNROLLED_RUN_WORDS = 8;

  final AsmBuilder a;
  final Isa isa;
  final Frame frame;
  final PopcountSteps popcount;
  private final List<RodataStream> streams = new ArrayList<>();

  KernelContext(AsmBuilder a, Isa isa, Frame frame) {
    this.a = a;
    this.isa = isa;
    this.frame = frame;
    this.popcount = new PopcountSteps(a, isa);
  }

  List<RodataStream> streams() {
    return List.copyOf(streams);
  }

  void addStream(String label, String comment, List<Integer> words) {
    streams.add(new RodataStream(label, comment, words));
  }

  /**
   * Whether the level counts agreements (XNOR) rather than disagreements (XOR: rv32im has no XNOR);
   * a layer's raw count relates to the IL accumulator as acc = alpha * raw + beta, alpha = +1 or -1.
   */
  boolean countsAgreements() {
    return switch (isa) {
      case RV32IM -> false;
      case RV32IM_ZBB, RV32IM_XBNN, RV32IM_XBNN2 -> true;
    };
  }

  /**
   * The comment stating a layer's folded-constant rule: how the count c is formed and what the
   * per-neuron constant K (weights, threshold, direction, padding, bias folded at generation time)
   * does with it.
   */
  void ruleComment(String count, boolean agree, boolean hidden) {
    String who = hidden ? "neuron" : "class";
    a.comment("per " + who + ": " + count + "; " + (hidden ? (agree ? "bit = K < c" : "bit = c < K")
        : (agree ? "score = c + K" : "score = K - c")));
    a.comment("K: the " + who + "'s constant in .rodata, folding the " + (hidden ? "threshold" : "bias")
        + " and the count-to-accumulator terms" + (hidden ? "; le rows are stored complemented" : ""));
  }

  /**
   * Shifts a hidden neuron's threshold bit into {@code out} ({@code add out,out,out},
   * {@code add out,out,bit}): the bit compares its raw count {@code count} with its constant at
   * {@code wp + constantOffset} ({@link FoldedConstants#constant}).
   */
  void shiftInThresholdBit(Reg out, Reg count, int constantOffset, Reg wp, Ring ring, boolean agree) {
    Reg k = ring.next();
    a.lw(k, constantOffset, wp);
    Reg bit = ring.next();
    if (agree) {
      a.op(SLT, bit, k, count);
    } else {
      a.op(SLT, bit, count, k);
    }
    a.op(ADD, out, out, out);
    a.op(ADD, out, out, bit);
  }

  /**
   * ORs {@code bit} (0 or 1) into bit {@code j % 32} of word {@code j / 32} of the output bits at
   * {@code sp + target}, for a neuron index {@code j} known only at run time.
   */
  void orBitIntoOutput(Reg bit, Reg j, int target, Reg address, Reg word) {
    a.op(SRLI, address, j, 5);
    a.op(SLLI, address, address, 2);
    a.op(ADD, address, address, Reg.SP);
    a.lw(word, target, address);
    a.op(SLL, bit, bit, j);
    a.op(OR, word, word, bit);
    a.sw(word, target, address);
  }

  /** Stores {@code value} as {@code scores[j]}, for a class index {@code j} known only at run time. */
  void storeScore(Reg value, Reg j, Reg scores, Reg address) {
    a.op(SLLI, address, j, 2);
    a.op(ADD, address, address, scores);
    a.sw(value, 0, address);
  }

  /**
   * Fills the border of {@code map} at {@code sp + offset} with its pad pixel, when it has one, and
   * nothing else: the layer producing the map writes each of its pixels (every word), so only the
   * border needs the stores. In memory the border is one run before pixel (0, 0) (the rows above and
   * the first row's left border), between each two rows one run (the right border of one row and the
   * left border of the next) and one run after the last row's pixels (its right border and the rows
   * below): a 28x28 map with a border of 1 takes 116 pixel stores, not 900.
   */
  void fillBorder(MapLayout map, int offset, String label) {
    if (!map.hasBorder()) {
      return;
    }
    Regs regs = new Regs();
    Reg p = regs.take();
    Reg rowsEnd = regs.take();
    Reg runEnd = regs.take();
    Reg scratch = regs.take();
    List<Reg> pad = new ArrayList<>();
    Map<Integer, Reg> values = new HashMap<>();
    values.put(0, Reg.ZERO);
    for (int word : map.padPixel()) {
      if (!values.containsKey(word)) {
        Reg r = regs.take();
        a.li(r, word);
        values.put(word, r);
      }
      pad.add(values.get(word));
    }
    int width = map.paddedWidth();
    int rowPixelBytes = 4 * map.shape().width() * map.wordsPerPixel();
    a.addConstant(p, Reg.SP, offset, p);
    fillRun(p, 0, map.before() * width + map.before(), pad, runEnd, scratch, ".L" + label + "_padtop");
    int sides = map.before() + map.after();
    if (map.shape().height() > 1 && sides > 0) {
      String rowLoop = ".L" + label + "_padrow";
      a.addConstant(rowsEnd, p, (map.shape().height() - 1) * map.rowBytes(), rowsEnd);
      a.label(rowLoop);
      fillRun(p, rowPixelBytes, sides, pad, runEnd, scratch, ".L" + label + "_padside");
      a.loopBack(p, rowsEnd, rowLoop);
    }
    fillRun(p, rowPixelBytes, map.after() + map.after() * width, pad, runEnd, scratch, ".L" + label + "_padbottom");
  }

  /**
   * Stores {@code pixels} pad pixels from {@code p + skip} on (skip: the pixels of a row), leaving
   * {@code p} just after them.
   */
  private void fillRun(Reg p, int skip, int pixels, List<Reg> pad, Reg runEnd, Reg scratch, String loop) {
    int words = pixels * pad.size();
    if (words > 0 && words <= UNROLLED_RUN_WORDS && AsmBuilder.withinReach(skip + 4L * words)) {
      for (int i = 0; i < words; i++) {
        a.sw(pad.get(i % pad.size()), skip + 4 * i, p);
      }
      a.op(ADDI, p, p, skip + 4 * words);
      return;
    }
    if (skip != 0) {
      a.addConstant(p, p, skip, scratch);
    }
    if (words == 0) {
      return;
    }
    if (words <= UNROLLED_RUN_WORDS) {
      for (int i = 0; i < words; i++) {
        a.sw(pad.get(i % pad.size()), 4 * i, p);
      }
      a.op(ADDI, p, p, 4 * words);
      return;
    }
    a.addConstant(runEnd, p, 4 * words, scratch);
    a.label(loop);
    for (int w = 0; w < pad.size(); w++) {
      a.sw(pad.get(w), 4 * w, p);
    }
    a.op(ADDI, p, p, 4 * pad.size());
    a.loopBack(p, runEnd, loop);
  }
}
