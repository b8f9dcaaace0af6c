package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.isa.Instruction;

/** Told of every retired instruction (after it wrote its result; {@code hart.pc()} is the next pc). */
@FunctionalInterface
public interface RetireListener {
  void retired(Hart hart, int pc, Instruction instruction);
}
