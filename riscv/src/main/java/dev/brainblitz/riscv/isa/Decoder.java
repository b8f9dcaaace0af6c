package dev.brainblitz.riscv.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns 32-bit words into {@link Instruction}s using the {@link Opcode} table. Rows are grouped by
 * major opcode so a decode looks at a handful of candidates; the result is an immutable record an
 * interpreter can cache per pc (decode once, execute many times).
 */
public final class Decoder {
  /** Candidate rows per 7-bit major opcode. */
  private static final Opcode[][] BY_MAJOR = new Opcode[128][];

  static {
    List<List<Opcode>> groups = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      groups.add(new ArrayList<>());
    }
    for (Opcode op : Opcode.values()) {
      groups.get(op.majorOpcode()).add(op);
    }
    for (int i = 0; i < 128; i++) {
      BY_MAJOR[i] = groups.get(i).toArray(new Opcode[0]);
    }
  }

  private Decoder() {}

  /** The table row whose fixed bits match {@code word}, or null if it is not a valid instruction. */
  public static Opcode opcodeOf(int word) {
    for (Opcode op : BY_MAJOR[word & 0x7f]) {
      if ((word & op.mask()) == op.match()) {
        return op;
      }
    }
    return null;
  }

  /** The instruction {@code word} encodes, or null if it is illegal: the allocation-free fast path. */
  public static Instruction decodeOrNull(int word) {
    Opcode op = opcodeOf(word);
    if (op == null) {
      return null;
    }
    Form form = op.form();
    int rd = form.usesRd() ? (word >>> 7) & 0x1f : 0;
    int rs1 = form.usesRs1() ? (word >>> 15) & 0x1f : 0;
    int rs2 = form.usesRs2() ? (word >>> 20) & 0x1f : 0;
    return new Instruction(op, rd, rs1, rs2, form.immediate(word));
  }

  /**
   * Predecodes little-endian code: element i is the instruction at byte offset 4 i, or null where
   * the word is not a valid instruction (an interpreter raises the illegal-instruction trap there).
   */
  public static Instruction[] decodeAll(byte[] code) {
    Instruction[] decoded = new Instruction[code.length / 4];
    for (int i = 0; i < decoded.length; i++) {
      int at = 4 * i;
      int word = (code[at] & 0xff) | (code[at + 1] & 0xff) << 8 | (code[at + 2] & 0xff) << 16 | (code[at + 3] & 0xff) << 24;
      decoded[i] = decodeOrNull(word);
    }
    return decoded;
  }

  /** The instruction {@code word} encodes, or empty if it is illegal. */
  public static Optional<Instruction> decode(int word) {
    return Optional.ofNullable(decodeOrNull(word));
  }
}
