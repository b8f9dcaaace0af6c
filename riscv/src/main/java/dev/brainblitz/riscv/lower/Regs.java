package dev.brainblitz.riscv.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Registers not yet given a role in the current part of the kernel. */
final class Regs {
  /** The registers a kernel may use: all but zero, sp, gp and tp. The callee-saved ones are saved. */
  static final List<String> POOL = List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6", "a0", "a1", "a2", "a3", "a4",
      "a5", "a6", "a7", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "ra");

  private final Deque<String> free = new ArrayDeque<>(POOL);

  String take() {
    String r = free.pollFirst();
    if (r == null) {
      throw new IllegalStateException("out of registers");
    }
    return r;
  }

  List<String> take(int n) {
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(take());
    }
    return list;
  }

  int size() {
    return free.size();
  }

  Ring rest() {
    return new Ring(new ArrayList<>(free));
  }
}
