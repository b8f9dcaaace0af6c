package dev.brainblitz.riscv.elf;

/** ELF32 constants used by the writer and the reader (System V gABI and the RISC-V psABI). */
final class Elf {
  static final int EM_RISCV = 243;
  static final int ET_EXEC = 2;
  static final int PT_LOAD = 1;
  static final int PF_X = 1;
  static final int PF_W = 2;
  static final int PF_R = 4;
  static final int SHT_PROGBITS = 1;
  static final int SHT_SYMTAB = 2;
  static final int SHT_STRTAB = 3;
  static final int SHT_NOBITS = 8;
  static final int SHT_RISCV_ATTRIBUTES = 0x70000003;
  static final int SHF_WRITE = 1;
  static final int SHF_ALLOC = 2;
  static final int SHF_EXECINSTR = 4;
  static final int SHN_ABS = 0xfff1;
  static final int STB_LOCAL = 0;
  static final int STB_GLOBAL = 1;
  static final int STB_WEAK = 2;
  static final int HEADER_SIZE = 52;
  static final int PROGRAM_HEADER_SIZE = 32;
  static final int SECTION_HEADER_SIZE = 40;
  static final int SYMBOL_SIZE = 16;
  static final int PAGE = 0x1000;

  private Elf() {}
}
