package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.CostModel;
import dev.brainblitz.hdlgen.Engine;
import dev.brainblitz.hdlgen.FmaxModel;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.PerformanceModel;
import dev.brainblitz.hdlgen.ConvWindow;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.LineStorage;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code --fit}: the fastest folding that fits the device and meets the clock. Candidates are the
 * cheapest foldings for initiation intervals 1, 2, 4, ... up to fully folded, fastest first. A
 * candidate is built only when its estimate ({@link CostModel}), scaled by the largest ratio of
 * measured to estimated cells seen so far in this search (LUTs, or iCE40 logic cells after packing
 * when there are more of those), fits, and its block RAMs (counted exactly) fit; synthesis (and place and route)
 * confirm it, and a candidate that does not fit or misses the clock teaches the ratio and moves the
 * search to the next, slower one. A candidate whose Fmax estimate ({@link FmaxModel}, at its
 * deepest pipelining when the search may deepen it) misses the clock even at the optimistic end of
 * the estimate's measured error is skipped too. With {@code --weights auto}, a candidate whose
 * scaled estimate exceeds the device's LUTs, or comes within {@link WeightPlacement#HEADROOM} of them,
 * moves weight memories to block RAM when that makes it fit ({@link WeightPlacement}); a build of it that does not fit teaches the ratio, and the same folding
 * is tried again when the lesson moves more weights. Every candidate is reported, built or skipped.
 */
public final class FitSearch {
  private FitSearch() {}

  /** One candidate and what became of it: {@code outcome} is empty when it was skipped on its estimate. */
  public record Try(FoldingPlan plan, CostModel.Cost estimate, double lutScale, double flipFlopScale,
      Optional<FpgaOutcome> outcome, String verdict) {
    public boolean accepted() {
      return outcome.isPresent() && outcome.get().fits() && outcome.get().timingMet().orElse(true);
    }
  }

  /** The search's tries in order; the last is the accepted one when {@link #found} is true. */
  public record Result(List<Try> tries) {
    public Result {
      tries = List.copyOf(tries);
    }

    public boolean found() {
      return !tries.isEmpty() && tries.get(tries.size() - 1).accepted();
    }

    public Optional<FpgaOutcome> accepted() {
      return found() ? tries.get(tries.size() - 1).outcome() : Optional.empty();
    }
  }

  /** The candidate foldings, fastest first, one per distinct initiation interval. */
  public static List<FoldingPlan> candidates(Network network, int levelsPerStage, WeightStorage weights) {
    return candidates(network, levelsPerStage, weights, ConvWindow.FRAME);
  }

  /** The candidate foldings, fastest first, with the convolutions' windows as {@code window} says. */
  public static List<FoldingPlan> candidates(Network network, int levelsPerStage, WeightStorage weights,
      ConvWindow window) {
    return candidates(network, levelsPerStage, weights, window, InputPort.VECTOR);
  }

  /** The candidate foldings, fastest first, with the windows and the top's input as {@code window} and {@code port} say. */
  public static List<FoldingPlan> candidates(Network network, int levelsPerStage, WeightStorage weights,
      ConvWindow window, InputPort port) {
    return candidates(network, levelsPerStage, weights, window, port, LineStorage.AUTO);
  }

  /**
   * The candidate foldings, fastest first, with the windows, the top's input and the line buffers'
   * storage as {@code window}, {@code port} and {@code lines} say.
   */
  public static List<FoldingPlan> candidates(Network network, int levelsPerStage, WeightStorage weights,
      ConvWindow window, InputPort port, LineStorage lines) {
    return candidates(network, levelsPerStage, weights, window, port, lines, 0);
  }

  /** The same, each with up to {@code dspAdders} adder-tree nodes summed in DSP slices. */
  public static List<FoldingPlan> candidates(Network network, int levelsPerStage, WeightStorage weights,
      ConvWindow window, InputPort port, LineStorage lines, long dspAdders) {
    long slowest = 1;
    for (Engine e : Engine.of(network)) {
      slowest = Math.max(slowest, PerformanceModel.slowestCycles(e));
    }
    var plans = new ArrayList<FoldingPlan>();
    long lastIi = -1;
    for (long target = 1; ; target *= 2) {
      FoldingPlan plan = FoldingPlan.forTarget(network, Math.min(target, slowest)).withLevelsPerStage(levelsPerStage)
          .withWeights(weights).withWindow(window).withPort(port).withLines(lines).withDspAdders(dspAdders);
      if (plan.initiationInterval() != lastIi) {
        plans.add(plan);
        lastIi = plan.initiationInterval();
      }
      if (target >= slowest) {
        return plans;
      }
    }
  }

  /**
   * Searches for {@code network} on {@code target} (frame windows, vector input, automatic line
   * storage, no deeper pipelining), making at most {@code maxBuilds} builds; {@code onTry}
   * hears of each try as it ends.
   */
  public static Result search(Network network, FpgaTarget target, int levelsPerStage, WeightStorage weights,
      int maxBuilds, Workspace workspace, Consumer<Try> onTry) {
    return search(network, target, levelsPerStage, weights, ConvWindow.FRAME, InputPort.VECTOR, LineStorage.AUTO, 0,
        false, maxBuilds, workspace, onTry);
  }

  /**
   * Searches for {@code network} on {@code target} with the windows, the top's input and the line
   * buffers' storage as given and up to {@code dspAdders} adder-tree nodes summed in DSP slices,
   * making at most {@code maxBuilds} builds; with {@code closeTiming} a candidate that misses the
   * clock is first rebuilt with deeper adder-tree pipelining ({@link TimingClosure}), and moves the
   * search on only if that misses too.
   */
  public static Result search(Network network, FpgaTarget target, int levelsPerStage, WeightStorage weights,
      ConvWindow window, InputPort port, LineStorage lines, long dspAdders, boolean closeTiming, int maxBuilds,
      Workspace workspace, Consumer<Try> onTry) {
    Resources capacity = target.capacity();
    double lutScale = 1;
    double flipFlopScale = 1;
    var tries = new ArrayList<Try>();
    int builds = 0;
    for (FoldingPlan candidate : candidates(network, levelsPerStage, weights, window, port, lines, dspAdders)) {
      FoldingPlan previous = null;
      for (Optional<FoldingPlan> next = placed(candidate, null, target, lutScale); next.isPresent();
          next = placed(candidate, previous, target, lutScale)) {
        FoldingPlan plan = next.get();
        previous = plan;
        CostModel.Cost estimate = FpgaReport.estimate(plan, target.device().family());
        double luts = estimate.luts() * lutScale;
        double flipFlops = estimate.flipFlops() * flipFlopScale;
        Try t;
        // the fastest pipelining the search may build of this folding
        FoldingPlan fastest = closeTiming ? TimingClosure.deepest(plan) : plan;
        Optional<String> losesBytes = UartPace.problem(plan, network.name(), target);
        if (losesBytes.isPresent()) {
          t = new Try(plan, estimate, lutScale, flipFlopScale, Optional.empty(), "skipped: " + losesBytes.get());
        } else if (luts > capacity.luts() || flipFlops > capacity.flipFlops() || estimate.blockRams() > capacity.blockRams()) {
          t = new Try(plan, estimate, lutScale, flipFlopScale, Optional.empty(), String.format(Locale.ROOT,
              "skipped: estimate x measured ratio = %,.0f of %,d LUTs, %,.0f of %,d flip-flops; %,d of %,d block RAMs",
              luts, capacity.luts(), flipFlops, capacity.flipFlops(), estimate.blockRams(), capacity.blockRams()));
        } else if (TimingClosure.hopeless(fastest, target)) {
          t = new Try(plan, estimate, lutScale, flipFlopScale, Optional.empty(), String.format(Locale.ROOT,
              "skipped: Fmax estimate %.2f MHz with %s, at most %.2f within its measured error, below the %.2f MHz clock",
              FmaxModel.fmaxMhz(fastest, target.fmaxModel()), fastest.pipelining(),
              FmaxModel.optimisticFmaxMhz(fastest, target.fmaxModel()), target.clockMhz()));
        } else if (builds >= maxBuilds) {
          t = new Try(plan, estimate, lutScale, flipFlopScale, Optional.empty(),
              "not built: the search may make " + maxBuilds + " builds");
          tries.add(t);
          onTry.accept(t);
          return new Result(tries);
        } else {
          builds++;
          // the verdict names the pipelining built; the reasons of the closure's steps are not repeated
          FpgaOutcome outcome = closeTiming ? TimingClosure.close(network, plan, target, workspace, step -> { }).outcome()
              : FpgaFlow.run(FpgaProject.of(VerilogDesign.of(network, plan), target), workspace);
          FoldingPlan built = outcome.project().design().plan();
          String pipelined = built.levelsPerStage() == plan.levelsPerStage() ? "" : ", with " + built.pipelining();
          // the ratios are learnt against the estimate of what was built (deeper pipelining adds registers)
          CostModel.Cost builtEstimate = FpgaReport.estimate(built, target.device().family());
          long cells = Math.max(outcome.total().luts(), outcome.placeRoute().map(pr -> pr.used("ICESTORM_LC")).orElse(0L));
          lutScale = Math.max(lutScale, (double) cells / Math.max(1, builtEstimate.luts()));
          flipFlopScale = Math.max(flipFlopScale, (double) outcome.total().flipFlops() / Math.max(1, builtEstimate.flipFlops()));
          String verdict;
          if (!outcome.fits()) {
            verdict = "does not fit: " + String.join("; ", outcome.overflows());
          } else if (!outcome.timingMet().orElse(true)) {
            verdict = String.format(Locale.ROOT, "misses the clock: Fmax %.2f MHz < %.2f MHz", outcome.fmaxMhz().get(),
                target.clockMhz()) + pipelined;
          } else {
            verdict = outcome.fmaxMhz().map(f -> String.format(Locale.ROOT, "fits, Fmax %.2f MHz", f)).orElse("fits")
                + pipelined;
          }
          t = new Try(built, builtEstimate, lutScale, flipFlopScale, Optional.of(outcome), verdict);
        }
        tries.add(t);
        onTry.accept(t);
        if (t.accepted()) {
          return new Result(tries);
        }
        if (t.outcome().isEmpty() || t.outcome().get().fits()) {
          break; // only a build that did not fit may teach the placement to move more weights
        }
      }
    }
    return new Result(tries);
  }

  /**
   * The plan of {@code candidate} to try next: its weights placed for {@code target} under {@code
   * lutScale} ({@link WeightPlacement}). The first try ({@code previous} null) always has one; after
   * a build of {@code previous} that did not fit, only a placement that moves weights and differs
   * from {@code previous} is worth a try. The placement does not depend on the scale, only whether
   * it is made does, so a folding is tried at most twice: as auto sized it, then placed.
   */
  static Optional<FoldingPlan> placed(FoldingPlan candidate, FoldingPlan previous, FpgaTarget target, double lutScale) {
    WeightPlacement.Placement placement = WeightPlacement.place(candidate, target, lutScale);
    if (previous != null && (placement.moves().isEmpty() || placement.plan().equals(previous))) {
      return Optional.empty();
    }
    return Optional.of(placement.plan());
  }

  /** A one-line description of a try's folding: its II and {@link FoldingPlan#describeFolds}. */
  public static String describe(FoldingPlan plan) {
    return "II " + plan.initiationInterval() + " (" + plan.describeFolds() + ")";
  }
}
