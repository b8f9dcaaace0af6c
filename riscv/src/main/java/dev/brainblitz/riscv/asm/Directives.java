package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.riscv.isa.Form;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;

/** The assembler directives (names starting with a dot). */
final class Directives {
  /** Directives compilers emit that do not change a linked RV32 image; accepted and ignored. */
  private static final Set<String> IGNORED = Set.of(
      ".type", ".size", ".file", ".ident", ".option", ".attribute", ".addrsig", ".addrsig_sym", ".local",
      ".end", ".weak", ".hidden", ".loc", ".cfi_startproc", ".cfi_endproc", ".cfi_def_cfa_offset",
      ".cfi_offset", ".cfi_restore", ".cfi_def_cfa", ".cfi_sections");

  private Directives() {}

  static void apply(Assembler asm, String name, Statement s) {
    List<Token> ops = s.operands();
    switch (name) {
      case ".text", ".data", ".rodata", ".bss" -> asm.switchTo(SectionKind.ofName(name));
      case ".section" -> {
        expectAtLeast(s, 1);
        asm.switchTo(section(s));
      }
      case ".pushsection" -> {
        expectAtLeast(s, 1);
        asm.pushSection(section(s));
      }
      case ".popsection" -> {
        expectCount(s, 0);
        if (!asm.popSection()) {
          throw new AsmError(ErrorCode.ASM_BAD_SECTION, s.name(), ".popsection without a .pushsection");
        }
      }
      case ".word", ".4byte", ".long" -> data(asm, s, 4);
      case ".half", ".2byte", ".short", ".hword" -> data(asm, s, 2);
      case ".byte" -> data(asm, s, 1);
      case ".zero" -> {
        expectCount(s, 1);
        asm.emit(new byte[(int) count(asm, ops.get(0))], ops.get(0));
      }
      case ".space", ".skip" -> {
        expectAtLeast(s, 1);
        byte[] bytes = new byte[(int) count(asm, ops.get(0))];
        if (ops.size() > 1) {
          java.util.Arrays.fill(bytes, (byte) fill(asm, ops.get(1)));
        }
        asm.emit(bytes, ops.get(0));
      }
      case ".align", ".p2align" -> {
        expectAtLeast(s, 1);
        long power = asm.constant(ops.get(0));
        if (power < 0 || power > 16) {
          throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, ops.get(0), "alignment 2^" + power + " is not in 2^0..2^16");
        }
        align(asm, 1 << power, ops.size() > 1 ? ops.get(1) : null, s.name());
      }
      case ".balign" -> {
        expectAtLeast(s, 1);
        long bytes = asm.constant(ops.get(0));
        if (bytes < 1 || bytes > 65536 || Long.bitCount(bytes) != 1) {
          throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, ops.get(0), "alignment " + bytes + " is not a power of two up to 65536");
        }
        align(asm, (int) bytes, ops.size() > 1 ? ops.get(1) : null, s.name());
      }
      case ".globl", ".global" -> {
        expectAtLeast(s, 1);
        ops.forEach(op -> asm.markGlobal(op.text()));
      }
      case ".equ", ".set", ".equiv" -> expectCount(s, 2);
      case ".ascii" -> strings(asm, s, false);
      case ".asciz", ".string" -> strings(asm, s, true);
      case ".insn" -> insn(asm, s);
      default -> {
        if (!IGNORED.contains(name) && !name.startsWith(".cfi_")) {
          throw new AsmError(ErrorCode.ASM_UNKNOWN_MNEMONIC, s.name(), "unknown directive '" + s.name().text() + "'");
        }
      }
    }
  }

  /**
   * The section of {@code .section NAME[, "FLAGS"[, @type]]}: by name (see {@link SectionKind#ofName}),
   * else by GNU flags: {@code x} to .text, {@code w} to .data (or .bss for {@code @nobits}), {@code a}
   * to .rodata. So riscv-tests' {@code .section .tohost, "aw", @progbits} lands in .data.
   */
  private static SectionKind section(Statement s) {
    List<Token> ops = s.operands();
    Token name = ops.get(0);
    SectionKind kind = SectionKind.ofName(name.text());
    if (kind != null) {
      return kind;
    }
    String flags = ops.size() > 1 ? ops.get(1).text().replace("\"", "") : "";
    boolean nobits = ops.size() > 2 && ops.get(2).text().contains("nobits");
    if (flags.contains("x")) {
      return SectionKind.TEXT;
    }
    if (flags.contains("w")) {
      return nobits ? SectionKind.BSS : SectionKind.DATA;
    }
    if (flags.contains("a")) {
      return SectionKind.RODATA;
    }
    throw new AsmError(ErrorCode.ASM_BAD_SECTION, name, "unknown section '" + name.text()
        + "': use .text, .rodata, .data or .bss (or their .name.suffix and small-data forms), or give flags as in"
        + " .section " + name.text() + ", \"aw\"");
  }

  private static void data(Assembler asm, Statement s, int size) {
    expectAtLeast(s, 1);
    for (Token op : s.operands()) {
      long value = asm.evaluate(op).value();
      long min = -(1L << (8 * size - 1));
      long max = (1L << (8 * size)) - 1;
      if (value < min || value > max) {
        throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, op, "value " + value + " does not fit in " + size + " byte(s)");
      }
      byte[] bytes = new byte[size];
      for (int i = 0; i < size; i++) {
        bytes[i] = (byte) (value >> (8 * i));
      }
      asm.emit(bytes, op);
    }
  }

  private static long count(Assembler asm, Token op) {
    long n = asm.constant(op);
    if (n < 0 || n > (1 << 28)) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, op, "size " + n + " is not in [0, 2^28]");
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

  /** Pads to a multiple of {@code bytes}; in .text with no fill byte, with nops as GNU as does. */
  private static void align(Assembler asm, int bytes, Token fillOperand, Token where) {
    asm.alignSection(bytes);
    padTo(asm, bytes, fillOperand == null ? null : (byte) fill(asm, fillOperand), where);
  }

  static void padTo(Assembler asm, int bytes, Byte fillByte, Token where) {
    int padding = (bytes - asm.sectionOffset() % bytes) % bytes;
    if (asm.section() == SectionKind.TEXT && fillByte == null) {
      int toWord = padding % 4;
      asm.emit(new byte[toWord], where);
      int nop = Instruction.of(Opcode.ADDI, 0, 0, 0, 0).encode();
      for (int i = 0; i < padding / 4; i++) {
        asm.emitWord(nop, where);
      }
    } else {
      byte[] pad = new byte[padding];
      if (fillByte != null) {
        java.util.Arrays.fill(pad, fillByte);
      }
      asm.emit(pad, where);
    }
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
          out.write(c);
          continue;
        }
        char e = text.charAt(++i);
        switch (e) {
          case 'n' -> out.write('\n');
          case 't' -> out.write('\t');
          case 'r' -> out.write('\r');
          case 'b' -> out.write('\b');
          case 'f' -> out.write('\f');
          case 'x' -> {
            int end = i + 1;
            while (end < text.length() - 1 && Character.digit(text.charAt(end), 16) >= 0) {
              end++;
            }
            out.write(Integer.parseInt(text.substring(i + 1, end), 16));
            i = end - 1;
          }
          default -> {
            if (e >= '0' && e <= '7') {
              int end = i;
              while (end < text.length() - 1 && end < i + 3 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
                end++;
              }
              out.write(Integer.parseInt(text.substring(i, end), 8));
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
      if (value < Integer.MIN_VALUE || value > 0xffffffffL || (value & 3) != 3) {
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
    return (int) ((asm.evaluate(target).value() & 0xffffffffL) - Integer.toUnsignedLong(asm.pc()));
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

  static void expectAtLeast(Statement s, int n) {
    if (s.operands().size() < n) {
      throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, s.name(), "'" + s.name().text() + "' needs an operand");
    }
  }
}
