package dev.brainblitz.riscv.asm;

import java.util.List;

/**
 * One statement, split: the labels it defines, then an instruction or directive name (null for a
 * label-only or empty statement) and its comma-separated operands. {@code index} orders the
 * statements of a whole assembly; {@code file} is the source it came from and {@code context} says
 * which macro or {@code .rept} expansion produced it (null for a statement written as is).
 */
record Statement(int index, String file, String context, List<Token> labels, Token name, List<Token> operands) {
  Statement {
    labels = List.copyOf(labels);
    operands = List.copyOf(operands);
  }
}
