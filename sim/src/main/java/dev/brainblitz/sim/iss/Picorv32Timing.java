package dev.brainblitz.sim.iss;

/**
 * YosysHQ PicoRV32, a multi-cycle core (numbers from its README's cycles-per-instruction table,
 * ENABLE_REGS_DUALPORT, the default PCPI multiplier and divider):
 *
 * <ul>
 *   <li>ALU (reg-reg, reg-imm, lui/auipc, Zbb), CSR and system instructions: 3 cycles;
 *   <li>loads and stores: 5;
 *   <li>branch: 3 not taken, 5 taken (+2);
 *   <li>jal: 3; jalr and mret: 6;
 *   <li>mul, mulh*, div, rem: 40 (the PCPI multiplier; the divider takes about as long);
 *   <li>no pipeline, so no load-use stall;
 *   <li>XBNN: the configured custom latency (default 3, an ALU-like PCPI co-processor).
 * </ul>
 */
public final class Picorv32Timing extends TimingModel {
  public Picorv32Timing(int customLatency) {
    super(customLatency);
  }

  @Override
  public String name() {
    return "picorv32";
  }

  @Override
  protected int baseCycles(OpClass c) {
    return switch (c) {
      case ALU, BRANCH, JAL, CSR, SYSTEM, CUSTOM -> 3;
      case LOAD, STORE -> 5;
      case JALR -> 6;
      case MUL, MULH, DIV -> 40;
    };
  }

  @Override
  public int branchTakenPenalty() {
    return 2;
  }

  @Override
  public int loadUseStall() {
    return 0;
  }

  @Override
  public TimingModel withCustomLatency(int cycles) {
    return new Picorv32Timing(cycles);
  }
}
