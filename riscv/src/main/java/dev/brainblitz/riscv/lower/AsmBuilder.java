package dev.brainblitz.riscv.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small typed emitter of GNU-as text: sections, labels, data and instructions. Instructions between
 * two labels or control transfers form a basic block, which is list-scheduled when it ends so that no
 * instruction reads the register a load just before it wrote (the load-use stall of in-order
 * pipelines such as CV32E40P), as far as the dependencies allow.
 */
final class AsmBuilder {
  /** One straight-line instruction: its text and what it reads and writes, for the scheduler. */
  record Insn(String text, List<String> defs, List<String> uses, boolean load, boolean store) {}

  private final StringBuilder out = new StringBuilder();
  private final List<Insn> block = new ArrayList<>();
  private final java.util.Map<String, Long> labels = new java.util.HashMap<>();
  private long instructions;
  /** An upper bound of the bytes of .text emitted so far (li and la count as two instructions). */
  private long bytes;

  // ---- structure

  void line(String text) {
    flush();
    out.append(text).append('\n');
  }

  void comment(String text) {
    flush();
    out.append("    # ").append(text).append('\n');
  }

  void blank() {
    flush();
    out.append('\n');
  }

  void label(String name) {
    flush();
    labels.put(name, bytes);
    out.append(name).append(":\n");
  }

  /**
   * Branches back to {@code label} while rs1 != rs2: one {@code bne} when the label is within its
   * reach (conservatively, 4000 bytes), else {@code beq} over a {@code j}.
   */
  void loopBack(String rs1, String rs2, String label) {
    long distance = bytes + pendingBytes() - labels.get(label);
    if (distance <= 4000) {
      control("bne", rs1 + ", " + rs2 + ", " + label);
    } else {
      control("beq", rs1 + ", " + rs2 + ", 1f");
      control("j", label);
      line("1:");
    }
  }

  void directive(String name, String args) {
    line("    " + pad(name) + args);
  }

  void words(List<Integer> values, String comment) {
    flush();
    for (int i = 0; i < values.size(); i += 4) {
      StringBuilder s = new StringBuilder("    .word   ");
      for (int j = i; j < Math.min(values.size(), i + 4); j++) {
        s.append(j > i ? ", " : "").append(String.format(Locale.ROOT, "0x%08x", values.get(j)));
      }
      if (i == 0 && comment != null) {
        s.append("  # ").append(comment);
      }
      out.append(s).append('\n');
    }
  }

  /** A control transfer (branch, jump, call, return): ends the current block. */
  void control(String mnemonic, String operands) {
    flush();
    instructions++;
    bytes += mnemonic.equals("call") || mnemonic.equals("tail") ? 8 : 4;
    out.append(("    " + pad(mnemonic) + operands).stripTrailing()).append('\n');
  }

  /** Every register some instruction so far writes (straight-line instructions; control transfers write none we track). */
  java.util.Set<String> written() {
    flush();
    return java.util.Collections.unmodifiableSet(written);
  }

  String text() {
    flush();
    return out.toString();
  }

  /** Instructions emitted so far (pseudo-instructions count once). */
  long instructions() {
    return instructions + block.size();
  }

  // ---- instructions

  void r(String op, String rd, String rs1, String rs2) {
    add(op, rd + ", " + rs1 + ", " + rs2, List.of(rd), List.of(rs1, rs2), false, false);
  }

  void i(String op, String rd, String rs1, int imm) {
    add(op, rd + ", " + rs1 + ", " + imm, List.of(rd), List.of(rs1), false, false);
  }

  void unary(String op, String rd, String rs) {
    add(op, rd + ", " + rs, List.of(rd), List.of(rs), false, false);
  }

  void lw(String rd, int offset, String base) {
    checkOffset(offset);
    add("lw", rd + ", " + offset + "(" + base + ")", List.of(rd), List.of(base), true, false);
  }

  void lbu(String rd, int offset, String base) {
    checkOffset(offset);
    add("lbu", rd + ", " + offset + "(" + base + ")", List.of(rd), List.of(base), true, false);
  }

  void sw(String rs, int offset, String base) {
    checkOffset(offset);
    add("sw", rs + ", " + offset + "(" + base + ")", List.of(), List.of(rs, base), false, true);
  }

  void li(String rd, int value) {
    add("li", rd + ", " + value, List.of(rd), List.of(), false, false);
  }

  void la(String rd, String symbol) {
    add("la", rd + ", " + symbol, List.of(rd), List.of(), false, false);
  }

  void mv(String rd, String rs) {
    unary("mv", rd, rs);
  }

  /** rd = rs + c for any 32-bit c: one addi, or li into {@code scratch} and add. */
  void addConstant(String rd, String rs, int c, String scratch) {
    if (c >= -2048 && c <= 2047) {
      i("addi", rd, rs, c);
    } else {
      li(scratch, c);
      r("add", rd, rs, scratch);
    }
  }

  /** XBNN {@code xnorpop} (funct3 0) or {@code xnorpopacc} (funct3 1, which also reads rd), as GNU as spells them. */
  void xnorpop(boolean accumulate, String rd, String rs1, String rs2) {
    List<String> uses = accumulate ? List.of(rd, rs1, rs2) : List.of(rs1, rs2);
    String text = ".insn r 0x0B, " + (accumulate ? 1 : 0) + ", 0, " + rd + ", " + rs1 + ", " + rs2;
    block.add(new Insn(pad(text, 36) + "# " + (accumulate ? "xnorpopacc" : "xnorpop"), List.of(rd), uses, false, false));
  }

  private void add(String op, String operands, List<String> defs, List<String> uses, boolean load, boolean store) {
    block.add(new Insn(pad(op) + operands, defs, uses, load, store));
  }

  private final java.util.Set<String> written = new java.util.TreeSet<>();

  private static void checkOffset(int offset) {
    if (offset < -2048 || offset > 2047) {
      throw new IllegalStateException("offset " + offset + " does not fit 12 bits");
    }
  }

  private static String pad(String op) {
    return pad(op, 8);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  private long pendingBytes() {
    long n = 0;
    for (Insn insn : block) {
      n += insn.text().startsWith("li ") || insn.text().startsWith("la ") ? 8 : 4;
    }
    return n;
  }

  // ---- scheduling

  private void flush() {
    if (block.isEmpty()) {
      return;
    }
    for (Insn insn : schedule(block)) {
      out.append("    ").append(insn.text()).append('\n');
      written.addAll(insn.defs());
    }
    instructions += block.size();
    bytes += pendingBytes();
    block.clear();
  }

  /**
   * Greedy list scheduling of one basic block: among the instructions whose dependencies (register
   * read-after-write, write-after-read, write-after-write; memory order of stores against loads and
   * stores) are placed, take the first in program order that does not read the destination of a
   * load placed just before it; if every ready one does, take the first. Deterministic.
   */
  static List<Insn> schedule(List<Insn> code) {
    int n = code.size();
    int[] remaining = new int[n];
    List<List<Integer>> successors = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      successors.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      Insn b = code.get(i);
      for (int j = 0; j < i; j++) {
        if (dependent(code.get(j), b)) {
          successors.get(j).add(i);
          remaining[i]++;
        }
      }
    }
    boolean[] placed = new boolean[n];
    List<Insn> result = new ArrayList<>(n);
    Insn last = null;
    int firstUnplaced = 0;
    for (int step = 0; step < n; step++) {
      int choice = -1;
      int fallback = -1;
      for (int i = firstUnplaced; i < n; i++) {
        if (placed[i] || remaining[i] != 0) {
          continue;
        }
        if (fallback < 0) {
          fallback = i;
        }
        if (last == null || !last.load() || !reads(code.get(i), last.defs())) {
          choice = i;
          break;
        }
      }
      if (choice < 0) {
        choice = fallback;
      }
      placed[choice] = true;
      for (int s : successors.get(choice)) {
        remaining[s]--;
      }
      last = code.get(choice);
      result.add(last);
      while (firstUnplaced < n && placed[firstUnplaced]) {
        firstUnplaced++;
      }
    }
    return result;
  }

  private static boolean dependent(Insn first, Insn second) {
    if (first.store() && (second.load() || second.store()) || first.load() && second.store()) {
      return true;
    }
    return intersects(first.defs(), second.uses()) || intersects(first.defs(), second.defs())
        || intersects(first.uses(), second.defs());
  }

  private static boolean reads(Insn insn, List<String> registers) {
    return intersects(insn.uses(), registers);
  }

  private static boolean intersects(List<String> a, List<String> b) {
    for (String x : a) {
      if (!x.equals("zero") && b.contains(x)) {
        return true;
      }
    }
    return false;
  }
}
