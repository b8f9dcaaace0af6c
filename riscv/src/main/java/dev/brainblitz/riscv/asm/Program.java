package dev.brainblitz.riscv.asm;

import java.util.List;
import java.util.Optional;

/**
 * An assembled and linked program: its non-empty sections at their addresses, its symbols and its
 * entry point ({@code _start} if defined, else the start of .text).
 */
public record Program(List<Section> sections, List<Symbol> symbols, int entry) {
  public Program {
    sections = List.copyOf(sections);
    symbols = List.copyOf(symbols);
  }

  public Optional<Section> section(SectionKind kind) {
    return sections.stream().filter(s -> s.kind() == kind).findFirst();
  }

  public Optional<Symbol> symbol(String name) {
    return symbols.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
