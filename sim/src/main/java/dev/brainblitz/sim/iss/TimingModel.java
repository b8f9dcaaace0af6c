package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.isa.Opcode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A timing model: how many cycles each retired instruction costs. A model gives a base cost per
 * {@link OpClass}, the extra cycles of a taken branch and the load-use stall; the simulator turns
 * them into per-opcode tables once, so the hook in the interpreter loop is an array read and an add.
 * Every model's numbers are documented in its class and in docs/sim.md.
 */
public abstract class TimingModel {
  private final int customLatency;

  protected TimingModel(int customLatency) {
    if (customLatency < 1) {
      throw new IllegalArgumentException("custom-instruction latency must be at least 1 cycle, not " + customLatency);
    }
    this.customLatency = customLatency;
  }

  /** The name {@code blitz sim --timing} selects the model by. */
  public abstract String name();

  /** Cycles an instruction of class {@code c} takes (a not-taken branch, no stalls). */
  protected abstract int baseCycles(OpClass c);

  /** Cycles a taken branch adds to {@link #baseCycles}. */
  public abstract int branchTakenPenalty();

  /** Cycles an instruction waits when it reads the destination of the load just before it. */
  public abstract int loadUseStall();

  /** The same model with XBNN instructions taking {@code cycles}. */
  public abstract TimingModel withCustomLatency(int cycles);

  public final int customLatency() {
    return customLatency;
  }

  /** Cycles {@code op} takes (not-taken, without stalls). */
  public final int cycles(Opcode op) {
    OpClass c = OpClass.of(op);
    return c == OpClass.CUSTOM ? customLatency : baseCycles(c);
  }

  /** Which cause the cycles beyond the first of {@code op} are counted under. */
  public StallCause extraCause(Opcode op) {
    return switch (OpClass.of(op)) {
      case JAL, JALR -> StallCause.JUMP;
      case MUL, MULH, DIV -> StallCause.MUL_DIV;
      case LOAD, STORE -> StallCause.MEMORY;
      case CUSTOM -> StallCause.CUSTOM;
      case BRANCH, ALU, CSR, SYSTEM -> StallCause.MULTI_CYCLE;
    };
  }

  public static final List<String> NAMES = List.of("ideal", "cv32e40p", "picorv32");

  /** The model called {@code name} (case-insensitive), with its default custom latency. */
  public static Optional<TimingModel> byName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "ideal" -> Optional.of(new IdealTiming(1));
      case "cv32e40p" -> Optional.of(new Cv32e40pTiming(1));
      case "picorv32" -> Optional.of(new Picorv32Timing(3));
      default -> Optional.empty();
    };
  }

  @Override
  public String toString() {
    return name();
  }
}
