package dev.brainblitz.riscv.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.riscv.Binutils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our disassembler agrees with {@code objdump -d -M no-aliases} on random valid encodings of every
 * row of the table (XBNN and XBNN2 excepted: objdump does not know them). One as run and one objdump run.
 */
class DisassemblerVsObjdumpTest {
  static final int COUNT = 12_000;

  @Test
  void agreesWithObjdumpOnRandomEncodings(@TempDir Path dir) throws IOException {
    Binutils.assumeInstalled();
    List<Integer> words = RandomEncodings.words(new Random(20261121), COUNT, op -> op.extension() != Extension.XBNN
        && op.extension() != Extension.XBNN2);
    var source = new StringBuilder(".text\n");
    for (int word : words) {
      source.append(".insn 4, 0x").append(Integer.toHexString(word)).append('\n');
    }
    Files.writeString(dir.resolve("r.S"), source);
    Binutils.assemble(dir, "r.S", "r.o");
    String dump = Binutils.run(dir, List.of(Binutils.PREFIX + "objdump", "-d", "-M", "no-aliases", "r.o"));
    List<String> theirs = new ArrayList<>();
    for (String line : dump.split("\n")) {
      // "  2c:\t0000006f          \tjal\tzero,2c <.text+0x2c>"
      String[] parts = line.split("\t", 3);
      if (parts.length == 3 && parts[0].trim().endsWith(":")) {
        theirs.add(parts[2].replaceAll(" <[^>]*>", "").replaceAll("\\s*#.*$", "").trim());
      }
    }
    assertEquals(words.size(), theirs.size(), "objdump printed a different number of instructions");
    int mismatches = 0;
    var report = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      String ours = Disassembler.format(Decoder.decodeOrNull(words.get(i)), 4 * i);
      if (!ours.equals(theirs.get(i))) {
        if (mismatches++ < 20) {
          report.append(String.format("%08x: ours '%s' objdump '%s'%n", words.get(i), ours, theirs.get(i)));
        }
      }
    }
    assertEquals(0, mismatches, mismatches + " mismatches, first ones:\n" + report);
    assertTrue(words.size() >= 10_000);
  }
}
