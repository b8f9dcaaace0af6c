package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.riscv.isa.Csr;
import dev.brainblitz.riscv.isa.Form;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import dev.brainblitz.riscv.isa.Registers;
import java.util.List;

/**
 * Instructions and pseudo-instructions. Real instructions read their operands by the table's
 * {@link Form}; pseudo-instructions expand to table rows the way GNU as 2.40 expands them (without
 * linker relaxation, i.e. {@code -mno-relax}).
 */
final class InstructionAssembler {
  private static final int ZERO = 0;
  private static final int RA = 1;
  private static final int T1 = 6;

  private final Assembler asm;
  private final Statement s;
  private final List<Token> ops;

  private InstructionAssembler(Assembler asm, Statement s) {
    this.asm = asm;
    this.s = s;
    this.ops = s.operands();
  }

  static void apply(Assembler asm, String mnemonic, Statement s) {
    new InstructionAssembler(asm, s).assemble(mnemonic);
  }

  private void assemble(String mnemonic) {
    Opcode op = Opcode.byMnemonic(mnemonic);
    if (op != null && !hasShortForm(op)) {
      real(op);
    } else if (!pseudo(mnemonic)) {
      throw new AsmError(ErrorCode.ASM_UNKNOWN_MNEMONIC, s.name(), "unknown instruction '" + s.name().text() + "'");
    }
  }

  /** Real instructions that GNU as also accepts with fewer operands. */
  private boolean hasShortForm(Opcode op) {
    return op == Opcode.JAL && ops.size() == 1 || op == Opcode.JALR && ops.size() != 2
        || op == Opcode.FENCE && ops.isEmpty();
  }

  private void real(Opcode op) {
    switch (op.form()) {
      case R -> {
        count(3);
        emit(op, reg(0), reg(1), reg(2), 0);
      }
      case UNARY -> {
        count(2);
        emit(op, reg(0), reg(1), 0, 0);
      }
      case I, SHIFT -> {
        count(3);
        emit(op, reg(0), reg(1), 0, immediate(ops.get(2)));
      }
      case LOAD -> {
        count(2);
        boolean bareRegister = op == Opcode.JALR && !ops.get(1).text().endsWith(")");
        Memory m = bareRegister ? new Memory(reg(1), 0) : memory(ops.get(1));
        emit(op, reg(0), m.base, 0, m.offset);
      }
      case STORE -> {
        count(2);
        Memory m = memory(ops.get(1));
        emit(op, 0, m.base, reg(0), m.offset);
      }
      case BRANCH -> {
        count(3);
        branch(op, reg(0), reg(1), ops.get(2));
      }
      case UPPER -> {
        count(2);
        upper(op, reg(0), ops.get(1));
      }
      case JUMP -> {
        count(2);
        jump(reg(0), ops.get(1));
      }
      case CSR -> {
        count(3);
        emit(op, reg(0), reg(2), 0, csr(ops.get(1)));
      }
      case CSR_IMMEDIATE -> {
        count(3);
        emit(op, reg(0), uimm5(ops.get(2)), 0, csr(ops.get(1)));
      }
      case FENCE -> {
        count(2);
        emit(op, 0, 0, 0, fenceSet(ops.get(0)) << 4 | fenceSet(ops.get(1)));
      }
      case NONE -> {
        count(0);
        emit(op, 0, 0, 0, 0);
      }
    }
  }

  /** Expands a pseudo-instruction; false if {@code mnemonic} is none. */
  private boolean pseudo(String mnemonic) {
    switch (mnemonic) {
      case "nop" -> {
        count(0);
        emit(Opcode.ADDI, ZERO, ZERO, 0, 0);
      }
      case "li" -> {
        count(2);
        loadImmediate(reg(0), ops.get(1));
      }
      case "la", "lla" -> {
        count(2);
        pcRelative(Opcode.ADDI, reg(0), reg(0), ops.get(1));
      }
      case "call" -> {
        count(1);
        pcRelative(Opcode.JALR, RA, RA, ops.get(0));
      }
      case "tail" -> {
        count(1);
        pcRelative(Opcode.JALR, T1, ZERO, ops.get(0));
      }
      case "mv" -> unary(Opcode.ADDI, 0);
      case "not" -> unary(Opcode.XORI, -1);
      case "seqz" -> unary(Opcode.SLTIU, 1);
      case "zext.b" -> unary(Opcode.ANDI, 255);
      case "neg" -> {
        count(2);
        emit(Opcode.SUB, reg(0), ZERO, reg(1), 0);
      }
      case "snez" -> {
        count(2);
        emit(Opcode.SLTU, reg(0), ZERO, reg(1), 0);
      }
      case "sltz" -> {
        count(2);
        emit(Opcode.SLT, reg(0), reg(1), ZERO, 0);
      }
      case "sgtz" -> {
        count(2);
        emit(Opcode.SLT, reg(0), ZERO, reg(1), 0);
      }
      case "beqz" -> branchZero(Opcode.BEQ, false);
      case "bnez" -> branchZero(Opcode.BNE, false);
      case "bltz" -> branchZero(Opcode.BLT, false);
      case "bgez" -> branchZero(Opcode.BGE, false);
      case "blez" -> branchZero(Opcode.BGE, true);
      case "bgtz" -> branchZero(Opcode.BLT, true);
      case "bgt" -> branchSwapped(Opcode.BLT);
      case "ble" -> branchSwapped(Opcode.BGE);
      case "bgtu" -> branchSwapped(Opcode.BLTU);
      case "bleu" -> branchSwapped(Opcode.BGEU);
      case "j" -> {
        count(1);
        jump(ZERO, ops.get(0));
      }
      case "jal" -> {
        count(1);
        jump(RA, ops.get(0));
      }
      case "jr" -> {
        count(1);
        emit(Opcode.JALR, ZERO, reg(0), 0, 0);
      }
      case "jalr" -> jalrShort();
      case "ret" -> {
        count(0);
        emit(Opcode.JALR, ZERO, RA, 0, 0);
      }
      case "fence" -> emit(Opcode.FENCE, 0, 0, 0, 0xff);
      case "csrr" -> {
        count(2);
        emit(Opcode.CSRRS, reg(0), ZERO, 0, csr(ops.get(1)));
      }
      case "csrw" -> csrWrite(Opcode.CSRRW);
      case "csrs" -> csrWrite(Opcode.CSRRS);
      case "csrc" -> csrWrite(Opcode.CSRRC);
      case "csrwi" -> csrWriteImmediate(Opcode.CSRRWI);
      case "csrsi" -> csrWriteImmediate(Opcode.CSRRSI);
      case "csrci" -> csrWriteImmediate(Opcode.CSRRCI);
      case "rdcycle" -> readCounter(Csr.CYCLE);
      case "rdcycleh" -> readCounter(Csr.CYCLEH);
      case "rdtime" -> readCounter(Csr.TIME);
      case "rdtimeh" -> readCounter(Csr.TIMEH);
      case "rdinstret" -> readCounter(Csr.INSTRET);
      case "rdinstreth" -> readCounter(Csr.INSTRETH);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void unary(Opcode op, int imm) {
    count(2);
    emit(op, reg(0), reg(1), 0, imm);
  }

  private void branchZero(Opcode op, boolean zeroFirst) {
    count(2);
    int rs = reg(0);
    branch(op, zeroFirst ? ZERO : rs, zeroFirst ? rs : ZERO, ops.get(1));
  }

  private void branchSwapped(Opcode op) {
    count(3);
    branch(op, reg(1), reg(0), ops.get(2));
  }

  private void csrWrite(Opcode op) {
    count(2);
    emit(op, ZERO, reg(1), 0, csr(ops.get(0)));
  }

  private void csrWriteImmediate(Opcode op) {
    count(2);
    emit(op, ZERO, uimm5(ops.get(1)), 0, csr(ops.get(0)));
  }

  private void readCounter(Csr csr) {
    count(1);
    emit(Opcode.CSRRS, reg(0), ZERO, 0, csr.number());
  }

  /** {@code jalr rs}, {@code jalr rd, rs, imm} (GNU's older three-operand form). */
  private void jalrShort() {
    if (ops.size() == 1) {
      Memory m = ops.get(0).text().contains("(") ? memory(ops.get(0)) : new Memory(reg(0), 0);
      emit(Opcode.JALR, RA, m.base, 0, m.offset);
    } else if (ops.size() == 3) {
      emit(Opcode.JALR, reg(0), reg(1), 0, immediate(ops.get(2)));
    } else {
      count(2);
    }
  }

  /** GNU's {@code li} for RV32: addi for 12-bit values, else lui plus an addi when the low part is not zero. */
  private void loadImmediate(int rd, Token value) {
    long v = asm.constant(value);
    if (v < Integer.MIN_VALUE || v > 0xffffffffL) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, value, "li value " + v + " does not fit in 32 bits");
    }
    int word = (int) v;
    if (word >= -2048 && word <= 2047) {
      emit(Opcode.ADDI, rd, ZERO, 0, word);
      return;
    }
    emit(Opcode.LUI, rd, 0, 0, (int) Expression.hi(word) << 12);
    int low = (int) Expression.lo(word);
    if (low != 0) {
      emit(Opcode.ADDI, rd, rd, 0, low);
    }
  }

  /** auipc plus a second instruction reaching {@code target} pc-relatively: la, call and tail. */
  private void pcRelative(Opcode second, int auipcRd, int secondRd, Token target) {
    int pc = asm.pc();
    long delta = asm.evaluate(target).value() - Integer.toUnsignedLong(pc);
    int hi = (int) Expression.hi(delta);
    emit(Opcode.AUIPC, auipcRd, 0, 0, hi << 12);
    emit(second, secondRd, auipcRd, 0, Expression.lo(delta));
  }

  private void branch(Opcode op, int rs1, int rs2, Token target) {
    emit(op, 0, rs1, rs2, offsetTo(target));
  }

  private void jump(int rd, Token target) {
    emit(Opcode.JAL, rd, 0, 0, offsetTo(target));
  }

  /** A branch or jump target is an address (a label or a number); the encoding holds the pc offset. */
  private long offsetTo(Token target) {
    long address = asm.evaluate(target).value() & 0xffffffffL;
    long delta = address - Integer.toUnsignedLong(asm.pc());
    return (int) delta;
  }

  private void upper(Opcode op, int rd, Token operand) {
    long value = immediate(operand);
    if (asm.encoding() && (value < 0 || value > 0xfffff)) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, operand, op.mnemonic() + " immediate " + value + " is not in [0, 0xfffff]");
    }
    emit(op, rd, 0, 0, (value & 0xfffff) << 12);
  }

  private void emit(Opcode op, int rd, int rs1, int rs2, long imm) {
    if (!asm.encoding()) {
      asm.emitWord(0, s.name());
      return;
    }
    long checked = op.form() == Form.UPPER ? imm & 0xffffffffL : imm;
    if (!op.form().fits(checked)) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, immediateToken(op),
          op.mnemonic() + ": " + imm + " is not " + op.form().rangeDescription());
    }
    asm.emitWord(Instruction.of(op, rd, rs1, rs2, (int) imm).encode(), s.name());
  }

  /** The operand an out-of-range error points at: the last one (immediate or target), else the name. */
  private Token immediateToken(Opcode op) {
    return ops.isEmpty() ? s.name() : ops.get(ops.size() - 1);
  }

  private long immediate(Token operand) {
    return asm.evaluate(operand).value();
  }

  private int uimm5(Token operand) {
    long v = asm.constant(operand);
    if (v < 0 || v > 31) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, operand, "CSR immediate " + v + " is not in [0, 31]");
    }
    return (int) v;
  }

  private int csr(Token operand) {
    Csr named = Csr.byName(operand.text());
    if (named != null) {
      return named.number();
    }
    if (!Character.isDigit(operand.text().charAt(0)) && operand.text().matches("[A-Za-z_][A-Za-z0-9_]*")
        && !isSymbol(operand)) {
      throw new AsmError(ErrorCode.ASM_UNKNOWN_CSR, operand, "unknown CSR '" + operand.text() + "'; write its number instead");
    }
    long v = asm.constant(operand);
    if (v < 0 || v > 0xfff) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, operand, "CSR number " + v + " is not in [0, 0xfff]");
    }
    return (int) v;
  }

  private boolean isSymbol(Token operand) {
    try {
      asm.constant(operand);
      return true;
    } catch (AsmError e) {
      return false;
    }
  }

  private static int fenceSet(Token operand) {
    String text = operand.text();
    int bits = 0;
    String order = "iorw";
    int last = -1;
    for (char c : text.toCharArray()) {
      int i = order.indexOf(c);
      if (i <= last) {
        throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, operand, "a fence set is letters of 'iorw' in that order, e.g. rw");
      }
      last = i;
      bits |= 8 >> i;
    }
    if (bits == 0) {
      throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, operand, "a fence set is letters of 'iorw' in that order, e.g. rw");
    }
    return bits;
  }

  record Memory(int base, long offset) {}

  private Memory memory(Token operand) {
    return memory(asm, operand);
  }

  /** {@code offset(reg)}, {@code (reg)} or {@code %lo(sym)(reg)}. */
  static Memory memory(Assembler asm, Token operand) {
    String text = operand.text();
    int close = text.length() - 1;
    if (close < 0 || text.charAt(close) != ')') {
      throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, operand, "expected a memory operand offset(register)");
    }
    int open = text.lastIndexOf('(');
    int base = register(operand.part(open + 1, close).from(0));
    String offsetText = text.substring(0, open).strip();
    long offset = offsetText.isEmpty() ? 0 : asm.evaluate(operand.part(0, open).from(0)).value();
    return new Memory(base, offset);
  }

  private int reg(int index) {
    return register(ops.get(index));
  }

  static int register(Token operand) {
    int r = Registers.parse(operand.text());
    if (r < 0) {
      throw new AsmError(ErrorCode.ASM_BAD_REGISTER, operand, "'" + operand.text() + "' is not a register (x0-x31 or an ABI name)");
    }
    return r;
  }

  private void count(int n) {
    Directives.expectCount(s, n);
  }
}
