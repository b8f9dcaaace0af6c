package dev.brainblitz.riscv.elf;

import dev.brainblitz.riscv.isa.Disassembler;
import java.util.HashMap;
import java.util.Map;

/**
 * The text {@code blitz disasm} prints: each executable section, a {@code <symbol>:} line where a
 * symbol starts and one line per word ({@code address: word<TAB>instruction}), like {@code objdump
 * -d -M no-aliases}.
 */
public final class ElfDisassembler {
  private ElfDisassembler() {}

  public static String listing(ElfFile elf) {
    Map<Integer, String> names = new HashMap<>();
    for (ElfFile.ElfSymbol s : elf.symbols()) {
      if (s.sectionIndex() != 0 && s.sectionIndex() < 0xff00) {
        names.merge(s.value(), s.name(), (old, candidate) -> old); // the first defined wins
      }
    }
    var out = new StringBuilder();
    for (ElfFile.SectionHeader section : elf.sections()) {
      if (!section.executable() || section.size() == 0) {
        continue;
      }
      out.append("\nDisassembly of section ").append(section.name()).append(":\n");
      byte[] bytes = section.contents();
      for (int i = 0; i + 3 < bytes.length; i += 4) {
        int pc = section.address() + i;
        String name = names.get(pc);
        if (name != null) {
          out.append('\n').append(String.format("%08x <%s>:%n", pc, name));
        }
        int word = (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16 | (bytes[i + 3] & 0xff) << 24;
        out.append(String.format("%8x:\t%08x\t%s%n", pc, word, Disassembler.formatWord(word, pc, names::get)));
      }
    }
    return out.toString();
  }
}
