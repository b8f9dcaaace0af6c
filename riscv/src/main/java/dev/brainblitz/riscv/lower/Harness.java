package dev.brainblitz.riscv.lower;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.riscv.isa.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bare-metal {@code _start} that runs a lowered kernel over a block of input vectors in memory and
 * writes, per vector, the class followed by the scores to {@code <model>_results}. It sums the cycles
 * and retired instructions of each call ({@code rdcycle}/{@code rdinstret} just around it, so the
 * call and return are included) into {@code <model>_counters}, and stops through tohost (HTIF, as
 * riscv-tests and our simulator do) or, for user-mode emulators, by writing the results to stdout
 * and calling exit.
 *
 * <p>Symbols: {@code <model>_count} (a word in .data holding the number of vectors, which a loader
 * may change up to the capacity), {@code <model>_vectors} (the vectors, each padded to whole words),
 * {@code <model>_results} and {@code <model>_counters}.
 */
public final class Harness {
  /** How the program ends. */
  public enum Exit {
    /** Store 1 to {@code tohost} and spin: for the ISS and boards with an HTIF-style host. */
    TOHOST,
    /** write(1, results, size) and exit(0) through ecall (Linux user mode, e.g. qemu-riscv32). */
    SYSCALL,
    /**
     * Print one text line per vector ({@code index class score...}, decimal) through the write
     * ecall and exit(0) through ecall 93: runs unchanged under qemu-riscv32 and blitz sim.
     */
    PRINT
  }

  private Harness() {}

  /** Bytes one vector takes in the vector block (whole words). */
  public static int vectorStride(LoweredKernel kernel) {
    return (kernel.inputBytes() + 3) & ~3;
  }

  /** Bytes of one result: the class, then the scores. */
  public static int resultStride(LoweredKernel kernel) {
    return 4 * (1 + kernel.layers().get(kernel.layers().size() - 1).outputs());
  }

  /** The words of one vector as the kernel reads it. */
  public static int[] vectorWords(InputVector vector) {
    if (vector.kind() == InputKind.BIPOLAR) {
      return vector.packedWords();
    }
    byte[] bytes = vector.bytes();
    int[] words = new int[(bytes.length + 3) / 4];
    for (int i = 0; i < bytes.length; i++) {
      words[i / 4] |= (bytes[i] & 0xff) << (8 * (i % 4));
    }
    return words;
  }

  /**
   * The harness source, to be assembled after the kernel's. With {@code vectors} non-empty they are
   * placed in .data; otherwise {@code capacity} zeroed vectors are reserved in .bss for a loader.
   */
  public static String source(LoweredKernel kernel, List<InputVector> vectors, int capacity, Exit exit) {
    String m = kernel.model();
    int count = vectors.isEmpty() ? capacity : vectors.size();
    int stride = vectorStride(kernel);
    int resultStride = resultStride(kernel);
    boolean measure = exit == Exit.TOHOST;
    StringBuilder s = new StringBuilder();
    s.append("\n# Test harness: runs ").append(kernel.function()).append(" over the vectors at ").append(m)
        .append("_vectors,\n# writing class and scores per vector to ").append(m).append("_results.\n");
    s.append("    .text\n    .globl  _start\n    .p2align 2\n_start:\n");
    insn(s, "la", "s0, " + m + "_vectors");
    insn(s, "la", "s1, " + m + "_results");
    insn(s, "la", "t0, " + m + "_count");
    insn(s, "lw", "s2, 0(t0)");
    insn(s, "li", "s3, 0");
    insn(s, "li", "s4, 0");
    insn(s, "beqz", "s2, 2f");
    s.append("1:\n");
    insn(s, "mv", "a0, s0");
    insn(s, "addi", "a1, s1, 4");
    if (measure) {
      insn(s, "rdcycle", "s5");
      insn(s, "rdinstret", "s6");
    }
    insn(s, "call", kernel.function());
    if (measure) {
      insn(s, "rdcycle", "t0");
      insn(s, "rdinstret", "t1");
      insn(s, "sub", "t0, t0, s5");
      insn(s, "add", "s3, s3, t0");
      insn(s, "sub", "t1, t1, s6");
      insn(s, "add", "s4, s4, t1");
    }
    insn(s, "sw", "a0, 0(s1)");
    advance(s, "s0", stride);
    advance(s, "s1", resultStride);
    insn(s, "addi", "s2, s2, -1");
    insn(s, "bnez", "s2, 1b");
    s.append("2:\n");
    insn(s, "la", "t0, " + m + "_counters");
    insn(s, "sw", "s3, 0(t0)");
    insn(s, "sw", "s4, 4(t0)");
    if (exit == Exit.TOHOST) {
      insn(s, "la", "t0, tohost");
      insn(s, "li", "t1, 1");
      insn(s, "sw", "t1, 0(t0)");
      s.append("3:\n");
      insn(s, "j", "3b");
    } else if (exit == Exit.PRINT) {
      printResults(s, m, resultStride, (resultStride - 4) / 4);
    } else {
      insn(s, "li", "a0, 1");
      insn(s, "la", "a1, " + m + "_results");
      insn(s, "li", "a2, " + count * resultStride);
      insn(s, "li", "a7, 64");
      insn(s, "ecall", "");
      insn(s, "li", "a0, 0");
      insn(s, "li", "a7, 93");
      insn(s, "ecall", "");
    }
    s.append("\n    .data\n    .p2align 3\n");
    if (exit == Exit.TOHOST) {
      s.append("    .globl  tohost\ntohost:\n    .word   0, 0\n    .globl  fromhost\nfromhost:\n    .word   0, 0\n");
    }
    s.append(m).append("_count:\n    .word   ").append(count).append('\n');
    if (!vectors.isEmpty()) {
      s.append("    .p2align 2\n").append(m).append("_vectors:\n");
      for (InputVector v : vectors) {
        List<String> hex = new ArrayList<>();
        for (int w : vectorWords(v)) {
          hex.add(String.format(Locale.ROOT, "0x%08x", w));
        }
        for (int i = 0; i < hex.size(); i += 8) {
          s.append("    .word   ").append(String.join(", ", hex.subList(i, Math.min(hex.size(), i + 8)))).append('\n');
        }
      }
    }
    s.append("\n    .bss\n    .p2align 2\n");
    if (vectors.isEmpty()) {
      s.append(m).append("_vectors:\n    .zero   ").append(count * stride).append('\n');
    }
    s.append(m).append("_results:\n    .zero   ").append(count * resultStride).append('\n');
    s.append(m).append("_counters:\n    .zero   8\n");
    return s.toString();
  }

  /** {@code pointer += bytes}: one addi when the immediate fits ({@link Form#fits}), else through t2. */
  private static void advance(StringBuilder s, String pointer, int bytes) {
    if (Form.I.fits(bytes)) {
      insn(s, "addi", pointer + ", " + pointer + ", " + bytes);
    } else {
      insn(s, "li", "t2, " + bytes);
      insn(s, "add", pointer + ", " + pointer + ", t2");
    }
  }

  /** The PRINT ending: a line {@code index class score...} per vector, then exit(0); and the number printer. */
  private static void printResults(StringBuilder s, String m, int resultStride, int scores) {
    insn(s, "la", "s1, " + m + "_results");
    insn(s, "la", "t0, " + m + "_count");
    insn(s, "lw", "s2, 0(t0)");
    insn(s, "li", "s3, 0");
    s.append("4:\n");
    insn(s, "beq", "s3, s2, 6f");
    insn(s, "mv", "a0, s3");
    insn(s, "li", "a1, ' '");
    insn(s, "call", m + "_print_number");
    insn(s, "lw", "a0, 0(s1)");
    insn(s, "li", "a1, ' '");
    insn(s, "call", m + "_print_number");
    insn(s, "li", "s4, 0");
    s.append("5:\n");
    insn(s, "slli", "t0, s4, 2");
    insn(s, "add", "t0, t0, s1");
    insn(s, "lw", "a0, 4(t0)");
    insn(s, "addi", "s4, s4, 1");
    insn(s, "li", "a1, ' '");
    insn(s, "li", "t1, " + scores);
    insn(s, "bne", "s4, t1, 7f");
    insn(s, "li", "a1, '\\n'");
    s.append("7:\n");
    insn(s, "call", m + "_print_number");
    insn(s, "li", "t1, " + scores);
    insn(s, "blt", "s4, t1, 5b");
    advance(s, "s1", resultStride);
    insn(s, "addi", "s3, s3, 1");
    insn(s, "j", "4b");
    s.append("6:\n");
    insn(s, "li", "a0, 0");
    insn(s, "li", "a7, 93");
    insn(s, "ecall", "");
    s.append("\n# a0 in decimal, then the byte in a1, written to stdout\n").append(m).append("_print_number:\n");
    insn(s, "addi", "sp, sp, -32");
    insn(s, "sb", "a1, 31(sp)");
    insn(s, "addi", "t2, sp, 31");
    insn(s, "mv", "t0, a0");
    insn(s, "bgez", "t0, 8f");
    insn(s, "neg", "t0, t0");
    s.append("8:\n");
    insn(s, "li", "t1, 10");
    s.append("9:\n");
    insn(s, "remu", "t3, t0, t1");
    insn(s, "addi", "t3, t3, '0'");
    insn(s, "addi", "t2, t2, -1");
    insn(s, "sb", "t3, 0(t2)");
    insn(s, "divu", "t0, t0, t1");
    insn(s, "bnez", "t0, 9b");
    insn(s, "bgez", "a0, 8f");
    insn(s, "li", "t3, '-'");
    insn(s, "addi", "t2, t2, -1");
    insn(s, "sb", "t3, 0(t2)");
    s.append("8:\n");
    insn(s, "addi", "a2, sp, 32");
    insn(s, "sub", "a2, a2, t2");
    insn(s, "mv", "a1, t2");
    insn(s, "li", "a0, 1");
    insn(s, "li", "a7, 64");
    insn(s, "ecall", "");
    insn(s, "addi", "sp, sp, 32");
    insn(s, "ret", "");
  }

  private static void insn(StringBuilder s, String mnemonic, String operands) {
    s.append("    ").append(mnemonic).append(" ".repeat(Math.max(1, 8 - mnemonic.length()))).append(operands).append('\n');
  }
}
