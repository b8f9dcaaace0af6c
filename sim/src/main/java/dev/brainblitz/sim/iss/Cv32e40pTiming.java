package dev.brainblitz.sim.iss;

/**
 * OpenHW CV32E40P, a 4-stage in-order pipeline (numbers from its user manual's instruction timing
 * table, rounded to the worst case where it gives a range):
 *
 * <ul>
 *   <li>ALU, Zbb, lui/auipc, CSR, fence, loads and stores: 1 cycle;
 *   <li>load-use: +1 stall when an instruction reads the register the load just before it writes;
 *   <li>branch: 1 not taken, 3 taken (+2);
 *   <li>jal, jalr, mret: 2 (+1);
 *   <li>mul: 1; mulh, mulhsu, mulhu: 5; div, divu, rem, remu: 35 (the iterative divider's worst case);
 *   <li>XBNN: the configured custom latency (default 1, a single-cycle ALU extension).
 * </ul>
 */
public final class Cv32e40pTiming extends TimingModel {
  public Cv32e40pTiming(int customLatency) {
    super(customLatency);
  }

  @Override
  public String name() {
    return "cv32e40p";
  }

  @Override
  protected int baseCycles(OpClass c) {
    return switch (c) {
      case ALU, LOAD, STORE, BRANCH, CSR, SYSTEM, MUL, CUSTOM -> 1;
      case JAL, JALR -> 2;
      case MULH -> 5;
      case DIV -> 35;
    };
  }

  @Override
  public int branchTakenPenalty() {
    return 2;
  }

  @Override
  public int loadUseStall() {
    return 1;
  }

  @Override
  public TimingModel withCustomLatency(int cycles) {
    return new Cv32e40pTiming(cycles);
  }
}
