package dev.brainblitz.riscv.elf;

import dev.brainblitz.riscv.asm.Program;
import dev.brainblitz.riscv.asm.Section;
import dev.brainblitz.riscv.asm.SectionKind;
import dev.brainblitz.riscv.asm.Symbol;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Program} as an ELF32 little-endian RISC-V executable: one PT_LOAD segment (RWX)
 * covering .text to .bss, section headers for each section, a .riscv.attributes section naming the
 * ISA (so objdump decodes Zbb), and .symtab/.strtab with every symbol (locals first, as ELF asks).
 */
public final class ElfWriter {
  /** The ISA string GNU tools read from Tag_RISCV_arch. */
  public static final String ARCH = "rv32i2p1_m2p0_zicsr2p0_zifencei2p0_zbb1p0";

  private ElfWriter() {}

  /** A PT_LOAD segment: consecutive sections, where its bytes start in the file, its permissions. */
  private record Segment(List<Section> sections, int fileOffset, int flags) {
    int start() {
      return sections.get(0).address();
    }

    int fileSize() {
      int end = start();
      for (Section s : sections) {
        if (s.kind().hasBytes()) {
          end = s.address() + s.size();
        }
      }
      return end - start();
    }

    int memorySize() {
      Section last = sections.get(sections.size() - 1);
      return last.address() + last.size() - start();
    }
  }

  /**
   * The sections grouped into segments: one read-write-execute segment, or, when no page holds both
   * code and data (blitz asm --page-align-data), a read-execute segment for .text and .rodata and a
   * read-write one for the rest.
   */
  private static List<List<Section>> segmentGroups(List<Section> sections) {
    List<Section> readOnly = new ArrayList<>();
    List<Section> writable = new ArrayList<>();
    for (Section s : sections) {
      (s.kind().writable() ? writable : readOnly).add(s);
    }
    if (!readOnly.isEmpty() && !writable.isEmpty()) {
      Section last = readOnly.get(readOnly.size() - 1);
      long readOnlyEnd = Integer.toUnsignedLong(last.address()) + last.size();
      long writableStart = Integer.toUnsignedLong(writable.get(0).address());
      if ((readOnlyEnd + Elf.PAGE - 1) / Elf.PAGE <= writableStart / Elf.PAGE && writableStart % Elf.PAGE == 0) {
        return List.of(readOnly, writable);
      }
    }
    return List.of(sections);
  }

  public static byte[] write(Program program) {
    List<Section> sections = program.sections();
    List<List<Section>> groups = segmentGroups(sections);
    int headers = Elf.HEADER_SIZE + groups.size() * Elf.PROGRAM_HEADER_SIZE;
    // Each segment's file offset is congruent to its address modulo the page size, as loaders need.
    List<Segment> segments = new ArrayList<>();
    int fileAt = headers;
    for (List<Section> group : groups) {
      int start = group.get(0).address();
      int offset = (fileAt & ~(Elf.PAGE - 1)) | (start & (Elf.PAGE - 1));
      if (offset < fileAt) {
        offset += Elf.PAGE;
      }
      int flags = groups.size() == 1 ? Elf.PF_R | Elf.PF_W | Elf.PF_X
          : group.get(0).kind().writable() ? Elf.PF_R | Elf.PF_W : Elf.PF_R | Elf.PF_X;
      Segment segment = new Segment(group, offset, flags);
      segments.add(segment);
      fileAt = offset + segment.fileSize();
    }
    Map<Section, Integer> sectionOffset = new java.util.IdentityHashMap<>();

    var out = new Buffer();
    for (Segment segment : segments) {
      out.zerosUpTo(segment.fileOffset());
      for (Section s : segment.sections()) {
        sectionOffset.put(s, segment.fileOffset() + (s.address() - segment.start()));
        if (s.kind().hasBytes()) {
          out.zerosUpTo(segment.fileOffset() + (s.address() - segment.start()));
          out.bytes(s.bytes());
        }
      }
      out.zerosUpTo(segment.fileOffset() + segment.fileSize());
    }

    int attributesOffset = out.size();
    byte[] attributes = attributes();
    out.bytes(attributes);

    // Section names and symbol strings.
    var shstrtab = new Strings();
    var strtab = new Strings();
    List<Symbol> symbols = new ArrayList<>();
    program.symbols().stream().filter(sym -> !sym.global()).forEach(symbols::add);
    int firstGlobal = symbols.size() + 1;
    program.symbols().stream().filter(Symbol::global).forEach(symbols::add);

    Map<SectionKind, Integer> sectionIndex = new HashMap<>();
    for (int i = 0; i < sections.size(); i++) {
      sectionIndex.put(sections.get(i).kind(), i + 1);
    }
    int attributesIndex = sections.size() + 1;
    int symtabIndex = attributesIndex + 1;
    int strtabIndex = symtabIndex + 1;
    int shstrtabIndex = strtabIndex + 1;

    out.align(4);
    int symtabOffset = out.size();
    out.zeros(Elf.SYMBOL_SIZE);
    for (Symbol sym : symbols) {
      out.u32(strtab.add(sym.name()));
      out.u32(sym.value());
      out.u32(0);
      out.u8((sym.weak() ? Elf.STB_WEAK : sym.global() ? Elf.STB_GLOBAL : Elf.STB_LOCAL) << 4);
      out.u8(0);
      out.u16(sym.section() == null ? Elf.SHN_ABS : sectionIndex.getOrDefault(sym.section(), Elf.SHN_ABS));
    }
    int symtabSize = out.size() - symtabOffset;
    int strtabOffset = out.size();
    out.bytes(strtab.bytes());
    List<Integer> names = new ArrayList<>();
    for (Section s : sections) {
      names.add(shstrtab.add(s.kind().sectionName()));
    }
    int attributesName = shstrtab.add(".riscv.attributes");
    int symtabName = shstrtab.add(".symtab");
    int strtabName = shstrtab.add(".strtab");
    int shstrtabName = shstrtab.add(".shstrtab");
    int shstrtabOffset = out.size();
    byte[] shstrtabBytes = shstrtab.bytes();
    out.bytes(shstrtabBytes);

    out.align(4);
    int sectionHeaders = out.size();
    out.zeros(Elf.SECTION_HEADER_SIZE);
    for (int i = 0; i < sections.size(); i++) {
      Section s = sections.get(i);
      SectionKind kind = s.kind();
      int flags = Elf.SHF_ALLOC | (kind.writable() ? Elf.SHF_WRITE : 0) | (kind.executable() ? Elf.SHF_EXECINSTR : 0);
      sectionHeader(out, names.get(i), kind.hasBytes() ? Elf.SHT_PROGBITS : Elf.SHT_NOBITS, flags, s.address(),
          sectionOffset.get(s), s.size(), 0, 0, s.alignment(), 0);
    }
    sectionHeader(out, attributesName, Elf.SHT_RISCV_ATTRIBUTES, 0, 0, attributesOffset, attributes.length, 0, 0, 1, 0);
    sectionHeader(out, symtabName, Elf.SHT_SYMTAB, 0, 0, symtabOffset, symtabSize, strtabIndex, firstGlobal, 4,
        Elf.SYMBOL_SIZE);
    sectionHeader(out, strtabName, Elf.SHT_STRTAB, 0, 0, strtabOffset, shstrtabOffset - strtabOffset, 0, 0, 1, 0);
    sectionHeader(out, shstrtabName, Elf.SHT_STRTAB, 0, 0, shstrtabOffset, shstrtabBytes.length, 0, 0, 1, 0);
    int sectionCount = shstrtabIndex + 1;

    // Now that every offset is known, the file header and the program header.
    var header = new Buffer();
    header.bytes(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    header.u16(Elf.ET_EXEC);
    header.u16(Elf.EM_RISCV);
    header.u32(1);
    header.u32(program.entry());
    header.u32(Elf.HEADER_SIZE);
    header.u32(sectionHeaders);
    header.u32(0); // flags: soft-float ABI (ilp32), no RVC
    header.u16(Elf.HEADER_SIZE);
    header.u16(Elf.PROGRAM_HEADER_SIZE);
    header.u16(segments.size());
    header.u16(Elf.SECTION_HEADER_SIZE);
    header.u16(sectionCount);
    header.u16(shstrtabIndex);
    for (Segment segment : segments) {
      header.u32(Elf.PT_LOAD);
      header.u32(segment.fileOffset());
      header.u32(segment.start());
      header.u32(segment.start());
      header.u32(segment.fileSize());
      header.u32(segment.memorySize());
      header.u32(segment.flags());
      header.u32(Elf.PAGE);
    }
    byte[] file = out.toByteArray();
    System.arraycopy(header.toByteArray(), 0, file, 0, headers);
    return file;
  }

  private static void sectionHeader(Buffer out, int name, int type, int flags, int address, int offset, int size,
      int link, int info, int align, int entrySize) {
    for (int field : new int[] {name, type, flags, address, offset, size, link, info, align, entrySize}) {
      out.u32(field);
    }
  }

  /** The .riscv.attributes payload: format 'A', vendor "riscv", Tag_File with stack align and arch. */
  private static byte[] attributes() {
    var tags = new Buffer();
    tags.u8(4); // Tag_RISCV_stack_align
    tags.u8(16);
    tags.u8(5); // Tag_RISCV_arch
    tags.bytes(ARCH.getBytes(StandardCharsets.US_ASCII));
    tags.u8(0);
    byte[] tagBytes = tags.toByteArray();
    var out = new Buffer();
    out.u8('A');
    out.u32(4 + 6 + 5 + tagBytes.length);
    out.bytes("riscv\0".getBytes(StandardCharsets.US_ASCII));
    out.u8(1); // Tag_File
    out.u32(5 + tagBytes.length);
    out.bytes(tagBytes);
    return out.toByteArray();
  }

  /** A NUL-separated string table starting with the empty string. */
  private static final class Strings {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Strings() {
      bytes.write(0);
    }

    int add(String s) {
      int at = bytes.size();
      bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      bytes.write(0);
      return at;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  /** A little-endian byte sink. */
  private static final class Buffer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void u8(int v) {
      bytes.write(v);
    }

    void u16(int v) {
      bytes.write(v);
      bytes.write(v >> 8);
    }

    void u32(int v) {
      bytes.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    void bytes(byte[] b) {
      bytes.writeBytes(b);
    }

    void zeros(int n) {
      bytes.writeBytes(new byte[n]);
    }

    void zerosUpTo(int offset) {
      zeros(offset - bytes.size());
    }

    void align(int n) {
      zeros((n - bytes.size() % n) % n);
    }

    int size() {
      return bytes.size();
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }
}
