package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADDI;
import static dev.brainblitz.riscv.isa.Opcode.BNE;

/** The end of the kernel: {@code a0} = the index of the largest score, the lowest on ties. */
final class KernelArgmax {
  private KernelArgmax() {}

  /** Emits the argmax over the {@code classes} scores the caller's pointer holds (strictly greater replaces). */
  static void emit(KernelContext kernel, String model, int classes) {
    AsmBuilder a = kernel.a;
    a.blank();
    a.comment("argmax over the scores: the lowest index wins ties");
    a.label(model + "_argmax");
    a.lw(Reg.T0, kernel.frame.slotScores(), Reg.SP);
    a.lw(Reg.T1, 0, Reg.T0);
    a.li(Reg.A0, 0);
    if (classes > 1) {
      String loop = ".L" + model + "_argmax";
      String next = ".L" + model + "_argmax_next";
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
}
