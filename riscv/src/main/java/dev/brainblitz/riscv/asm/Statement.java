package dev.brainblitz.riscv.asm;

import java.util.List;

/**
 * One source line, split: the labels it defines, then an instruction or directive name (null for a
 * label-only or empty line) and its comma-separated operands.
 */
record Statement(int index, List<Token> labels, Token name, List<Token> operands) {
  Statement {
    labels = List.copyOf(labels);
    operands = List.copyOf(operands);
  }
}
