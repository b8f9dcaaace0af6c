package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.assertNoStackTrace;
import static dev.brainblitz.cli.BlitzTest.blitz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blitz asm} and {@code blitz disasm} as a user runs them. */
class AsmCommandTest {
  @TempDir Path temp;

  static final String PROGRAM = """
        .globl _start
      _start:
        li      a0, 0x12345678
        xnorpop a0, a1, a2
        .insn r 0x0B, 1, 0, a3, a4, a5   # xnorpopacc
      1: j 1b
        .data
      tohost: .word 0
      """;

  @Test
  void assemblesThenDisassembles() throws IOException {
    Path source = temp.resolve("prog.S");
    Files.writeString(source, PROGRAM);
    var asm = blitz("asm", source.toString());
    assertEquals(0, asm.status(), asm.err());
    Path elf = temp.resolve("prog.elf");
    assertTrue(Files.exists(elf));
    assertTrue(asm.out().startsWith("wrote " + elf), asm.out());

    var disasm = blitz("disasm", elf.toString());
    assertEquals(0, disasm.status(), disasm.err());
    assertTrue(disasm.out().contains("""
        80000000 <_start>:
        80000000:\t12345537\tlui\ta0,0x12345
        80000004:\t67850513\taddi\ta0,a0,1656
        80000008:\t00c5850b\txnorpop\ta0,a1,a2
        8000000c:\t00f7168b\txnorpopacc\ta3,a4,a5
        80000010:\t0000006f\tjal\tzero,80000010
        """), disasm.out());
  }

  @Test
  void textBaseOption() throws IOException {
    Path source = temp.resolve("prog.S");
    Files.writeString(source, PROGRAM);
    Path elf = temp.resolve("low.elf");
    assertEquals(0, blitz("asm", source.toString(), "-o", elf.toString(), "-Ttext", "0x1000").status());
    assertTrue(blitz("disasm", elf.toString()).out().contains("00001000 <_start>:"));
    var bad = blitz("asm", source.toString(), "-Ttext", "0x1002");
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("4-byte aligned"), bad.err());
  }

  @Test
  void reportsEveryErrorWithPositionAndWritesNothing() throws IOException {
    Path source = temp.resolve("bad.S");
    Files.writeString(source, "_start:\n  addi a0, a1, 5000\n  lw a0, 4(q9)\n  j nowhere\n");
    var run = blitz("asm", source.toString(), "-o", temp.resolve("bad.elf").toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains(source + ":2:16: error[ASM005]"), run.err());
    assertTrue(run.err().contains(source + ":3:12: error[ASM004]"), run.err());
    assertTrue(run.err().contains(source + ":4:5: error[ASM006]"), run.err());
    assertTrue(run.err().endsWith("3 errors\n"), run.err());
    assertFalse(Files.exists(temp.resolve("bad.elf")));
    assertNoStackTrace(run);
  }

  @Test
  void disasmRejectsFilesThatAreNotRiscvElf() throws IOException {
    Path notElf = temp.resolve("x.elf");
    Files.writeString(notElf, "not an ELF file, just some text that is long enough for a header");
    var run = blitz("disasm", notElf.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("error[ASM011]"), run.err());
    assertNoStackTrace(run);
    var missing = blitz("disasm", temp.resolve("nope.elf").toString());
    assertEquals(1, missing.status());
    assertTrue(missing.err().contains("error[BIL090]"), missing.err());
  }

  /** Two files linked: each has a label 'loop' of its own; .globl makes 'twice' visible; a strong definition beats a .weak one. */
  @Test
  void linksSeveralFiles() throws IOException {
    Path main = temp.resolve("main.S");
    Files.writeString(main, """
          .globl _start, scale
        _start:
          li    a0, 21
          call  twice
          call  scale
        loop:
          li    a7, 93
          ecall
        scale:                  # strong: wins over lib.S's weak one
          addi  a0, a0, -40
          ret
        """);
    Path lib = temp.resolve("lib.S");
    Files.writeString(lib, """
          .globl twice
          .weak  scale
        twice:
          slli  a0, a0, 1
        loop:
          ret
        scale:
          li    a0, 99
          ret
        """);
    Path elf = temp.resolve("linked.elf");
    var asm = blitz("asm", main.toString(), lib.toString(), "-o", elf.toString());
    assertEquals(0, asm.status(), asm.err());
    var run = blitz("sim", elf.toString());
    assertEquals(1, run.status(), run.err());
    assertTrue(run.err().contains("FAIL (exit status 2)"), run.err()); // (21 * 2) - 40
    var twice = blitz("asm", main.toString(), main.toString(), "-o", elf.toString());
    assertEquals(2, twice.status(), twice.err());
    Files.writeString(lib, "twice: ret\n");
    var local = blitz("asm", main.toString(), lib.toString(), "-o", temp.resolve("x.elf").toString());
    assertEquals(1, local.status());
    assertTrue(local.err().contains("undefined symbol 'twice' (" + lib + " defines it but does not make it .globl)"),
        local.err());
  }

  @Test
  void refusesToWriteOverItsInput() throws IOException {
    Path source = temp.resolve("prog.S");
    Files.writeString(source, PROGRAM);
    var run = blitz("asm", source.toString(), "-o", source.toString());
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("is an input"), run.err());
    assertEquals(PROGRAM, Files.readString(source));
  }

  /** --page-align-data: .data on its own page, code and data in a read-execute and a read-write segment. */
  @Test
  void pageAlignedData() throws IOException {
    Path source = temp.resolve("prog.S");
    Files.writeString(source, PROGRAM);
    Path elf = temp.resolve("paged.elf");
    assertEquals(0, blitz("asm", source.toString(), "-o", elf.toString(), "--page-align-data").status());
    var file = dev.brainblitz.riscv.elf.ElfFile.read("paged.elf", Files.readAllBytes(elf));
    assertEquals(2, file.segments().size());
    assertEquals(0x80001000, file.segments().get(1).address());
    assertEquals(5, file.segments().get(0).flags()); // R X
    assertEquals(6, file.segments().get(1).flags()); // R W
    assertEquals(0x80001000, file.symbol("tohost").orElseThrow());
    var run = blitz("sim", elf.toString(), "--max-cycles", "100");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("STOPPED (cycle limit 100 reached)"), run.err());
  }

  /** Found adversarially (issue 16): each was an exit 3 or a stack trace. */
  @Test
  void hostileSourcesGetErrorsNotCrashes() throws IOException {
    String[] sources = {
      "sw t0, 4096(t1)\n.balign 8\nnop\n",
      "li a0, " + "(".repeat(350) + "1" + ")".repeat(350) + "\n",
      "li a0, " + "~".repeat(5000) + "0\n",
      chainedEquates(300),
      ".rept 1000000000\nnop\n.endr\n",
      ".macro m\nm\n.endm\nm\n",
      ".equ a, b\n.equ b, a\nli a0, a\n",
      ".zero .Lend - .Lstart\n.Lstart: nop\n.Lend:\n",
      ".comm a, 1000000000\n.comm b, 1000000000\n.comm c, 1000000000\n",
      ".data\n.zero 200000000\n.section .sdata\n.zero 200000000\n",
    };
    for (String text : sources) {
      Path source = temp.resolve("hostile.S");
      Files.writeString(source, text);
      var run = blitz("asm", source.toString(), "-o", temp.resolve("hostile.elf").toString());
      assertTrue(run.status() == 0 || run.status() == 1, text.substring(0, Math.min(60, text.length())) + ": " + run.err());
      assertNoStackTrace(run);
    }
  }

  private static String chainedEquates(int n) {
    StringBuilder b = new StringBuilder(".equ e0, 1\n");
    for (int i = 1; i < n; i++) {
      b.append(".equ e").append(i).append(", e").append(i - 1).append(" + 1\n");
    }
    return b.append("li a0, e").append(n - 1).append("\n").toString();
  }

  /** 50,000 errors print the first hundred and how many more; a 10 MB line is not echoed whole. */
  @Test
  void errorOutputIsBounded() throws IOException {
    Path source = temp.resolve("many.S");
    Files.writeString(source, "bogus a0\n".repeat(50_000));
    var run = blitz("asm", source.toString(), "-o", temp.resolve("many.elf").toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("... and 9901 more (the first 100 are shown)"), run.err().substring(run.err().length() - 500));
    assertTrue(run.err().contains("error[ASM012]: 50000 errors: stopped reporting after 10000 (40000 more were found)"),
        run.err().substring(0, 500));
    assertTrue(run.err().length() < 40_000, "printed " + run.err().length() + " characters");
    Files.writeString(source, "nop " + "x".repeat(10_000_000) + "\n");
    var wide = blitz("asm", source.toString(), "-o", temp.resolve("wide.elf").toString());
    assertEquals(1, wide.status());
    assertTrue(wide.err().length() < 2_000, "printed " + wide.err().length() + " characters");
  }

  @Test
  void disassemblesUnimp() throws IOException {
    Path source = temp.resolve("u.S");
    Files.writeString(source, "_start: unimp\n");
    assertEquals(0, blitz("asm", source.toString()).status());
    assertTrue(blitz("disasm", temp.resolve("u.elf").toString()).out().contains("c0001073\tunimp"));
  }
}
