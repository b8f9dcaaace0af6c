package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.FmaxModel;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a folding and, when the placed design misses its clock, rebuilds it with its adder trees
 * pipelined more deeply (a register every {@code K} adder levels: 4, then 2, then 1), until it
 * meets the clock. On the iCE40 an adder level (carry chain, LUT, routing) costs several
 * nanoseconds, so the default of a register every 4 levels limits Fmax when an engine sums 9 or
 * more leaves a cycle; a deeper pipeline costs a few flip-flops and one cycle of latency per stage
 * (the performance model counts them), not throughput. A rebuild is tried only when it adds a
 * pipeline stage to some engine, and the search stops when a rebuild does not raise Fmax (the
 * critical path then lies outside the adder trees), when the design does not fit, or when the
 * fabric has no place and route (no Fmax to close on). A pipelining whose Fmax estimate ({@link
 * FmaxModel}) misses the clock even at the optimistic end of the estimate's measured error is not
 * built at all.
 */
public final class TimingClosure {
  private TimingClosure() {}

  /** The builds in order; {@link #outcome} is the one to report. */
  public record Result(List<FpgaOutcome> builds) {
    public Result {
      builds = List.copyOf(builds);
    }

    /** The last build, or the one before it when the last (deeper) one no longer fits the device. */
    public FpgaOutcome outcome() {
      FpgaOutcome last = builds.get(builds.size() - 1);
      return last.fits() || builds.size() == 1 ? last : builds.get(builds.size() - 2);
    }
  }

  /**
   * Builds {@code plan} for {@code target}, deepening its pipeline until it meets the clock; {@code
   * onRebuild} hears why each build after the first was made, and why a deeper build was dropped.
   */
  public static Result close(Network network, FoldingPlan plan, FpgaTarget target, Workspace workspace,
      Consumer<String> onRebuild) {
    var builds = new ArrayList<FpgaOutcome>();
    FoldingPlan current = plan;
    for (Optional<FoldingPlan> deeper = deeper(current); deeper.isPresent() && hopeless(current, target);
        deeper = deeper(current)) {
      onRebuild.accept(String.format(Locale.ROOT, "with %s %s is estimated at %.2f MHz, at most %.2f within the"
          + " estimate's measured error, below the %.2f MHz clock: starting with %s", registerEvery(current),
          network.name(), FmaxModel.fmaxMhz(current, FmaxModel.ICE40),
          FmaxModel.fmaxMhz(current, FmaxModel.ICE40) * FmaxModel.ICE40.highestRatio(), target.clockMhz(),
          registerEvery(deeper.get())));
      current = deeper.get();
    }
    while (true) {
      FpgaOutcome outcome = FpgaFlow.run(FpgaProject.of(VerilogDesign.of(network, current), target), workspace);
      builds.add(outcome);
      if (builds.size() > 1 && !outcome.fits()) {
        onRebuild.accept(String.format(Locale.ROOT, "with %s %s no longer fits the %s: keeping the build with %s",
            registerEvery(current), network.name(), target.device().name(),
            registerEvery(builds.get(builds.size() - 2).project().design().plan())));
        return new Result(builds);
      }
      Optional<FoldingPlan> deeper = deeper(current);
      boolean missed = outcome.fits() && !outcome.timingMet().orElse(true);
      boolean improving = builds.size() < 2
          || outcome.fmaxMhz().orElse(0.0) > builds.get(builds.size() - 2).fmaxMhz().orElse(0.0);
      if (!missed || deeper.isEmpty() || !improving) {
        return new Result(builds);
      }
      onRebuild.accept(String.format(Locale.ROOT, "with %s %s reaches %.2f MHz, below the %.2f MHz clock: rebuilding"
          + " with %s", registerEvery(current), network.name(), outcome.fmaxMhz().get(), target.clockMhz(),
          registerEvery(deeper.get())));
      current = deeper.get();
    }
  }

  /**
   * Whether {@code plan} cannot meet the clock of {@code target} even at the optimistic end of the
   * Fmax estimate's measured error (iCE40: the only fabric placed and routed, and fitted).
   */
  static boolean hopeless(FoldingPlan plan, FpgaTarget target) {
    return target.device().family() == Family.ICE40
        && FmaxModel.fmaxMhz(plan, FmaxModel.ICE40) * FmaxModel.ICE40.highestRatio() < target.clockMhz();
  }

  /** How {@code plan}'s adder trees are pipelined, in words: "a register every 4 adder levels". */
  public static String registerEvery(FoldingPlan plan) {
    int k = plan.levelsPerStage();
    return k == 1 ? "a register after every adder level" : "a register every " + k + " adder levels";
  }

  /** {@code plan} with the deepest pipelining {@link #close} may build: every {@link #deeper} step taken. */
  static FoldingPlan deepest(FoldingPlan plan) {
    FoldingPlan p = plan;
    for (Optional<FoldingPlan> d = deeper(p); d.isPresent(); d = deeper(p)) {
      p = d.get();
    }
    return p;
  }

  /**
   * {@code plan} with the next deeper adder-tree pipelining that adds a stage to some engine: a
   * register every {@code K} levels, {@code K} halved from the plan's until it changes a stage
   * count; empty when even {@code K = 1} changes none (every tree is as pipelined as it can be).
   */
  public static Optional<FoldingPlan> deeper(FoldingPlan plan) {
    for (int k = plan.levelsPerStage() / 2; k >= 1; k /= 2) {
      FoldingPlan candidate = plan.withLevelsPerStage(k);
      for (int i = 0; i < plan.engines().size(); i++) {
        if (candidate.pipelineStages(i) != plan.pipelineStages(i)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
