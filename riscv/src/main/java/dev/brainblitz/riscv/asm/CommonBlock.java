package dev.brainblitz.riscv.asm;

/**
 * Zeroed bytes a symbol names without a section statement: {@code .comm} (placed by the linker step
 * after all .bss unless a file defines the symbol) or {@code .lcomm} and the {@code .comm} of a
 * {@code .local} symbol (placed after the file's own .bss contents, as GNU as does).
 */
final class CommonBlock {
  final Label label;
  long size;
  int alignment = 1;

  CommonBlock(Label label) {
    this.label = label;
  }
}
