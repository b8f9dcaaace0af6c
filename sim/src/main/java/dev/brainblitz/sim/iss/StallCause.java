package dev.brainblitz.sim.iss;

/** Why an instruction took more than one cycle; the report sums extra cycles per cause. */
public enum StallCause {
  /** An instruction read the register the load just before it writes (pipelined models). */
  LOAD_USE,
  /** A taken branch flushed the fetch stage(s). */
  BRANCH_TAKEN,
  /** jal, jalr and mret redirect fetch. */
  JUMP,
  /** Multiply, multiply-high, divide and remainder. */
  MUL_DIV,
  /** Loads and stores longer than one cycle (multi-cycle models). */
  MEMORY,
  /** Other multi-cycle execution (ALU, branch, CSR and system instructions of multi-cycle cores). */
  MULTI_CYCLE,
  /** The custom (XBNN) instructions' configured latency. */
  CUSTOM
}
