package dev.brainblitz.riscv.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.riscv.Binutils;
import dev.brainblitz.riscv.asm.Assembler;
import dev.brainblitz.riscv.asm.Program;
import dev.brainblitz.riscv.asm.SectionKind;
import dev.brainblitz.riscv.isa.Opcode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfWriterTest {
  static final String TOHOST = """
      .globl _start
      .text
      _start:
          li   a0, 1
          la   t0, tohost
          sw   a0, 0(t0)
      1:  j    1b
      .data
      .balign 8
      .globl tohost
      tohost: .word 0, 0
      .bss
      scratch: .zero 32
      """;

  static String everyForm() throws IOException {
    try (InputStream in = ElfWriterTest.class.getResourceAsStream("/asm/every-form.S")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsBackWhatItWrites() {
    Program program = Assembler.assemble("t.S", TOHOST);
    ElfFile elf = ElfFile.read("t.elf", ElfWriter.write(program));
    assertEquals(0x80000000, elf.entry());
    int tohost = elf.symbol("tohost").orElseThrow();
    assertEquals(program.symbol("tohost").orElseThrow().value(), tohost);
    assertEquals(0, tohost & 7);
    var text = elf.sections().stream().filter(s -> s.name().equals(".text")).findFirst().orElseThrow();
    assertArrayEquals(program.section(SectionKind.TEXT).orElseThrow().bytes(), text.contents());
    assertEquals(1, elf.segments().size());
    var segment = elf.segments().get(0);
    assertEquals(0x80000000, segment.address());
    var bss = program.section(SectionKind.BSS).orElseThrow();
    assertEquals(bss.address() + bss.size() - 0x80000000, segment.memorySize());
    assertTrue(elf.symbols().stream().anyMatch(s -> s.name().equals("tohost") && s.global()));
    assertTrue(elf.symbols().stream().anyMatch(s -> s.name().equals("scratch") && !s.global()));
  }

  @Test
  void rejectsWhatIsNotRv32Elf() {
    for (byte[] bytes : List.of(new byte[0], "hello, world, this is not an ELF file at all....... ".getBytes(StandardCharsets.UTF_8),
        truncated())) {
      var e = assertThrows(DiagnosticException.class, () -> ElfFile.read("x.elf", bytes));
      assertEquals(ErrorCode.ASM_NOT_ELF, e.diagnostics().get(0).code());
    }
  }

  private static byte[] truncated() {
    byte[] elf = ElfWriter.write(Assembler.assemble("t.S", TOHOST));
    return java.util.Arrays.copyOf(elf, 200);
  }

  /** What every-form.S assembles to, for a reviewer to see what a change did (regenerate with -Dblitz.updateGolden=true). */
  @Test
  void listingOfEveryFormMatchesGolden() throws IOException {
    byte[] bytes = ElfWriter.write(Assembler.assemble("every-form.S", everyForm()));
    dev.brainblitz.ir.testing.GoldenFiles.assertMatches("riscv/src/test/resources/asm/every-form.lst",
        ElfDisassembler.listing(ElfFile.read("every-form.elf", bytes)));
  }

  /**
   * Runs of zero words print as one {@code ...} line, as objdump prints them: two or more words, or
   * any run that ends a symbol's range; a lone zero word between instructions prints as data.
   */
  @Test
  void zeroRunsPrintAsOneLine() {
    String source = """
        .globl _start
        _start: nop
            .zero 4
            nop
            .zero 8
            nop
            .zero 12
        x:  .zero 8
            nop
            .zero 100000
        """;
    byte[] bytes = ElfWriter.write(Assembler.assemble("z.S", source));
    assertEquals("""

        Disassembly of section .text:

        80000000 <_start>:
        80000000:	00000013	addi	zero,zero,0
        80000004:	00000000	.4byte	0x0
        80000008:	00000013	addi	zero,zero,0
        	...
        80000014:	00000013	addi	zero,zero,0
        	...

        80000024 <x>:
        	...
        8000002c:	00000013	addi	zero,zero,0
        	...
        """, ElfDisassembler.listing(ElfFile.read("z.elf", bytes)));
  }

  /** readelf accepts the file and sees the segment, the sections and the symbols. */
  @Test
  void readelfReadsIt(@TempDir Path dir) throws IOException {
    Binutils.assumeInstalled();
    Files.write(dir.resolve("t.elf"), ElfWriter.write(Assembler.assemble("t.S", TOHOST)));
    String report = Binutils.run(dir, List.of(Binutils.PREFIX + "readelf", "-a", "-W", "t.elf"));
    assertTrue(report.contains("ELF32"), report);
    assertTrue(report.contains("RISC-V"), report);
    assertTrue(report.contains("EXEC (Executable file)"), report);
    assertTrue(report.contains("Entry point address:               0x80000000"), report);
    assertTrue(report.matches("(?s).*LOAD +0x\\w+ 0x80000000 0x80000000 .*RWE.*"), report);
    assertTrue(report.matches("(?s).*GLOBAL +DEFAULT +\\d+ tohost.*"), report);
    assertTrue(report.contains(ElfWriter.ARCH), report);
    assertTrue(!report.contains("Warning") && !report.contains("Error"), report);
  }

  /** objdump disassembles our ELF exactly as our disassembler does (XBNN words aside: objdump has no names). */
  @Test
  void objdumpAgreesWithOurListing(@TempDir Path dir) throws IOException {
    Binutils.assumeInstalled();
    byte[] bytes = ElfWriter.write(Assembler.assemble("every-form.S", everyForm()));
    Files.write(dir.resolve("e.elf"), bytes);
    String dump = Binutils.run(dir, List.of(Binutils.PREFIX + "objdump", "-d", "-M", "no-aliases", "e.elf"));
    var theirs = instructions(dump);
    var ours = instructions(ElfDisassembler.listing(ElfFile.read("e.elf", bytes)));
    int compared = 0;
    for (var entry : ours.entrySet()) {
      String their = theirs.get(entry.getKey());
      String our = entry.getValue();
      if (our.startsWith(Opcode.XNORPOP.mnemonic())) {
        assertTrue(their.startsWith(".4byte"), their);
      } else if (their != null && !their.startsWith(".2byte")) { // data words in .text: objdump splits them
        assertEquals(their, our, "at " + entry.getKey());
        compared++;
      }
    }
    assertTrue(compared > 150, compared + " instructions compared");
  }

  /** The instruction text of each line, without objdump's {@code <sym+off>} and {@code # comment}. */
  private static java.util.Map<String, String> instructions(String dump) {
    var lines = new java.util.TreeMap<String, String>();
    for (String line : dump.split("\n")) {
      String[] parts = line.split("\t", 3);
      if (parts.length == 3 && parts[0].trim().matches("[0-9a-f]+:")) {
        lines.put(parts[0].trim(), parts[2].replaceAll(" <[^>]*>", "").replaceAll("\\s*#.*$", "").trim());
      }
    }
    return lines;
  }
}
