package dev.brainblitz.riscv.asm;

/**
 * Where the linker step puts sections: .text at {@code textBase}, then .rodata, .data, .got and
 * .bss, each aligned to its own alignment. The default, 0x80000000, is where RISC-V test harnesses
 * (spike, riscv-tests, qemu's virt board) expect RAM. With {@code dataOnOwnPage}, the writable
 * sections start on a new 4 KiB page, so that no page holds both code and data (qemu-user then
 * skips its self-modifying-code checks on every store, and the ELF file gets a read-execute and a
 * read-write segment).
 */
public record MemoryMap(int textBase, boolean dataOnOwnPage) {
  public static final MemoryMap DEFAULT = new MemoryMap(0x80000000);
  public static final int PAGE = 4096;

  public MemoryMap {
    if ((textBase & 3) != 0) {
      throw new IllegalArgumentException("text base 0x" + Integer.toHexString(textBase) + " is not 4-byte aligned");
    }
  }

  public MemoryMap(int textBase) {
    this(textBase, false);
  }

  public MemoryMap withDataOnOwnPage(boolean own) {
    return new MemoryMap(textBase, own);
  }
}
