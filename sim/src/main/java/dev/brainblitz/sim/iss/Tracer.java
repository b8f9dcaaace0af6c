package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.isa.Disassembler;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Registers;
import java.io.PrintWriter;

/** {@code --trace}: one line per retired instruction: pc, disassembly, the register written. */
public final class Tracer implements RetireListener {
  private final PrintWriter out;

  public Tracer(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void retired(Hart hart, int pc, Instruction in) {
    out.println(line(pc, in, in.opcode().writesRd() && in.rd() != 0 ? hart.reg(in.rd()) : 0));
  }

  /** {@code 80000008  trap: illegal instruction (mcause 2), mtval 0xffffffff}. */
  @Override
  public void trapped(Hart hart, int pc, int mcause, int mtval) {
    out.println(String.format("%08x  trap: %s (mcause %d), mtval 0x%08x", pc, Trap.describe(mcause), mcause, mtval));
  }

  /** {@code 80000004  addi    a0,a0,1          a0=0x00000002} (no register column when nothing is written). */
  public static String line(int pc, Instruction in, int written) {
    String text = Disassembler.format(in, pc).replace('\t', ' ');
    if (!in.opcode().writesRd() || in.rd() == 0) {
      return String.format("%08x  %s", pc, text);
    }
    return String.format("%08x  %-32s %s=0x%08x", pc, text, Registers.abiName(in.rd()), written);
  }
}
