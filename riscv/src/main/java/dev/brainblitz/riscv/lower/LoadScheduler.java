package dev.brainblitz.riscv.lower;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    // Only the nearest dependencies are recorded (the last writer of a register, its readers since,
    // the last store, the loads since it, the same for the unit's state): the others follow from
    // them, so an instruction becomes ready exactly when every instruction it depends on is placed.
    Map<Reg, Integer> lastDef = new EnumMap<>(Reg.class);
    Map<Reg, List<Integer>> usesSinceDef = new EnumMap<>(Reg.class);
    int lastStore = -1;
    List<Integer> loadsSinceStore = new ArrayList<>();
    int lastUnitWrite = -1;
    List<Integer> unitReadsSinceWrite = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AsmInstruction later = block.get(i);
      Set<Integer> predecessors = new TreeSet<>();
      for (Reg r : later.uses()) {
        if (r != Reg.ZERO && lastDef.containsKey(r)) {
          predecessors.add(lastDef.get(r));
        }
      }
      for (Reg r : later.defs()) {
        if (r != Reg.ZERO) {
          if (lastDef.containsKey(r)) {
            predecessors.add(lastDef.get(r));
          }
          predecessors.addAll(usesSinceDef.getOrDefault(r, List.of()));
        }
      }
      if ((later.isLoad() || later.isStore()) && lastStore >= 0) {
        predecessors.add(lastStore);
      }
      if (later.isStore()) {
        predecessors.addAll(loadsSinceStore);
      }
      if ((later.readsUnitState() || later.writesUnitState()) && lastUnitWrite >= 0) {
        predecessors.add(lastUnitWrite);
      }
      if (later.writesUnitState()) {
        predecessors.addAll(unitReadsSinceWrite);
      }
      predecessors.remove(i);
      for (int j : predecessors) {
        successors.get(j).add(i);
        remaining[i]++;
      }
      for (Reg r : later.uses()) {
        if (r != Reg.ZERO) {
          usesSinceDef.computeIfAbsent(r, x -> new ArrayList<>()).add(i);
        }
      }
      for (Reg r : later.defs()) {
        if (r != Reg.ZERO) {
          lastDef.put(r, i);
          usesSinceDef.put(r, new ArrayList<>());
        }
      }
      if (later.isStore()) {
        lastStore = i;
        loadsSinceStore.clear();
      } else if (later.isLoad()) {
        loadsSinceStore.add(i);
      }
      if (later.writesUnitState()) {
        lastUnitWrite = i;
        unitReadsSinceWrite.clear();
      } else if (later.readsUnitState()) {
        unitReadsSinceWrite.add(i);
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
