package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.diag.ErrorCode;

/** A user error in one statement; the assembler turns it into a diagnostic and goes on. */
final class AsmError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final ErrorCode code;
  final transient Token where;

  AsmError(ErrorCode code, Token where, String message) {
    super(message, null, false, false);
    this.code = code;
    this.where = where;
  }
}
