package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import java.util.ArrayList;
import java.util.List;

/**
 * YosysHQ PicoRV32, a multi-cycle core without a pipeline, in this configuration (docs/sim.md):
 * ENABLE_REGS_DUALPORT=1, ENABLE_MUL=1 (the serial PCPI multiplier, not ENABLE_FAST_MUL),
 * ENABLE_DIV=1, ENABLE_PCPI=1 with the XBNN unit on PCPI, ENABLE_COUNTERS=1, COMPRESSED_ISA=0,
 * TWO_CYCLE_ALU=0, TWO_CYCLE_COMPARE=0, TWO_STAGE_SHIFT=1, BARREL_SHIFTER as option {@code barrel}
 * (default 1), and a native memory interface that raises mem_ready {@code wait} cycles after
 * mem_valid (default 0: in the same cycle).
 *
 * <p>The cycles follow from the core's state machine (fetch, ld_rs1, exec or shift or ldmem/stmem,
 * back to fetch) and from the fact that it fetches the next instruction while the current one
 * executes. With W wait states:
 *
 * <ul>
 *   <li>ALU (register and immediate forms, lui/auipc, shifts with the barrel shifter, Zbb), branch
 *       not taken, jal: 3 + W; a taken branch adds 2 + W (the prefetched word is dropped and the
 *       target fetched);
 *   <li>loads and stores: 5 + 2W (the prefetch, then the data transfer); jalr and mret: 6 + W;
 *   <li>shifts without the barrel shifter: 4 + max(k, W - 1), k = amount / 4 + amount % 4 steps
 *       (4 to 14 cycles with W = 0);
 *   <li>rdcycle[h], rdinstret[h] and the other CSR instructions: 3 + max(1, W) (the core writes the
 *       value from ld_rs1 and must then wait one cycle for the prefetched word);
 *   <li>PCPI instructions: 3 + max(L + 1, W), L the co-processor's cycles from pcpi_valid to
 *       pcpi_ready: mul 40 (L = 36), mulh, mulhsu, mulhu 72 (L = 68), div, divu, rem, remu 40 (L = 36);
 *       XBNN through our PCPI adapter L = 1 (option {@code unit}), so 5; a combinational unit (L = 0) 4;
 *   <li>fence, ecall, ebreak, wfi (not PicoRV32 instructions: it traps on ecall and ebreak): as ALU;
 *   <li>no pipeline, so no load-use stall.
 * </ul>
 */
public final class Picorv32Timing extends TimingModel {
  /** The options a picorv32 spec takes, for messages. */
  static final String OPTIONS = "wait=N (memory wait states, default 0), barrel=0|1 (BARREL_SHIFTER, default 1), "
      + "unit=N (the XBNN unit's PCPI latency, default 1), custom=N (XBNN instruction cycles)";
  /** Cycles from pcpi_valid to pcpi_ready of our PCPI adapter (one registered stage). */
  public static final int DEFAULT_UNIT_LATENCY = 1;
  /** Cycles from pcpi_valid to pcpi_ready of picorv32_pcpi_mul (MUL) and picorv32_pcpi_div. */
  static final int MUL_LATENCY = 36;
  /** The same for the upper-word multiplications (64 multiplier steps instead of 32). */
  static final int MULH_LATENCY = 68;

  private final int waitStates;
  private final boolean barrelShifter;
  private final int unitLatency;
  private final boolean customGiven;

  /** The default configuration: no wait states, barrel shifter, our registered PCPI unit. */
  public Picorv32Timing() {
    this(0, true, DEFAULT_UNIT_LATENCY);
  }

  public Picorv32Timing(int waitStates, boolean barrelShifter, int unitLatency) {
    this(waitStates, barrelShifter, unitLatency, pcpiCycles(unitLatency, waitStates), false);
  }

  private Picorv32Timing(int waitStates, boolean barrelShifter, int unitLatency, int customCycles, boolean customGiven) {
    super(customCycles);
    if (waitStates < 0 || unitLatency < 0) {
      throw new IllegalArgumentException("wait states and unit latency must not be negative");
    }
    this.waitStates = waitStates;
    this.barrelShifter = barrelShifter;
    this.unitLatency = unitLatency;
    this.customGiven = customGiven;
  }

  static Picorv32Timing of(TimingOptions options) {
    Integer wait = options.integer("wait", 0, MAX_OPTION);
    boolean barrel = options.flag("barrel", true);
    Integer unit = options.integer("unit", 0, MAX_OPTION);
    return new Picorv32Timing(wait == null ? 0 : wait, barrel, unit == null ? DEFAULT_UNIT_LATENCY : unit);
  }

  /** Cycles of an instruction answered by a PCPI co-processor {@code latency} cycles after pcpi_valid. */
  static int pcpiCycles(int latency, int waitStates) {
    return 3 + Math.max(latency + 1, waitStates);
  }

  public int waitStates() {
    return waitStates;
  }

  public boolean barrelShifter() {
    return barrelShifter;
  }

  public int unitLatency() {
    return unitLatency;
  }

  @Override
  public String name() {
    return "picorv32";
  }

  @Override
  protected List<String> options() {
    List<String> options = new ArrayList<>();
    if (waitStates != 0) {
      options.add("wait=" + waitStates);
    }
    if (!barrelShifter) {
      options.add("barrel=0");
    }
    if (customGiven) {
      options.add("custom=" + customLatency());
    } else if (unitLatency != DEFAULT_UNIT_LATENCY) {
      options.add("unit=" + unitLatency);
    }
    return options;
  }

  @Override
  protected int baseCycles(OpClass c) {
    int w = waitStates;
    return switch (c) {
      case ALU, BRANCH, JAL, SYSTEM -> 3 + w;
      case LOAD, STORE -> 5 + 2 * w;
      case JALR -> 6 + w;
      case CSR -> 3 + Math.max(1, w);
      case MUL, DIV -> pcpiCycles(MUL_LATENCY, w);
      case MULH -> pcpiCycles(MULH_LATENCY, w);
      case CUSTOM -> customLatency();
    };
  }

  @Override
  public int branchTakenPenalty() {
    return 2 + waitStates;
  }

  @Override
  public int loadUseStall() {
    return 0;
  }

  @Override
  public TimingModel withCustomLatency(int cycles) {
    return new Picorv32Timing(waitStates, barrelShifter, unitLatency, cycles, true);
  }

  @Override
  public boolean variableCost(Opcode op) {
    return !barrelShifter && switch (op) {
      case SLL, SRL, SRA, SLLI, SRLI, SRAI -> true;
      default -> false;
    };
  }

  /** A shift without the barrel shifter: 4 bits a cycle while at least 4 remain, then 1 bit a cycle. */
  @Override
  public int cycles(Instruction in, int rs1Value, int rs2Value) {
    int amount = switch (in.opcode()) {
      case SLLI, SRLI, SRAI -> in.imm() & 31;
      case SLL, SRL, SRA -> rs2Value & 31;
      default -> throw new IllegalArgumentException(in.opcode().mnemonic() + " has a fixed cost");
    };
    int steps = amount / 4 + amount % 4;
    return 4 + Math.max(steps, waitStates - 1);
  }
}
