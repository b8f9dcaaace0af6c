package dev.brainblitz.riscv.lower;

/** Emits the code and the .rodata of one layer by one {@link LayerMethod}. */
interface LayerEmitter {
  void emit(LayerCode layer);
}
