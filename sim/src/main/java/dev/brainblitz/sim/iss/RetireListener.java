package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.isa.Instruction;

/** Told of every retired instruction and every trap (the trace and the profile listen). */
@FunctionalInterface
public interface RetireListener {
  /** {@code instruction} at {@code pc} retired: its result is written, {@code hart.pc()} is the next pc. */
  void retired(Hart hart, int pc, Instruction instruction);

  /** The instruction at {@code pc} trapped with {@code mcause} and {@code mtval} (before the hart jumps to mtvec). */
  default void trapped(Hart hart, int pc, int mcause, int mtval) {}

  /** Tells {@code first}, then {@code second}. */
  static RetireListener both(RetireListener first, RetireListener second) {
    return new RetireListener() {
      @Override
      public void retired(Hart hart, int pc, Instruction instruction) {
        first.retired(hart, pc, instruction);
        second.retired(hart, pc, instruction);
      }

      @Override
      public void trapped(Hart hart, int pc, int mcause, int mtval) {
        first.trapped(hart, pc, mcause, mtval);
        second.trapped(hart, pc, mcause, mtval);
      }
    };
  }
}
