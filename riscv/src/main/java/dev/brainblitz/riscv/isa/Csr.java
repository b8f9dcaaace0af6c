package dev.brainblitz.riscv.isa;

import java.util.Locale;

/**
 * The control and status registers known by name: the machine-mode ones a bare-metal program uses,
 * the supervisor-mode ones (so firmware written for S-mode assembles; our simulator has no S-mode
 * and traps on them) and the user counters. Names are GNU binutils 2.40's; any other CSR is written
 * as its number.
 */
public enum Csr {
  CYCLE(0xc00),
  TIME(0xc01),
  INSTRET(0xc02),
  CYCLEH(0xc80),
  TIMEH(0xc81),
  INSTRETH(0xc82),
  SSTATUS(0x100),
  SIE(0x104),
  STVEC(0x105),
  SCOUNTEREN(0x106),
  SENVCFG(0x10a),
  SSCRATCH(0x140),
  SEPC(0x141),
  SCAUSE(0x142),
  STVAL(0x143),
  SIP(0x144),
  SATP(0x180),
  MSTATUS(0x300),
  MISA(0x301),
  MEDELEG(0x302),
  MIDELEG(0x303),
  MIE(0x304),
  MTVEC(0x305),
  MCOUNTEREN(0x306),
  MSTATUSH(0x310),
  MSCRATCH(0x340),
  MEPC(0x341),
  MCAUSE(0x342),
  MTVAL(0x343),
  MIP(0x344),
  MCYCLE(0xb00),
  MINSTRET(0xb02),
  MCYCLEH(0xb80),
  MINSTRETH(0xb82),
  MVENDORID(0xf11),
  MARCHID(0xf12),
  MIMPID(0xf13),
  MHARTID(0xf14);

  private final int number;

  Csr(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  /** Whether it is a supervisor-mode CSR (privilege bits 9:8 = 1). */
  public boolean supervisor() {
    return (number >> 8 & 3) == 1;
  }

  public String csrName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The CSR with this number, or null. */
  public static Csr byNumber(int number) {
    for (Csr csr : values()) {
      if (csr.number == number) {
        return csr;
      }
    }
    return null;
  }

  /** The CSR with this name (case-insensitive), or null. */
  public static Csr byName(String name) {
    for (Csr csr : values()) {
      if (csr.csrName().equalsIgnoreCase(name)) {
        return csr;
      }
    }
    return null;
  }
}
