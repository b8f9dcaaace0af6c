package dev.brainblitz.riscv.isa;

import static dev.brainblitz.riscv.isa.Extension.M;
import static dev.brainblitz.riscv.isa.Extension.RV32I;
import static dev.brainblitz.riscv.isa.Extension.XBNN;
import static dev.brainblitz.riscv.isa.Extension.XBNN2;
import static dev.brainblitz.riscv.isa.Extension.ZBB;
import static dev.brainblitz.riscv.isa.Extension.ZICSR;
import static dev.brainblitz.riscv.isa.Extension.ZIFENCEI;

import java.util.Locale;

/**
 * The instruction set: one row per instruction, in the style of riscv-opcodes. A row gives the
 * mnemonic, the operand {@link Form} and the fixed bits ({@link #match()}); the decode mask is every
 * bit the form does not use for operands. The assembler, the disassembler and the decoder all read
 * this table and nothing else: there is no other copy of an encoding.
 */
public enum Opcode {
  // RV32I
  LUI("lui", Form.UPPER, RV32I, 0x37),
  AUIPC("auipc", Form.UPPER, RV32I, 0x17),
  JAL("jal", Form.JUMP, RV32I, 0x6f),
  JALR("jalr", Form.LOAD, RV32I, f3(0x67, 0)),
  BEQ("beq", Form.BRANCH, RV32I, f3(0x63, 0)),
  BNE("bne", Form.BRANCH, RV32I, f3(0x63, 1)),
  BLT("blt", Form.BRANCH, RV32I, f3(0x63, 4)),
  BGE("bge", Form.BRANCH, RV32I, f3(0x63, 5)),
  BLTU("bltu", Form.BRANCH, RV32I, f3(0x63, 6)),
  BGEU("bgeu", Form.BRANCH, RV32I, f3(0x63, 7)),
  LB("lb", Form.LOAD, RV32I, f3(0x03, 0)),
  LH("lh", Form.LOAD, RV32I, f3(0x03, 1)),
  LW("lw", Form.LOAD, RV32I, f3(0x03, 2)),
  LBU("lbu", Form.LOAD, RV32I, f3(0x03, 4)),
  LHU("lhu", Form.LOAD, RV32I, f3(0x03, 5)),
  SB("sb", Form.STORE, RV32I, f3(0x23, 0)),
  SH("sh", Form.STORE, RV32I, f3(0x23, 1)),
  SW("sw", Form.STORE, RV32I, f3(0x23, 2)),
  ADDI("addi", Form.I, RV32I, f3(0x13, 0)),
  SLTI("slti", Form.I, RV32I, f3(0x13, 2)),
  SLTIU("sltiu", Form.I, RV32I, f3(0x13, 3)),
  XORI("xori", Form.I, RV32I, f3(0x13, 4)),
  ORI("ori", Form.I, RV32I, f3(0x13, 6)),
  ANDI("andi", Form.I, RV32I, f3(0x13, 7)),
  SLLI("slli", Form.SHIFT, RV32I, r(0x13, 1, 0x00)),
  SRLI("srli", Form.SHIFT, RV32I, r(0x13, 5, 0x00)),
  SRAI("srai", Form.SHIFT, RV32I, r(0x13, 5, 0x20)),
  ADD("add", Form.R, RV32I, r(0x33, 0, 0x00)),
  SUB("sub", Form.R, RV32I, r(0x33, 0, 0x20)),
  SLL("sll", Form.R, RV32I, r(0x33, 1, 0x00)),
  SLT("slt", Form.R, RV32I, r(0x33, 2, 0x00)),
  SLTU("sltu", Form.R, RV32I, r(0x33, 3, 0x00)),
  XOR("xor", Form.R, RV32I, r(0x33, 4, 0x00)),
  SRL("srl", Form.R, RV32I, r(0x33, 5, 0x00)),
  SRA("sra", Form.R, RV32I, r(0x33, 5, 0x20)),
  OR("or", Form.R, RV32I, r(0x33, 6, 0x00)),
  AND("and", Form.R, RV32I, r(0x33, 7, 0x00)),
  FENCE("fence", Form.FENCE, RV32I, f3(0x0f, 0)),
  /** fence rw,rw with the TSO fence mode (fm = 1000). */
  FENCE_TSO("fence.tso", Form.NONE, RV32I, 0x8330000f),
  ECALL("ecall", Form.NONE, RV32I, 0x00000073),
  EBREAK("ebreak", Form.NONE, RV32I, 0x00100073),
  /** Machine-mode trap return (privileged architecture). */
  MRET("mret", Form.NONE, RV32I, 0x30200073),
  /** Wait for interrupt (privileged architecture). */
  WFI("wfi", Form.NONE, RV32I, 0x10500073),

  // Zifencei
  FENCE_I("fence.i", Form.NONE, ZIFENCEI, f3(0x0f, 1)),

  // M
  MUL("mul", Form.R, M, r(0x33, 0, 0x01)),
  MULH("mulh", Form.R, M, r(0x33, 1, 0x01)),
  MULHSU("mulhsu", Form.R, M, r(0x33, 2, 0x01)),
  MULHU("mulhu", Form.R, M, r(0x33, 3, 0x01)),
  DIV("div", Form.R, M, r(0x33, 4, 0x01)),
  DIVU("divu", Form.R, M, r(0x33, 5, 0x01)),
  REM("rem", Form.R, M, r(0x33, 6, 0x01)),
  REMU("remu", Form.R, M, r(0x33, 7, 0x01)),

  // Zicsr
  CSRRW("csrrw", Form.CSR, ZICSR, f3(0x73, 1)),
  CSRRS("csrrs", Form.CSR, ZICSR, f3(0x73, 2)),
  CSRRC("csrrc", Form.CSR, ZICSR, f3(0x73, 3)),
  CSRRWI("csrrwi", Form.CSR_IMMEDIATE, ZICSR, f3(0x73, 5)),
  CSRRSI("csrrsi", Form.CSR_IMMEDIATE, ZICSR, f3(0x73, 6)),
  CSRRCI("csrrci", Form.CSR_IMMEDIATE, ZICSR, f3(0x73, 7)),

  // Zbb (the subset brain-blitz uses)
  ANDN("andn", Form.R, ZBB, r(0x33, 7, 0x20)),
  ORN("orn", Form.R, ZBB, r(0x33, 6, 0x20)),
  XNOR("xnor", Form.R, ZBB, r(0x33, 4, 0x20)),
  CLZ("clz", Form.UNARY, ZBB, i(0x13, 1, 0x600)),
  CTZ("ctz", Form.UNARY, ZBB, i(0x13, 1, 0x601)),
  CPOP("cpop", Form.UNARY, ZBB, i(0x13, 1, 0x602)),
  MIN("min", Form.R, ZBB, r(0x33, 4, 0x05)),
  MINU("minu", Form.R, ZBB, r(0x33, 5, 0x05)),
  MAX("max", Form.R, ZBB, r(0x33, 6, 0x05)),
  MAXU("maxu", Form.R, ZBB, r(0x33, 7, 0x05)),
  SEXT_B("sext.b", Form.UNARY, ZBB, i(0x13, 1, 0x604)),
  SEXT_H("sext.h", Form.UNARY, ZBB, i(0x13, 1, 0x605)),
  /** RV32's zext.h is the Zbkb {@code pack rd, rs1, zero} encoding. */
  ZEXT_H("zext.h", Form.UNARY, ZBB, r(0x33, 4, 0x04)),
  ROL("rol", Form.R, ZBB, r(0x33, 1, 0x30)),
  ROR("ror", Form.R, ZBB, r(0x33, 5, 0x30)),
  RORI("rori", Form.SHIFT, ZBB, r(0x13, 5, 0x30)),
  REV8("rev8", Form.UNARY, ZBB, i(0x13, 5, 0x698)),
  ORC_B("orc.b", Form.UNARY, ZBB, i(0x13, 5, 0x287)),

  // XBNN: custom-0 (docs/isa-xbnn.md)
  /** rd = popcount(~(rs1 ^ rs2)). */
  XNORPOP("xnorpop", Form.R, XBNN, r(Opcode.CUSTOM_0, 0, 0x00)),
  /** rd = rd + popcount(~(rs1 ^ rs2)): reads rd as a third source. */
  XNORPOPACC("xnorpopacc", Form.R, XBNN, r(Opcode.CUSTOM_0, 1, 0x00)),

  // XBNN2: custom-0, the stateful bit-plane unit (docs/isa-xbnn.md, "XBNN 2")
  /** Shifts two words of u8 input into the unit's 8-word chunk register: D = D[2..7], rs1, rs2. */
  BPPUSH("bppush", Form.SOURCES, XBNN2, r(Opcode.CUSTOM_0, 2, 0x00)),
  /** rd = rs2 + sum_b 2^b popcount(~(plane_b(D) ^ rs1)): the chunk's 8 bit planes against a weight word. */
  BPACC("bpacc", Form.R, XBNN2, r(Opcode.CUSTOM_0, 3, 0x00)),
  /** rd = D[rs1 & 7]: reads the chunk register back (saving it across a context switch). */
  BPGET("bpget", Form.UNARY, XBNN2, r(Opcode.CUSTOM_0, 4, 0x00));

  /** The major opcode of the custom-0 space that XBNN and XBNN2 occupy. */
  public static final int CUSTOM_0 = 0x0b;

  private final String mnemonic;
  private final Form form;
  private final Extension extension;
  private final int match;
  private final int mask;

  Opcode(String mnemonic, Form form, Extension extension, int match) {
    this.mnemonic = mnemonic;
    this.form = form;
    this.extension = extension;
    this.match = match;
    this.mask = ~form.operandBits();
    if ((match & ~mask) != 0) {
      throw new AssertionError(mnemonic + ": fixed bits overlap operand fields");
    }
  }

  public String mnemonic() {
    return mnemonic;
  }

  public Form form() {
    return form;
  }

  public Extension extension() {
    return extension;
  }

  /** The fixed bits of the encoding. */
  public int match() {
    return match;
  }

  /** Which bits are fixed: {@code (word & mask()) == match()} for this instruction's words. */
  public int mask() {
    return mask;
  }

  /** The 7-bit major opcode. */
  public int majorOpcode() {
    return match & 0x7f;
  }

  /** Whether the instruction writes {@code rd} (false for stores, branches, fence, ecall ...). */
  public boolean writesRd() {
    return form.usesRd();
  }

  /** Whether the instruction also reads {@code rd} as a source (the accumulating XBNN form). */
  public boolean readsRd() {
    return this == XNORPOPACC;
  }

  /** Whether the instruction reads the state of the XBNN2 unit (its chunk register). */
  public boolean readsUnitState() {
    return this == BPACC || this == BPGET;
  }

  /** Whether the instruction changes the state of the XBNN2 unit. */
  public boolean writesUnitState() {
    return this == BPPUSH;
  }

  /** The table row with this mnemonic (case-insensitive), or null. */
  public static Opcode byMnemonic(String mnemonic) {
    return Lookup.BY_MNEMONIC.get(mnemonic.toLowerCase(Locale.ROOT));
  }

  private static int f3(int opcode, int funct3) {
    return opcode | funct3 << 12;
  }

  private static int r(int opcode, int funct3, int funct7) {
    return opcode | funct3 << 12 | funct7 << 25;
  }

  /** An I-type word whose 12-bit immediate field is a fixed function code. */
  private static int i(int opcode, int funct3, int imm12) {
    return opcode | funct3 << 12 | imm12 << 20;
  }

  private static final class Lookup {
    static final java.util.Map<String, Opcode> BY_MNEMONIC;

    static {
      var map = new java.util.HashMap<String, Opcode>();
      for (Opcode op : values()) {
        map.put(op.mnemonic, op);
      }
      BY_MNEMONIC = java.util.Map.copyOf(map);
    }
  }
}
