package dev.brainblitz.riscv.elf;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A read ELF32 little-endian RISC-V file (ours or GNU ld's): its entry, sections and symbols. The
 * simulator's loader and {@code blitz disasm} read it.
 */
public record ElfFile(int entry, List<SectionHeader> sections, List<ElfSymbol> symbols, List<Segment> segments) {
  public ElfFile {
    sections = List.copyOf(sections);
    symbols = List.copyOf(symbols);
    segments = List.copyOf(segments);
  }

  /** A section with its contents (empty for SHT_NOBITS). */
  public record SectionHeader(String name, int type, int flags, int address, int size, byte[] contents) {
    public boolean executable() {
      return (flags & Elf.SHF_EXECINSTR) != 0;
    }

    public byte[] contents() {
      return contents.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SectionHeader h && h.name.equals(name) && h.type == type && h.flags == flags
          && h.address == address && h.size == size && Arrays.equals(h.contents, contents);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + address;
    }

    @Override
    public String toString() {
      return name + "@0x" + Integer.toHexString(address) + "[" + size + "]";
    }
  }

  /** A symbol; {@code global} is STB_GLOBAL (or weak). */
  public record ElfSymbol(String name, int value, boolean global, int sectionIndex) {}

  /** A PT_LOAD program header with the bytes it loads ({@code memorySize - bytes.length} more are zero). */
  public record Segment(int address, int memorySize, int flags, byte[] fileBytes) {
    public byte[] fileBytes() {
      return fileBytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Segment s && s.address == address && s.memorySize == memorySize && s.flags == flags
          && Arrays.equals(s.fileBytes, fileBytes);
    }

    @Override
    public int hashCode() {
      return address;
    }

    @Override
    public String toString() {
      return "LOAD@0x" + Integer.toHexString(address) + "[" + memorySize + "]";
    }
  }

  /** The value of the symbol with this name, if any (e.g. {@code tohost}). */
  public java.util.OptionalInt symbol(String name) {
    return symbols.stream().filter(s -> s.name().equals(name)).mapToInt(ElfSymbol::value).findFirst();
  }

  /**
   * Reads an ELF file; {@code file} names it in diagnostics. Every offset and size in its headers is
   * checked against the file before use, so a damaged file is refused (ASM011), never half read.
   */
  public static ElfFile read(String file, byte[] bytes) {
    try {
      return parse(file, bytes);
    } catch (Malformed e) {
      throw notElf(file, e.getMessage());
    } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
      throw notElf(file, "it is truncated or its headers point outside it");
    }
  }

  /** A header field that points outside the file or contradicts another. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Checks that {@code size} bytes at {@code offset} (both unsigned 32-bit fields) lie inside the file. */
  private static void inside(byte[] bytes, int offset, long size, String what) {
    long start = Integer.toUnsignedLong(offset);
    if (size < 0 || start > bytes.length || size > bytes.length - start) {
      throw new Malformed(String.format("its %s (offset 0x%x, %d bytes) lies outside the file (%d bytes)", what, start,
          size, bytes.length));
    }
  }

  private static ElfFile parse(String file, byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < Elf.HEADER_SIZE || b.getInt(0) != 0x464c457f) {
      throw notElf(file, "it does not start with the ELF magic number");
    }
    if (bytes[4] != 1 || bytes[5] != 1) {
      throw notElf(file, "it is not 32-bit little-endian (ELF class " + bytes[4] + ", data " + bytes[5] + ")");
    }
    if ((b.getShort(18) & 0xffff) != Elf.EM_RISCV) {
      throw notElf(file, "its machine is " + (b.getShort(18) & 0xffff) + ", not RISC-V (243)");
    }
    int entry = b.getInt(24);
    int phoff = b.getInt(28);
    int shoff = b.getInt(32);
    int phentsize = b.getShort(42) & 0xffff;
    int phnum = b.getShort(44) & 0xffff;
    int shentsize = b.getShort(46) & 0xffff;
    int shnum = b.getShort(48) & 0xffff;
    int shstrndx = b.getShort(50) & 0xffff;

    List<Segment> segments = new ArrayList<>();
    if (phnum > 0) {
      if (phentsize < Elf.PROGRAM_HEADER_SIZE) {
        throw new Malformed("its program headers are " + phentsize + " bytes, not " + Elf.PROGRAM_HEADER_SIZE);
      }
      inside(bytes, phoff, (long) phnum * phentsize, "program header table");
    }
    for (int i = 0; i < phnum; i++) {
      int at = phoff + i * phentsize;
      if (b.getInt(at) == Elf.PT_LOAD) {
        int offset = b.getInt(at + 4);
        long filesz = Integer.toUnsignedLong(b.getInt(at + 16));
        long memsz = Integer.toUnsignedLong(b.getInt(at + 20));
        if (filesz > memsz) {
          throw new Malformed("segment " + i + " has more bytes in the file (" + filesz + ") than in memory (" + memsz + ")");
        }
        inside(bytes, offset, filesz, "segment " + i);
        int start = offset;
        segments.add(new Segment(b.getInt(at + 8), b.getInt(at + 20), b.getInt(at + 24),
            Arrays.copyOfRange(bytes, start, start + (int) filesz)));
      }
    }

    if (shnum > 0) {
      if (shentsize < Elf.SECTION_HEADER_SIZE) {
        throw new Malformed("its section headers are " + shentsize + " bytes, not " + Elf.SECTION_HEADER_SIZE);
      }
      inside(bytes, shoff, (long) shnum * shentsize, "section header table");
    }
    int[][] raw = new int[shnum][];
    for (int i = 0; i < shnum; i++) {
      int at = shoff + i * shentsize;
      raw[i] = new int[10];
      for (int f = 0; f < 10; f++) {
        raw[i][f] = b.getInt(at + 4 * f);
      }
    }
    byte[] names = shnum > shstrndx && raw[shstrndx][1] != Elf.SHT_NOBITS
        ? slice(bytes, raw[shstrndx][4], raw[shstrndx][5], "section name table") : new byte[0];
    List<SectionHeader> sections = new ArrayList<>();
    List<ElfSymbol> symbols = new ArrayList<>();
    for (int i = 0; i < shnum; i++) {
      int[] h = raw[i];
      byte[] contents = h[1] == Elf.SHT_NOBITS || h[1] == 0 ? new byte[0] : slice(bytes, h[4], h[5], "section " + i);
      sections.add(new SectionHeader(string(names, h[0]), h[1], h[2], h[3], h[5], contents));
      if (h[1] == Elf.SHT_SYMTAB) {
        if (Integer.compareUnsigned(h[6], shnum) >= 0) {
          throw new Malformed("its symbol table names string table " + Integer.toUnsignedString(h[6]) + " of " + shnum);
        }
        byte[] strings = slice(bytes, raw[h[6]][4], raw[h[6]][5], "symbol string table");
        int end = h[4] + h[5];
        for (int at = h[4] + Elf.SYMBOL_SIZE; at + Elf.SYMBOL_SIZE <= end; at += Elf.SYMBOL_SIZE) {
          int info = bytes[at + 12] & 0xff;
          int type = info & 0xf;
          String name = string(strings, b.getInt(at));
          if (!name.isEmpty() && type != 3 && type != 4) { // not section or file symbols
            symbols.add(new ElfSymbol(name, b.getInt(at + 4), (info >> 4) != Elf.STB_LOCAL, b.getShort(at + 14) & 0xffff));
          }
        }
      }
    }
    return new ElfFile(entry, sections, symbols, segments);
  }

  private static byte[] slice(byte[] bytes, int offset, int size, String what) {
    inside(bytes, offset, Integer.toUnsignedLong(size), what);
    return Arrays.copyOfRange(bytes, offset, offset + size);
  }

  /** The NUL-terminated string at {@code offset}; empty when the offset lies outside the table. */
  private static String string(byte[] table, int offset) {
    if (offset < 0 || offset >= table.length) {
      return "";
    }
    int end = offset;
    while (end < table.length && table[end] != 0) {
      end++;
    }
    return new String(table, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static DiagnosticException notElf(String file, String why) {
    return new DiagnosticException(new Diagnostic(ErrorCode.ASM_NOT_ELF, SourceSpan.wholeFile(file),
        "'" + file + "' is not a 32-bit little-endian RISC-V ELF file: " + why));
  }
}
