package dev.brainblitz.hdlgen;

import java.util.Locale;

/**
 * The per-layer report of {@code blitz verilog --report}: folding, cycles, adder-tree pipeline
 * stages, ROM bits, LUT/FF estimates, II, latency.
 */
public final class HardwareReport {
  private HardwareReport() {}

  public static String render(String model, FoldingPlan plan) {
    var out = new StringBuilder();
    String row = "%-12s %-6s %12s %6s %6s %8s %6s %10s %10s %10s%n";
    out.append(String.format(Locale.ROOT, "hardware of %s%n", model));
    out.append(String.format(Locale.ROOT, row, "layer", "input", "MW x MH", "PE", "SIMD", "cycles", "stages", "ROM bits",
        "est. LUT", "est. FF"));
    long rom = 0;
    long luts = 0;
    long ffs = 0;
    for (int i = 0; i < plan.engines().size(); i++) {
      Engine e = plan.engines().get(i);
      Fold f = plan.fold(i);
      CostModel.Cost c = CostModel.of(e, f, plan.levelsPerStage());
      rom += c.romBits();
      luts += c.luts();
      ffs += c.flipFlops();
      out.append(String.format(Locale.ROOT, row, e.name(), e.inputKind().keyword(), e.inputs() + " x " + e.outputs(),
          f.pe(), f.simd(), PerformanceModel.cycles(e, f), plan.pipelineStages(i), c.romBits(), c.luts(), c.flipFlops()));
    }
    out.append(String.format(Locale.ROOT, row, "total", "", "", "", "", "", "", rom, luts, ffs));
    for (int i = 0; i < plan.engines().size(); i++) {
      Engine e = plan.engines().get(i);
      if (e.isConv()) {
        var g = e.conv();
        var window = new SlidingWindow(new EngineShape(e, plan.fold(i), plan.levelsPerStage()));
        out.append(String.format(Locale.ROOT, "%s: %dx%d stride %d %s, %s -> %s: %d pixels x %d folds; frame buffer %d bits%s%n",
            e.name(), g.kernel(), g.kernel(), g.stride(), g.padding().text(e.inputKind()), g.in().text(), g.out().text(),
            e.pixels(), PerformanceModel.cycles(e, plan.fold(i)) / e.pixels(), window.slides() ? window.frameBits() : 0,
            e.pools().isEmpty() ? "" : "; then max-pools " + e.pools() + " -> " + e.linkSize() + " bits to the link"));
      }
    }
    long ii = plan.initiationInterval();
    out.append(String.format(Locale.ROOT, "initiation interval %d cycles; latency %d cycles; at 100 MHz %.4g vectors/s%n",
        ii, plan.latency(), 100e6 / ii));
    out.append(String.format(Locale.ROOT, "adder trees: a pipeline register every %d levels; links: %d-entry FIFOs%n",
        plan.levelsPerStage(), Widths.LINK_DEPTH));
    return out.toString();
  }
}
