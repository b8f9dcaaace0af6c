package dev.brainblitz.riscv.asm;

import java.util.Arrays;

/** One laid-out section of a program: where it lives and its bytes (none for .bss). */
public final class Section {
  private final SectionKind kind;
  private final int address;
  private final int size;
  private final int alignment;
  private final byte[] bytes;

  public Section(SectionKind kind, int address, int size, int alignment, byte[] bytes) {
    this.kind = kind;
    this.address = address;
    this.size = size;
    this.alignment = alignment;
    this.bytes = kind.hasBytes() ? Arrays.copyOf(bytes, size) : new byte[0];
  }

  public SectionKind kind() {
    return kind;
  }

  public int address() {
    return address;
  }

  /** Size in memory (for .bss, the zeroed bytes it reserves). */
  public int size() {
    return size;
  }

  public int alignment() {
    return alignment;
  }

  /** A copy of the contents; empty for .bss. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return kind.sectionName() + "@0x" + Integer.toHexString(address) + "[" + size + "]";
  }
}
