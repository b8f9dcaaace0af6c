package dev.brainblitz.sim.iss;

import java.util.List;
import java.util.Random;

/**
 * Seeded random RV32IM + Zbb programs for comparison with qemu-riscv32: Linux-style (no CSRs, no
 * XBNN, which qemu does not have), ending by writing a 256-byte data buffer and the registers x1,
 * x4-x31 with write(1, ...) and exit(0). x2 (sp, which differs between the two) is never used,
 * x3 holds the buffer's address and x4 the loop counter.
 */
final class RandomPrograms {
  private static final List<String> R = List.of("add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and", "mul",
      "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu", "andn", "orn", "xnor", "min", "minu", "max", "maxu", "rol", "ror");
  private static final List<String> I = List.of("addi", "slti", "sltiu", "xori", "ori", "andi");
  private static final List<String> SHIFT = List.of("slli", "srli", "srai", "rori");
  private static final List<String> UNARY = List.of("clz", "ctz", "cpop", "sext.b", "sext.h", "zext.h", "rev8", "orc.b");
  private static final List<String> BRANCH = List.of("beq", "bne", "blt", "bge", "bltu", "bgeu");
  private static final int[] EDGES = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x80, 0xff, 0xffff, 0x8000, 31, 32, 33};
  static final int BUFFER = 256;
  static final int DUMP = BUFFER + 4 * 32;

  private RandomPrograms() {}

  /** A program of {@code ops} random operations; looping programs run them 2-12 times. */
  static String generate(long seed, int ops, boolean looping) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder("# random program, seed ").append(seed).append("\n.text\n.globl _start\n_start:\n");
    b.append("  la x3, buffer\n");
    for (int reg = 1; reg < 32; reg++) {
      if (reg != 2 && reg != 3 && reg != 4) {
        b.append("  li x").append(reg).append(", ").append(value(r)).append('\n');
      }
    }
    if (looping) {
      b.append("  li x4, ").append(2 + r.nextInt(11)).append("\nloop:\n");
    }
    for (int i = 0; i < ops; i++) {
      op(r, b);
    }
    if (looping) {
      b.append("  addi x4, x4, -1\n  bnez x4, loop\n");
    }
    for (int reg = 1; reg < 32; reg++) {
      if (reg != 2) {
        b.append("  sw x").append(reg).append(", ").append(BUFFER + 4 * reg).append("(x3)\n");
      }
    }
    b.append("  li a0, 1\n  mv a1, x3\n  li a2, ").append(DUMP).append("\n  li a7, 64\n  ecall\n");
    b.append("  li a0, 0\n  li a7, 93\n  ecall\n");
    b.append(".data\n.balign 4\nbuffer:\n");
    for (int i = 0; i < BUFFER / 4; i++) {
      b.append("  .word ").append(value(r)).append('\n');
    }
    b.append("  .zero ").append(DUMP - BUFFER).append('\n');
    return b.toString();
  }

  private static int value(Random r) {
    return r.nextInt(3) == 0 ? EDGES[r.nextInt(EDGES.length)] : r.nextInt();
  }

  /** A destination: x0 now and then (writes dropped), never sp, the buffer pointer or the loop counter. */
  private static String rd(Random r) {
    if (r.nextInt(20) == 0) {
      return "x0";
    }
    int reg = 1 + r.nextInt(28);
    return "x" + (reg == 1 ? 1 : reg + 3);
  }

  private static String rs(Random r) {
    int reg = r.nextInt(32);
    return "x" + (reg == 2 ? 0 : reg);
  }

  private static void op(Random r, StringBuilder b) {
    int kind = r.nextInt(100);
    if (kind < 40) {
      b.append("  ").append(R.get(r.nextInt(R.size()))).append(' ').append(rd(r)).append(", ").append(rs(r)).append(", ")
          .append(rs(r)).append('\n');
    } else if (kind < 55) {
      b.append("  ").append(I.get(r.nextInt(I.size()))).append(' ').append(rd(r)).append(", ").append(rs(r)).append(", ")
          .append(r.nextInt(4096) - 2048).append('\n');
    } else if (kind < 63) {
      b.append("  ").append(SHIFT.get(r.nextInt(SHIFT.size()))).append(' ').append(rd(r)).append(", ").append(rs(r)).append(", ")
          .append(r.nextInt(32)).append('\n');
    } else if (kind < 71) {
      b.append("  ").append(UNARY.get(r.nextInt(UNARY.size()))).append(' ').append(rd(r)).append(", ").append(rs(r)).append('\n');
    } else if (kind < 74) {
      b.append("  ").append(r.nextBoolean() ? "lui" : "auipc").append(' ').append(rd(r)).append(", ").append(r.nextInt(1 << 20))
          .append('\n');
    } else if (kind < 84) {
      String[] loads = {"lb", "lbu", "lh", "lhu", "lw"};
      int size = new int[] {1, 1, 2, 2, 4}[r.nextInt(5)];
      String op = size == 1 ? loads[r.nextInt(2)] : size == 2 ? loads[2 + r.nextInt(2)] : "lw";
      b.append("  ").append(op).append(' ').append(rd(r)).append(", ").append(offset(r, size)).append("(x3)\n");
    } else if (kind < 92) {
      String[] stores = {"sb", "sh", "sw"};
      int which = r.nextInt(3);
      b.append("  ").append(stores[which]).append(' ').append(rs(r)).append(", ").append(offset(r, 1 << which)).append("(x3)\n");
    } else if (kind < 97) {
      b.append("  ").append(BRANCH.get(r.nextInt(BRANCH.size()))).append(' ').append(rs(r)).append(", ").append(rs(r))
          .append(", 1f\n");
      op(r, b);
      b.append("1:\n");
    } else {
      b.append("  jal ").append(rd(r)).append(", 1f\n");
      op(r, b);
      b.append("1:\n");
    }
  }

  /** An offset into the buffer, aligned to {@code size} mostly and misaligned now and then. */
  private static int offset(Random r, int size) {
    int at = r.nextInt(BUFFER - 4);
    return r.nextInt(8) == 0 ? at : at & -size;
  }
}
