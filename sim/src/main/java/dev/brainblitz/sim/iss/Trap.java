package dev.brainblitz.sim.iss;

/**
 * A synchronous exception raised while executing an instruction: the machine-mode {@code mcause}
 * and {@code mtval}. Traps are rare, so they travel as an exception without a stack trace.
 */
final class Trap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int INSTRUCTION_MISALIGNED = 0;
  static final int INSTRUCTION_ACCESS_FAULT = 1;
  static final int ILLEGAL_INSTRUCTION = 2;
  static final int BREAKPOINT = 3;
  static final int LOAD_MISALIGNED = 4;
  static final int LOAD_ACCESS_FAULT = 5;
  static final int STORE_MISALIGNED = 6;
  static final int STORE_ACCESS_FAULT = 7;
  static final int ECALL_FROM_M = 11;

  final int cause;
  final int tval;

  Trap(int cause, int tval) {
    super(null, null, false, false);
    this.cause = cause;
    this.tval = tval;
  }

  static String describe(int cause) {
    return switch (cause) {
      case INSTRUCTION_MISALIGNED -> "instruction address misaligned";
      case INSTRUCTION_ACCESS_FAULT -> "instruction access fault";
      case ILLEGAL_INSTRUCTION -> "illegal instruction";
      case BREAKPOINT -> "breakpoint";
      case LOAD_MISALIGNED -> "load address misaligned";
      case LOAD_ACCESS_FAULT -> "load access fault";
      case STORE_MISALIGNED -> "store address misaligned";
      case STORE_ACCESS_FAULT -> "store access fault";
      case ECALL_FROM_M -> "environment call from M-mode";
      default -> "exception " + cause;
    };
  }
}
