package dev.brainblitz.riscv.isa;

/**
 * How an instruction's operands are written and where they live in the 32-bit word. An {@link
 * Opcode} row names its form and fixed bits; every bit the form does not claim as an operand is
 * fixed, so {@link #operandBits()} alone gives the row's decode mask.
 */
public enum Form {
  /** {@code rd, rs1, rs2}. */
  R(Field.RD | Field.RS1 | Field.RS2),
  /** {@code rs1, rs2}: R-type with the rd field fixed to zero (an instruction with no result). */
  SOURCES(Field.RS1 | Field.RS2),
  /** {@code rd, rs1}: R-type or I-type with the rest of the word fixed (clz, rev8, sext.b ...). */
  UNARY(Field.RD | Field.RS1),
  /** {@code rd, rs1, imm}: 12-bit signed immediate. */
  I(Field.RD | Field.RS1 | Field.IMM_I),
  /** {@code rd, rs1, shamt}: 5-bit shift amount. */
  SHIFT(Field.RD | Field.RS1 | Field.RS2),
  /** {@code rd, imm(rs1)}: loads and jalr. */
  LOAD(Field.RD | Field.RS1 | Field.IMM_I),
  /** {@code rs2, imm(rs1)}. */
  STORE(Field.RS1 | Field.RS2 | Field.IMM_S),
  /** {@code rs1, rs2, target}: 13-bit signed even pc offset. */
  BRANCH(Field.RS1 | Field.RS2 | Field.IMM_S),
  /** {@code rd, imm20}: the immediate is the upper 20 bits of the value. */
  UPPER(Field.RD | Field.IMM_U),
  /** {@code rd, target}: 21-bit signed even pc offset. */
  JUMP(Field.RD | Field.IMM_U),
  /** {@code rd, csr, rs1}. */
  CSR(Field.RD | Field.RS1 | Field.IMM_I),
  /** {@code rd, csr, uimm5}: the 5-bit immediate sits in the rs1 field. */
  CSR_IMMEDIATE(Field.RD | Field.RS1 | Field.IMM_I),
  /** {@code pred, succ}: fence's predecessor and successor sets (fm, rs1 and rd are zero). */
  FENCE(Field.FENCE_SETS),
  /** No operands: the whole word is fixed (ecall, mret ...). */
  NONE(0);

  private final int operandBits;

  Form(int operandBits) {
    this.operandBits = operandBits;
  }

  /** The bits of the word that hold operands; the complement is the decode mask. */
  public int operandBits() {
    return operandBits;
  }

  public boolean usesRd() {
    return switch (this) {
      case STORE, BRANCH, FENCE, SOURCES, NONE -> false;
      default -> true;
    };
  }

  /** Whether the rs1 field is an operand (for CSR_IMMEDIATE it holds the 5-bit immediate). */
  public boolean usesRs1() {
    return switch (this) {
      case UPPER, JUMP, FENCE, NONE -> false;
      default -> true;
    };
  }

  public boolean usesRs2() {
    return this == R || this == STORE || this == BRANCH || this == SOURCES;
  }

  /** Bit positions of the instruction fields. */
  static final class Field {
    static final int RD = 0x1f << 7;
    static final int RS1 = 0x1f << 15;
    static final int RS2 = 0x1f << 20;
    static final int IMM_I = 0xfff << 20;
    static final int IMM_S = (0x7f << 25) | RD;
    static final int IMM_U = 0xfffff << 12;
    static final int FENCE_SETS = 0xff << 20;

    private Field() {}
  }

  /** The immediate (or csr number, shamt, fence sets) that this form holds in {@code word}. */
  public int immediate(int word) {
    return switch (this) {
      case I, LOAD -> word >> 20;
      case SHIFT -> (word >>> 20) & 0x1f;
      case STORE -> ((word >> 25) << 5) | ((word >>> 7) & 0x1f);
      case BRANCH -> ((word >> 31) << 12) | (((word >>> 7) & 1) << 11) | (((word >>> 25) & 0x3f) << 5)
          | (((word >>> 8) & 0xf) << 1);
      case UPPER -> word & 0xfffff000;
      case JUMP -> ((word >> 31) << 20) | (((word >>> 12) & 0xff) << 12) | (((word >>> 20) & 1) << 11)
          | (((word >>> 21) & 0x3ff) << 1);
      case CSR, CSR_IMMEDIATE -> (word >>> 20) & 0xfff;
      case FENCE -> (word >>> 20) & 0xff;
      case R, SOURCES, UNARY, NONE -> 0;
    };
  }

  /** The bits of {@code imm} placed where this form keeps its immediate; the inverse of {@link #immediate}. */
  public int placeImmediate(int imm) {
    return switch (this) {
      case I, LOAD, CSR, CSR_IMMEDIATE -> (imm & 0xfff) << 20;
      case SHIFT -> (imm & 0x1f) << 20;
      case STORE -> ((imm >> 5) & 0x7f) << 25 | (imm & 0x1f) << 7;
      case BRANCH -> ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3f) << 25 | ((imm >> 1) & 0xf) << 8
          | ((imm >> 11) & 1) << 7;
      case UPPER -> imm & 0xfffff000;
      case JUMP -> ((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3ff) << 21 | ((imm >> 11) & 1) << 20
          | ((imm >> 12) & 0xff) << 12;
      case FENCE -> (imm & 0xff) << 20;
      case R, SOURCES, UNARY, NONE -> 0;
    };
  }

  /** Whether {@code imm} can be encoded exactly; {@link #rangeDescription()} says what can. */
  public boolean fits(long imm) {
    return switch (this) {
      case I, LOAD -> imm >= -2048 && imm <= 2047;
      case SHIFT -> imm >= 0 && imm <= 31;
      case STORE -> imm >= -2048 && imm <= 2047;
      case BRANCH -> imm >= -4096 && imm <= 4094 && (imm & 1) == 0;
      case UPPER -> (imm & 0xfff) == 0 && imm >= Integer.MIN_VALUE && imm <= 0xffffffffL;
      case JUMP -> imm >= -(1 << 20) && imm <= (1 << 20) - 2 && (imm & 1) == 0;
      case CSR, CSR_IMMEDIATE -> imm >= 0 && imm <= 0xfff;
      case FENCE -> imm >= 0 && imm <= 0xff;
      case R, SOURCES, UNARY, NONE -> imm == 0;
    };
  }

  public String rangeDescription() {
    return switch (this) {
      case I, LOAD, STORE -> "a signed 12-bit value [-2048, 2047]";
      case SHIFT -> "a shift amount [0, 31]";
      case BRANCH -> "an even offset in [-4096, 4094]";
      case UPPER -> "a 20-bit value [0, 0xfffff]";
      case JUMP -> "an even offset in [-1048576, 1048574]";
      case CSR, CSR_IMMEDIATE -> "a CSR number [0, 0xfff]";
      case FENCE -> "a fence set";
      case R, SOURCES, UNARY, NONE -> "no immediate";
    };
  }
}
