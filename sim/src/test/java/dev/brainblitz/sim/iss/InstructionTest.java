package dev.brainblitz.sim.iss;

import static dev.brainblitz.sim.iss.Machines.exec;
import static dev.brainblitz.sim.iss.Machines.in;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.riscv.isa.Opcode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Instruction tests as rows, riscv-tests style: operands -> expected result, with the edge cases
 * (overflow, masked shift amounts, division by zero, INT_MIN / -1, sign extension, x0, boundaries).
 */
class InstructionTest {
  private static final int MIN = Integer.MIN_VALUE;
  private static final int MAX = Integer.MAX_VALUE;

  private static Arguments row(Opcode op, int a, int b, int expected) {
    return Arguments.of(op, a, b, expected);
  }

  static Stream<Arguments> registerRegister() {
    return Stream.of(
        row(Opcode.ADD, 1, 2, 3), row(Opcode.ADD, MAX, 1, MIN), row(Opcode.ADD, -1, -1, -2), row(Opcode.ADD, MIN, MIN, 0),
        row(Opcode.SUB, 3, 5, -2), row(Opcode.SUB, MIN, 1, MAX), row(Opcode.SUB, 0, MIN, MIN),
        row(Opcode.SLL, 1, 31, MIN), row(Opcode.SLL, 1, 32, 1), row(Opcode.SLL, 3, 33, 6), row(Opcode.SLL, -1, -1, MIN),
        row(Opcode.SRL, MIN, 31, 1), row(Opcode.SRL, MIN, 32, MIN), row(Opcode.SRL, -1, 36, 0x0fffffff),
        row(Opcode.SRA, MIN, 31, -1), row(Opcode.SRA, MIN, 63, -1), row(Opcode.SRA, 0x40000000, 34, 0x10000000),
        row(Opcode.SLT, -1, 0, 1), row(Opcode.SLT, 0, -1, 0), row(Opcode.SLT, MIN, MAX, 1), row(Opcode.SLT, 5, 5, 0),
        row(Opcode.SLTU, -1, 0, 0), row(Opcode.SLTU, 0, -1, 1), row(Opcode.SLTU, MAX, MIN, 1),
        row(Opcode.XOR, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0), row(Opcode.OR, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0),
        row(Opcode.AND, 0xff00ff00, 0x0ff00ff0, 0x0f000f00),
        row(Opcode.MUL, 0x10000, 0x10000, 0), row(Opcode.MUL, -3, 7, -21), row(Opcode.MUL, MIN, -1, MIN),
        row(Opcode.MULH, MIN, MIN, 0x40000000), row(Opcode.MULH, -1, -1, 0), row(Opcode.MULH, MIN, -1, 0),
        row(Opcode.MULH, MAX, MAX, 0x3fffffff), row(Opcode.MULH, -2, 3, -1),
        row(Opcode.MULHU, -1, -1, 0xfffffffe), row(Opcode.MULHU, MIN, 2, 1), row(Opcode.MULHU, 0x10000, 0x10000, 1),
        row(Opcode.MULHSU, -1, -1, -1), row(Opcode.MULHSU, MIN, -1, 0x80000000), row(Opcode.MULHSU, 1, -1, 0),
        row(Opcode.MULHSU, -2, 3, -1),
        row(Opcode.DIV, 7, 2, 3), row(Opcode.DIV, -7, 2, -3), row(Opcode.DIV, 7, -2, -3), row(Opcode.DIV, 5, 0, -1),
        row(Opcode.DIV, MIN, -1, MIN), row(Opcode.DIV, 0, 0, -1),
        row(Opcode.DIVU, 7, 2, 3), row(Opcode.DIVU, -1, 2, MAX), row(Opcode.DIVU, 5, 0, -1), row(Opcode.DIVU, MIN, -1, 0),
        row(Opcode.REM, 7, 2, 1), row(Opcode.REM, -7, 2, -1), row(Opcode.REM, 7, -2, 1), row(Opcode.REM, 5, 0, 5),
        row(Opcode.REM, MIN, -1, 0), row(Opcode.REM, -5, 0, -5),
        row(Opcode.REMU, 7, 2, 1), row(Opcode.REMU, -1, 10, 5), row(Opcode.REMU, 5, 0, 5), row(Opcode.REMU, MIN, -1, MIN),
        row(Opcode.ANDN, 0xff, 0x0f, 0xf0), row(Opcode.ORN, 0, 0x0f, 0xfffffff0), row(Opcode.XNOR, 0x0f0f0f0f, 0x00ff00ff, 0xf00ff00f),
        row(Opcode.MIN, -1, 1, -1), row(Opcode.MIN, MIN, MAX, MIN), row(Opcode.MINU, -1, 1, 1), row(Opcode.MINU, 0, MIN, 0),
        row(Opcode.MAX, -1, 1, 1), row(Opcode.MAX, MIN, MAX, MAX), row(Opcode.MAXU, -1, 1, -1), row(Opcode.MAXU, MAX, MIN, MIN),
        row(Opcode.ZEXT_H, 0xdeadbeef, 0, 0xbeef),
        row(Opcode.ROL, 0x80000001, 1, 3), row(Opcode.ROL, 0x12345678, 36, 0x23456781), row(Opcode.ROL, 0x12345678, 0, 0x12345678),
        row(Opcode.ROR, 3, 1, 0x80000001), row(Opcode.ROR, 0x12345678, 36, 0x81234567), row(Opcode.ROR, 0x12345678, -4, 0x23456781),
        row(Opcode.XNORPOP, 0, 0, 32), row(Opcode.XNORPOP, 0, -1, 0), row(Opcode.XNORPOP, 0xf0f0f0f0, 0xff00ff00, 16),
        row(Opcode.XNORPOP, 0x12345678, 0x12345678, 32), row(Opcode.XNORPOP, 1, 0, 31));
  }

  @ParameterizedTest(name = "{0} {1}, {2} = {3}")
  @MethodSource("registerRegister")
  void registerRegister(Opcode op, int a, int b, int expected) {
    Hart h = exec(m -> {
      m.setReg(1, a);
      m.setReg(2, op.form().usesRs2() ? b : 0);
    }, in(op, 3, 1, op.form().usesRs2() ? 2 : 0, 0));
    assertEquals(expected, h.reg(3), () -> String.format("0x%08x", h.reg(3)));
    assertEquals(a, h.reg(1));
  }

  static Stream<Arguments> registerImmediate() {
    return Stream.of(
        row(Opcode.ADDI, 1, -1, 0), row(Opcode.ADDI, MAX, 1, MIN), row(Opcode.ADDI, 0, -2048, -2048), row(Opcode.ADDI, 0, 2047, 2047),
        row(Opcode.SLTI, -1, 0, 1), row(Opcode.SLTI, 0, -1, 0), row(Opcode.SLTI, MIN, -2048, 1),
        row(Opcode.SLTIU, 0, -1, 1), row(Opcode.SLTIU, -2, -1, 1), row(Opcode.SLTIU, -1, -1, 0), row(Opcode.SLTIU, 5, 0, 0),
        row(Opcode.XORI, 0x00ff00ff, -1, 0xff00ff00), row(Opcode.ORI, 0x10, 0x0f, 0x1f), row(Opcode.ORI, 0, -2048, 0xfffff800),
        row(Opcode.ANDI, -1, 0x7ff, 0x7ff), row(Opcode.ANDI, 0x12345678, -16, 0x12345670),
        row(Opcode.SLLI, 1, 31, MIN), row(Opcode.SLLI, 0x12345678, 0, 0x12345678), row(Opcode.SLLI, 3, 4, 48),
        row(Opcode.SRLI, MIN, 31, 1), row(Opcode.SRLI, -1, 4, 0x0fffffff), row(Opcode.SRAI, MIN, 31, -1), row(Opcode.SRAI, -16, 2, -4),
        row(Opcode.RORI, 1, 1, MIN), row(Opcode.RORI, 0x12345678, 8, 0x78123456), row(Opcode.RORI, 0x12345678, 0, 0x12345678));
  }

  @ParameterizedTest(name = "{0} {1}, {2} = {3}")
  @MethodSource("registerImmediate")
  void registerImmediate(Opcode op, int a, int imm, int expected) {
    Hart h = exec(m -> m.setReg(1, a), in(op, 3, 1, 0, imm));
    assertEquals(expected, h.reg(3), () -> String.format("0x%08x", h.reg(3)));
  }

  static Stream<Arguments> unary() {
    return Stream.of(
        row(Opcode.CLZ, 0, 0, 32), row(Opcode.CLZ, 1, 0, 31), row(Opcode.CLZ, -1, 0, 0), row(Opcode.CLZ, 0x00010000, 0, 15),
        row(Opcode.CTZ, 0, 0, 32), row(Opcode.CTZ, MIN, 0, 31), row(Opcode.CTZ, 1, 0, 0), row(Opcode.CTZ, 0x00010000, 0, 16),
        row(Opcode.CPOP, 0, 0, 0), row(Opcode.CPOP, -1, 0, 32), row(Opcode.CPOP, 0x80000001, 0, 2), row(Opcode.CPOP, 0x0f0f0f0f, 0, 16),
        row(Opcode.SEXT_B, 0x7f, 0, 0x7f), row(Opcode.SEXT_B, 0x80, 0, -128), row(Opcode.SEXT_B, 0x12345680, 0, -128),
        row(Opcode.SEXT_H, 0x7fff, 0, 0x7fff), row(Opcode.SEXT_H, 0x8000, 0, -32768), row(Opcode.SEXT_H, 0xffff1234, 0, 0x1234),
        row(Opcode.REV8, 0x12345678, 0, 0x78563412), row(Opcode.REV8, 0x000000ff, 0, 0xff000000),
        row(Opcode.ORC_B, 0x00010200, 0, 0x00ffff00), row(Opcode.ORC_B, 0, 0, 0), row(Opcode.ORC_B, 0x80000001, 0, 0xff0000ff));
  }

  @ParameterizedTest(name = "{0} {1} = {3}")
  @MethodSource("unary")
  void unary(Opcode op, int a, int unused, int expected) {
    Hart h = exec(m -> m.setReg(1, a), in(op, 3, 1, 0, 0));
    assertEquals(expected, h.reg(3), () -> String.format("0x%08x", h.reg(3)));
  }

  static Stream<Arguments> accumulate() {
    return Stream.of(Arguments.of(0, 0, 0, 32), Arguments.of(10, 0, -1, 10), Arguments.of(-1, 0xf0f0f0f0, 0xff00ff00, 15),
        Arguments.of(MAX, 0, 0, MIN + 31));
  }

  @ParameterizedTest(name = "xnorpopacc {0} + pop(~({1} ^ {2})) = {3}")
  @MethodSource("accumulate")
  void xnorpopaccReadsRd(int acc, int a, int b, int expected) {
    Hart h = exec(m -> {
      m.setReg(1, a);
      m.setReg(2, b);
      m.setReg(3, acc);
    }, in(Opcode.XNORPOPACC, 3, 1, 2, 0));
    assertEquals(expected, h.reg(3));
  }

  /**
   * XBNN2: four pushes fill the chunk register; bpacc sums the planes of its bytes against rs1 into
   * rs2's value; bpget reads a word back. Expected values by hand: bytes 0x80 against w = ~0 agree
   * only in plane 7 (32 * 128), against w = 0 in the other seven (32 * 127); byte 0 = 0x01 and nothing else against w = 1 agrees fully in plane 0
   * (32) and in 31 bits of every other plane (31 * 254).
   */
  @ParameterizedTest(name = "bpacc over words {0} with w {1}, rs2 {2} = {3}")
  @org.junit.jupiter.params.provider.CsvSource({"0x80808080, -1, 5, 4101", "0x80808080, 0, 0, 4064", "-1, -1, 0, 8160",
      "0, 0, -8160, 0", "0, -1, 7, 7"})
  void bpaccSumsTheChunksPlanes(String word, int w, int rs2, int expected) {
    int chunkWord = (int) (long) Long.decode(word);
    Hart h = exec(m -> {
      m.setReg(1, w);
      m.setReg(2, rs2);
      m.setReg(4, chunkWord);
    }, in(Opcode.BPPUSH, 0, 4, 4, 0), in(Opcode.BPPUSH, 0, 4, 4, 0), in(Opcode.BPPUSH, 0, 4, 4, 0),
        in(Opcode.BPPUSH, 0, 4, 4, 0), in(Opcode.BPACC, 3, 1, 2, 0));
    assertEquals(expected, h.reg(3));
  }

  @org.junit.jupiter.api.Test
  void bpaccTakesByteIOfTheChunkAsBitIOfThePlanes() {
    Hart h = exec(m -> {
      m.setReg(1, 1);
      m.setReg(4, 0x00000001);
    }, in(Opcode.BPPUSH, 0, 4, 0, 0), in(Opcode.BPPUSH, 0, 0, 0, 0), in(Opcode.BPPUSH, 0, 0, 0, 0),
        in(Opcode.BPPUSH, 0, 0, 0, 0), in(Opcode.BPACC, 3, 1, 0, 0));
    assertEquals(32 + 31 * 254, h.reg(3));
  }

  @org.junit.jupiter.api.Test
  void bppushShiftsTwoWordsInAndBpgetReadsThemBack() {
    Hart h = exec(m -> {
      for (int r = 10; r < 18; r++) {
        m.setReg(r, r - 9);
      }
      m.setReg(1, 9);
      m.setReg(5, 7);
    }, in(Opcode.BPPUSH, 0, 10, 11, 0), in(Opcode.BPPUSH, 0, 12, 13, 0), in(Opcode.BPPUSH, 0, 14, 15, 0),
        in(Opcode.BPPUSH, 0, 16, 17, 0), in(Opcode.BPGET, 3, 1, 0, 0), in(Opcode.BPGET, 6, 5, 0, 0),
        in(Opcode.BPPUSH, 0, 10, 11, 0), in(Opcode.BPGET, 7, 0, 0, 0), in(Opcode.BPGET, 8, 5, 0, 0));
    assertEquals(2, h.reg(3)); // D[9 & 7] = D[1]
    assertEquals(8, h.reg(6)); // D[7]
    assertEquals(3, h.reg(7)); // after one more push D[0] is the old D[2]
    assertEquals(2, h.reg(8)); // and D[7] the pushed rs2
  }

  static Stream<Arguments> upper() {
    return Stream.of(row(Opcode.LUI, 0, 0xfffff000, 0xfffff000), row(Opcode.LUI, 0, 0x12345000, 0x12345000),
        row(Opcode.AUIPC, 0, 0x1000, Machines.BASE + 0x1000), row(Opcode.AUIPC, 0, 0x80000000, 0));
  }

  @ParameterizedTest(name = "{0} {2} = {3}")
  @MethodSource("upper")
  void upper(Opcode op, int unused, int imm, int expected) {
    assertEquals(expected, exec(m -> { }, in(op, 3, 0, 0, imm)).reg(3));
  }

  /** Every writing instruction leaves x0 zero. */
  @ParameterizedTest(name = "{0} x0")
  @MethodSource("registerRegister")
  void writesToX0AreDropped(Opcode op, int a, int b, int unused) {
    Hart h = exec(m -> {
      m.setReg(1, a);
      m.setReg(2, b);
    }, in(op, 0, 1, op.form().usesRs2() ? 2 : 0, 0), in(Opcode.ADD, 3, 0, 0, 0));
    assertEquals(0, h.reg(0));
    assertEquals(0, h.reg(3));
  }

  static Stream<Arguments> loads() {
    // memory at BASE + 0x100: 80 7f ff 01 | 00 80 34 12
    return Stream.of(row(Opcode.LB, 0, 0, -128), row(Opcode.LB, 0, 1, 127), row(Opcode.LB, 0, 2, -1), row(Opcode.LBU, 0, 0, 0x80),
        row(Opcode.LBU, 0, 2, 0xff), row(Opcode.LH, 0, 0, 0x7f80), row(Opcode.LH, 0, 4, -32768), row(Opcode.LH, 0, 2, 0x01ff),
        row(Opcode.LHU, 0, 4, 0x8000), row(Opcode.LHU, 0, 6, 0x1234), row(Opcode.LW, 0, 0, 0x01ff7f80),
        row(Opcode.LW, 0, 4, 0x12348000), row(Opcode.LW, 0, 1, 0x0001ff7f), row(Opcode.LH, 0, 3, 1), row(Opcode.LH, 0, 1, 0xffffff7f),
        row(Opcode.LW, 8, -8, 0x01ff7f80), row(Opcode.LB, 8, -4, 0));
  }

  @ParameterizedTest(name = "{0} {2}(base+{1}) = {3}")
  @MethodSource("loads")
  void loadsSignExtendAndMisalignedLoadsArePerformed(Opcode op, int baseOffset, int imm, int expected) {
    Hart h = exec(m -> {
      m.storeWord(Machines.BASE + 0x100, 0x01ff7f80);
      m.storeWord(Machines.BASE + 0x104, 0x12348000);
      m.setReg(1, Machines.BASE + 0x100 + baseOffset);
    }, in(op, 3, 1, 0, imm));
    assertEquals(expected, h.reg(3), () -> String.format("0x%08x", h.reg(3)));
  }

  static Stream<Arguments> stores() {
    return Stream.of(row(Opcode.SB, 0, 0x12345678, 0xaaaaaa78), row(Opcode.SB, 3, -1, 0xffaaaaaa), row(Opcode.SH, 0, 0x12345678, 0xaaaa5678),
        row(Opcode.SH, 2, 0x8001, 0x8001aaaa), row(Opcode.SW, 0, 0x12345678, 0x12345678), row(Opcode.SH, 1, 0xbeef, 0xaabeefaa));
  }

  @ParameterizedTest(name = "{0} {2} at +{1} -> {3}")
  @MethodSource("stores")
  void stores(Opcode op, int imm, int value, int expectedWord) {
    Hart h = exec(m -> {
      m.storeWord(Machines.BASE + 0x100, 0xaaaaaaaa);
      m.setReg(1, Machines.BASE + 0x100);
      m.setReg(2, value);
    }, in(op, 0, 1, 2, imm));
    assertEquals(expectedWord, h.loadWord(Machines.BASE + 0x100), () -> String.format("0x%08x", h.loadWord(Machines.BASE + 0x100)));
  }

  static Stream<Arguments> branches() {
    return Stream.of(
        Arguments.of(Opcode.BEQ, 5, 5, true), Arguments.of(Opcode.BEQ, 5, -5, false),
        Arguments.of(Opcode.BNE, 5, 5, false), Arguments.of(Opcode.BNE, 0, MIN, true),
        Arguments.of(Opcode.BLT, -1, 0, true), Arguments.of(Opcode.BLT, 0, -1, false), Arguments.of(Opcode.BLT, MIN, MAX, true),
        Arguments.of(Opcode.BLT, 7, 7, false), Arguments.of(Opcode.BGE, 7, 7, true), Arguments.of(Opcode.BGE, MAX, MIN, true),
        Arguments.of(Opcode.BGE, -1, 0, false), Arguments.of(Opcode.BLTU, 0, -1, true), Arguments.of(Opcode.BLTU, -1, 0, false),
        Arguments.of(Opcode.BLTU, MAX, MIN, true), Arguments.of(Opcode.BLTU, 3, 3, false), Arguments.of(Opcode.BGEU, 3, 3, true),
        Arguments.of(Opcode.BGEU, MIN, MAX, true), Arguments.of(Opcode.BGEU, 0, -1, false));
  }

  /** A taken branch skips the addi that sets x3; a not-taken one falls into it. */
  @ParameterizedTest(name = "{0} {1}, {2} taken={3}")
  @MethodSource("branches")
  void branches(Opcode op, int a, int b, boolean taken) {
    Hart h = exec(m -> {
      m.setReg(1, a);
      m.setReg(2, b);
    }, in(op, 0, 1, 2, 8), in(Opcode.ADDI, 3, 0, 0, 1));
    assertEquals(taken ? 0 : 1, h.reg(3));
  }

  @org.junit.jupiter.api.Test
  void jalAndJalrLinkAndJalrClearsBitZero() {
    // 0: jal x1, +8 ; 4: addi x3, x0, 1 (skipped) ; 8: auipc x5, 0 ; 12: jalr x6, 9(x5) -> 8+9 = 17 & ~1 = 16 ; 16: exit
    Hart h = exec(m -> { }, in(Opcode.JAL, 1, 0, 0, 8), in(Opcode.ADDI, 3, 0, 0, 1), in(Opcode.AUIPC, 5, 0, 0, 0),
        in(Opcode.JALR, 6, 5, 0, 9));
    assertEquals(Machines.BASE + 4, h.reg(1));
    assertEquals(0, h.reg(3));
    assertEquals(Machines.BASE + 16, h.reg(6));
  }

  @org.junit.jupiter.api.Test
  void jalrWithRdEqualRs1UsesTheOldValue() {
    // 0: auipc x5, 0 ; 4: jalr x5, 12(x5) -> 12 ; 8: addi x3, x0, 1 (skipped) ; 12: exit
    Hart h = exec(m -> { }, in(Opcode.AUIPC, 5, 0, 0, 0), in(Opcode.JALR, 5, 5, 0, 12), in(Opcode.ADDI, 3, 0, 0, 1));
    assertEquals(0, h.reg(3));
    assertEquals(Machines.BASE + 8, h.reg(5));
  }

  /** Each row of the ISA table is exercised: by the rows above or by a self-checking program. */
  @org.junit.jupiter.api.Test
  void everyOpcodeIsTested() {
    var seen = java.util.EnumSet.noneOf(Opcode.class);
    Stream.of(registerRegister(), registerImmediate(), unary(), upper(), loads(), stores(), branches())
        .flatMap(s -> s).forEach(a -> seen.add((Opcode) a.get()[0]));
    seen.add(Opcode.XNORPOPACC); // xnorpopaccReadsRd
    seen.add(Opcode.BPPUSH); // bpaccSumsTheChunksPlanes, bppushShiftsTwoWordsInAndBpgetReadsThemBack
    seen.add(Opcode.BPACC);
    seen.add(Opcode.BPGET);
    seen.add(Opcode.JAL); // jalAndJalrLinkAndJalrClearsBitZero
    seen.add(Opcode.JALR);
    seen.add(Opcode.EBREAK); // traps.S test 4 (traps, so never retires)
    seen.add(Opcode.ECALL); // traps.S test 2; every row above ends with the exit ecall
    for (String program : new String[] {"traps.S", "csrs.S", "misaligned.S"}) {
      Machines.assembleAndRun(ProgramTest.source(program), SimConfig.defaults().withListener((h, pc, in) -> seen.add(in.opcode())));
    }
    assertEquals(java.util.EnumSet.allOf(Opcode.class), seen,
        () -> "untested: " + java.util.EnumSet.complementOf(seen));
  }
}
