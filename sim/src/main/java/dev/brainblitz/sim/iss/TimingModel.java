package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A timing model: how many cycles each retired instruction costs on one configuration of a real
 * core. A model gives a base cost per {@link OpClass} (or per opcode), the extra cycles of a taken
 * branch and the load-use stall; the simulator turns them into per-opcode tables once, so the hook in
 * the interpreter loop is an array read and an add. The few instructions whose cost depends on the
 * instruction's fields or operand values (a shift without a barrel shifter, a CSR that stalls the
 * pipeline) are {@linkplain #variableCost flagged} and priced by {@link #cycles(Instruction, int, int)}.
 *
 * <p>A model is selected by a spec, {@code NAME[:KEY=VALUE,...]} (see {@link #parse}); every
 * model's configuration and numbers are documented in its class and in docs/sim.md.
 */
public abstract class TimingModel {
  /** The largest value a numeric option takes (cycles or wait states). */
  static final int MAX_OPTION = 1024;

  private final int customLatency;

  protected TimingModel(int customLatency) {
    if (customLatency < 1) {
      throw new IllegalArgumentException("custom-instruction latency must be at least 1 cycle, not " + customLatency);
    }
    this.customLatency = customLatency;
  }

  /** The name {@code --timing} selects the model by. */
  public abstract String name();

  /** The options that differ from the model's defaults, in spec form ({@code wait=1,barrel=0}); empty for none. */
  protected abstract List<String> options();

  /** Cycles an instruction of class {@code c} takes (a not-taken branch, no stalls). */
  protected abstract int baseCycles(OpClass c);

  /** Cycles {@code op} takes when the model prices it apart from its class; by default its class's. */
  protected int opcodeCycles(Opcode op) {
    return baseCycles(OpClass.of(op));
  }

  /** Cycles a taken branch adds to {@link #baseCycles}. */
  public abstract int branchTakenPenalty();

  /** Cycles an instruction waits when it reads the destination of the load just before it. */
  public abstract int loadUseStall();

  /** The same model with XBNN instructions taking {@code cycles}, whatever the model would say. */
  public abstract TimingModel withCustomLatency(int cycles);

  /** Cycles an XBNN (custom-0) instruction takes. */
  public final int customLatency() {
    return customLatency;
  }

  /** Cycles {@code op} takes (not-taken, without stalls); for a {@linkplain #variableCost variable} one, its usual cost. */
  public final int cycles(Opcode op) {
    return OpClass.of(op) == OpClass.CUSTOM ? customLatency : opcodeCycles(op);
  }

  /** Whether {@code op}'s cost depends on the instruction's fields or operands: then {@link #cycles(Instruction, int, int)} gives it. */
  public boolean variableCost(Opcode op) {
    return false;
  }

  /**
   * Cycles one execution of {@code in} takes, with {@code rs1Value} and {@code rs2Value} in its
   * source registers (not-taken, without stalls). Only called for {@linkplain #variableCost variable} opcodes.
   */
  public int cycles(Instruction in, int rs1Value, int rs2Value) {
    return cycles(in.opcode());
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

  /** The spec that selects exactly this model: its name, then the options that differ from the defaults. */
  public final String spec() {
    List<String> options = options();
    return options.isEmpty() ? name() : name() + ":" + String.join(",", options);
  }

  public static final List<String> NAMES = List.of("ideal", "cv32e40p", "picorv32");

  /** The model called {@code name} (case-insensitive) in its default configuration. */
  public static Optional<TimingModel> byName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "ideal" -> Optional.of(new IdealTiming(1));
      case "cv32e40p" -> Optional.of(new Cv32e40pTiming(1));
      case "picorv32" -> Optional.of(new Picorv32Timing());
      default -> Optional.empty();
    };
  }

  /**
   * The model a spec names: {@code NAME} or {@code NAME:KEY=VALUE,...} (name case-insensitive), e.g.
   * {@code picorv32:wait=1,barrel=0}. Every model takes {@code custom=N} (XBNN instructions take N
   * cycles); picorv32 also takes {@code wait=N}, {@code barrel=0|1} and {@code unit=N}.
   *
   * @throws IllegalArgumentException naming what is wrong: an unknown model, an option the model does
   *     not have, a repeated option or a value out of range
   */
  public static TimingModel parse(String spec) {
    int colon = spec.indexOf(':');
    String name = (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown timing model '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    }
    var options = new TimingOptions(name, colon < 0 ? null : spec.substring(colon + 1));
    TimingModel model = switch (name) {
      case "picorv32" -> Picorv32Timing.of(options);
      default -> byName(name).orElseThrow();
    };
    Integer custom = options.integer("custom", 1, MAX_OPTION);
    if (custom != null && options.given("unit")) {
      throw new IllegalArgumentException("timing model " + name + ": give unit=N (the PCPI unit's latency) or custom=N "
          + "(the instruction's cycles), not both");
    }
    options.rejectUnused(name.equals("picorv32") ? Picorv32Timing.OPTIONS : "custom=N");
    return custom == null ? model : model.withCustomLatency(custom);
  }

  @Override
  public String toString() {
    return spec();
  }
}
