package dev.brainblitz.riscv.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.riscv.Binutils;
import dev.brainblitz.riscv.isa.Decoder;
import dev.brainblitz.riscv.isa.Disassembler;
import dev.brainblitz.riscv.isa.Form;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disassembler's text is assembler input: random valid words of every row, printed and
 * assembled again (by us, and by GNU as + ld), give back the same words.
 */
class DisassembleAssembleRoundTripTest {
  static final int BASE = 0x80000000;
  static final int COUNT = 10_000;

  /** Random words, avoiding fence sets objdump prints as "unknown" (no assembler accepts them). */
  static List<Integer> words() {
    var random = new Random(11);
    Opcode[] rows = Opcode.values();
    List<Integer> words = new ArrayList<>();
    while (words.size() < COUNT) {
      Opcode op = rows[random.nextInt(rows.length)];
      int word = op.match() | (random.nextInt() & ~op.mask());
      Instruction insn = Decoder.decodeOrNull(word);
      if (op.form() == Form.FENCE && ((insn.imm() & 0xf) == 0 || (insn.imm() >> 4) == 0)) {
        continue;
      }
      words.add(word);
    }
    return words;
  }

  /**
   * The program text: targets written {@code . + (offset)}, which both assemblers resolve without
   * relocations (objdump's bare hex address would read as decimal).
   */
  static String source(List<Integer> words) {
    var source = new StringBuilder(".text\n");
    for (int i = 0; i < words.size(); i++) {
      int pc = BASE + 4 * i;
      Instruction insn = Decoder.decodeOrNull(words.get(i));
      String text = Disassembler.format(insn, pc);
      Form form = insn.opcode().form();
      if (form == Form.BRANCH || form == Form.JUMP) {
        int comma = text.lastIndexOf(',');
        text = text.substring(0, comma + 1) + ".+(" + insn.imm() + ")";
      }
      source.append(text).append('\n');
    }
    return source.toString();
  }

  @Test
  void ourAssemblerReadsOurDisassembly() {
    List<Integer> words = words();
    byte[] bytes = Assembler.assemble("r.S", source(words), new MemoryMap(BASE)).section(SectionKind.TEXT)
        .orElseThrow().bytes();
    for (int i = 0; i < words.size(); i++) {
      int word = (bytes[4 * i] & 0xff) | (bytes[4 * i + 1] & 0xff) << 8 | (bytes[4 * i + 2] & 0xff) << 16
          | (bytes[4 * i + 3] & 0xff) << 24;
      assertEquals(Integer.toHexString(words.get(i)), Integer.toHexString(word),
          Disassembler.format(Decoder.decodeOrNull(words.get(i)), BASE + 4 * i));
    }
  }

  @Test
  void gnuAsReadsOurDisassembly(@TempDir Path dir) throws IOException {
    Binutils.assumeInstalled();
    List<Integer> words = words();
    String source = source(words);
    for (Opcode op : Opcode.values()) { // GNU as knows XBNN and XBNN2 only as .insn r, fixed fields as zero
      var extension = op.extension();
      if (extension == dev.brainblitz.riscv.isa.Extension.XBNN || extension == dev.brainblitz.riscv.isa.Extension.XBNN2) {
        String insn = String.format(".insn r 0x%x, %d, %d, ", op.majorOpcode(), (op.match() >>> 12) & 7, op.match() >>> 25);
        source = switch (op.form()) {
          case SOURCES -> source.replaceAll("(?m)^" + op.mnemonic() + "\t", insn + "zero, ");
          case UNARY -> source.replaceAll("(?m)^" + op.mnemonic() + "\t(.*)$", insn + "$1, zero");
          default -> source.replaceAll("(?m)^" + op.mnemonic() + "\t", insn);
        };
      }
    }
    Files.writeString(dir.resolve("r.S"), source);
    Binutils.assemble(dir, "r.S", "r.o");
    Binutils.run(dir, List.of(Binutils.PREFIX + "ld", "-m", "elf32lriscv", "--no-relax", "-Ttext=0x80000000",
        "-e", "0x80000000", "r.o", "-o", "r.elf"));
    Binutils.run(dir, List.of(Binutils.PREFIX + "objcopy", "-O", "binary", "-j", ".text", "r.elf", "r.bin"));
    byte[] theirs = Files.readAllBytes(dir.resolve("r.bin"));
    byte[] ours = Assembler.assemble("r.S", source, new MemoryMap(BASE)).section(SectionKind.TEXT).orElseThrow().bytes();
    assertEquals(AssemblerVsGnuAsTest.listing(theirs), AssemblerVsGnuAsTest.listing(ours));
  }
}
