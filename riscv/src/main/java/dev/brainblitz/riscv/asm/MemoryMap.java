package dev.brainblitz.riscv.asm;

/**
 * Where the linker step puts sections: .text at {@code textBase}, then .rodata, .data and .bss, each
 * aligned to its own alignment. The default, 0x80000000, is where RISC-V test harnesses (spike,
 * riscv-tests, qemu's virt board) expect RAM.
 */
public record MemoryMap(int textBase) {
  public static final MemoryMap DEFAULT = new MemoryMap(0x80000000);

  public MemoryMap {
    if ((textBase & 3) != 0) {
      throw new IllegalArgumentException("text base 0x" + Integer.toHexString(textBase) + " is not 4-byte aligned");
    }
  }
}
