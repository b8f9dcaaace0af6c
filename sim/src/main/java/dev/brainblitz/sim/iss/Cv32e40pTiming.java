package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.isa.Csr;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import java.util.List;

/**
 * OpenHW CV32E40P, a 4-stage in-order pipeline, with COREV_PULP=0, FPU=0 and instruction and data
 * memories that never stall (the assumption of its user manual's cycle table, which these numbers
 * follow, taking the worst case where it gives a range; docs/sim.md):
 *
 * <ul>
 *   <li>ALU, lui/auipc, fence, loads and stores: 1 cycle;
 *   <li>load-use: +1 stall when an instruction reads the register the load just before it writes;
 *   <li>branch: 1 not taken, 3 taken (+2); jal, jalr, mret, fence.i: 2;
 *   <li>mul: 1; mulh, mulhsu, mulhu: 5; div, divu, rem, remu: 35 (the divider's worst case, a zero divisor);
 *   <li>CSR instructions: 4 on mstatus, mtvec, mepc, mcause and the counters (mcycle[h], minstret[h],
 *       and their unprivileged aliases cycle[h], instret[h], time[h]), 1 on the others;
 *   <li>Zbb, which CV32E40P lacks: 1, as if its ALU had it (CV32E40X has it);
 *   <li>XBNN: the custom latency (default 1): a datapath added to the EX stage beside the ALU and
 *       forwarded like an ALU result. CV32E40P has no port for custom instructions, so this stands for
 *       a core change; through CV32E40X's eXtension interface the cost depends on the co-processor.
 * </ul>
 */
public final class Cv32e40pTiming extends TimingModel {
  private static final int SLOW_CSR_CYCLES = 4;

  public Cv32e40pTiming(int customLatency) {
    super(customLatency);
  }

  @Override
  public String name() {
    return "cv32e40p";
  }

  @Override
  protected List<String> options() {
    return customLatency() == 1 ? List.of() : List.of("custom=" + customLatency());
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
  protected int opcodeCycles(Opcode op) {
    // fence.i is a jump to the next instruction that flushes the fetch stage.
    return op == Opcode.FENCE_I ? 2 : super.opcodeCycles(op);
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

  @Override
  public boolean variableCost(Opcode op) {
    return OpClass.of(op) == OpClass.CSR;
  }

  /** A CSR instruction: the CSRs whose access waits for the pipeline to drain take 4 cycles. */
  @Override
  public int cycles(Instruction in, int rs1Value, int rs2Value) {
    Csr csr = Csr.byNumber(in.imm());
    return csr == null ? 1 : switch (csr) {
      case MSTATUS, MTVEC, MEPC, MCAUSE, MCYCLE, MCYCLEH, MINSTRET, MINSTRETH, CYCLE, CYCLEH, INSTRET, INSTRETH, TIME,
          TIMEH -> SLOW_CSR_CYCLES;
      default -> 1;
    };
  }
}
