package dev.brainblitz.riscv.asm;

/** The sections a program has, in the order the memory map lays them out. */
public enum SectionKind {
  TEXT(".text", true, false, true),
  RODATA(".rodata", true, false, false),
  DATA(".data", true, true, false),
  /** The global offset table: the addresses {@code la} loads in position-independent code. */
  GOT(".got", true, true, false),
  /** Zero-initialised: takes memory but no file bytes. */
  BSS(".bss", false, true, false);

  private final String sectionName;
  private final boolean hasBytes;
  private final boolean writable;
  private final boolean executable;

  SectionKind(String sectionName, boolean hasBytes, boolean writable, boolean executable) {
    this.sectionName = sectionName;
    this.hasBytes = hasBytes;
    this.writable = writable;
    this.executable = executable;
  }

  public String sectionName() {
    return sectionName;
  }

  public boolean hasBytes() {
    return hasBytes;
  }

  public boolean writable() {
    return writable;
  }

  public boolean executable() {
    return executable;
  }

  /**
   * The section a GNU section name goes to: {@code .text.foo} to .text, {@code .srodata} and
   * {@code .rodata.str1.1} to .rodata, {@code .sdata} to .data, {@code .sbss} to .bss; else null.
   */
  public static SectionKind ofName(String name) {
    for (SectionKind kind : values()) {
      if (kind == GOT) {
        continue;
      }
      String base = kind.sectionName;
      String small = ".s" + base.substring(1);
      for (String prefix : new String[] {base, small}) {
        if (name.equals(prefix) || name.startsWith(prefix + ".")) {
          return kind;
        }
      }
    }
    return null;
  }
}
