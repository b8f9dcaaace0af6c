package dev.brainblitz.riscv.lower;

import java.util.List;

/** Short-lived temporaries handed out round-robin, so the scheduler can overlap neighbours. */
final class Ring {
  private final List<Reg> regs;
  private int next;

  Ring(List<Reg> regs) {
    if (regs.size() < 2) {
      throw new IllegalStateException("too few temporaries: " + regs);
    }
    this.regs = regs;
  }

  Reg next() {
    Reg r = regs.get(next);
    next = (next + 1) % regs.size();
    return r;
  }
}
