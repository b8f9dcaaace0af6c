package dev.brainblitz.riscv.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.riscv.Binutils;
import dev.brainblitz.riscv.GnuLink;
import dev.brainblitz.riscv.isa.Disassembler;
import dev.brainblitz.riscv.isa.Extension;
import dev.brainblitz.riscv.isa.Opcode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every instruction form, pseudo-instruction and directive in {@code every-form.S}, assembled and
 * linked at the same base by GNU (as -mno-relax, ld --no-relax) and by us: identical .text bytes.
 */
class AssemblerVsGnuAsTest {
  static final int BASE = 0x80000000;

  static String resource(String name) throws IOException {
    try (InputStream in = AssemblerVsGnuAsTest.class.getResourceAsStream("/asm/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Each file assembled by GNU as and linked by GNU ld at blitz's addresses: identical sections. */
  @ParameterizedTest
  @ValueSource(strings = {"every-form.S", "gnu-syntax.S"})
  void sectionsAreByteIdenticalToGnu(String name, @TempDir Path dir) throws IOException {
    Binutils.assumeInstalled();
    String source = resource(name);
    Files.writeString(dir.resolve("e.S"), source);
    Binutils.assemble(dir, "e.S", "e.o");
    Program program = Assembler.assemble(name, source, new MemoryMap(BASE));
    GnuLink.link(dir, List.of("e.o"), program, GnuLink.commonBlocks(source), "e.elf");
    for (SectionKind kind : List.of(SectionKind.TEXT, SectionKind.RODATA, SectionKind.DATA)) {
      byte[] theirs = GnuLink.section(dir, "e.elf", kind.sectionName());
      byte[] ours = program.section(kind).map(Section::bytes).orElse(new byte[0]);
      if (kind == SectionKind.TEXT && !java.util.Arrays.equals(theirs, ours)) {
        assertEquals(listing(theirs), listing(ours), "GNU (expected) vs blitz (actual)");
      }
      assertArrayEquals(theirs, ours, kind.sectionName());
    }
    String symbols = Binutils.run(dir, List.of(Binutils.PREFIX + "nm", "e.elf"));
    for (Symbol symbol : program.symbols()) {
      assertTrue(symbols.contains(String.format("%08x %s %s", symbol.value(), "", symbol.name()).replace("  ", " "))
          || symbols.lines().anyMatch(l -> l.startsWith(String.format("%08x", symbol.value())) && l.endsWith(" " + symbol.name())),
          symbol + " not in\n" + symbols);
    }
  }

  /** Our XBNN mnemonics encode as GNU's {@code .insn r} with the funct fields the table gives. */
  @Test
  void xbnnMnemonicsMatchGnuInsn(@TempDir Path dir) throws IOException {
    Binutils.assumeInstalled();
    var mnemonics = new StringBuilder();
    var insns = new StringBuilder(".text\n");
    for (Opcode op : Opcode.values()) {
      if (op.extension() == Extension.XBNN) {
        for (String regs : List.of("a0, a1, a2", "zero, t6, s0", "x31, x0, x17")) {
          mnemonics.append(op.mnemonic()).append(' ').append(regs).append('\n');
          insns.append(String.format(".insn r 0x%x, %d, %d, %s%n", op.majorOpcode(), (op.match() >>> 12) & 7,
              op.match() >>> 25, regs));
        }
      }
    }
    Files.writeString(dir.resolve("x.S"), insns);
    Binutils.assemble(dir, "x.S", "x.o");
    Binutils.run(dir, List.of(Binutils.PREFIX + "objcopy", "-O", "binary", "-j", ".text", "x.o", "x.bin"));
    byte[] ours = Assembler.assemble("x.S", mnemonics.toString()).section(SectionKind.TEXT).orElseThrow().bytes();
    assertEquals(listing(Files.readAllBytes(dir.resolve("x.bin"))), listing(ours));
  }

  /**
   * XBNN2's mnemonics encode as GNU's {@code .insn r}, the fields their form fixes written as zero:
   * {@code bppush rs1, rs2} (rd zero), {@code bpacc rd, rs1, rs2}, {@code bpget rd, rs1} (rs2 zero).
   */
  @Test
  void xbnn2MnemonicsMatchGnuInsn(@TempDir Path dir) throws IOException {
    Binutils.assumeInstalled();
    var mnemonics = new StringBuilder();
    var insns = new StringBuilder(".text\n");
    for (Opcode op : Opcode.values()) {
      if (op.extension() != Extension.XBNN2) {
        continue;
      }
      for (String[] regs : List.of(new String[] {"a0", "a1", "a2"}, new String[] {"x31", "t6", "s0"},
          new String[] {"ra", "x0", "x17"})) {
        String fields = String.format(".insn r 0x%x, %d, %d, ", op.majorOpcode(), (op.match() >>> 12) & 7,
            op.match() >>> 25);
        switch (op.form()) {
          case SOURCES -> {
            mnemonics.append(op.mnemonic()).append(' ').append(regs[1]).append(", ").append(regs[2]).append('\n');
            insns.append(fields).append("zero, ").append(regs[1]).append(", ").append(regs[2]).append('\n');
          }
          case UNARY -> {
            mnemonics.append(op.mnemonic()).append(' ').append(regs[0]).append(", ").append(regs[1]).append('\n');
            insns.append(fields).append(regs[0]).append(", ").append(regs[1]).append(", zero\n");
          }
          default -> {
            mnemonics.append(op.mnemonic()).append(' ').append(String.join(", ", regs)).append('\n');
            insns.append(fields).append(String.join(", ", regs)).append('\n');
          }
        }
      }
    }
    assertEquals(9, mnemonics.toString().lines().count());
    Files.writeString(dir.resolve("x.S"), insns);
    Binutils.assemble(dir, "x.S", "x.o");
    Binutils.run(dir, List.of(Binutils.PREFIX + "objcopy", "-O", "binary", "-j", ".text", "x.o", "x.bin"));
    byte[] ours = Assembler.assemble("x.S", mnemonics.toString()).section(SectionKind.TEXT).orElseThrow().bytes();
    assertEquals(listing(Files.readAllBytes(dir.resolve("x.bin"))), listing(ours));
    // And our assembler reads GNU's .insn lines to the same words.
    byte[] viaInsn = Assembler.assemble("x.S", insns.toString()).section(SectionKind.TEXT).orElseThrow().bytes();
    assertEquals(listing(ours), listing(viaInsn));
  }

  /** One line per word, so a mismatch shows where and what. */
  static String listing(byte[] text) {
    var out = new StringBuilder();
    for (int i = 0; i + 3 < text.length; i += 4) {
      int word = (text[i] & 0xff) | (text[i + 1] & 0xff) << 8 | (text[i + 2] & 0xff) << 16 | (text[i + 3] & 0xff) << 24;
      out.append(String.format("%08x: %08x  %s%n", BASE + i, word, Disassembler.formatWord(word, BASE + i, a -> null)));
    }
    return out.toString();
  }
}
