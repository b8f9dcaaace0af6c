package dev.brainblitz.fpga;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.brainblitz.hdlgen.CostModel;
import dev.brainblitz.hdlgen.Engine;
import dev.brainblitz.hdlgen.FmaxModel;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.PerformanceModel;
import dev.brainblitz.hdlgen.WeightLoad;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report of one FPGA build: per resource what the tools measured for the engine and for the
 * whole design (engine and shell) against the device's capacity, whether it fits, the achieved
 * clock against the asked one, frames per second (Fmax / II), and next to each measured engine
 * figure today's estimate ({@link CostModel}) with the ratio measured / estimated. Rendered as a
 * table for the terminal and as JSON; both are deterministic (no paths, no times).
 */
public record FpgaReport(FpgaOutcome outcome, CostModel.Cost estimate, Map<String, String> toolVersions) {

  public static FpgaReport of(FpgaOutcome outcome, Map<String, String> toolVersions) {
    return new FpgaReport(outcome, estimate(outcome.project().design().plan(),
        outcome.project().target().device().family()), toolVersions);
  }

  /** {@link CostModel}'s estimate of the engine's top module of {@code plan} on a {@code family} device. */
  public static CostModel.Cost estimate(FoldingPlan plan, Family family) {
    return CostModel.of(plan, CostCalibration.fabric(family));
  }

  private FpgaProject project() {
    return outcome.project();
  }

  private FpgaTarget target() {
    return project().target();
  }

  /** Frames per second of the engine at its achieved Fmax: Fmax / II. */
  public Optional<Double> framesPerSecond() {
    long ii = project().design().plan().initiationInterval();
    return outcome.fmaxMhz().map(f -> f * 1e6 / ii);
  }

  /** Multiply-accumulates of one frame over the engines ({@link PerformanceModel#macs}: every output pixel of a convolution). */
  public long macsPerFrame() {
    return project().design().plan().engines().stream().mapToLong(PerformanceModel::macs).sum();
  }

  /**
   * MACs per clock cycle per engine LUT, the density FINN's papers compare designs by: MACs per
   * frame over the II, over the LUTs the tool counted for the engine; empty without LUTs.
   */
  public Optional<Double> macsPerCyclePerLut() {
    long luts = outcome.engine().luts();
    long ii = project().design().plan().initiationInterval();
    return luts == 0 ? Optional.empty() : Optional.of((double) macsPerFrame() / ii / luts);
  }

  private String where() {
    Device d = target().device();
    return d.name() + " (" + d.part() + "-" + target().packageName().toUpperCase(Locale.ROOT) + ")"
        + target().board().map(b -> " on the " + b.boardName() + " board top").orElse(", out of context behind the byte-stream shell");
  }

  /** The table for the terminal. */
  public String render() {
    var out = new StringBuilder();
    FoldingPlan plan = project().design().plan();
    out.append("fpga ").append(project().design().network().name()).append(" on the ").append(where()).append('\n');
    var folds = new ArrayList<String>();
    for (int i = 0; i < plan.engines().size(); i++) {
      Engine e = plan.engines().get(i);
      folds.add(e.name() + "=" + plan.fold(i) + " (" + PerformanceModel.cycles(e, plan.fold(i)) + " cycles)");
    }
    out.append("folding ").append(String.join(", ", folds)).append("; II ").append(plan.initiationInterval())
        .append(" cycles, latency ").append(plan.latency()).append(" cycles\n");
    var stages = new ArrayList<String>();
    for (int i = 0; i < plan.engines().size(); i++) {
      stages.add(plan.engines().get(i).name() + " " + plan.pipelineStages(i));
    }
    out.append("adder trees: ").append(plan.pipelining()).append(" (stages: ").append(String.join(", ", stages))
        .append(")").append(plan.dspSlices() > 0 ? "; " + plan.dspSlices() + " nodes summed in DSP slices" : "")
        .append("\n");
    out.append("weights: ").append(String.join(" ", plan.weightStorages(true))).append("\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"resource", "engine", "estimate", "ratio", "design", "available", "use"});
    Family family = target().device().family();
    Resources e = outcome.engine();
    Resources t = outcome.total();
    Resources cap = target().capacity();
    if (family == Family.XC7) {
      for (int size = 1; size <= 6; size++) {
        long engineLuts = e.lutsBySize().getOrDefault(size, 0L);
        long totalLuts = t.lutsBySize().getOrDefault(size, 0L);
        rows.add(new String[] {"  LUT" + size + (size == 6 ? " (and LUTRAM)" : ""), count(engineLuts), "", "",
            count(totalLuts), "", ""});
      }
    }
    rows.add(row(family == Family.ICE40 ? "LUT4" : "LUTs", e.luts(), Optional.of(estimate.luts()), t.luts(), cap.luts()));
    if (family == Family.XC7) {
      rows.add(row("  as memory", e.lutsAsMemory(), Optional.empty(), t.lutsAsMemory(), -1));
    }
    rows.add(row("flip-flops", e.flipFlops(), Optional.of(estimate.flipFlops()), t.flipFlops(), cap.flipFlops()));
    rows.add(row(family == Family.ICE40 ? "carries" : "CARRY4", e.carries(), Optional.empty(), t.carries(), cap.carries()));
    rows.add(row("block RAM " + family.blockRamUnit(), e.blockRams(), Optional.of(estimate.blockRams()), t.blockRams(), cap.blockRams()));
    if (family == Family.ICE40) {
      // one SB_SPRAM256KA per 16-bit column of each SPRAM weight memory (WeightLoad), none otherwise
      rows.add(row("SPRAM (256 kbit)", e.singlePortRams(), Optional.of((long) WeightLoad.blocks(project().design().plan())),
          t.singlePortRams(), cap.singlePortRams()));
    }
    rows.add(row(family == Family.ICE40 ? "DSP (SB_MAC16)" : "DSP48E1", e.dsps(), Optional.of(plan.dspSlices()), t.dsps(),
        cap.dsps()));
    rows.add(new String[] {"I/O pins", "", "", "", count(t.ios()), count(cap.ios()), percent(t.ios(), cap.ios())});
    outcome.placeRoute().ifPresent(pr -> {
      var lc = pr.utilization().get("ICESTORM_LC");
      if (lc != null) {
        // Without clocks nextpnr did not finish placing: its counts are the packer's.
        rows.add(new String[] {pr.clocks().isEmpty() ? "logic cells, packed" : "logic cells, placed", "", "", "",
            count(lc.used()), count(lc.available()),
            percent(lc.used(), lc.available())});
      }
    });
    out.append(table(rows));
    out.append("  (engine: the engine's top module alone; design: with the ")
        .append(target().board().isPresent() ? "board top (UART, shell)" : "byte-stream shell")
        .append("; estimate: CostModel, calibrated against Yosys (docs/hdl.md); ratio: measured / estimate)\n");
    if (!outcome.unmapped().isEmpty()) {
      out.append("cells of no primitive type: ").append(outcome.unmapped()).append('\n');
    }
    macsPerCyclePerLut().ifPresent(density -> out.append(String.format(Locale.ROOT,
        "density: %,d MACs per frame / II %d = %,.1f MACs per cycle; %.3f per engine LUT%n", macsPerFrame(),
        plan.initiationInterval(), (double) macsPerFrame() / plan.initiationInterval(), density)));
    out.append(outcome.fits() ? "fits the " + target().device().name() + "\n"
        : "does NOT fit the " + target().device().name() + ":\n  " + String.join("\n  ", outcome.overflows()) + "\n");
    out.append(timing());
    return out.toString();
  }

  /** The estimated Fmax of the engine's datapath on the target's iCE40 ({@link FmaxModel}), MHz. */
  private double fmaxEstimateMhz() {
    return FmaxModel.fmaxMhz(project().design().plan(), target().fmaxModel());
  }

  private String timing() {
    var out = new StringBuilder();
    String clock = String.format(Locale.ROOT, "%.2f MHz", target().clockMhz());
    if (target().pll().isPresent()) {
      clock += String.format(Locale.ROOT, " (PLL, %.2f MHz asked)", target().requestedMhz());
    } else if (target().board().isPresent()) {
      clock += " (board oscillator)";
    }
    if (outcome.fmaxMhz().isPresent()) {
      double fmax = outcome.fmaxMhz().get();
      out.append(String.format(Locale.ROOT, "Fmax %.2f MHz (nextpnr), clock %s: %s%n", fmax, clock,
          fmax >= target().clockMhz() ? "met" : "NOT met"));
      long ii = project().design().plan().initiationInterval();
      out.append(String.format(Locale.ROOT, "frames/s %.4g at Fmax (Fmax / II = %.2f MHz / %d cycles); %.4g at the clock%n",
          framesPerSecond().get(), fmax, ii, target().clockMhz() * 1e6 / ii));
      double estimate = fmaxEstimateMhz();
      out.append(String.format(Locale.ROOT, "  estimate %.2f MHz, ratio measured / estimate %.2f (FmaxModel; %s on designs"
          + " outside its fit, docs/fpga.md)%n", estimate, fmax / estimate, target().fmaxModel().ratioRange()));
    } else if (!target().device().family().placeAndRoute()) {
      out.append("no Fmax: the open flow has no place and route for the ").append(target().device().family().title())
          .append(" (synthesis only)\n");
    }
    return out.toString();
  }

  private static String[] row(String name, long engine, Optional<Long> estimate, long total, long available) {
    return new String[] {name, count(engine), estimate.map(FpgaReport::count).orElse("-"),
        estimate.map(est -> ratio(engine, est)).orElse("-"), count(total), available < 0 ? "" : count(available),
        available < 0 ? "" : percent(total, available)};
  }

  static String ratio(long measured, long estimated) {
    if (estimated == 0) {
      return measured == 0 ? "-" : "inf";
    }
    return String.format(Locale.ROOT, "%.2f", (double) measured / estimated);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String percent(long used, long available) {
    return available == 0 ? (used == 0 ? "-" : "inf") : String.format(Locale.ROOT, "%.1f%%", 100.0 * used / available);
  }

  private static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] r : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], r[c].length());
      }
    }
    var out = new StringBuilder();
    for (String[] r : rows) {
      var line = new StringBuilder("  ");
      for (int c = 0; c < columns; c++) {
        String cell = r[c];
        if (c == 0) {
          line.append(cell).append(" ".repeat(widths[c] - cell.length()));
        } else {
          line.append("  ").append(" ".repeat(widths[c] - cell.length())).append(cell);
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** The report as JSON (pretty-printed, fields in a fixed order). */
  public String json() {
    var root = new LinkedHashMap<String, Object>();
    FoldingPlan plan = project().design().plan();
    root.put("model", project().design().network().name());
    var device = new LinkedHashMap<String, Object>();
    device.put("name", target().device().name());
    device.put("part", target().device().part());
    device.put("package", target().packageName());
    device.put("family", target().device().family().name().toLowerCase(Locale.ROOT));
    root.put("device", device);
    root.put("board", target().board().map(Board::boardName).orElse(null));
    var folding = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < plan.engines().size(); i++) {
      var layer = new LinkedHashMap<String, Object>();
      layer.put("layer", plan.engines().get(i).name());
      layer.put("pe", plan.fold(i).pe());
      layer.put("simd", plan.fold(i).simd());
      layer.put("cycles", PerformanceModel.cycles(plan.engines().get(i), plan.fold(i)));
      layer.put("pipelineStages", plan.pipelineStages(i));
      layer.put("weights", plan.weightStorage(i).keyword());
      folding.add(layer);
    }
    root.put("folding", folding);
    root.put("adderLevelsPerStage", plan.levelsPerStage());
    root.put("dspAdders", plan.dspAdders());
    root.put("initiationInterval", plan.initiationInterval());
    root.put("latency", plan.latency());
    var estimated = new LinkedHashMap<String, Object>();
    estimated.put("luts", estimate.luts());
    estimated.put("flipFlops", estimate.flipFlops());
    estimated.put("romBits", estimate.romBits());
    estimated.put("blockRams", estimate.blockRams());
    estimated.put("dsps", plan.dspSlices());
    var engine = resources(outcome.engine());
    engine.put("estimate", estimated);
    var ratios = new LinkedHashMap<String, Object>();
    ratios.put("luts", ratioNumber(outcome.engine().luts(), estimate.luts()));
    ratios.put("flipFlops", ratioNumber(outcome.engine().flipFlops(), estimate.flipFlops()));
    ratios.put("dsps", ratioNumber(outcome.engine().dsps(), plan.dspSlices()));
    engine.put("measuredOverEstimate", ratios);
    root.put("engine", engine);
    root.put("design", resources(outcome.total()));
    root.put("available", resources(target().capacity()));
    root.put("macsPerFrame", macsPerFrame());
    root.put("macsPerCyclePerLut", macsPerCyclePerLut().map(d -> Math.round(1e4 * d) / 1e4).orElse(null));
    root.put("fits", outcome.fits());
    root.put("overflows", outcome.overflows());
    root.put("unmappedCells", outcome.unmapped());
    var timing = new LinkedHashMap<String, Object>();
    timing.put("clockMhz", target().clockMhz());
    timing.put("requestedMhz", target().requestedMhz());
    timing.put("pll", target().pll().map(p -> ordered("divr", p.divr(), "divf", p.divf(), "divq", p.divq(),
        "filterRange", p.filterRange())).orElse(null));
    timing.put("fmaxMhz", outcome.fmaxMhz().orElse(null));
    timing.put("fmaxEstimateMhz", target().device().fmaxModel().isPresent()
        ? Math.round(100 * fmaxEstimateMhz()) / 100.0 : null);
    timing.put("met", outcome.timingMet().orElse(null));
    timing.put("framesPerSecond", framesPerSecond().orElse(null));
    root.put("timing", timing);
    outcome.placeRoute().ifPresent(pr -> {
      var placed = new LinkedHashMap<String, Object>();
      pr.utilization().forEach((bel, u) -> {
        if (u.used() > 0) {
          placed.put(bel, ordered("used", u.used(), "available", u.available()));
        }
      });
      root.put("placed", placed);
    });
    root.put("bitstream", outcome.bitstream() ? FpgaProject.BITSTREAM : null);
    root.put("tools", toolVersions);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A map of the given keys and values, in that order. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    var map = new LinkedHashMap<String, Object>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Double ratioNumber(long measured, long estimated) {
    return estimated == 0 ? null : Math.round(1000.0 * measured / estimated) / 1000.0;
  }

  private static LinkedHashMap<String, Object> resources(Resources r) {
    var map = new LinkedHashMap<String, Object>();
    map.put("luts", r.luts());
    var bySize = new LinkedHashMap<String, Object>();
    r.lutsBySize().forEach((size, n) -> bySize.put("lut" + size, n));
    map.put("lutsBySize", bySize);
    map.put("lutsAsMemory", r.lutsAsMemory());
    map.put("flipFlops", r.flipFlops());
    map.put("carries", r.carries());
    map.put("blockRams", r.blockRams());
    map.put("singlePortRams", r.singlePortRams());
    map.put("dsps", r.dsps());
    map.put("ios", r.ios());
    return map;
  }
}
