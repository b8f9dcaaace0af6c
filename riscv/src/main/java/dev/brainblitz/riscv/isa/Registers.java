package dev.brainblitz.riscv.isa;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The integer registers' ABI names, as the disassembler prints them and the assembler reads them. */
public final class Registers {
  private static final String[] ABI_NAMES = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"
  };
  private static final Map<String, Integer> BY_NAME = new HashMap<>();

  static {
    for (int i = 0; i < 32; i++) {
      BY_NAME.put(ABI_NAMES[i], i);
      BY_NAME.put("x" + i, i);
    }
    BY_NAME.put("fp", 8);
  }

  private Registers() {}

  public static String abiName(int register) {
    return ABI_NAMES[register];
  }

  /** The number of a register written as {@code x5}, {@code t0} or {@code fp}, or -1. */
  public static int parse(String name) {
    return BY_NAME.getOrDefault(name.toLowerCase(Locale.ROOT), -1);
  }
}
