package dev.brainblitz.riscv.lower;

import dev.brainblitz.riscv.isa.Form;
import dev.brainblitz.riscv.isa.Opcode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small typed emitter of GNU-as text: sections, labels, data and instructions. Instructions are
 * rows of the ISA table ({@link Opcode}) with typed registers and immediates, checked when emitted
 * ({@link AsmInstruction}). Instructions between two labels or control transfers form a basic
 * block, which the {@link LoadScheduler} orders when the block ends.
 */
final class AsmBuilder {
  private final StringBuilder out = new StringBuilder();
  private final List<AsmInstruction> block = new ArrayList<>();
  private final Map<String, Long> labels = new HashMap<>();
  private final Set<Reg> written = EnumSet.noneOf(Reg.class);
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

  /** Every register some straight-line instruction so far writes (control transfers write none we track). */
  Set<Reg> written() {
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

  // ---- control transfers: each ends the current block

  /**
   * Branches back to {@code label} while rs1 != rs2: one {@code bne} when the label is within its
   * reach (conservatively, 4000 bytes), else {@code beq} over a {@code j}.
   */
  void loopBack(Reg rs1, Reg rs2, String label) {
    long distance = bytes + pendingBytes() - labels.get(label);
    if (distance <= 4000) {
      control(new AsmInstruction.Branch(Opcode.BNE, rs1, rs2, label, false));
    } else {
      control(new AsmInstruction.Branch(Opcode.BEQ, rs1, rs2, "1f", false));
      control(new AsmInstruction.Jump(label));
      line("1:");
    }
  }

  /** Branches to {@code target} when {@code op} (a BRANCH row) holds for rs1 and rs2. */
  void branch(Opcode op, Reg rs1, Reg rs2, String target) {
    control(new AsmInstruction.Branch(op, rs1, rs2, target, false));
  }

  /** Branches to {@code target} when rs1 <= rs2 (signed), written as GNU as's {@code ble}. */
  void branchIfLessOrEqual(Reg rs1, Reg rs2, String target) {
    control(AsmInstruction.Branch.lessOrEqual(rs1, rs2, target));
  }

  void ret() {
    control(new AsmInstruction.Return());
  }

  private void control(AsmInstruction transfer) {
    flush();
    instructions++;
    bytes += transfer.maxBytes();
    out.append("    ").append(transfer.text()).append('\n');
  }

  // ---- straight-line instructions

  /** An R-form row: {@code op rd, rs1, rs2} (for XNORPOPACC, rd is also read). */
  void op(Opcode op, Reg rd, Reg rs1, Reg rs2) {
    requireForm(op, Form.R);
    add(AsmInstruction.Machine.of(op, rd, rs1, rs2, 0));
  }

  /** A SOURCES-form row: {@code op rs1, rs2} (no result; XBNN2's bppush). */
  void push(Opcode op, Reg rs1, Reg rs2) {
    requireForm(op, Form.SOURCES);
    add(AsmInstruction.Machine.of(op, Reg.ZERO, rs1, rs2, 0));
  }

  /** An I- or SHIFT-form row: {@code op rd, rs1, imm}; the immediate must fit the form. */
  void op(Opcode op, Reg rd, Reg rs1, int imm) {
    requireForm(op, Form.I, Form.SHIFT);
    add(AsmInstruction.Machine.of(op, rd, rs1, Reg.ZERO, imm));
  }

  /** A UNARY-form row: {@code op rd, rs}. */
  void op(Opcode op, Reg rd, Reg rs) {
    requireForm(op, Form.UNARY);
    add(AsmInstruction.Machine.of(op, rd, rs, Reg.ZERO, 0));
  }

  /** A load row: {@code op rd, offset(base)}; the offset must fit 12 bits. */
  void load(Opcode op, Reg rd, int offset, Reg base) {
    requireForm(op, Form.LOAD);
    add(AsmInstruction.Machine.of(op, rd, base, Reg.ZERO, offset));
  }

  /** A store row: {@code op rs, offset(base)}; the offset must fit 12 bits. */
  void store(Opcode op, Reg rs, int offset, Reg base) {
    requireForm(op, Form.STORE);
    add(AsmInstruction.Machine.of(op, Reg.ZERO, base, rs, offset));
  }

  void lw(Reg rd, int offset, Reg base) {
    load(Opcode.LW, rd, offset, base);
  }

  void lbu(Reg rd, int offset, Reg base) {
    load(Opcode.LBU, rd, offset, base);
  }

  void sw(Reg rs, int offset, Reg base) {
    store(Opcode.SW, rs, offset, base);
  }

  void li(Reg rd, int value) {
    add(new AsmInstruction.LoadImmediate(rd, value));
  }

  void la(Reg rd, String symbol) {
    add(new AsmInstruction.LoadAddress(rd, symbol));
  }

  void mv(Reg rd, Reg rs) {
    add(new AsmInstruction.Move(rd, rs));
  }

  /** rd = rs + c for any 32-bit c: one addi when c fits its immediate, else li into {@code scratch} and add. */
  void addConstant(Reg rd, Reg rs, int c, Reg scratch) {
    if (Form.I.fits(c)) {
      op(Opcode.ADDI, rd, rs, c);
    } else {
      li(scratch, c);
      op(Opcode.ADD, rd, rs, scratch);
    }
  }

  /** XBNN {@code xnorpop} or, accumulating into rd, {@code xnorpopacc}. */
  void xnorpop(boolean accumulate, Reg rd, Reg rs1, Reg rs2) {
    op(accumulate ? Opcode.XNORPOPACC : Opcode.XNORPOP, rd, rs1, rs2);
  }

  /**
   * Whether a block of {@code bytes} bytes can be addressed from one base register by load and store
   * offsets ({@link Form#fits}): judged by the block's size, so for a word-aligned block every word
   * and the word after it are reachable.
   */
  static boolean withinReach(long bytes) {
    return Form.LOAD.fits(bytes);
  }

  private void add(AsmInstruction instruction) {
    block.add(instruction);
  }

  private static void requireForm(Opcode op, Form... forms) {
    for (Form form : forms) {
      if (op.form() == form) {
        return;
      }
    }
    throw new IllegalArgumentException(op.mnemonic() + " is a " + op.form() + "-form instruction");
  }

  private static String pad(String s) {
    return s.length() >= 8 ? s + " " : s + " ".repeat(8 - s.length());
  }

  private long pendingBytes() {
    long n = 0;
    for (AsmInstruction instruction : block) {
      n += instruction.maxBytes();
    }
    return n;
  }

  private void flush() {
    if (block.isEmpty()) {
      return;
    }
    for (AsmInstruction instruction : LoadScheduler.schedule(block)) {
      out.append("    ").append(instruction.text()).append('\n');
      written.addAll(instruction.defs());
    }
    instructions += block.size();
    bytes += pendingBytes();
    block.clear();
  }
}
