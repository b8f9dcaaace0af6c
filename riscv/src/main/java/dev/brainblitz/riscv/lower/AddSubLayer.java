package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADD;
import static dev.brainblitz.riscv.isa.Opcode.ADDI;
import static dev.brainblitz.riscv.isa.Opcode.AND;
import static dev.brainblitz.riscv.isa.Opcode.SLLI;
import static dev.brainblitz.riscv.isa.Opcode.SLT;
import static dev.brainblitz.riscv.isa.Opcode.SRAI;
import static dev.brainblitz.riscv.isa.Opcode.SUB;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ThresholdTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer on a few u8 inputs (at most {@link U8Method#ADD_SUB_MAX_INPUTS}) when the estimate
 * prefers it to bit planes ({@link LayerMethod#ADD_SUB}): the bytes and their sum S are loaded
 * once; per neuron, for every input the weight bit becomes a mask (slli to the sign, srai), masks the
 * byte and is added: A, the sum of the bytes whose weight is +1, and acc = 2 A - S. One weight word
 * and the constant per neuron.
 */
final class AddSubLayer implements LayerEmitter {
  private final KernelContext kernel;
  private final AsmBuilder a;

  AddSubLayer(KernelContext kernel) {
    this.kernel = kernel;
    this.a = kernel.a;
  }

  @Override
  public void emit(LayerCode layer) {
    String label = layer.label();
    BitMatrix w = layer.weights();
    ThresholdTable th = layer.thresholds();
    boolean hidden = layer.hidden();
    int target = layer.target();
    int n = w.columns();
    int rows = w.rows();
    a.blank();
    a.comment(label + ": " + n + " u8 inputs in registers, add/sub -> " + rows + (hidden ? " neurons" : " scores"));
    kernel.ruleComment("c = 2 A - S (A: sum of the bytes weighted +1, S: sum of all bytes)", true, hidden);
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
    a.la(wp, layer.dataLabel());
    a.lw(ip, kernel.frame.slotInput(), Reg.SP);
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
      a.lw(scores, kernel.frame.slotScores(), Reg.SP);
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
      kernel.orBitIntoOutput(bit, j, target, address, word);
    } else {
      a.op(ADD, k, acc, k);
      kernel.storeScore(k, j, scores, address);
    }
    a.op(ADDI, j, j, 1);
    a.op(ADDI, wp, wp, 8);
    a.loopBack(j, end, loop);

    List<Integer> data = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      data.add(FoldedConstants.storedRow(w, th, r)[0]);
      Long threshold = hidden ? FoldedConstants.flippedThreshold(th, r, 0) : null;
      data.add(FoldedConstants.constant(true, 0, threshold, hidden ? 0 : layer.bias().get(r)));
    }
    kernel.addStream(layer.dataLabel(), label + ": per " + (hidden ? "neuron" : "class")
        + " its weight word" + (hidden ? " (le rows complemented)" : "") + ", then its constant", data);
  }
}
