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
    for (Token op : ops) {
      if (op.text().isEmpty()) {
        throw new AsmError(ErrorCode.ASM_SYNTAX, op, "empty operand");
      }
    }
    Opcode op = Opcode.byMnemonic(mnemonic);
    if (op != null && !hasShortForm(op)) {
      real(op);
    } else if (!pseudo(mnemonic)) {
      throw new AsmError(ErrorCode.ASM_UNKNOWN_MNEMONIC, s.name(), "unknown instruction '"
          + Expression.shorten(s.name().text()) + "'");
    }
  }

  /**
   * Real instructions that GNU as also accepts in another shape: {@code jal L}, {@code jalr rs}
   * forms, {@code fence} without sets, a register op with an immediate ({@code and rd, rs, -64} is
   * {@code andi}), a load from a symbol and a store to one ({@code lw rd, sym}, {@code sw rs, sym, rt}),
   * and {@code csrrw rd, csr, imm} (the immediate form).
   */
  private boolean hasShortForm(Opcode op) {
    if (op == Opcode.JAL && ops.size() == 1 || op == Opcode.FENCE && ops.isEmpty()
        || op == Opcode.JALR && (ops.size() != 2 || !isRegister(ops.get(1)) && !isMemoryOperand(ops.get(1)))) {
      return true;
    }
    return switch (op.form()) {
      case R -> ops.size() == 3 && IMMEDIATE_FORMS.containsKey(op) && !isRegister(ops.get(2));
      case LOAD -> op != Opcode.JALR && ops.size() == 2 && !isMemoryOperand(ops.get(1));
      case STORE -> ops.size() == 3;
      case CSR -> ops.size() == 3 && !isRegister(ops.get(2));
      default -> false;
    };
  }

  /** The immediate twin GNU as picks when a register op's last operand is not a register. */
  private static final java.util.Map<Opcode, Opcode> IMMEDIATE_FORMS = java.util.Map.of(
      Opcode.ADD, Opcode.ADDI, Opcode.AND, Opcode.ANDI, Opcode.OR, Opcode.ORI, Opcode.XOR, Opcode.XORI,
      Opcode.SLL, Opcode.SLLI, Opcode.SRL, Opcode.SRLI, Opcode.SRA, Opcode.SRAI, Opcode.SLT, Opcode.SLTI,
      Opcode.SLTU, Opcode.SLTIU);

  private static final java.util.Map<Opcode, Opcode> CSR_IMMEDIATE_FORMS = java.util.Map.of(
      Opcode.CSRRW, Opcode.CSRRWI, Opcode.CSRRS, Opcode.CSRRSI, Opcode.CSRRC, Opcode.CSRRCI);

  private static boolean isRegister(Token operand) {
    return Registers.parse(operand.text()) >= 0;
  }

  private static boolean isMemoryOperand(Token operand) {
    return operand.text().endsWith(")");
  }

  /** The shapes {@link #hasShortForm} accepts. */
  private boolean shortForm(Opcode op) {
    switch (op.form()) {
      case R -> {
        Opcode immediate = IMMEDIATE_FORMS.get(op);
        if (immediate == null || ops.size() != 3 || isRegister(ops.get(2))) {
          return false;
        }
        emit(immediate, reg(0), reg(1), 0, immediate(ops.get(2)));
        return true;
      }
      case LOAD -> {
        if (op == Opcode.JALR || ops.size() != 2 || isMemoryOperand(ops.get(1))) {
          return false;
        }
        int rd = reg(0);
        pcRelative(op, rd, rd, ops.get(1));
        return true;
      }
      case STORE -> {
        if (ops.size() != 3) {
          return false;
        }
        int temporary = reg(2);
        pcRelativeStore(op, reg(0), temporary, ops.get(1));
        return true;
      }
      case CSR -> {
        if (ops.size() != 3 || isRegister(ops.get(2))) {
          return false;
        }
        emit(CSR_IMMEDIATE_FORMS.get(op), reg(0), uimm5(ops.get(2)), 0, csr(ops.get(1)));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private void real(Opcode op) {
    switch (op.form()) {
      case R -> {
        count(3);
        emit(op, reg(0), reg(1), reg(2), 0);
      }
      case SOURCES -> {
        count(2);
        emit(op, 0, reg(0), reg(1), 0);
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
    Opcode real = Opcode.byMnemonic(mnemonic);
    if (real != null && shortForm(real)) {
      return true;
    }
    switch (mnemonic) {
      case "nop" -> {
        count(0);
        emit(Opcode.ADDI, ZERO, ZERO, 0, 0);
      }
      case "li" -> {
        count(2);
        loadImmediate(reg(0), ops.get(1));
      }
      case "lla" -> {
        count(2);
        pcRelative(Opcode.ADDI, reg(0), reg(0), ops.get(1));
      }
      case "la" -> {
        count(2);
        if (asm.pic()) {
          globalOffsetLoad(reg(0), ops.get(1));
        } else {
          pcRelative(Opcode.ADDI, reg(0), reg(0), ops.get(1));
        }
      }
      case "lga" -> {
        count(2);
        globalOffsetLoad(reg(0), ops.get(1));
      }
      case "call" -> {
        if (ops.size() == 2) {
          // GNU as 2.40 reaches the target through t1 and links into rd.
          pcRelative(Opcode.JALR, T1, reg(0), withoutPlt(ops.get(1)));
        } else {
          count(1);
          pcRelative(Opcode.JALR, RA, RA, withoutPlt(ops.get(0)));
        }
      }
      case "tail" -> {
        count(1);
        pcRelative(Opcode.JALR, T1, ZERO, withoutPlt(ops.get(0)));
      }
      case "jump" -> {
        count(2);
        pcRelative(Opcode.JALR, reg(1), ZERO, withoutPlt(ops.get(0)));
      }
      case "unimp" -> {
        count(0);
        emit(Opcode.CSRRW, ZERO, ZERO, 0, Csr.CYCLE.number());
      }
      case "sgt" -> {
        count(3);
        emit(Opcode.SLT, reg(0), reg(2), reg(1), 0);
      }
      case "sgtu" -> {
        count(3);
        emit(Opcode.SLTU, reg(0), reg(2), reg(1), 0);
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
        if (ops.size() == 2) {
          emit(Opcode.JALR, ZERO, reg(0), 0, immediate(ops.get(1)));
        } else {
          count(1);
          Memory m = isMemoryOperand(ops.get(0)) ? memory(ops.get(0)) : new Memory(reg(0), 0);
          emit(Opcode.JALR, ZERO, m.base, 0, m.offset);
        }
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

  /** {@code csrw csr, rs}, or with an immediate operand the {@code csrrwi} form, as GNU as picks. */
  private void csrWrite(Opcode op) {
    count(2);
    if (isRegister(ops.get(1))) {
      emit(op, ZERO, reg(1), 0, csr(ops.get(0)));
    } else {
      emit(CSR_IMMEDIATE_FORMS.get(op), ZERO, uimm5(ops.get(1)), 0, csr(ops.get(0)));
    }
  }

  private void csrWriteImmediate(Opcode op) {
    count(2);
    emit(op, ZERO, uimm5(ops.get(1)), 0, csr(ops.get(0)));
  }

  private void readCounter(Csr csr) {
    count(1);
    emit(Opcode.CSRRS, reg(0), ZERO, 0, csr.number());
  }

  /** {@code jalr rs}, {@code jalr rs, imm}, {@code jalr rd, rs, imm} (GNU's older three-operand form). */
  private void jalrShort() {
    if (ops.size() == 1) {
      Memory m = isMemoryOperand(ops.get(0)) ? memory(ops.get(0)) : new Memory(reg(0), 0);
      emit(Opcode.JALR, RA, m.base, 0, m.offset);
    } else if (ops.size() == 2 && !isRegister(ops.get(1)) && !isMemoryOperand(ops.get(1))) {
      emit(Opcode.JALR, RA, reg(0), 0, immediate(ops.get(1)));
    } else if (ops.size() == 3) {
      emit(Opcode.JALR, reg(0), reg(1), 0, immediate(ops.get(2)));
    } else {
      count(2);
    }
  }

  /**
   * GNU's {@code li} for RV32: addi for 12-bit values, else lui plus an addi when the low part is
   * not zero. Like GNU as on RV32, a wider constant is cut to its low 32 bits.
   */
  private void loadImmediate(int rd, Token value) {
    int word = (int) asm.constant(value);
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

  /**
   * auipc plus a second instruction reaching {@code target} pc-relatively: la, call, tail, jump and
   * loads from a symbol ({@code second} is addi, jalr or a load).
   */
  private void pcRelative(Opcode second, int auipcRd, int secondRd, Token target) {
    if (second == Opcode.JALR && asm.isUndefinedWeak(target.text())) {
      // As GNU ld links a call to an undefined weak symbol: a jump to address 0 itself.
      emit(Opcode.AUIPC, auipcRd, 0, 0, 0);
      emit(Opcode.JALR, secondRd, ZERO, 0, 0);
      return;
    }
    long delta = asm.evaluate(target).value() - asm.pc();
    emit(Opcode.AUIPC, auipcRd, 0, 0, Expression.hi(delta) << 12);
    emit(second, secondRd, auipcRd, 0, Expression.lo(delta));
  }

  /** {@code sw rs, sym, rt}: auipc rt, then the store relative to rt. */
  private void pcRelativeStore(Opcode store, int source, int temporary, Token target) {
    long delta = asm.evaluate(target).value() - asm.pc();
    emit(Opcode.AUIPC, temporary, 0, 0, Expression.hi(delta) << 12);
    emit(store, 0, temporary, source, Expression.lo(delta));
  }

  /** {@code la} in position-independent code: load the symbol's address from its GOT slot. */
  private void globalOffsetLoad(int rd, Token symbol) {
    long delta = asm.gotAddress(symbol) - asm.pc();
    emit(Opcode.AUIPC, rd, 0, 0, Expression.hi(delta) << 12);
    emit(Opcode.LW, rd, rd, 0, Expression.lo(delta));
  }

  /** {@code f@plt} is {@code f}: a linked image calls it directly. */
  private static Token withoutPlt(Token target) {
    String t = target.text();
    return t.regionMatches(true, Math.max(0, t.length() - 4), "@plt", 0, 4) ? target.part(0, t.length() - 4) : target;
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
    return (int) (address - asm.pc());
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
