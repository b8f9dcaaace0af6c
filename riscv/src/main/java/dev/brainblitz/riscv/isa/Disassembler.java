package dev.brainblitz.riscv.isa;

import java.util.function.IntFunction;

/**
 * Prints instructions the way {@code riscv64-unknown-elf-objdump -d -M no-aliases} (binutils 2.40)
 * does: real mnemonics only, ABI register names, I/S immediates in decimal, shift amounts and upper
 * immediates in hex, branch and jump targets as absolute hex addresses. XBNN instructions print as
 * their mnemonics (objdump shows them as {@code .4byte}).
 */
public final class Disassembler {
  /** {@code csrrw zero, cycle, zero}, which objdump prints (and GNU as reads) as {@code unimp}. */
  public static final int UNIMP = 0xc0001073;

  private Disassembler() {}

  /** The text of the instruction at {@code pc}: {@code mnemonic<TAB>operands}. */
  public static String format(Instruction insn, int pc) {
    return format(insn, pc, address -> null);
  }

  /**
   * As {@link #format(Instruction, int)}, with branch and jump targets followed by {@code <name>}
   * when {@code symbolAt} names the target address (it returns null when nothing is there).
   */
  public static String format(Instruction insn, int pc, IntFunction<String> symbolAt) {
    Opcode op = insn.opcode();
    if (insn.encode() == UNIMP) {
      return "unimp"; // csrrw zero, cycle, zero: the canonical illegal instruction, named as objdump names it
    }
    String rd = Registers.abiName(insn.rd());
    String rs1 = Registers.abiName(insn.rs1());
    String rs2 = Registers.abiName(insn.rs2());
    String operands = switch (op.form()) {
      case R -> rd + "," + rs1 + "," + rs2;
      case SOURCES -> rs1 + "," + rs2;
      case UNARY -> rd + "," + rs1;
      case I -> rd + "," + rs1 + "," + insn.imm();
      case SHIFT -> rd + "," + rs1 + ",0x" + Integer.toHexString(insn.imm());
      case LOAD -> rd + "," + insn.imm() + "(" + rs1 + ")";
      case STORE -> rs2 + "," + insn.imm() + "(" + rs1 + ")";
      case BRANCH -> rs1 + "," + rs2 + "," + target(pc + insn.imm(), symbolAt);
      case UPPER -> rd + ",0x" + Integer.toHexString(insn.imm() >>> 12);
      case JUMP -> rd + "," + target(pc + insn.imm(), symbolAt);
      case CSR -> rd + "," + csr(insn.imm()) + "," + rs1;
      case CSR_IMMEDIATE -> rd + "," + csr(insn.imm()) + "," + insn.rs1();
      case FENCE -> fenceSet(insn.imm() >> 4) + "," + fenceSet(insn.imm() & 0xf);
      case NONE -> "";
    };
    return operands.isEmpty() ? op.mnemonic() : op.mnemonic() + "\t" + operands;
  }

  /** The word at {@code pc} as text; words that are not instructions print as {@code .4byte 0x...}. */
  public static String formatWord(int word, int pc, IntFunction<String> symbolAt) {
    Instruction insn = Decoder.decodeOrNull(word);
    return insn == null ? ".4byte\t0x" + Integer.toHexString(word) : format(insn, pc, symbolAt);
  }

  private static String target(int address, IntFunction<String> symbolAt) {
    String hex = Integer.toHexString(address);
    String name = symbolAt.apply(address);
    return name == null ? hex : hex + " <" + name + ">";
  }

  private static String csr(int number) {
    Csr csr = Csr.byNumber(number);
    return csr == null ? "0x" + Integer.toHexString(number) : csr.csrName();
  }

  /** A fence set as objdump prints it: the letters of {@code iorw} that are present. */
  static String fenceSet(int bits) {
    if (bits == 0) {
      return "unknown";
    }
    StringBuilder set = new StringBuilder();
    String letters = "iorw";
    for (int i = 0; i < 4; i++) {
      if ((bits & (8 >> i)) != 0) {
        set.append(letters.charAt(i));
      }
    }
    return set.toString();
  }
}
