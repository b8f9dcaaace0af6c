package dev.brainblitz.sim.iss;

import dev.brainblitz.riscv.isa.Disassembler;
import dev.brainblitz.riscv.isa.Form;
import dev.brainblitz.riscv.isa.Instruction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --profile}: retired counts per pc, and loops found as backward jumps and taken branches
 * (target ≤ source), ranked by the instructions retired inside them.
 */
public final class Profiler implements RetireListener {
  private final Map<Integer, long[]> counts = new HashMap<>();
  private final Map<Integer, Instruction> instructions = new HashMap<>();
  /** Backward edges: (target << 32 | source) -> times taken. */
  private final Map<Long, long[]> backEdges = new HashMap<>();
  private long total;

  /** One hot instruction. */
  public record Hot(int pc, String disassembly, long count) {}

  /** One loop: the pc range [start, end] closed by a backward edge taken {@code iterations} times. */
  public record Loop(int start, int end, long iterations, long retiredInside) {}

  @Override
  public void retired(Hart hart, int pc, Instruction in) {
    total++;
    long[] c = counts.get(pc);
    if (c == null) {
      counts.put(pc, c = new long[1]);
      instructions.put(pc, in);
    }
    c[0]++;
    Form f = in.opcode().form();
    int next = hart.pc();
    if ((f == Form.BRANCH || f == Form.JUMP || in.opcode() == dev.brainblitz.riscv.isa.Opcode.JALR) && next != pc + 4
        && Integer.compareUnsigned(next, pc) <= 0) {
      backEdges.computeIfAbsent((long) next << 32 | (pc & 0xffffffffL), k -> new long[1])[0]++;
    }
  }

  public List<Hot> hottest(int n) {
    return counts.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<Integer, long[]> e) -> -e.getValue()[0])
        .thenComparing(Map.Entry::getKey)).limit(n)
        .map(e -> new Hot(e.getKey(), Disassembler.format(instructions.get(e.getKey()), e.getKey()).replace('\t', ' '),
            e.getValue()[0])).toList();
  }

  public List<Loop> loops(int n) {
    List<Loop> loops = new ArrayList<>();
    for (var e : backEdges.entrySet()) {
      int start = (int) (e.getKey() >>> 32);
      int end = (int) (long) e.getKey();
      long inside = 0;
      for (var c : counts.entrySet()) {
        if (Integer.compareUnsigned(c.getKey(), start) >= 0 && Integer.compareUnsigned(c.getKey(), end) <= 0) {
          inside += c.getValue()[0];
        }
      }
      loops.add(new Loop(start, end, e.getValue()[0], inside));
    }
    loops.sort(Comparator.comparingLong((Loop l) -> -l.retiredInside()).thenComparingInt(Loop::start));
    return loops.subList(0, Math.min(n, loops.size()));
  }

  /** The report {@code blitz sim --profile} prints. */
  public String report(int n) {
    StringBuilder b = new StringBuilder();
    b.append("hottest instructions (of ").append(total).append(" retired):\n");
    for (Hot h : hottest(n)) {
      b.append(String.format(Locale.ROOT, "  %08x  %12d  %5.1f%%  %s%n", h.pc(), h.count(), 100.0 * h.count() / total, h.disassembly()));
    }
    b.append("hottest loops:\n");
    List<Loop> loops = loops(n);
    if (loops.isEmpty()) {
      b.append("  (none)\n");
    }
    for (Loop l : loops) {
      b.append(String.format(Locale.ROOT, "  %08x-%08x  %12d iterations  %5.1f%% of instructions%n", l.start(), l.end(),
          l.iterations(), 100.0 * l.retiredInside() / total));
    }
    return b.toString();
  }
}
