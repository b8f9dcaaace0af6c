package dev.brainblitz.riscv.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OpcodeTableTest {
  /** No word matches two rows: every pair of rows differs in a bit both of them fix. */
  @Test
  void rowsAreDisjoint() {
    for (Opcode a : Opcode.values()) {
      for (Opcode b : Opcode.values()) {
        if (a != b) {
          int common = a.mask() & b.mask();
          assertEquals(true, (a.match() & common) != (b.match() & common), a + " overlaps " + b);
        }
      }
    }
  }

  /** Decoding an encoding gives the instruction back, and encoding a decoding gives the word back. */
  @ParameterizedTest
  @EnumSource(Opcode.class)
  void encodeAndDecodeAreInverse(Opcode op) {
    var random = new Random(op.ordinal());
    for (int i = 0; i < 200; i++) {
      int word = op.match() | (random.nextInt() & ~op.mask());
      Instruction insn = Decoder.decodeOrNull(word);
      assertSame(op, insn.opcode());
      assertEquals(word, insn.encode(), Integer.toHexString(word));
      assertEquals(insn, Decoder.decodeOrNull(insn.encode()));
    }
  }

  /** Known words from the RISC-V spec and GNU as, one row per form: word, expected text at pc 0x100. */
  static Stream<Arguments> knownWords() {
    return Stream.of(
        Arguments.of(0x00c58533, "add\ta0,a1,a2"),
        Arguments.of(0x004500e7, "jalr\tra,4(a0)"),
        Arguments.of(0x30002573, "csrrs\ta0,mstatus,zero"),
        Arguments.of(0x7c02d573, "csrrwi\ta0,0x7c0,5"),
        Arguments.of(0x0ff0000f, "fence\tiorw,iorw"),
        Arguments.of(0x00351513, "slli\ta0,a0,0x3"),
        Arguments.of(0x12345537, "lui\ta0,0x12345"),
        Arguments.of(0xfeb500e3, "beq\ta0,a1,e0"),
        Arguments.of(0xfddff0ef, "jal\tra,dc"),
        Arguments.of(0x6985d513, "rev8\ta0,a1"),
        Arguments.of(0x0805c533, "zext.h\ta0,a1"),
        Arguments.of(0x61f5d513, "rori\ta0,a1,0x1f"),
        Arguments.of(0xffc10503, "lb\ta0,-4(sp)"),
        Arguments.of(0x00a12423, "sw\ta0,8(sp)"),
        Arguments.of(0x00c5850b, "xnorpop\ta0,a1,a2"),
        Arguments.of(0x00c5950b, "xnorpopacc\ta0,a1,a2"),
        Arguments.of(0x00c5a00b, "bppush\ta1,a2"),
        Arguments.of(0x00c5b50b, "bpacc\ta0,a1,a2"),
        Arguments.of(0x0005c50b, "bpget\ta0,a1"),
        Arguments.of(0x10500073, "wfi"));
  }

  @ParameterizedTest
  @MethodSource("knownWords")
  void disassemblesKnownWords(int word, String text) {
    assertEquals(text, Disassembler.format(Decoder.decodeOrNull(word), 0x100));
  }

  @Test
  void illegalWordsDoNotDecode() {
    assertNull(Decoder.decodeOrNull(0));
    assertNull(Decoder.decodeOrNull(0xffffffff));
    assertNull(Decoder.decodeOrNull(0x02051513)); // slli with shamt bit 5 set: RV64 only
    assertNull(Decoder.decodeOrNull(0x0000500b)); // custom-0 funct3 5: not assigned
    assertNull(Decoder.decodeOrNull(0x00c5a50b)); // bppush with rd a0: its rd field must be zero
    assertNull(Decoder.decodeOrNull(0x00c5c50b)); // bpget with rs2 a2: its rs2 field must be zero
    assertNull(Decoder.decodeOrNull(0x02c5b50b)); // bpacc with funct7 1: reserved
  }
}
