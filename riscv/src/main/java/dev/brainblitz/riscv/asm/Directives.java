package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.riscv.isa.Form;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The assembler directives (names starting with a dot). */
final class Directives {
  /** Directives compilers emit that do not change a linked RV32 image; accepted and ignored. */
  private static final Set<String> IGNORED = Set.of(
      ".type", ".size", ".file", ".ident", ".attribute", ".addrsig", ".addrsig_sym", ".end", ".hidden",
      ".protected", ".internal", ".loc", ".loc_mark_labels", ".variant_cc");

  /** Directives that put bytes in the current section; in a section that is not loaded they are skipped. */
  private static final Set<String> CONTENTS = Set.of(
      ".word", ".4byte", ".long", ".int", ".half", ".2byte", ".short", ".hword", ".byte", ".dword", ".8byte",
      ".quad", ".uleb128", ".sleb128", ".zero", ".space", ".skip", ".fill", ".ascii", ".asciz", ".string",
      ".align", ".p2align", ".balign", ".balignw", ".balignl", ".p2alignw", ".p2alignl", ".insn", ".org");

  private static final int NOP = 0x00000013;
  private static final byte[] C_NOP = {0x01, 0x00};

  private Directives() {}

  static void apply(Assembler asm, String name, Statement s) {
    if (asm.section().dropped() && CONTENTS.contains(name)) {
      return;
    }
    List<Token> ops = s.operands();
    switch (name) {
      case ".text", ".data", ".rodata", ".bss" -> {
        expectCount(s, 0);
        asm.switchTo(asm.sectionNamed(name, SectionKind.ofName(name), name.equals(".text")));
      }
      case ".section" -> {
        expectAtLeast(s, 1);
        asm.switchTo(section(asm, s));
      }
      case ".pushsection" -> {
        expectAtLeast(s, 1);
        asm.pushSection(section(asm, s));
      }
      case ".popsection" -> {
        expectCount(s, 0);
        if (!asm.popSection()) {
          throw new AsmError(ErrorCode.ASM_BAD_SECTION, s.name(), ".popsection without a .pushsection");
        }
      }
      case ".previous" -> {
        expectCount(s, 0);
        asm.switchToPrevious();
      }
      case ".word", ".4byte", ".long", ".int" -> data(asm, s, 4);
      case ".half", ".2byte", ".short", ".hword" -> data(asm, s, 2);
      case ".byte" -> data(asm, s, 1);
      case ".dword", ".8byte", ".quad" -> data(asm, s, 8);
      case ".uleb128", ".sleb128" -> leb128(asm, s, name.equals(".sleb128"));
      case ".zero" -> {
        expectCount(s, 1);
        asm.emitFill(count(asm, ops.get(0)), (byte) 0, ops.get(0));
      }
      case ".space", ".skip" -> {
        expectAtLeast(s, 1);
        expectAtMost(s, 2);
        asm.emitFill(count(asm, ops.get(0)), ops.size() > 1 ? (byte) fill(asm, ops.get(1)) : 0, ops.get(0));
      }
      case ".fill" -> fill(asm, s);
      case ".align", ".p2align", ".p2alignw", ".p2alignl" -> {
        expectAtLeast(s, 1);
        expectAtMost(s, 3);
        long power = asm.constant(ops.get(0));
        if (power < 0 || power > 16) {
          throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, ops.get(0), "alignment 2^" + power + " is not in 2^0..2^16");
        }
        align(asm, s, 1 << power, patternWidth(name));
      }
      case ".balign", ".balignw", ".balignl" -> {
        expectAtLeast(s, 1);
        expectAtMost(s, 3);
        long bytes = asm.constant(ops.get(0));
        if (bytes < 1 || bytes > 65536 || Long.bitCount(bytes) != 1) {
          throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, ops.get(0), "alignment " + bytes + " is not a power of two up to 65536");
        }
        align(asm, s, (int) bytes, patternWidth(name));
      }
      case ".org" -> org(asm, s);
      case ".globl", ".global", ".weak", ".local" -> {
        expectAtLeast(s, 1);
        ops.forEach(Directives::symbolName);
      }
      case ".equ", ".set", ".equiv" -> {
        expectCount(s, 2);
        symbolName(ops.get(0));
        asm.placeEquate(s);
      }
      case ".comm", ".lcomm" -> common(asm, s, name.equals(".lcomm"));
      case ".option" -> {
        expectCount(s, 1);
        if (!asm.option(ops.get(0).text().toLowerCase(Locale.ROOT))) {
          throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, ops.get(0), ".option pop without a .option push");
        }
      }
      case ".ascii" -> strings(asm, s, false);
      case ".asciz", ".string" -> strings(asm, s, true);
      case ".insn" -> insn(asm, s);
      default -> {
        if (!IGNORED.contains(name) && !name.startsWith(".cfi_")) {
          throw new AsmError(ErrorCode.ASM_UNKNOWN_MNEMONIC, s.name(), "unknown directive '"
              + Expression.shorten(s.name().text()) + "'");
        }
      }
    }
  }

  /** Names that no loaded section comes from: debug information, notes, comments. */
  private static final List<String> UNLOADED_PREFIXES = List.of(".debug", ".note", ".comment", ".stab", ".gnu.build",
      ".riscv.attributes", ".llvm");

  /**
   * The section of {@code .section NAME[, "FLAGS"[, @TYPE[, ...]]]} ({@code NAME} may be quoted): by
   * name (see {@link SectionKind#ofName}), else by GNU flags: {@code x} to .text, {@code w} to .data
   * (or .bss for {@code @nobits}), {@code a} to .rodata, and without {@code a} not loaded (dropped, as
   * debug sections are). So riscv-tests' {@code .section .tohost, "aw", @progbits} lands in .data.
   */
  private static InputSection section(Assembler asm, Statement s) {
    List<Token> ops = s.operands();
    Token nameToken = ops.get(0);
    String name = unquote(nameToken.text());
    if (name.isEmpty()) {
      throw new AsmError(ErrorCode.ASM_SYNTAX, nameToken, "expected a section name");
    }
    boolean hasFlags = ops.size() > 1;
    String flags = hasFlags ? unquote(ops.get(1).text()) : "";
    boolean nobits = ops.size() > 2 && ops.get(2).text().contains("nobits");
    for (String prefix : UNLOADED_PREFIXES) {
      if (name.startsWith(prefix)) {
        return asm.sectionNamed(name, null, false);
      }
    }
    SectionKind kind = SectionKind.ofName(name);
    if (kind == null && hasFlags) {
      if (!flags.contains("a")) {
        return asm.sectionNamed(name, null, false);
      }
      kind = flags.contains("x") ? SectionKind.TEXT
          : flags.contains("w") ? (nobits ? SectionKind.BSS : SectionKind.DATA)
          : SectionKind.RODATA;
    }
    if (kind == null) {
      throw new AsmError(ErrorCode.ASM_BAD_SECTION, nameToken, "unknown section '" + Expression.shorten(name)
          + "': use .text, .rodata, .data or .bss (or their .name.suffix and small-data forms), or give flags as in"
          + " .section " + Expression.shorten(name) + ", \"aw\"");
    }
    InputSection section = asm.sectionNamed(name, kind, kind == SectionKind.TEXT);
    if (flags.contains("M") && ops.size() > 3) {
      // A mergeable section of ENTSIZE-byte entries: GNU as rounds its size up to whole entries.
      long entrySize = asm.constant(ops.get(3));
      if (entrySize < 1 || entrySize > 65536) {
        throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, ops.get(3), "entry size " + entrySize + " is not in [1, 65536]");
      }
      section.setEntrySize((int) entrySize);
    }
    return section;
  }

  private static String unquote(String text) {
    String t = text.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }

  private static void symbolName(Token op) {
    String t = op.text();
    if (t.isEmpty() || LineParser.identifierEnd(t, 0) != t.length() || Character.isDigit(t.charAt(0))) {
      throw new AsmError(ErrorCode.ASM_SYNTAX, op.text().isEmpty() ? op : op, "expected a symbol name, not '"
          + Expression.shorten(t) + "'");
    }
  }

  /** {@code .byte}, {@code .half}, {@code .word}, {@code .dword}: values that may be addresses, range-checked once known. */
  private static void data(Assembler asm, Statement s, int size) {
    expectAtLeast(s, 1);
    for (Token op : s.operands()) {
      if (op.text().isEmpty()) {
        throw new AsmError(ErrorCode.ASM_SYNTAX, op, "empty operand");
      }
      long value = asm.evaluate(op).value();
      if (asm.encoding() && size < 8) {
        long min = -(1L << (8 * size - 1));
        long max = (1L << (8 * size)) - 1;
        if (value < min || value > max) {
          throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, op, "value " + value + " does not fit in " + size + " byte(s)");
        }
      }
      byte[] bytes = new byte[size];
      for (int i = 0; i < size; i++) {
        bytes[i] = (byte) (value >> (8 * i));
      }
      asm.emit(bytes, op);
    }
  }

  /** {@code .uleb128} / {@code .sleb128}: LEB128 encodings of constants (64-bit, as GNU as reads them). */
  private static void leb128(Assembler asm, Statement s, boolean signed) {
    expectAtLeast(s, 1);
    for (Token op : s.operands()) {
      long value = asm.constant(op);
      var out = new ByteArrayOutputStream();
      while (true) {
        int b = (int) (value & 0x7f);
        value = signed ? value >> 7 : value >>> 7;
        boolean done = signed ? (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0) : value == 0;
        out.write(done ? b : b | 0x80);
        if (done) {
          break;
        }
      }
      asm.emit(out.toByteArray(), op);
    }
  }

  /**
   * {@code .fill REPEAT[, SIZE[, VALUE]]}: REPEAT copies of SIZE bytes (at most 8); as in GNU as, the
   * low 4 bytes hold VALUE little-endian and any bytes above them are zero.
   */
  private static void fill(Assembler asm, Statement s) {
    expectAtLeast(s, 1);
    expectAtMost(s, 3);
    List<Token> ops = s.operands();
    long repeat = count(asm, ops.get(0));
    long size = ops.size() > 1 && !ops.get(1).text().isEmpty() ? asm.constant(ops.get(1)) : 1;
    if (size < 0) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, ops.get(1), ".fill size " + size + " is negative");
    }
    size = Math.min(size, 8);
    long value = ops.size() > 2 ? asm.constant(ops.get(2)) : 0;
    if (repeat * size > Assembler.MAX_SECTION_BYTES) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, ops.get(0), ".fill of " + repeat + " x " + size + " bytes is too large");
    }
    byte[] unit = new byte[(int) size];
    for (int i = 0; i < Math.min(size, 4); i++) {
      unit[i] = (byte) (value >> (8 * i));
    }
    if (allEqual(unit)) {
      asm.emitFill(repeat * size, size == 0 ? 0 : unit[0], ops.get(0));
    } else {
      for (long n = 0; n < repeat; n++) {
        asm.emit(unit, ops.get(0));
      }
    }
  }

  private static boolean allEqual(byte[] bytes) {
    for (byte b : bytes) {
      if (b != bytes[0]) {
        return false;
      }
    }
    return true;
  }

  /** {@code .org NEW}: advances the section to offset NEW (a constant or a label of this section). */
  private static void org(Assembler asm, Statement s) {
    expectAtLeast(s, 1);
    expectAtMost(s, 2);
    Expression.Value target = asm.evaluate(s.operands().get(0));
    InputSection here = asm.section();
    long offset;
    if (target.isConstant()) {
      offset = target.value();
    } else if (target.dependence() == Expression.Dependence.ADDRESS && target.section() == here) {
      offset = target.value() - (asm.encoding() ? here.address() : 0);
    } else if (target.dependence() == Expression.Dependence.UNPLACED) {
      offset = here.size();
    } else {
      throw new AsmError(ErrorCode.ASM_NOT_CONSTANT, s.operands().get(0), ".org needs a constant or a label of this section");
    }
    if (offset < here.size()) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, s.operands().get(0), ".org to offset " + offset
          + " would move backwards (the section already holds " + here.size() + " bytes)");
    }
    byte fill = s.operands().size() > 1 ? (byte) fill(asm, s.operands().get(1)) : 0;
    asm.emitFill(offset - here.size(), fill, s.operands().get(0));
  }

  private static void common(Assembler asm, Statement s, boolean local) {
    expectAtLeast(s, 2);
    expectAtMost(s, 3);
    List<Token> ops = s.operands();
    symbolName(ops.get(0));
    long size = asm.constant(ops.get(1));
    if (size < 0 || size > Assembler.MAX_BSS_BYTES) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, ops.get(1), "size " + size + " is not in [0, " + Assembler.MAX_BSS_BYTES + "]");
    }
    long alignment;
    if (ops.size() > 2) {
      alignment = asm.constant(ops.get(2));
      if (alignment < 1 || alignment > 65536 || Long.bitCount(alignment) != 1) {
        throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, ops.get(2), "alignment " + alignment + " is not a power of two up to 65536");
      }
    } else {
      // GNU as's default for a block without an alignment: by its size, up to 8.
      alignment = size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;
    }
    asm.common(ops.get(0), size, (int) alignment, local);
  }

  private static long count(Assembler asm, Token op) {
    long n = asm.constant(op);
    if (n < 0 || n > Assembler.MAX_SECTION_BYTES) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, op, "size " + n + " is not in [0, " + Assembler.MAX_SECTION_BYTES + "]");
    }
    return n;
  }

  private static long fill(Assembler asm, Token op) {
    long value = asm.constant(op);
    if (value < -128 || value > 255) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, op, "fill byte " + value + " does not fit in a byte");
    }
    return value;
  }

  private static int patternWidth(String directive) {
    return directive.endsWith("w") ? 2 : directive.endsWith("l") ? 4 : 1;
  }

  /**
   * Pads to a multiple of {@code bytes}, as GNU as does: {@code .align A[, FILL[, MAX]]} skips the
   * padding if it would exceed MAX bytes (the section's alignment is raised either way); in a code
   * section without FILL, alignments up to 4 bytes emit nothing (instructions need no more) and
   * larger ones pad with nops.
   */
  private static void align(Assembler asm, Statement s, int bytes, int patternWidth) {
    List<Token> ops = s.operands();
    Token fillOperand = ops.size() > 1 && !ops.get(1).text().isEmpty() ? ops.get(1) : null;
    long max = ops.size() > 2 && !ops.get(2).text().isEmpty() ? asm.constant(ops.get(2)) : Long.MAX_VALUE;
    InputSection section = asm.section();
    section.alignTo(bytes);
    int padding = (bytes - section.size() % bytes) % bytes;
    if (padding == 0 || padding > max) {
      return;
    }
    if (fillOperand == null && section.code) {
      if (bytes > 4) {
        asm.emit(codePadding(padding), s.name());
      }
      return;
    }
    long pattern = fillOperand == null ? 0 : patternWidth == 1 ? fill(asm, fillOperand) : asm.constant(fillOperand);
    if (patternWidth == 1) {
      asm.emitFill(padding, (byte) pattern, s.name());
    } else {
      byte[] pad = new byte[padding];
      for (int i = 0; i < padding; i++) {
        pad[i] = (byte) (pattern >> (8 * (i % patternWidth)));
      }
      asm.emit(pad, s.name());
    }
  }

  /** GNU as's padding between instructions: a zero byte to an even offset, a c.nop to a word, then nops. */
  static byte[] codePadding(int bytes) {
    var out = new ByteArrayOutputStream();
    int left = bytes;
    if (left % 2 == 1) {
      out.write(0);
      left--;
    }
    if (left % 4 == 2) {
      out.writeBytes(C_NOP);
      left -= 2;
    }
    for (; left > 0; left -= 4) {
      out.writeBytes(new byte[] {NOP, 0, 0, 0});
    }
    return out.toByteArray();
  }

  /** Pads a code section at its end (see {@link #codePadding}). */
  static void codePadding(InputSection section, int bytes, boolean keep) {
    section.append(codePadding(bytes), keep && section.kind.hasBytes());
  }

  private static void strings(Assembler asm, Statement s, boolean terminate) {
    expectAtLeast(s, 1);
    for (Token op : s.operands()) {
      String text = op.text();
      if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
        throw new AsmError(ErrorCode.ASM_SYNTAX, op, "expected a string in double quotes");
      }
      var out = new ByteArrayOutputStream();
      for (int i = 1; i < text.length() - 1; i++) {
        char c = text.charAt(i);
        if (c != '\\') {
          if (c < 0x80) {
            out.write(c);
          } else {
            out.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
          continue;
        }
        char e = text.charAt(++i);
        switch (e) {
          case 'n' -> out.write('\n');
          case 't' -> out.write('\t');
          case 'r' -> out.write('\r');
          case 'b' -> out.write('\b');
          case 'f' -> out.write('\f');
          case 'x', 'X' -> {
            int end = i + 1;
            while (end < text.length() - 1 && Character.digit(text.charAt(end), 16) >= 0) {
              end++;
            }
            if (end == i + 1) {
              throw new AsmError(ErrorCode.ASM_SYNTAX, op, "\\x needs hex digits");
            }
            // GNU as keeps the low byte of a long \x escape.
            String hex = text.substring(Math.max(i + 1, end - 2), end);
            out.write(Integer.parseInt(hex, 16));
            i = end - 1;
          }
          default -> {
            if (e >= '0' && e <= '7') {
              int end = i;
              while (end < text.length() - 1 && end < i + 3 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
                end++;
              }
              out.write(Integer.parseInt(text.substring(i, end), 8) & 0xff);
              i = end - 1;
            } else {
              out.write(e);
            }
          }
        }
      }
      if (terminate) {
        out.write(0);
      }
      asm.emit(out.toByteArray(), op);
    }
  }

  /**
   * {@code .insn FORMAT ...} as GNU as reads it, for any word of a standard layout (this is how GNU as
   * emits the XBNN instructions): {@code r opcode, funct3, funct7, rd, rs1, rs2}; {@code i opcode,
   * funct3, rd, rs1, simm12} or {@code ... rd, simm12(rs1)}; {@code s opcode, funct3, rs2,
   * simm12(rs1)}; {@code b opcode, funct3, rs1, rs2, target}; {@code u opcode, rd, imm20};
   * {@code j opcode, rd, target}; and {@code 4, word}. Immediates are placed by the ISA table's forms.
   */
  private static void insn(Assembler asm, Statement s) {
    List<Token> ops = s.operands();
    expectAtLeast(s, 1);
    Token first = ops.get(0);
    int formatEnd = LineParser.identifierEnd(first.text(), 0);
    String format = first.text().substring(0, formatEnd).toLowerCase(java.util.Locale.ROOT);
    if (format.equals("4") && ops.size() == 2) {
      long value = asm.evaluate(ops.get(1)).value();
      if (asm.encoding() && (value < Integer.MIN_VALUE || value > 0xffffffffL || (value & 3) != 3)) {
        throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, ops.get(1), "not a 32-bit instruction word");
      }
      asm.emitWord((int) value, s.name());
      return;
    }
    int operandCount = switch (format) {
      case "r" -> 6;
      case "i" -> ops.size() == 4 ? 4 : 5;
      case "s" -> 4;
      case "b", "sb" -> 5;
      case "u", "j", "uj" -> 3;
      default -> throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, first,
          ".insn formats: r, i, s, b, u, j and '4, word'");
    };
    Token opcode = first.from(formatEnd);
    if (ops.size() != operandCount || opcode.text().isEmpty()) {
      throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, s.name(), ".insn " + format + " takes " + operandCount
          + " operands, the first being the opcode");
    }
    int major = (int) field(asm, opcode, 0x7f, "opcode");
    if ((major & 3) != 3) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, opcode, "a 32-bit instruction's opcode ends in binary 11");
    }
    int word = switch (format) {
      case "r" -> Instruction.rType(major | funct3(asm, ops.get(1)) | (int) field(asm, ops.get(2), 0x7f, "funct7") << 25,
          reg(ops.get(3)), reg(ops.get(4)), reg(ops.get(5)));
      case "i" -> {
        int rd = reg(ops.get(2));
        InstructionAssembler.Memory m = operandCount == 4 ? InstructionAssembler.memory(asm, ops.get(3))
            : new InstructionAssembler.Memory(reg(ops.get(3)), asm.evaluate(ops.get(4)).value());
        yield Instruction.rType(major | funct3(asm, ops.get(1)) | placed(asm, Form.I, m.offset(), ops.get(operandCount - 1)),
            rd, m.base(), 0);
      }
      case "s" -> {
        InstructionAssembler.Memory m = InstructionAssembler.memory(asm, ops.get(3));
        yield Instruction.rType(major | funct3(asm, ops.get(1)) | placed(asm, Form.STORE, m.offset(), ops.get(3)),
            0, m.base(), reg(ops.get(2)));
      }
      case "b", "sb" -> Instruction.rType(major | funct3(asm, ops.get(1))
          | placed(asm, Form.BRANCH, offsetTo(asm, ops.get(4)), ops.get(4)), 0, reg(ops.get(2)), reg(ops.get(3)));
      case "u" -> {
        long value = asm.evaluate(ops.get(2)).value();
        if (asm.encoding() && (value < -0x80000 || value > 0xfffff)) {
          throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, ops.get(2), "imm20 " + value + " is not in [-0x80000, 0xfffff]");
        }
        yield Instruction.rType(major | Form.UPPER.placeImmediate((int) value << 12), reg(ops.get(1)), 0, 0);
      }
      default -> Instruction.rType(major | placed(asm, Form.JUMP, offsetTo(asm, ops.get(2)), ops.get(2)),
          reg(ops.get(1)), 0, 0);
    };
    asm.emitWord(word, s.name());
  }

  private static int funct3(Assembler asm, Token op) {
    return (int) field(asm, op, 7, "funct3") << 12;
  }

  private static int reg(Token op) {
    return InstructionAssembler.register(op);
  }

  private static long offsetTo(Assembler asm, Token target) {
    return (int) ((asm.evaluate(target).value() & 0xffffffffL) - asm.pc());
  }

  /** {@code imm} in the bits where {@code form} keeps its immediate, range-checked once addresses are final. */
  private static int placed(Assembler asm, Form form, long imm, Token where) {
    if (asm.encoding() && !form.fits(imm)) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, where, imm + " is not " + form.rangeDescription());
    }
    return form.placeImmediate((int) imm);
  }

  private static long field(Assembler asm, Token op, int max, String what) {
    long value = asm.constant(op);
    if (value < 0 || value > max) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, op, what + " " + value + " is not in [0, " + max + "]");
    }
    return value;
  }

  static void expectCount(Statement s, int n) {
    if (s.operands().size() != n) {
      throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, s.name(),
          "'" + s.name().text() + "' takes " + n + " operand" + (n == 1 ? "" : "s") + ", not " + s.operands().size());
    }
  }

  static void expectAtMost(Statement s, int n) {
    if (s.operands().size() > n) {
      throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, s.name(),
          "'" + s.name().text() + "' takes at most " + n + " operand" + (n == 1 ? "" : "s") + ", not " + s.operands().size());
    }
  }

  static void expectAtLeast(Statement s, int n) {
    if (s.operands().size() < n) {
      throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, s.name(), "'" + s.name().text() + "' needs an operand");
    }
  }
}
