package dev.brainblitz.riscv.lower;

import dev.brainblitz.riscv.isa.Form;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import java.util.ArrayList;
import java.util.List;

/**
 * One instruction of a kernel as the lowering emits it: a row of the ISA table with its operands,
 * or one of the few GNU-as pseudo-instructions the kernels use. Each says which registers it reads
 * and writes and whether it touches memory (what {@link LoadScheduler} orders by), an upper bound of
 * its bytes (what branch reach is judged by), and its text.
 */
sealed interface AsmInstruction {
  /** Registers written. */
  List<Reg> defs();

  /** Registers read. */
  List<Reg> uses();

  /** Whether it reads memory; only machine rows do, the pseudo-instructions never. */
  default boolean isLoad() {
    return false;
  }

  /** Whether it writes memory; only machine rows do, the pseudo-instructions never. */
  default boolean isStore() {
    return false;
  }

  /** Whether it reads the state of the XBNN2 unit (whose order against writes of it must be kept). */
  default boolean readsUnitState() {
    return false;
  }

  /** Whether it changes the state of the XBNN2 unit. */
  default boolean writesUnitState() {
    return false;
  }

  /** An upper bound of the bytes it assembles to. */
  int maxBytes();

  /** The text after the indentation, e.g. {@code addi    t0, t0, 4}. */
  String text();

  /** Whether it ends a basic block (a branch, jump or return). */
  default boolean isControl() {
    return false;
  }

  /**
   * A row of the ISA table with its operands, checked when created: the registers its {@link Form}
   * uses and an immediate that {@link Form#fits} ({@link Instruction} checks both). Extensions GNU as
   * has no mnemonics for are written as {@code .insn} lines derived from the row's encoding.
   */
  record Machine(Instruction instruction) implements AsmInstruction {
    static Machine of(Opcode opcode, Reg rd, Reg rs1, Reg rs2, int imm) {
      return new Machine(Instruction.of(opcode, rd.number(), rs1.number(), rs2.number(), imm));
    }

    Opcode opcode() {
      return instruction.opcode();
    }

    @Override
    public List<Reg> defs() {
      return opcode().writesRd() ? List.of(Reg.of(instruction.rd())) : List.of();
    }

    @Override
    public List<Reg> uses() {
      Form form = opcode().form();
      List<Reg> uses = new ArrayList<>(3);
      if (opcode().readsRd()) {
        uses.add(Reg.of(instruction.rd()));
      }
      if (form.usesRs1()) {
        uses.add(Reg.of(instruction.rs1()));
      }
      if (form.usesRs2()) {
        uses.add(Reg.of(instruction.rs2()));
      }
      return uses;
    }

    @Override
    public boolean isLoad() {
      return opcode().form() == Form.LOAD && opcode() != Opcode.JALR;
    }

    @Override
    public boolean isStore() {
      return opcode().form() == Form.STORE;
    }

    @Override
    public boolean readsUnitState() {
      return opcode().readsUnitState();
    }

    @Override
    public boolean writesUnitState() {
      return opcode().writesUnitState();
    }

    @Override
    public int maxBytes() {
      return 4;
    }

    @Override
    public String text() {
      return spelledByGnuAs(opcode()) ? pad(opcode().mnemonic()) + operands() : insn();
    }

    private String operands() {
      Reg rd = Reg.of(instruction.rd());
      Reg rs1 = Reg.of(instruction.rs1());
      Reg rs2 = Reg.of(instruction.rs2());
      int imm = instruction.imm();
      return switch (opcode().form()) {
        case R -> rd + ", " + rs1 + ", " + rs2;
        case SOURCES -> rs1 + ", " + rs2;
        case UNARY -> rd + ", " + rs1;
        case I, SHIFT -> rd + ", " + rs1 + ", " + imm;
        case LOAD -> rd + ", " + imm + "(" + rs1 + ")";
        case STORE -> rs2 + ", " + imm + "(" + rs1 + ")";
        case BRANCH, UPPER, JUMP, CSR, CSR_IMMEDIATE, FENCE, NONE -> throw new IllegalStateException(
            "the lowering emits no " + opcode().form() + "-form instruction as such: " + opcode().mnemonic());
      };
    }

    /**
     * The {@code .insn} line GNU as assembles to this row's encoding, commented with its mnemonic:
     * the major opcode and function fields come from the table, never typed in again.
     */
    private String insn() {
      int match = opcode().match();
      String fields = switch (opcode().form()) {
        case R -> String.format("r 0x%02X, %d, %d, %s, %s, %s", opcode().majorOpcode(), (match >>> 12) & 7, match >>> 25,
            Reg.of(instruction.rd()), Reg.of(instruction.rs1()), Reg.of(instruction.rs2()));
        // GNU as's .insn r needs all three registers: the fields the form fixes to zero are written as zero.
        case SOURCES -> String.format("r 0x%02X, %d, %d, zero, %s, %s", opcode().majorOpcode(), (match >>> 12) & 7,
            match >>> 25, Reg.of(instruction.rs1()), Reg.of(instruction.rs2()));
        case UNARY -> String.format("r 0x%02X, %d, %d, %s, %s, zero", opcode().majorOpcode(), (match >>> 12) & 7,
            match >>> 25, Reg.of(instruction.rd()), Reg.of(instruction.rs1()));
        case I, SHIFT, LOAD, STORE, BRANCH, UPPER, JUMP, CSR, CSR_IMMEDIATE, FENCE, NONE ->
            throw new IllegalStateException("no .insn spelling for the " + opcode().form() + "-form " + opcode().mnemonic());
      };
      return pad(".insn " + fields, 36) + "# " + opcode().mnemonic();
    }

    /** Whether GNU as knows the extension's mnemonics (a new extension must say). */
    private static boolean spelledByGnuAs(Opcode opcode) {
      return switch (opcode.extension()) {
        case RV32I, M, ZICSR, ZIFENCEI, ZBB -> true;
        case XBNN, XBNN2 -> false;
      };
    }
  }

  /** {@code li rd, value}: any 32-bit constant, one or two instructions. */
  record LoadImmediate(Reg rd, int value) implements AsmInstruction {
    @Override
    public List<Reg> defs() {
      return List.of(rd);
    }

    @Override
    public List<Reg> uses() {
      return List.of();
    }

    @Override
    public int maxBytes() {
      return 8;
    }

    @Override
    public String text() {
      return pad("li") + rd + ", " + value;
    }
  }

  /** {@code la rd, symbol}: auipc and addi. */
  record LoadAddress(Reg rd, String symbol) implements AsmInstruction {
    @Override
    public List<Reg> defs() {
      return List.of(rd);
    }

    @Override
    public List<Reg> uses() {
      return List.of();
    }

    @Override
    public int maxBytes() {
      return 8;
    }

    @Override
    public String text() {
      return pad("la") + rd + ", " + symbol;
    }
  }

  /** {@code mv rd, rs}: addi rd, rs, 0. */
  record Move(Reg rd, Reg rs) implements AsmInstruction {
    @Override
    public List<Reg> defs() {
      return List.of(rd);
    }

    @Override
    public List<Reg> uses() {
      return List.of(rs);
    }

    @Override
    public int maxBytes() {
      return 4;
    }

    @Override
    public String text() {
      return pad("mv") + rd + ", " + rs;
    }
  }

  /** A conditional branch to a label: {@code opcode} (a BRANCH row) comparing rs1 with rs2. */
  record Branch(Opcode opcode, Reg rs1, Reg rs2, String target, boolean swapped) implements AsmInstruction {
    public Branch {
      if (opcode.form() != Form.BRANCH) {
        throw new IllegalArgumentException(opcode.mnemonic() + " is not a branch");
      }
    }

    /** Branches when rs1 <= rs2 (signed): {@code bge rs2, rs1}, written as GNU as's {@code ble rs1, rs2}. */
    static Branch lessOrEqual(Reg rs1, Reg rs2, String target) {
      return new Branch(Opcode.BGE, rs2, rs1, target, true);
    }

    @Override
    public List<Reg> defs() {
      return List.of();
    }

    @Override
    public List<Reg> uses() {
      return List.of(rs1, rs2);
    }

    @Override
    public int maxBytes() {
      return 4;
    }

    @Override
    public boolean isControl() {
      return true;
    }

    /** The machine form, or with {@code swapped} the pseudo-instruction that exchanges the operands. */
    @Override
    public String text() {
      if (!swapped) {
        return pad(opcode.mnemonic()) + rs1 + ", " + rs2 + ", " + target;
      }
      String pseudo = switch (opcode) {
        case BGE -> "ble";
        case BLT -> "bgt";
        case BGEU -> "bleu";
        case BLTU -> "bgtu";
        default -> throw new IllegalStateException("no swapped spelling of " + opcode.mnemonic());
      };
      return pad(pseudo) + rs2 + ", " + rs1 + ", " + target;
    }
  }

  /** {@code j target}: jal zero. */
  record Jump(String target) implements AsmInstruction {
    @Override
    public List<Reg> defs() {
      return List.of();
    }

    @Override
    public List<Reg> uses() {
      return List.of();
    }

    @Override
    public int maxBytes() {
      return 4;
    }

    @Override
    public boolean isControl() {
      return true;
    }

    @Override
    public String text() {
      return pad("j") + target;
    }
  }

  /** {@code ret}: jalr zero, 0(ra). */
  record Return() implements AsmInstruction {
    @Override
    public List<Reg> defs() {
      return List.of();
    }

    @Override
    public List<Reg> uses() {
      return List.of(Reg.RA);
    }

    @Override
    public int maxBytes() {
      return 4;
    }

    @Override
    public boolean isControl() {
      return true;
    }

    @Override
    public String text() {
      return "ret";
    }
  }

  /** A mnemonic padded to the operand column (8), or followed by one space when longer. */
  private static String pad(String mnemonic) {
    return pad(mnemonic, 8);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}
