package dev.brainblitz.riscv.asm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one source file defines and declares, as an object file would hold it: its labels, equates
 * and numeric labels, the bindings it gives symbols ({@code .globl}, {@code .weak}, {@code .local}),
 * its {@code .lcomm} blocks, its sections (in order of creation) and, while a pass runs through it,
 * its current section and options.
 */
final class FileScope {
  final String file;
  /** The file's position on the command line: the high half of its sections' link order. */
  final int index;
  private final List<InputSection> allSections;
  private int sectionCount;

  final Map<String, Label> labels = new HashMap<>();
  final Map<String, List<EquateDefinition>> equates = new HashMap<>();
  final Map<String, List<Label>> numericLabels = new HashMap<>();
  final Set<String> globals = new HashSet<>();
  final Set<String> weaks = new HashSet<>();
  final Set<String> locals = new HashSet<>();
  final Map<String, CommonBlock> localCommons = new LinkedHashMap<>();
  final Map<String, InputSection> sectionsByName = new HashMap<>();
  /** Every label in order of definition, numeric ones included. */
  final List<Label> labelOrder = new ArrayList<>();

  InputSection current;
  InputSection previous;
  final ArrayDeque<InputSection[]> sectionStack = new ArrayDeque<>();
  final ArrayDeque<Boolean> picStack = new ArrayDeque<>();
  boolean pic;

  /** {@code allSections} collects the sections of every file, for the linker step. */
  FileScope(String file, int index, List<InputSection> allSections) {
    this.file = file;
    this.index = index;
    this.allSections = allSections;
  }

  boolean defines(String name) {
    return labels.containsKey(name) || equates.containsKey(name) || localCommons.containsKey(name);
  }

  /** The section called {@code name}, created on first use. */
  InputSection section(String name, SectionKind kind, boolean code, int alignment) {
    InputSection s = sectionsByName.get(name);
    if (s == null) {
      s = new InputSection(file, name, kind, code, (long) index << 32 | sectionCount++, alignment);
      sectionsByName.put(name, s);
      allSections.add(s);
    }
    return s;
  }
}
