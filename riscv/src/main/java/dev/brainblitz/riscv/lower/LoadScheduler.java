package dev.brainblitz.riscv.lower;

import java.util.ArrayList;
import java.util.List;

/**
 * Orders the instructions of one basic block so that no instruction reads the register a load just
 * before it wrote (the load-use stall of in-order pipelines such as CV32E40P), as far as the
 * dependencies allow. It works on {@link AsmInstruction}s: what each reads, writes, loads and
 * stores, never their text.
 */
final class LoadScheduler {
  private LoadScheduler() {}

  /**
   * Greedy list scheduling: among the instructions whose dependencies (register read-after-write,
   * write-after-read, write-after-write; memory order of stores against loads and stores; the XBNN2
   * unit's state, written by pushes and read by bpacc/bpget) are
   * placed, take the first in program order that does not read the destination of a load placed
   * just before it; if every ready one does, take the first. Deterministic.
   */
  static List<AsmInstruction> schedule(List<AsmInstruction> block) {
    int n = block.size();
    int[] remaining = new int[n];
    List<List<Integer>> successors = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      successors.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      AsmInstruction later = block.get(i);
      for (int j = 0; j < i; j++) {
        if (dependent(block.get(j), later)) {
          successors.get(j).add(i);
          remaining[i]++;
        }
      }
    }
    boolean[] placed = new boolean[n];
    List<AsmInstruction> result = new ArrayList<>(n);
    AsmInstruction last = null;
    int firstUnplaced = 0;
    for (int step = 0; step < n; step++) {
      int choice = -1;
      int fallback = -1;
      for (int i = firstUnplaced; i < n; i++) {
        if (placed[i] || remaining[i] != 0) {
          continue;
        }
        if (fallback < 0) {
          fallback = i;
        }
        if (last == null || !last.isLoad() || !intersects(block.get(i).uses(), last.defs())) {
          choice = i;
          break;
        }
      }
      if (choice < 0) {
        choice = fallback;
      }
      placed[choice] = true;
      for (int s : successors.get(choice)) {
        remaining[s]--;
      }
      last = block.get(choice);
      result.add(last);
      while (firstUnplaced < n && placed[firstUnplaced]) {
        firstUnplaced++;
      }
    }
    return result;
  }

  private static boolean dependent(AsmInstruction first, AsmInstruction second) {
    if (first.isStore() && (second.isLoad() || second.isStore()) || first.isLoad() && second.isStore()) {
      return true;
    }
    // The XBNN2 unit's chunk register is state like memory: pushes stay in order against its readers.
    if (first.writesUnitState() && (second.readsUnitState() || second.writesUnitState())
        || first.readsUnitState() && second.writesUnitState()) {
      return true;
    }
    return intersects(first.defs(), second.uses()) || intersects(first.defs(), second.defs())
        || intersects(first.uses(), second.defs());
  }

  /** Whether the lists share a register other than zero (whose writes are discarded). */
  private static boolean intersects(List<Reg> a, List<Reg> b) {
    for (Reg x : a) {
      if (x != Reg.ZERO && b.contains(x)) {
        return true;
      }
    }
    return false;
  }
}
