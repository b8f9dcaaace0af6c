package dev.brainblitz.sim.iss;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.riscv.elf.ElfFile;
import dev.brainblitz.riscv.isa.Csr;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * One RV32IM + Zicsr + Zbb + XBNN + XBNN2 hart in machine mode: the instruction-set simulator. The decoder
 * is the {@link dev.brainblitz.riscv.isa.Decoder} of the one ISA table (instructions are decoded once
 * per address and cached by {@link Memory}); this class adds the semantics, one switch on the
 * {@link Opcode} row. docs/sim.md describes the machine: memory map, traps, CSRs, how a run stops.
 *
 * <p>The loop allocates nothing per instruction; the timing hook is an array read and an add, plus a
 * compare for the load-use stall of pipelined models and a call for the few instructions whose cost
 * depends on their operands ({@link TimingModel#variableCost}).
 */
public final class Hart {
  private static final Opcode[] OPCODES = Opcode.values();
  private static final int MSTATUS_MIE = 1 << 3;
  private static final int MSTATUS_MPIE = 1 << 7;
  private static final int MSTATUS_MPP = 3 << 11;
  /** RV32 (MXL = 1), I, M, X (non-standard extensions present). */
  public static final int MISA = 0x40000000 | 1 << ('I' - 'A') | 1 << ('M' - 'A') | 1 << ('X' - 'A');

  private final int[] x = new int[32];
  /** The XBNN2 unit's chunk register: zero at reset, untouched by traps (docs/isa-xbnn.md). */
  private final Xbnn.Unit unit = new Xbnn.Unit();
  private int pc;
  private final Memory memory;
  private final SimConfig config;
  private final boolean trapMisaligned;
  private final RetireListener listener;

  // timing
  private final TimingModel timing;
  private final int[] cost = new int[OPCODES.length];
  private final boolean[] variableCost = new boolean[OPCODES.length];
  private final int takenPenalty;
  private final int loadUseStall;
  private final boolean trackLoads;
  private final long[] retiredByOpcode = new long[OPCODES.length];
  /** Cycles spent in each opcode, without load-use stalls and taken-branch penalties. */
  private final long[] cyclesByOpcode = new long[OPCODES.length];
  private long takenBranches;
  private long loadUseStalls;
  private int lastLoadRd;
  private long cycles;
  private long instret;
  /** The stop check: the cycle limit, or 0 once the program has asked to stop. */
  private long limit;

  // machine-mode CSRs
  private int mstatus = MSTATUS_MPP;
  private int mtvec;
  private int mepc;
  private int mcause;
  private int mtval;
  private int mscratch;
  private int mie;
  private int mip;
  private long cycleDelta;
  private long instretDelta;

  /** The word address of tohost, or 1 (never a word address) when the program has none. */
  private int tohost = 1;
  /** The word address of fromhost (the host's replies to HTIF requests), or 1 when there is none. */
  private int fromhost = 1;
  /** Cycles between the last store to tohost and serving the request. */
  static final int HTIF_DELAY = 32;
  /** A store to tohost asked for an HTIF request; it is served once both of its words are written. */
  private boolean htifPending;

  private SimResult.Status status;
  private int code;
  private String message = "";

  public Hart(SimConfig config) {
    this.config = config;
    this.memory = new Memory(config.memoryMap());
    this.trapMisaligned = config.trapMisaligned();
    this.listener = config.listener();
    this.timing = config.timing();
    for (Opcode op : OPCODES) {
      cost[op.ordinal()] = timing.cycles(op);
      variableCost[op.ordinal()] = timing.variableCost(op);
    }
    this.takenPenalty = timing.branchTakenPenalty();
    this.loadUseStall = timing.loadUseStall();
    this.trackLoads = loadUseStall > 0;
    this.limit = config.maxCycles();
  }

  /**
   * A hart with {@code elf} loaded: its PT_LOAD segments copied, pc at its entry, sp at the top of
   * the region holding the entry, and its {@code tohost} symbol (if any) watched. {@code file} names
   * the ELF in diagnostics.
   */
  public static Hart load(String file, ElfFile elf, SimConfig config) {
    Hart hart = new Hart(config);
    if (elf.segments().isEmpty()) {
      throw error(ErrorCode.SIM_NOTHING_TO_LOAD, file, "it has no PT_LOAD program header");
    }
    for (ElfFile.Segment s : elf.segments()) {
      long size = Integer.toUnsignedLong(s.memorySize());
      MemoryMap.Region region = config.memoryMap().regionOf(s.address());
      long end = Integer.toUnsignedLong(s.address()) + size;
      if (size > 0 && (region == null || end > Integer.toUnsignedLong(region.base()) + Integer.toUnsignedLong(region.size()))) {
        throw error(ErrorCode.SIM_OUTSIDE_MEMORY, file, String.format("segment at 0x%08x (%d bytes) is outside the memory"
            + " map (%s)", s.address(), size, describe(config.memoryMap())));
      }
      hart.memory.write(s.address(), s.fileBytes());
    }
    MemoryMap.Region region = config.memoryMap().regionOf(elf.entry());
    if (region == null) {
      throw error(ErrorCode.SIM_OUTSIDE_MEMORY, file, String.format("entry 0x%08x is outside the memory map (%s)", elf.entry(),
          describe(config.memoryMap())));
    }
    if ((elf.entry() & 3) != 0) {
      throw error(ErrorCode.SIM_MISALIGNED_ENTRY, file, String.format("entry 0x%08x is not 4-byte aligned", elf.entry()));
    }
    hart.pc = elf.entry();
    hart.x[2] = region.end() - 16;
    elf.symbol("tohost").ifPresent(a -> hart.tohost = a & ~3);
    elf.symbol("fromhost").ifPresent(a -> hart.fromhost = a & ~3);
    return hart;
  }

  private static String describe(MemoryMap map) {
    StringBuilder b = new StringBuilder();
    for (MemoryMap.Region r : map.regions()) {
      b.append(b.length() == 0 ? "" : ", ").append(String.format("0x%08x-0x%08x", r.base(), r.end() - 1));
    }
    return b.toString();
  }

  private static DiagnosticException error(ErrorCode code, String file, String message) {
    return new DiagnosticException(new Diagnostic(code, SourceSpan.wholeFile(file), "cannot simulate '" + file + "': " + message));
  }

  public int pc() {
    return pc;
  }

  public void setPc(int pc) {
    this.pc = pc;
  }

  public int reg(int i) {
    return x[i];
  }

  public void setReg(int i, int value) {
    if (i != 0) {
      x[i] = value;
    }
  }

  public long cycles() {
    return cycles;
  }

  public long instret() {
    return instret;
  }

  public TimingModel timing() {
    return timing;
  }

  /** Memory as the program sees it (for tests and checksums); unmapped bytes read as a load fault. */
  public int loadWord(int address) {
    return memory.loadWord(address);
  }

  public void storeWord(int address, int value) {
    memory.storeWord(address, value);
  }

  public void write(int address, byte[] bytes) {
    if (!memory.write(address, bytes)) {
      throw new IllegalArgumentException(String.format("0x%08x is not mapped", address));
    }
  }

  /** Runs until the program stops (tohost, exit, an unhandled trap) or the cycle limit. */
  public SimResult run() {
    long start = System.nanoTime();
    while (status == null) {
      try {
        loop();
      } catch (Trap t) {
        trap(t.cause, t.tval);
      }
      if (htifPending && status == null) {
        htifPending = false;
        limit = config.maxCycles();
        serveHtif();
      }
    }
    long nanos = System.nanoTime() - start;
    return new SimResult(status, code, message, cycles, instret, stalls(), nanos);
  }

  /** Cycles beyond one per retired instruction, by cause. */
  public Map<StallCause, Long> stalls() {
    var m = new EnumMap<StallCause, Long>(StallCause.class);
    for (StallCause c : StallCause.values()) {
      m.put(c, 0L);
    }
    for (Opcode op : OPCODES) {
      long extra = cyclesByOpcode[op.ordinal()] - retiredByOpcode[op.ordinal()];
      m.merge(timing.extraCause(op), extra, Long::sum);
    }
    m.merge(StallCause.BRANCH_TAKEN, takenBranches * takenPenalty, Long::sum);
    m.merge(StallCause.LOAD_USE, loadUseStalls * loadUseStall, Long::sum);
    return m;
  }

  /** How many times each opcode retired. */
  public long retired(Opcode op) {
    return retiredByOpcode[op.ordinal()];
  }

  private void stop(SimResult.Status s, int c, String why) {
    status = s;
    code = c;
    message = why;
    limit = 0;
  }

  private void trap(int cause, int tval) {
    cycles += 1;
    if (listener != null) {
      listener.trapped(this, pc, cause, tval);
    }
    if (mtvec == 0) {
      stop(SimResult.Status.ERROR, cause, String.format("unhandled %s at pc 0x%08x, mtval 0x%08x (no trap handler: mtvec = 0)",
          Trap.describe(cause), pc, tval));
      return;
    }
    mepc = pc;
    mcause = cause;
    mtval = tval;
    int mpie = (mstatus & MSTATUS_MIE) != 0 ? MSTATUS_MPIE : 0;
    mstatus = (mstatus & ~(MSTATUS_MIE | MSTATUS_MPIE)) | mpie | MSTATUS_MPP;
    pc = mtvec & ~3;
    lastLoadRd = 0;
    if (cycles >= limit && status == null && !htifPending) {
      stop(SimResult.Status.CYCLE_LIMIT, 0, "cycle limit " + config.maxCycles() + " reached");
    }
  }

  private void loop() {
    final int[] x = this.x;
    final Memory mem = this.memory;
    final int[] cost = this.cost;
    final long[] retired = this.retiredByOpcode;
    final long[] spent = this.cyclesByOpcode;
    final boolean[] variable = this.variableCost;
    while (true) {
      if (cycles >= limit) {
        if (status == null && !htifPending) {
          stop(SimResult.Status.CYCLE_LIMIT, 0, "cycle limit " + config.maxCycles() + " reached");
        }
        return;
      }
      final int pc = this.pc;
      final Instruction in = mem.fetch(pc);
      final Opcode op = in.opcode();
      final int ord = op.ordinal();
      final int rd = in.rd();
      final int a = x[in.rs1()];
      final int b = x[in.rs2()];
      final int imm = in.imm();
      final int base = variable[ord] ? timing.cycles(in, a, b) : cost[ord];
      long c = base;
      if (lastLoadRd != 0 && (in.rs1() == lastLoadRd || in.rs2() == lastLoadRd || op == Opcode.XNORPOPACC && rd == lastLoadRd)) {
        c += loadUseStall;
        loadUseStalls++;
      }
      int load = 0;
      int next = pc + 4;
      switch (op) {
        case LUI -> x[rd] = imm;
        case AUIPC -> x[rd] = pc + imm;
        case JAL -> {
          next = jumpTarget(pc + imm);
          x[rd] = pc + 4;
        }
        case JALR -> {
          next = jumpTarget((a + imm) & ~1);
          x[rd] = pc + 4;
        }
        case BEQ -> next = a == b ? taken(pc + imm) : next;
        case BNE -> next = a != b ? taken(pc + imm) : next;
        case BLT -> next = a < b ? taken(pc + imm) : next;
        case BGE -> next = a >= b ? taken(pc + imm) : next;
        case BLTU -> next = Integer.compareUnsigned(a, b) < 0 ? taken(pc + imm) : next;
        case BGEU -> next = Integer.compareUnsigned(a, b) >= 0 ? taken(pc + imm) : next;
        case LB -> {
          x[rd] = mem.loadByte(a + imm);
          load = rd;
        }
        case LH -> {
          x[rd] = mem.loadHalf(checkLoad(a + imm, 1));
          load = rd;
        }
        case LW -> {
          x[rd] = mem.loadWord(checkLoad(a + imm, 3));
          load = rd;
        }
        case LBU -> {
          x[rd] = mem.loadByte(a + imm) & 0xff;
          load = rd;
        }
        case LHU -> {
          x[rd] = mem.loadHalf(checkLoad(a + imm, 1)) & 0xffff;
          load = rd;
        }
        case SB -> {
          int address = a + imm;
          mem.storeByte(address, b);
          if (((address & ~3) - tohost & ~4) == 0) {
            toHost(address);
          }
        }
        case SH -> {
          int address = checkStore(a + imm, 1);
          mem.storeHalf(address, b);
          if (((address & ~3) - tohost & ~4) == 0) {
            toHost(address);
          }
        }
        case SW -> {
          int address = checkStore(a + imm, 3);
          mem.storeWord(address, b);
          if (((address & ~3) - tohost & ~4) == 0) {
            toHost(address);
          }
        }
        case ADDI -> x[rd] = a + imm;
        case SLTI -> x[rd] = a < imm ? 1 : 0;
        case SLTIU -> x[rd] = Integer.compareUnsigned(a, imm) < 0 ? 1 : 0;
        case XORI -> x[rd] = a ^ imm;
        case ORI -> x[rd] = a | imm;
        case ANDI -> x[rd] = a & imm;
        case SLLI -> x[rd] = a << imm;
        case SRLI -> x[rd] = a >>> imm;
        case SRAI -> x[rd] = a >> imm;
        case ADD -> x[rd] = a + b;
        case SUB -> x[rd] = a - b;
        case SLL -> x[rd] = a << b; // Java masks int shift counts to 5 bits, as RV32 does
        case SLT -> x[rd] = a < b ? 1 : 0;
        case SLTU -> x[rd] = Integer.compareUnsigned(a, b) < 0 ? 1 : 0;
        case XOR -> x[rd] = a ^ b;
        case SRL -> x[rd] = a >>> b;
        case SRA -> x[rd] = a >> b;
        case OR -> x[rd] = a | b;
        case AND -> x[rd] = a & b;
        case FENCE, FENCE_TSO, FENCE_I, WFI -> {
          // One hart, no caches, no interrupts: ordering and waiting are no-ops; stores already
          // invalidate predecoded instructions, so fence.i has nothing left to do.
        }
        case ECALL -> ecall();
        case EBREAK -> throw new Trap(Trap.BREAKPOINT, pc);
        case MRET -> {
          next = mepc;
          int mie = (mstatus & MSTATUS_MPIE) != 0 ? MSTATUS_MIE : 0;
          mstatus = (mstatus & ~MSTATUS_MIE) | mie | MSTATUS_MPIE | MSTATUS_MPP;
        }
        case MUL -> x[rd] = a * b;
        case MULH -> x[rd] = (int) (((long) a * b) >> 32);
        case MULHSU -> x[rd] = (int) (((long) a * Integer.toUnsignedLong(b)) >> 32);
        case MULHU -> x[rd] = (int) ((Integer.toUnsignedLong(a) * Integer.toUnsignedLong(b)) >>> 32);
        // Java's int division already gives INT_MIN / -1 = INT_MIN and INT_MIN % -1 = 0.
        case DIV -> x[rd] = b == 0 ? -1 : a / b;
        case DIVU -> x[rd] = b == 0 ? -1 : Integer.divideUnsigned(a, b);
        case REM -> x[rd] = b == 0 ? a : a % b;
        case REMU -> x[rd] = b == 0 ? a : Integer.remainderUnsigned(a, b);
        case CSRRW -> csr(in, rd, imm, a, 0, true);
        case CSRRS -> csr(in, rd, imm, a, 1, in.rs1() != 0);
        case CSRRC -> csr(in, rd, imm, a, 2, in.rs1() != 0);
        case CSRRWI -> csr(in, rd, imm, in.rs1(), 0, true);
        case CSRRSI -> csr(in, rd, imm, in.rs1(), 1, in.rs1() != 0);
        case CSRRCI -> csr(in, rd, imm, in.rs1(), 2, in.rs1() != 0);
        case ANDN -> x[rd] = a & ~b;
        case ORN -> x[rd] = a | ~b;
        case XNOR -> x[rd] = ~(a ^ b);
        case CLZ -> x[rd] = Integer.numberOfLeadingZeros(a);
        case CTZ -> x[rd] = Integer.numberOfTrailingZeros(a);
        case CPOP -> x[rd] = Integer.bitCount(a);
        case MIN -> x[rd] = Math.min(a, b);
        case MINU -> x[rd] = Integer.compareUnsigned(a, b) < 0 ? a : b;
        case MAX -> x[rd] = Math.max(a, b);
        case MAXU -> x[rd] = Integer.compareUnsigned(a, b) > 0 ? a : b;
        case SEXT_B -> x[rd] = (byte) a;
        case SEXT_H -> x[rd] = (short) a;
        case ZEXT_H -> x[rd] = a & 0xffff;
        case ROL -> x[rd] = Integer.rotateLeft(a, b);
        case ROR -> x[rd] = Integer.rotateRight(a, b);
        case RORI -> x[rd] = Integer.rotateRight(a, imm);
        case REV8 -> x[rd] = Integer.reverseBytes(a);
        case ORC_B -> x[rd] = orcB(a);
        case XNORPOP, XNORPOPACC, BPPUSH, BPACC, BPGET -> x[rd] = unit.execute(op, a, b, x[rd]);
      }
      x[0] = 0;
      lastLoadRd = trackLoads ? load : 0;
      retired[ord]++;
      spent[ord] += base;
      cycles += c;
      instret++;
      this.pc = next;
      if (listener != null) {
        listener.retired(this, pc, in);
      }
    }
  }

  private int taken(int target) {
    takenBranches++;
    cycles += takenPenalty;
    return jumpTarget(target);
  }

  private int jumpTarget(int target) {
    if ((target & 3) != 0) {
      throw new Trap(Trap.INSTRUCTION_MISALIGNED, target);
    }
    return target;
  }

  private int checkLoad(int address, int alignMask) {
    if (trapMisaligned && (address & alignMask) != 0) {
      throw new Trap(Trap.LOAD_MISALIGNED, address);
    }
    return address;
  }

  private int checkStore(int address, int alignMask) {
    if (trapMisaligned && (address & alignMask) != 0) {
      throw new Trap(Trap.STORE_MISALIGNED, address);
    }
    return address;
  }

  private static int orcB(int v) {
    int r = 0;
    for (int i = 0; i < 32; i += 8) {
      if ((v >>> i & 0xff) != 0) {
        r |= 0xff << i;
      }
    }
    return r;
  }

  /**
   * A store to tohost (riscv-tests' HTIF protocol). The low word 1 passes, an odd low word v fails
   * test {@code v >> 1}: both stop at once. Anything else is a device request in the 64-bit tohost
   * (device in bits 63:56, command in 55:48, payload below), served {@value #HTIF_DELAY} cycles
   * after the last store to tohost (as spike's host polls it now and then), so that a 32-bit program
   * has written both halves, in whatever order and with whatever computation between them.
   */
  private void toHost(int address) {
    int low = peek(tohost);
    int high = peek(tohost + 4);
    if ((address & ~3) == tohost && high == 0 && (low & 1) != 0) {
      if (low == 1) {
        stop(SimResult.Status.PASS, 0, "");
      } else {
        stop(SimResult.Status.FAIL, low >>> 1, "tohost: test " + (low >>> 1) + " failed");
      }
      return;
    }
    if (low != 0 || high != 0) {
      htifPending = true;
      limit = Math.min(cycles + HTIF_DELAY, config.maxCycles()); // serve it a few instructions later
    }
  }

  /**
   * Serves the request in tohost, as spike's front end does for the two devices bare-metal programs
   * use: device 0 command 0 is riscv-tests' syscall proxy (an odd payload exits with status
   * {@code payload >> 1}; an even one is the address of {@code uint64_t magic[4] = {syscall, a0, a1,
   * a2}}, of which {@code write} (64) and {@code exit} (93) are served and the result goes to
   * {@code magic[0]}), device 1 command 1 writes the payload's low byte to stdout. The reply goes to
   * fromhost and tohost is cleared.
   */
  private void serveHtif() {
    int low = peek(tohost);
    int high = peek(tohost + 4);
    if (low == 0 && high == 0) {
      return;
    }
    int device = high >>> 24;
    int command = high >>> 16 & 0xff;
    long payload = (long) (high & 0xffff) << 32 | Integer.toUnsignedLong(low);
    long reply;
    if (device == 0 && command == 0 && (payload & 1) != 0) {
      long status = payload >>> 1;
      stop(status == 0 ? SimResult.Status.PASS : SimResult.Status.FAIL, (int) status,
          status == 0 ? "" : "tohost: test " + status + " failed");
      return;
    } else if (device == 0 && command == 0) {
      if (!syscallProxy(payload)) {
        return;
      }
      reply = 1;
    } else if (device == 1 && command == 1) {
      try {
        config.stdout().write((int) payload & 0xff);
        config.stdout().flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      reply = (long) device << 56 | (long) command << 48;
    } else {
      stop(SimResult.Status.ERROR, low, String.format("tohost = 0x%08x%08x: HTIF device %d command %d is not supported"
          + " (supported: the syscall proxy, device 0, and console output, device 1 command 1)", high, low, device, command));
      return;
    }
    if (fromhost == 1) {
      stop(SimResult.Status.ERROR, 0, "an HTIF request needs a reply in fromhost, but the program has no fromhost symbol");
      return;
    }
    poke(tohost, 0);
    poke(tohost + 4, 0);
    poke(fromhost, (int) reply);
    poke(fromhost + 4, (int) (reply >>> 32));
  }

  /** A word the host reads (0 where nothing is mapped). */
  private int peek(int address) {
    return memory.mapped(address, 4) ? memory.loadWord(address) : 0;
  }

  /** A word the host writes (nothing where nothing is mapped). */
  private void poke(int address, int value) {
    if (memory.mapped(address, 4)) {
      memory.storeWord(address, value);
    }
  }

  /** riscv-tests' syscall proxy: false when it stopped the run (exit, or a request that cannot be read). */
  private boolean syscallProxy(long magicAddress) {
    int magic = (int) magicAddress;
    if (magicAddress >>> 32 != 0 || !memory.mapped(magic, 32)) {
      stop(SimResult.Status.ERROR, 0, String.format("HTIF syscall block at 0x%x is outside the memory map", magicAddress));
      return false;
    }
    int which = memory.loadWord(magic);
    long arg0 = Integer.toUnsignedLong(memory.loadWord(magic + 8));
    long arg1 = Integer.toUnsignedLong(memory.loadWord(magic + 16));
    long arg2 = Integer.toUnsignedLong(memory.loadWord(magic + 24));
    long result;
    switch (which) {
      case 64 -> result = write((int) arg0, (int) arg1, arg2);
      case 93 -> {
        int s = (int) arg0;
        stop(s == 0 ? SimResult.Status.PASS : SimResult.Status.FAIL, s, s == 0 ? "" : "exit status " + s);
        return false;
      }
      default -> result = -38; // -ENOSYS
    }
    memory.storeWord(magic, (int) result);
    memory.storeWord(magic + 4, (int) (result >> 32));
    return true;
  }

  /** write(fd, buffer, length) for fd 1 and 2: the bytes exactly as they are, or -EFAULT / -EBADF. */
  private long write(int fd, int buffer, long length) {
    if (fd != 1 && fd != 2) {
      return -9; // -EBADF
    }
    if (length < 0 || length > Integer.MAX_VALUE || !memory.mapped(buffer, length)) {
      return -14; // -EFAULT
    }
    try {
      OutputStream out = fd == 1 ? config.stdout() : config.stderr();
      memory.copyTo(buffer, (int) length, out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return length;
  }

  /**
   * With no trap handler (mtvec = 0), a7 = 93 (exit) and a7 = 64 (write to fd 1 or 2) are host calls,
   * Linux-style; otherwise ecall traps (mcause 11) to the handler.
   */
  private void ecall() {
    int a7 = x[17];
    if (mtvec != 0 || a7 != 93 && a7 != 64) {
      throw new Trap(Trap.ECALL_FROM_M, 0);
    }
    if (a7 == 93) {
      int s = x[10];
      stop(s == 0 ? SimResult.Status.PASS : SimResult.Status.FAIL, s, s == 0 ? "" : "exit status " + s);
      return;
    }
    x[10] = (int) write(x[10], x[11], Integer.toUnsignedLong(x[12]));
  }

  /** The Zicsr read-modify-write: {@code kind} 0 = write, 1 = set, 2 = clear. */
  private void csr(Instruction in, int rd, int number, int operand, int kind, boolean writes) {
    boolean reads = kind != 0 || rd != 0;
    int old = reads || writes ? readCsr(number, in) : 0;
    if (writes) {
      if ((number >>> 10) == 3) {
        throw new Trap(Trap.ILLEGAL_INSTRUCTION, in.encode()); // read-only CSR
      }
      int value = switch (kind) {
        case 0 -> operand;
        case 1 -> old | operand;
        default -> old & ~operand;
      };
      writeCsr(in, number, value);
    }
    x[rd] = old;
  }

  /** The CSR's value; unknown CSRs are illegal instructions. */
  private int readCsr(int number, Instruction in) {
    Csr csr = Csr.byNumber(number);
    if (csr == null || csr.supervisor()) {
      throw new Trap(Trap.ILLEGAL_INSTRUCTION, in.encode()); // unknown, or S-mode (this hart has M-mode only)
    }
    long cyc = cycles + cycleDelta;
    long ins = instret + instretDelta;
    return switch (csr) {
      case CYCLE, MCYCLE, TIME -> (int) cyc;
      case CYCLEH, MCYCLEH, TIMEH -> (int) (cyc >>> 32);
      case INSTRET, MINSTRET -> (int) ins;
      case INSTRETH, MINSTRETH -> (int) (ins >>> 32);
      case MSTATUS -> mstatus;
      case MISA -> MISA;
      case MEDELEG, MIDELEG, MCOUNTEREN, MSTATUSH, MVENDORID, MARCHID, MIMPID, MHARTID -> 0;
      case MIE -> mie;
      case MTVEC -> mtvec;
      case MSCRATCH -> mscratch;
      case MEPC -> mepc;
      case MCAUSE -> mcause;
      case MTVAL -> mtval;
      case MIP -> mip;
      case SSTATUS, SIE, STVEC, SCOUNTEREN, SENVCFG, SSCRATCH, SEPC, SCAUSE, STVAL, SIP, SATP ->
          throw new AssertionError("supervisor CSRs are rejected before the read");
    };
  }

  /** Cycles a CSR instruction takes (its operand values do not matter). */
  private int cost(Instruction in) {
    int ord = in.opcode().ordinal();
    return variableCost[ord] ? timing.cycles(in, 0, 0) : cost[ord];
  }

  private void writeCsr(Instruction in, int number, int value) {
    Csr csr = Csr.byNumber(number);
    long cyc = cycles + cycleDelta;
    long ins = instret + instretDelta;
    switch (csr) {
      case MSTATUS -> mstatus = (value & (MSTATUS_MIE | MSTATUS_MPIE)) | MSTATUS_MPP;
      case MIE -> mie = value;
      case MIP -> mip = value;
      case MTVEC -> mtvec = value & ~2; // direct (0) or vectored (1) mode; exceptions go to the base
      case MSCRATCH -> mscratch = value;
      case MEPC -> mepc = value & ~3;
      case MCAUSE -> mcause = value;
      case MTVAL -> mtval = value;
      // The counters count this instruction after the write, as real cores do: subtract it back.
      case MCYCLE -> cycleDelta = ((cyc & 0xffffffff00000000L) | Integer.toUnsignedLong(value)) - cycles - cost(in);
      case MCYCLEH -> cycleDelta = ((long) value << 32 | (cyc & 0xffffffffL)) - cycles - cost(in);
      case MINSTRET -> instretDelta = ((ins & 0xffffffff00000000L) | Integer.toUnsignedLong(value)) - instret - 1;
      case MINSTRETH -> instretDelta = ((long) value << 32 | (ins & 0xffffffffL)) - instret - 1;
      case MISA, MEDELEG, MIDELEG, MCOUNTEREN, MSTATUSH -> {
        // WARL fields fixed by this hart: writes are accepted and ignored
      }
      case CYCLE, TIME, INSTRET, CYCLEH, TIMEH, INSTRETH, MVENDORID, MARCHID, MIMPID, MHARTID ->
          throw new AssertionError("read-only CSRs are rejected before the write");
      case SSTATUS, SIE, STVEC, SCOUNTEREN, SENVCFG, SSCRATCH, SEPC, SCAUSE, STVAL, SIP, SATP ->
          throw new AssertionError("supervisor CSRs are rejected before the write");
    }
  }
}
