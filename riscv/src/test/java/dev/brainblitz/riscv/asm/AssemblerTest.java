package dev.brainblitz.riscv.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.riscv.isa.Decoder;
import dev.brainblitz.riscv.isa.Disassembler;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AssemblerTest {
  static final int BASE = 0x80000000;

  /** The instructions of a program's .text, disassembled one per line. */
  static String text(String source) {
    byte[] bytes = Assembler.assemble("t.S", source).section(SectionKind.TEXT).orElseThrow().bytes();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += 4) {
      int word = (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16 | (bytes[i + 3] & 0xff) << 24;
      lines.add(Disassembler.formatWord(word, BASE + i, a -> null).replace('\t', ' '));
    }
    return String.join("; ", lines);
  }

  /** Source (with \n for new lines) -> the instructions it assembles to. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      nop                              | addi zero,zero,0
      li a0, 5                         | addi a0,zero,5
      li a0, 0x12345000                | lui a0,0x12345
      li a0, 0x800                     | lui a0,0x1; addi a0,a0,-2048
      li a0, 0x100000000               | addi a0,zero,0
      li a0, 0x123456789               | lui a0,0x23456; addi a0,a0,1929
      li a0, -2049                     | lui a0,0xfffff; addi a0,a0,2047
      li t0, N\\n.equ N, 3             | addi t0,zero,3
      X = 7\\nli a0, X*2               | addi a0,zero,14
      mv a0, a1                        | addi a0,a1,0
      not a0, a1                       | xori a0,a1,-1
      neg a0, a1                       | sub a0,zero,a1
      seqz a0, a1                      | sltiu a0,a1,1
      snez a0, a1                      | sltu a0,zero,a1
      1: bgt a0, a1, 1b                | blt a1,a0,80000000
      1: ble a0, a1, 1b                | bge a1,a0,80000000
      1: blez a0, 1b                   | bge zero,a0,80000000
      1: bgtz a0, 1b                   | blt zero,a0,80000000
      j .                              | jal zero,80000000
      nop\\nj 1f\\n1: jal 1b           | addi zero,zero,0; jal zero,80000008; jal ra,80000008
      1: j 1f\\n1: j 1b\\n j 1b        | jal zero,80000004; jal zero,80000004; jal zero,80000004
      ret                              | jalr zero,0(ra)
      jr t0                            | jalr zero,0(t0)
      jalr t0                          | jalr ra,0(t0)
      jalr a0, a1                      | jalr a0,0(a1)
      call f\\nf: ret                  | auipc ra,0x0; jalr ra,8(ra); jalr zero,0(ra)
      tail f\\nf: ret                  | auipc t1,0x0; jalr zero,8(t1); jalr zero,0(ra)
      la a0, d\\n.data\\nd: .word 1    | auipc a0,0x0; addi a0,a0,8
      lui a0, %hi(d)\\nlw a1, %lo(d)(a0)\\n.data\\nd: .word 1 | lui a0,0x80000; lw a1,8(a0)
      1: auipc a0, %pcrel_hi(d)\\nlw a0, %pcrel_lo(1b)(a0)\\n.data\\nd: .word 1 | auipc a0,0x0; lw a0,8(a0)
      csrr a0, mhartid                 | csrrs a0,mhartid,zero
      csrw mtvec, t0                   | csrrw zero,mtvec,t0
      csrsi mstatus, 8                 | csrrsi zero,mstatus,8
      csrr a0, 0x7c0                   | csrrs a0,0x7c0,zero
      rdcycle a0                       | csrrs a0,cycle,zero
      fence                            | fence iorw,iorw
      fence r, rw                      | fence r,rw
      xnorpop a0, a1, a2               | xnorpop a0,a1,a2
      .insn r 0x0b, 1, 0, a0, a1, a2   | xnorpopacc a0,a1,a2
      ADD A0, A1, A2 # comment         | add a0,a1,a2
      add a0, a1, a2 // comment        | add a0,a1,a2
      addi a0, a0, 'A' # 'A'           | addi a0,a0,65
      nop\\n.align 3\\nnop             | addi zero,zero,0; addi zero,zero,0; addi zero,zero,0; addi zero,zero,0
      nop\\n.set here, . + 8\\nnop\\nlla a0, here\\nnop | addi zero,zero,0; addi zero,zero,0; auipc a0,0x0; addi a0,a0,4; addi zero,zero,0
      lla a0, a\\nnop\\n.set a, . - 4\\nla a1, a | auipc a0,0x0; addi a0,a0,8; addi zero,zero,0; auipc a1,0x0; addi a1,a1,-4
      """)
  void assemblesTo(String source, String expected) {
    assertEquals(expected.strip(), text(source.replace("\\n", "\n")));
  }

  /** Bad source -> the first diagnostic's position and code. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      addi a0, a1                      | 1:1: error[ASM003]
      '  lw a0, 4(q9)'                 | 1:12: error[ASM004]
      foo x1                           | 1:1: error[ASM002]
      .bogus 1                         | 1:1: error[ASM002]
      beq a0, a1, nowhere              | 1:13: error[ASM006]
      addi a0, a0, 2048                | 1:14: error[ASM005]
      slli a0, a0, 32                  | 1:14: error[ASM005]
      lui a0, 0x100000                 | 1:9: error[ASM005]
      .byte 256                        | 1:7: error[ASM005]
      beq a0, a1, 1f\\n.zero 5000\\n1: | 1:13: error[ASM005]
      x: nop\\nx: nop                  | 2:1: error[ASM007]
      .zero end\\nend:                 | 1:7: error[ASM008]
      li a0, here\\nhere:              | 1:8: error[ASM008]
      .bss\\n addi a0, a0, 1           | 2:2: error[ASM009]
      .section .weird                  | 1:10: error[ASM009]
      csrr a0, mfoo                    | 1:10: error[ASM010]
      j 1f                             | 1:3: error[ASM006]
      x: nop\\naddi a0, a0, %pcrel_lo(x) | 2:24: error[ASM006]
      addi a0, a0, (1                  | 1:16: error[ASM001]
      addi a0, a0, 1 junk              | 1:16: error[ASM001]
      fence rw, x                      | 1:11: error[ASM003]
      sw a0, a1                        | 1:8: error[ASM003]
      '@'                              | 1:1: error[ASM001]
      """)
  void reportsErrorsWithPosition(String source, String expected) {
    var e = assertThrows(DiagnosticException.class, () -> Assembler.assemble("bad.S", source.replace("\\n", "\n")));
    assertEquals("bad.S:" + expected, e.diagnostics().get(0).headline().substring(0, ("bad.S:" + expected).length()),
        e.render());
  }

  @Test
  void collectsAllErrorsOfAFile() {
    var e = assertThrows(DiagnosticException.class, () -> Assembler.assemble("bad.S", "foo\nadd a0\nj nowhere\n"));
    assertEquals(List.of("ASM002", "ASM003", "ASM006"),
        e.diagnostics().stream().map(d -> d.code().code()).collect(Collectors.toList()));
    assertTrue(e.render().endsWith("3 errors\n"), e.render());
  }

  /** {@code li} of any 32-bit value: executing its expansion gives the value, in one instruction when 12 bits suffice. */
  @Test
  void loadImmediateOfRandomValues() {
    var random = new Random(7);
    for (int n = 0; n < 2000; n++) {
      int value = n < 8 ? new int[] {0, -1, 2047, -2048, 2048, -2049, Integer.MIN_VALUE, Integer.MAX_VALUE}[n]
          : random.nextInt() >> random.nextInt(32);
      byte[] bytes = Assembler.assemble("li.S", "li a5, " + value).section(SectionKind.TEXT).orElseThrow().bytes();
      int a5 = 0;
      for (int i = 0; i < bytes.length; i += 4) {
        int word = (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16 | (bytes[i + 3] & 0xff) << 24;
        Instruction insn = Decoder.decodeOrNull(word);
        assertEquals(15, insn.rd());
        a5 = insn.opcode() == Opcode.LUI ? insn.imm() : (insn.rs1() == 0 ? 0 : a5) + insn.imm();
      }
      assertEquals(value, a5, "li " + value);
      assertEquals(value >= -2048 && value < 2048 ? 4 : (value & 0xfff) == 0 ? 4 : 8, bytes.length, "li " + value);
    }
  }

  @Test
  void laysOutSectionsAndSymbols() {
    Program p = Assembler.assemble("t.S", """
        .globl _start, tohost
        .section .rodata
        table: .byte 1, 2, 3
        .data
        .balign 16
        tohost: .word 0
        .bss
        buffer: .zero 100
        .text
        helper: ret
        _start: j helper
        .equ SIZE, 100
        """, new MemoryMap(0x1000));
    assertEquals(0x1004, p.entry());
    assertEquals(0x1000, p.section(SectionKind.TEXT).orElseThrow().address());
    assertEquals(0x1008, p.symbol("table").orElseThrow().value());
    assertEquals(0x1010, p.symbol("tohost").orElseThrow().value());
    assertTrue(p.symbol("tohost").orElseThrow().global());
    assertEquals(0x1014, p.symbol("buffer").orElseThrow().value());
    assertEquals(100, p.section(SectionKind.BSS).orElseThrow().size());
    assertEquals(new Symbol("SIZE", 100, null, false), p.symbol("SIZE").orElseThrow());
  }

  /** riscv-tests style: a flagged custom section and push/pop. */
  @Test
  void sectionsByFlagsAndPushPop() {
    Program p = Assembler.assemble("t.S", """
        .section .text.init, "ax", @progbits
        _start: nop
        .pushsection .tohost, "aw", @progbits
        .align 6
        tohost: .word 0, 0
        .popsection
        nop
        .section .bss.big, "aw", @nobits
        big: .zero 8
        """);
    assertEquals(8, p.section(SectionKind.TEXT).orElseThrow().size());
    assertEquals(0, p.symbol("tohost").orElseThrow().value() & 63);
    assertEquals(SectionKind.DATA, p.symbol("tohost").orElseThrow().section());
    assertEquals(SectionKind.BSS, p.symbol("big").orElseThrow().section());
    var e = assertThrows(DiagnosticException.class, () -> Assembler.assemble("t.S", ".popsection\n"));
    assertEquals("ASM009", e.diagnostics().get(0).code().code());
  }
}
