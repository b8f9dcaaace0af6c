package dev.brainblitz.riscv.elf;

import dev.brainblitz.riscv.isa.Disassembler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * The text {@code blitz disasm} prints: each executable section, a {@code <symbol>:} line where a
 * symbol starts and one line per word ({@code address: word<TAB>instruction}), like {@code objdump
 * -d -M no-aliases}. As objdump does, a run of zero words (two or more, or any at the end of a
 * symbol's range) prints as one {@code ...} line, so a section of padding or a huge {@code .zero}
 * costs one line, not millions.
 */
public final class ElfDisassembler {
  private ElfDisassembler() {}

  /** The whole listing as one string (for tests and small files; {@link #write} streams it). */
  public static String listing(ElfFile elf) {
    var text = new StringWriter();
    var out = new PrintWriter(text);
    write(elf, out);
    out.flush();
    return text.toString();
  }

  /** Writes the listing to {@code out} line by line. */
  public static void write(ElfFile elf, PrintWriter out) {
    Map<Integer, String> names = new HashMap<>();
    for (ElfFile.ElfSymbol s : elf.symbols()) {
      if (s.sectionIndex() != 0 && s.sectionIndex() < 0xff00) {
        names.merge(s.value(), s.name(), (old, candidate) -> old); // the first defined wins
      }
    }
    for (ElfFile.SectionHeader section : elf.sections()) {
      if (!section.executable() || section.size() == 0) {
        continue;
      }
      out.append("\nDisassembly of section ").append(section.name()).append(":\n");
      byte[] bytes = section.contents();
      int words = bytes.length / 4;
      for (int i = 0; i < words; i++) {
        int pc = section.address() + 4 * i;
        String name = names.get(pc);
        if (name != null) {
          out.append('\n').append(hex8(pc)).append(" <").append(name).append(">:\n");
        }
        int zeros = zeroRun(bytes, i, words, section.address(), names);
        if (zeros >= 2 || zeros >= 1 && i + zeros == words || zeros >= 1 && names.containsKey(pc + 4 * zeros)) {
          out.append("\t...\n");
          i += zeros - 1;
          continue;
        }
        int word = word(bytes, i);
        String address = Integer.toHexString(pc);
        out.append(" ".repeat(Math.max(0, 8 - address.length()))).append(address).append(":\t").append(hex8(word))
            .append('\t').append(Disassembler.formatWord(word, pc, names::get)).append('\n');
      }
    }
  }

  /** How many zero words start at word {@code i}, stopping before the next symbol. */
  private static int zeroRun(byte[] bytes, int i, int words, int base, Map<Integer, String> names) {
    int n = 0;
    while (i + n < words && word(bytes, i + n) == 0 && (n == 0 || !names.containsKey(base + 4 * (i + n)))) {
      n++;
    }
    return n;
  }

  private static int word(byte[] bytes, int i) {
    int at = 4 * i;
    return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
  }

  private static String hex8(int value) {
    String hex = Integer.toHexString(value);
    return "0".repeat(8 - hex.length()) + hex;
  }
}
