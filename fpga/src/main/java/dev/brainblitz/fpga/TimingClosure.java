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
 * meets the clock. On the iCE40 every adder level puts a LUT, a carry chain and routing on the
 * path, so the default of a register every 4 levels can bound Fmax even for a tree of a few leaves
 * (tiny at II 1: 57.78 MHz, 66.25 with a register every 2 levels); a deeper pipeline costs
 * flip-flops and one cycle of latency per stage (the performance model counts them), not
 * throughput. A rebuild is tried only when it adds a pipeline stage to some engine. The search
 * stops when the design meets the clock, when a rebuild does not raise Fmax (the critical path then
 * lies outside the adder trees) or no longer fits (the previous build is kept in both cases), and
 * when the fabric has no place and route (no Fmax to close on). A pipelining whose Fmax estimate
 * ({@link FmaxModel}) misses the clock even at the optimistic end of the estimate's measured error
 * is not built, unless it is the deepest: that one is built to measure it.
 */
public final class TimingClosure {
  private TimingClosure() {}

  /** The builds in order and the one to report: the last, or the one before it (see the class). */
  public record Result(List<FpgaOutcome> builds, int chosen) {
    public Result {
      builds = List.copyOf(builds);
      if (chosen < 0 || chosen >= builds.size()) {
        throw new IllegalArgumentException("build " + chosen + " of " + builds.size());
      }
    }

    public FpgaOutcome outcome() {
      return builds.get(chosen);
    }
  }

  /**
   * Builds {@code plan} for {@code target}, deepening its pipeline until it meets the clock; {@code
   * onStep} hears why a pipelining was skipped or rebuilt, and why a build was not kept.
   */
  public static Result close(Network network, FoldingPlan plan, FpgaTarget target, Workspace workspace,
      Consumer<String> onStep) {
    FoldingPlan current = plan;
    for (Optional<FoldingPlan> deeper = deeper(current); deeper.isPresent() && hopeless(current, target);
        deeper = deeper(current)) {
      onStep.accept(String.format(Locale.ROOT, "with %s %s is estimated at %.2f MHz, at most %.2f within the"
          + " estimate's measured error, below the %.2f MHz clock: moving on to %s", current.pipelining(),
          network.name(), FmaxModel.fmaxMhz(current, target.fmaxModel()),
          FmaxModel.optimisticFmaxMhz(current, target.fmaxModel()), target.clockMhz(), deeper.get().pipelining()));
      current = deeper.get();
    }
    var builds = new ArrayList<FpgaOutcome>();
    while (true) {
      FpgaOutcome outcome = FpgaFlow.run(FpgaProject.of(VerilogDesign.of(network, current), target), workspace);
      builds.add(outcome);
      int last = builds.size() - 1;
      if (last > 0) {
        FpgaOutcome previous = builds.get(last - 1);
        String kept = previous.project().design().plan().pipelining();
        if (!outcome.fits()) {
          onStep.accept(String.format(Locale.ROOT, "with %s %s no longer fits the %s: keeping the build with %s",
              current.pipelining(), network.name(), target.device().name(), kept));
          return new Result(builds, last - 1);
        }
        if (outcome.fmaxMhz().orElse(0.0) <= previous.fmaxMhz().orElse(0.0)) {
          onStep.accept(String.format(Locale.ROOT, "with %s %s reaches %.2f MHz, no more than %.2f with %s: keeping"
              + " that build", current.pipelining(), network.name(), outcome.fmaxMhz().orElse(0.0),
              previous.fmaxMhz().orElse(0.0), kept));
          return new Result(builds, last - 1);
        }
      }
      Optional<FoldingPlan> deeper = deeper(current);
      boolean missed = outcome.fits() && !outcome.timingMet().orElse(true);
      if (!missed || deeper.isEmpty()) {
        return new Result(builds, last);
      }
      onStep.accept(String.format(Locale.ROOT, "with %s %s reaches %.2f MHz, below the %.2f MHz clock: rebuilding"
          + " with %s", current.pipelining(), network.name(), outcome.fmaxMhz().get(), target.clockMhz(),
          deeper.get().pipelining()));
      current = deeper.get();
    }
  }

  /**
   * Whether {@code plan} cannot meet the clock of {@code target} even at the optimistic end of the
   * Fmax estimate's measured error on its device (iCE40: the only fabric placed and routed, and
   * fitted).
   */
  static boolean hopeless(FoldingPlan plan, FpgaTarget target) {
    return target.device().fmaxModel().isPresent()
        && FmaxModel.optimisticFmaxMhz(plan, target.fmaxModel()) < target.clockMhz();
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
