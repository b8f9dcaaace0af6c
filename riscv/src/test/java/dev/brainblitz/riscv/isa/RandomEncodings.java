package dev.brainblitz.riscv.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/** Random valid instruction words: a random table row with random operand bits. */
final class RandomEncodings {
  private RandomEncodings() {}

  static List<Integer> words(Random random, int count, Predicate<Opcode> include) {
    List<Opcode> rows = new ArrayList<>();
    for (Opcode op : Opcode.values()) {
      if (include.test(op)) {
        rows.add(op);
      }
    }
    List<Integer> words = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Opcode op = rows.get(random.nextInt(rows.size()));
      int word = op.match() | (random.nextInt() & ~op.mask());
      if (op.form() == Form.CSR || op.form() == Form.CSR_IMMEDIATE) {
        word = (word & 0xfffff) | csrNumber(random) << 20;
      }
      words.add(word);
    }
    return words;
  }

  /**
   * A CSR we name, or one in the custom range 0x7c0-0x7ff that binutils names neither: binutils knows
   * hundreds of CSR names (hypervisor, debug, vector ...) that we deliberately print as numbers.
   */
  private static int csrNumber(Random random) {
    Csr[] named = Csr.values();
    return random.nextBoolean() ? named[random.nextInt(named.length)].number() : 0x7c0 + random.nextInt(0x40);
  }
}
