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
}
