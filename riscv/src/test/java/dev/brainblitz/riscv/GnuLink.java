package dev.brainblitz.riscv;

import dev.brainblitz.riscv.asm.Program;
import dev.brainblitz.riscv.asm.Section;
import dev.brainblitz.riscv.asm.SectionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Links GNU as objects with GNU ld at the addresses blitz chose for the same sources, so that the
 * two images can be compared byte for byte: a linker script with blitz's input-section order
 * ({@code docs/asm.md}) and each output section pinned at blitz's address. Symbols whose place is
 * the linker's choice and not the assembler's ({@code .comm} blocks, which ld orders by its hash
 * table) are pinned to blitz's addresses too.
 */
public final class GnuLink {
  private GnuLink() {}

  /** The patterns of each output section, in blitz's order. */
  private static String patterns(SectionKind kind) {
    return switch (kind) {
      case TEXT -> "*(.text .text.*)";
      case RODATA -> "*(.rodata .rodata.* .srodata .srodata.*)";
      case DATA -> "*(.data .data.* .sdata .sdata.*)";
      case GOT -> "*(.got)";
      case BSS -> "*(.bss .bss.* .sbss .sbss.*) *(COMMON)";
    };
  }

  /** The linker script for {@code program}'s layout, with {@code pinned} symbols at blitz's values. */
  public static String script(Program program, Collection<String> pinned) {
    StringBuilder s = new StringBuilder("ENTRY(_start)\nSECTIONS\n{\n");
    for (SectionKind kind : SectionKind.values()) {
      Section section = program.section(kind).orElse(null);
      String address = section == null ? "" : String.format(Locale.ROOT, " 0x%08x", section.address());
      if (kind == SectionKind.GOT) {
        // ld's GOT has a header and a .got.plt, and orders its slots by ld's hash table: it goes out of
        // the way, and tests compare what the code loads from it, not where the slots are.
        s.append("  .got 0x8f000000 : { *(.got.plt) *(.igot.plt) *(.got) *(.igot) }\n");
        continue;
      }
      s.append("  ").append(kind.sectionName()).append(address).append(" : { ").append(patterns(kind)).append(" }\n");
    }
    s.append("  /DISCARD/ : { *(.eh_frame) *(.eh_frame_hdr) *(.comment) *(.note.*) }\n}\n");
    for (String name : pinned) {
      program.symbol(name).ifPresent(sym -> s.append(String.format(Locale.ROOT, "%s = 0x%08x;%n", name, sym.value())));
    }
    return s.toString();
  }

  /** Links {@code objects} in {@code dir} into {@code output} with the script for {@code program}. */
  public static void link(Path dir, List<String> objects, Program program, Collection<String> pinned, String output)
      throws IOException {
    Files.writeString(dir.resolve("blitz-layout.ld"), script(program, pinned));
    List<String> command = new ArrayList<>(List.of(Binutils.PREFIX + "ld", "-m", "elf32lriscv", "--no-relax",
        "-T", "blitz-layout.ld"));
    command.addAll(objects);
    command.addAll(List.of("-o", output));
    Binutils.run(dir, command);
  }

  /** The {@code .comm} blocks of assembly sources that are not {@code .local}: where ld puts them is ld's choice. */
  public static java.util.Set<String> commonBlocks(String... sources) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    java.util.Set<String> locals = new java.util.HashSet<>();
    var comm = java.util.regex.Pattern.compile("^\\s*\\.comm\\s+([\\w.$]+)", java.util.regex.Pattern.MULTILINE);
    var local = java.util.regex.Pattern.compile("^\\s*\\.local\\s+([\\w.$]+)", java.util.regex.Pattern.MULTILINE);
    for (String source : sources) {
      comm.matcher(source).results().forEach(m -> names.add(m.group(1)));
      local.matcher(source).results().forEach(m -> locals.add(m.group(1)));
    }
    names.removeAll(locals);
    return names;
  }

  /** The bytes of section {@code name} of the linked {@code elf} (empty when it has none). */
  public static byte[] section(Path dir, String elf, String name) throws IOException {
    String bin = elf + name + ".bin";
    Binutils.run(dir, List.of(Binutils.PREFIX + "objcopy", "-O", "binary", "-j", name, elf, bin));
    return Files.exists(dir.resolve(bin)) ? Files.readAllBytes(dir.resolve(bin)) : new byte[0];
  }
}
