package dev.brainblitz.riscv.asm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The linker step, as GNU ld's default-like script {@code *(.text .text.*)} ... would do it: output
 * sections in memory-map order (.text, .rodata, .data, .got, .bss), each at its largest input
 * alignment, holding its input sections in link order (files in order, each file's sections in
 * order of creation), each at its own alignment; {@code .comm} blocks after all .bss and the GOT in
 * .got. With {@link MemoryMap#dataOnOwnPage()} the first writable output section starts a page.
 */
final class LinkerStep {
  private final List<InputSection> sections;
  private final InputSection commons;
  private final InputSection got;

  LinkerStep(List<InputSection> sections, InputSection commons, InputSection got) {
    this.sections = sections;
    this.commons = commons;
    this.got = got;
  }

  /** Places every input section; returns the end address (above 4 GiB if the program does not fit). */
  long layout(MemoryMap map) {
    long address = Integer.toUnsignedLong(map.textBase());
    boolean writable = false;
    for (SectionKind kind : SectionKind.values()) {
      List<InputSection> inputs = inputsOf(kind);
      if (kind.writable() && !writable && map.dataOnOwnPage()) {
        address = roundUp(address, MemoryMap.PAGE);
      }
      writable |= kind.writable();
      address = roundUp(address, alignment(kind, inputs));
      for (InputSection in : inputs) {
        address = roundUp(address, in.alignment());
        in.place(address);
        address += in.size();
      }
    }
    return address;
  }

  /** The largest span, first input to last byte, of an output section that has contents (after layout). */
  long largestContents() {
    long largest = 0;
    for (SectionKind kind : SectionKind.values()) {
      List<InputSection> inputs = inputsOf(kind);
      if (kind.hasBytes() && !inputs.isEmpty()) {
        InputSection last = inputs.get(inputs.size() - 1);
        largest = Math.max(largest, last.address() + last.size() - inputs.get(0).address());
      }
    }
    return largest;
  }

  /** The input sections of one output section, in link order. */
  List<InputSection> inputsOf(SectionKind kind) {
    List<InputSection> inputs = new ArrayList<>();
    for (InputSection s : sections) {
      if (s.kind == kind) {
        inputs.add(s);
      }
    }
    inputs.sort(Comparator.comparingLong(s -> s.order));
    if (kind == SectionKind.BSS) {
      inputs.add(commons);
    }
    if (kind == SectionKind.GOT) {
      inputs.add(got);
    }
    return inputs;
  }

  /** The laid-out output sections with their bytes (zeros in the gaps); empty ones except .text are left out. */
  List<Section> outputSections() {
    List<Section> out = new ArrayList<>();
    for (SectionKind kind : SectionKind.values()) {
      List<InputSection> inputs = inputsOf(kind);
      long size = inputs.stream().mapToLong(InputSection::size).sum();
      if (size == 0 && kind != SectionKind.TEXT) {
        continue;
      }
      // An output section starts at its first input (placed at the output's alignment).
      long start = inputs.get(0).address();
      long end = start;
      var bytes = new ByteArrayOutputStream();
      for (InputSection in : inputs) {
        if (in.size() == 0 && in != inputs.get(0)) {
          continue;
        }
        if (kind.hasBytes()) {
          bytes.writeBytes(new byte[(int) (in.address() - end)]);
          bytes.writeBytes(in.bytes());
        }
        end = in.address() + in.size();
      }
      out.add(new Section(kind, (int) start, (int) (end - start), alignment(kind, inputs), bytes.toByteArray()));
    }
    return out;
  }

  private static int alignment(SectionKind kind, List<InputSection> inputs) {
    int align = kind == SectionKind.TEXT ? 4 : 1;
    for (InputSection in : inputs) {
      align = Math.max(align, in.alignment());
    }
    return align;
  }

  private static long roundUp(long address, long alignment) {
    return (address + alignment - 1) / alignment * alignment;
  }
}
