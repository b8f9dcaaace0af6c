package dev.brainblitz.riscv.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Registers not yet given a role in the current part of the kernel. */
final class Regs {
  /** The registers a kernel may use: all but zero, sp, gp and tp. The callee-saved ones are saved. */
  static final List<Reg> POOL = List.of(Reg.T0, Reg.T1, Reg.T2, Reg.T3, Reg.T4, Reg.T5, Reg.T6, Reg.A0, Reg.A1, Reg.A2, Reg.A3, Reg.A4,
      Reg.A5, Reg.A6, Reg.A7, Reg.S0, Reg.S1, Reg.S2, Reg.S3, Reg.S4, Reg.S5, Reg.S6, Reg.S7, Reg.S8, Reg.S9, Reg.S10, Reg.S11, Reg.RA);

  private final Deque<Reg> free = new ArrayDeque<>(POOL);

  Reg take() {
    Reg r = free.pollFirst();
    if (r == null) {
      throw new IllegalStateException("out of registers");
    }
    return r;
  }

  List<Reg> take(int n) {
    List<Reg> list = new ArrayList<>(n);
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
