package dev.brainblitz.riscv.lower;

import java.util.List;

/** One layer's .rodata: a label, a comment, and its words in the order the code reads them. */
record RodataStream(String label, String comment, List<Integer> words) {
  RodataStream {
    words = List.copyOf(words);
  }
}
