package dev.brainblitz.riscv.isa;

import java.util.Objects;

/**
 * One decoded (or to-be-encoded) instruction: its table row and operand fields. Fields a form does
 * not use are 0. What {@code imm} holds depends on the form:
 *
 * <ul>
 *   <li>I, LOAD (incl. jalr), STORE: the sign-extended 12-bit immediate;
 *   <li>SHIFT: the shift amount; BRANCH, JUMP: the signed byte offset from the instruction's pc;
 *   <li>UPPER: the 32-bit value the instruction contributes ({@code imm20 << 12}), ready to add;
 *   <li>CSR, CSR_IMMEDIATE: the CSR number (for CSR_IMMEDIATE, {@code rs1} holds the 5-bit uimm);
 *   <li>FENCE: {@code pred << 4 | succ}, each set as bits i, o, r, w from high to low.
 * </ul>
 */
public record Instruction(Opcode opcode, int rd, int rs1, int rs2, int imm) {
  public Instruction {
    Objects.requireNonNull(opcode, "opcode");
    checkRegister(rd);
    checkRegister(rs1);
    checkRegister(rs2);
    Form form = opcode.form();
    if (!form.usesRd() && rd != 0 || !form.usesRs1() && rs1 != 0 || !form.usesRs2() && rs2 != 0) {
      throw new IllegalArgumentException(opcode.mnemonic() + " has no such register operand");
    }
    if (!opcode.form().fits(opcode.form() == Form.UPPER ? Integer.toUnsignedLong(imm) : imm)) {
      throw new IllegalArgumentException(
          opcode.mnemonic() + ": immediate " + imm + " is not " + opcode.form().rangeDescription());
    }
  }

  public static Instruction of(Opcode opcode, int rd, int rs1, int rs2, int imm) {
    return new Instruction(opcode, rd, rs1, rs2, imm);
  }

  /** The 32-bit word; {@code Decoder.decode(encode())} gives back this instruction. */
  public int encode() {
    // Fields a form does not use are 0 (the constructor checks), so placing all three is exact.
    return rType(opcode.match() | opcode.form().placeImmediate(imm), rd, rs1, rs2);
  }

  /** {@code fixedBits} with the register fields of the R-type layout (rd 11:7, rs1 19:15, rs2 24:20). */
  public static int rType(int fixedBits, int rd, int rs1, int rs2) {
    return fixedBits | rd << 7 | rs1 << 15 | rs2 << 20;
  }

  private static void checkRegister(int register) {
    if (register < 0 || register > 31) {
      throw new IllegalArgumentException("register x" + register + " does not exist");
    }
  }
}
