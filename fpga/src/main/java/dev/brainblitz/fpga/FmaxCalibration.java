package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.FmaxModel;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.VerilogDesign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The calibration kit of {@link FmaxModel}: {@link CostCalibration}'s designs that fit the iCE40
 * UP5K, each placed and routed by nextpnr-ice40 with its default adder-tree pipelining and with
 * every deeper one {@link TimingClosure} would try, and the estimate next to nextpnr's Fmax; the
 * same designs on an HX part measure {@link FmaxModel#ICE40_HX}'s speed-up. {@code bench/fpga/fmax}
 * runs {@link #main} and fits the weights; the test checks a few designs.
 */
public final class FmaxCalibration {
  private FmaxCalibration() {}

  /** Designs whose estimate exceeds this many LUT4s are left out (the UP5K has 5,280 logic cells). */
  static final long MAX_LUTS = 4500;

  /** A design placed and routed: nextpnr's Fmax and the estimate. */
  public record Sample(String set, String design, FoldingPlan plan, double measuredMhz, double estimateMhz) {
    public double ratio() {
      return measuredMhz / estimateMhz;
    }
  }

  /** The plan and every deeper pipelining of it that {@link TimingClosure} would try, in that order. */
  static List<FoldingPlan> pipelinings(FoldingPlan plan) {
    var plans = new ArrayList<FoldingPlan>();
    for (Optional<FoldingPlan> p = Optional.of(plan); p.isPresent(); p = TimingClosure.deeper(p.get())) {
      plans.add(p.get());
    }
    return plans;
  }

  /** Places and routes {@code plan} on {@code device} at 12 MHz; empty when it does not fit. */
  static Optional<Sample> measure(String set, CostCalibration.Design design, FoldingPlan plan, Device device,
      Workspace workspace) {
    FpgaTarget target = FpgaTarget.of(device, FpgaTarget.DEFAULT_MHZ);
    FpgaOutcome outcome = FpgaFlow.run(FpgaProject.of(VerilogDesign.of(design.network(), plan), target), workspace);
    return outcome.fmaxMhz().map(f -> new Sample(set, design.name(), plan, f, FmaxModel.fmaxMhz(plan, target.fmaxModel())));
  }

  /** The CSV header: one row per datapath path of a sample, with the sample's measured Fmax. */
  public static String csvHeader() {
    return "set,design,levelsPerStage,measuredMhz,engine," + String.join(",", FmaxModel.TERMS);
  }

  /** The CSV rows of a sample, one per path. */
  public static List<String> csvRows(Sample s) {
    var rows = new ArrayList<String>();
    for (FmaxModel.Path p : FmaxModel.paths(s.plan())) {
      var fields = new ArrayList<String>(List.of(s.set(), s.design(), Integer.toString(s.plan().levelsPerStage()),
          String.format(Locale.ROOT, "%.3f", s.measuredMhz()), p.engine()));
      for (double t : p.terms()) {
        fields.add(Long.toString((long) t));
      }
      rows.add(String.join(",", fields));
    }
    return rows;
  }

  /**
   * {@code FmaxCalibration [--csv FILE] [--kind dense|conv|all] [--min-levels K] [--device D]
   * [EXAMPLES_DIR]}: places and routes the sets' designs of that kind (run from the repository
   * root) on the iCE40 {@code D} (default up5k), each with pipelinings down to a register every
   * {@code K} levels (default 1), and prints measured vs estimated Fmax with the ratio ranges per set.
   */
  public static void main(String[] args) throws Exception {
    Path csvFile = null;
    Path examples = Path.of("examples", "models");
    String kind = "all";
    int minLevels = 1;
    Optional<Device> device = Device.find("up5k");
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--csv" -> csvFile = Path.of(args[++i]);
          case "--kind" -> kind = args[++i];
          case "--min-levels" -> minLevels = Integer.parseInt(args[++i]);
          case "--device" -> device = Device.find(args[++i]).filter(d -> d.fmaxModel().isPresent());
          default -> examples = Path.of(args[i]);
        }
      }
    } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
      minLevels = 0;
    }
    if (!List.of("dense", "conv", "all").contains(kind) || minLevels < 1 || device.isEmpty()) {
      System.err.println("usage: FmaxCalibration [--csv FILE] [--kind dense|conv|all] [--min-levels K >= 1] "
          + "[--device up5k|hx8k|hx1k] [EXAMPLES_DIR]");
      System.exit(2);
    }
    var workspace = new Workspace(Workspace.defaultDirectory(), Toolchain.fromEnvironment(), message -> {},
        Duration.ofMinutes(3));
    var csv = new StringBuilder(csvHeader()).append('\n');
    for (String set : List.of("training", "held-out", "validation")) {
      List<CostCalibration.Design> designs = switch (set) {
        case "training" -> CostCalibration.training(examples);
        case "held-out" -> CostCalibration.heldOut(examples);
        default -> CostCalibration.validation(examples);
      };
      System.out.println("== " + set + " set, " + device.get().name() + ": nextpnr-ice40's Fmax against the estimate (MHz)");
      var samples = new ArrayList<Sample>();
      for (CostCalibration.Design d : designs) {
        var estimate = FpgaReport.estimate(d.plan(), Family.ICE40);
        boolean conv = CostCalibration.isConv(d);
        if (estimate.luts() > MAX_LUTS || estimate.blockRams() > Math.min(30, device.get().capacity().blockRams())
            || kind.equals(conv ? "dense" : "conv")) {
          continue;
        }
        for (FoldingPlan plan : pipelinings(d.plan())) {
          if (plan.levelsPerStage() < minLevels) {
            break;
          }
          Optional<Sample> s = measure(set, d, plan, device.get(), workspace);
          if (s.isEmpty()) {
            break;
          }
          samples.add(s.get());
          System.out.println(String.format(Locale.ROOT, "%-34s K=%d  %7.2f  %7.2f  %5.2f", d.name(),
              plan.levelsPerStage(), s.get().measuredMhz(), s.get().estimateMhz(), s.get().ratio()));
          csvRows(s.get()).forEach(r -> csv.append(r).append('\n'));
          if (csvFile != null) {
            Files.writeString(csvFile, csv.toString());
          }
        }
      }
      double lo = samples.stream().mapToDouble(Sample::ratio).min().orElse(Double.NaN);
      double hi = samples.stream().mapToDouble(Sample::ratio).max().orElse(Double.NaN);
      System.out.println(String.format(Locale.ROOT, "%s: %d builds; Fmax ratio (measured / estimate) %.2f..%.2f%n", set,
          samples.size(), lo, hi));
    }
  }
}
