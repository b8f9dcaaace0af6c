package dev.brainblitz.hdlgen;

import java.util.ArrayList;
import java.util.Locale;

/**
 * The per-layer report of {@code blitz verilog --report}: folding, cycles, adder-tree pipeline
 * stages, weight storage, ROM bits, the calibrated LUT/FF/block RAM estimates ({@link CostModel}) on
 * both fabrics (iCE40 LUT4 and EBR, Xilinx LUT6 and RAMB18), II, latency.
 */
public final class HardwareReport {
  private HardwareReport() {}

  public static String render(String model, FoldingPlan plan) {
    var ice40 = CostModel.Fabric.ICE40;
    var xilinx = CostModel.Fabric.XILINX;
    var out = new StringBuilder();
    String row = "%-12s %-6s %12s %6s %6s %8s %6s %7s %10s %9s %9s %5s %9s %9s %6s%n";
    out.append(String.format(Locale.ROOT, "hardware of %s%n", model));
    out.append(String.format(Locale.ROOT, row, "layer", "input", "MW x MH", "PE", "SIMD", "cycles", "stages", "weights",
        "ROM bits", "est. LUT4", "est. FF", "EBR", "est. LUT6", "est. FF", "RAMB18"));
    CostModel.Cost engines4 = CostModel.Cost.ZERO;
    CostModel.Cost engines6 = CostModel.Cost.ZERO;
    for (int i = 0; i < plan.engines().size(); i++) {
      Engine e = plan.engines().get(i);
      Fold f = plan.fold(i);
      WeightStorage storage = plan.weightStorage(i).resolve(e, f);
      CostModel.Cost c4 = CostModel.of(plan, i, ice40);
      CostModel.Cost c6 = CostModel.of(plan, i, xilinx);
      engines4 = engines4.plus(c4);
      engines6 = engines6.plus(c6);
      out.append(String.format(Locale.ROOT, row, e.name(), e.inputKind().keyword(), e.inputs() + " x " + e.outputs(),
          f.pe(), f.simd(), PerformanceModel.cycles(e, f), plan.pipelineStages(i), storage.keyword(), c4.romBits(),
          c4.luts(), c4.flipFlops(), c4.blockRams(), c6.luts(), c6.flipFlops(), c6.blockRams()));
    }
    CostModel.Cost total4 = CostModel.of(plan, ice40);
    CostModel.Cost total6 = CostModel.of(plan, xilinx);
    out.append(String.format(Locale.ROOT, row, "links+argmax", "", "", "", "", "", "", "", "",
        total4.luts() - engines4.luts(), total4.flipFlops() - engines4.flipFlops(), "", total6.luts() - engines6.luts(),
        total6.flipFlops() - engines6.flipFlops(), ""));
    out.append(String.format(Locale.ROOT, row, "total", "", "", "", "", "", "", "", total4.romBits(), total4.luts(),
        total4.flipFlops(), total4.blockRams(), total6.luts(), total6.flipFlops(), total6.blockRams()));
    for (int i = 0; i < plan.engines().size(); i++) {
      Engine e = plan.engines().get(i);
      if (e.isConv()) {
        var g = e.conv();
        EngineShape shape = EngineShape.of(plan, i);
        var window = new SlidingWindow(shape);
        StreamWindow lines = shape.stream();
        String buffer = lines != null && lines.inRam()
            ? String.format(Locale.ROOT, "line buffer %d bits: %d tap bits, delay lines %d x %d bits in block RAM%s",
                (long) lines.length() * lines.pixelBits(), lines.tapBits(), lines.delay(), lines.wordBits(),
                lines.narrow() ? String.format(Locale.ROOT, " as %d words of %d bits (%d cycles after each shift)",
                    (long) lines.delay() * lines.pieces(), StreamWindow.PIECE_BITS, lines.pieces()) : "")
            : lines != null
            ? String.format(Locale.ROOT, "line buffer %d bits", (long) lines.length() * lines.pixelBits())
            : String.format(Locale.ROOT, "frame buffer %d bits", window.bufferedBits());
        String pools = e.pools().isEmpty() ? ""
            : shape.pixelOut() ? "; then stream max-pools " + e.pools() + " -> " + e.linkMap().text() + ", one "
                + e.outputs() + "-bit pixel per beat to the link"
            : "; then max-pools " + e.pools() + " -> " + e.linkSize() + " bits to the link";
        String taps = shape.readsTaps() ? "; the engine reads its slices from the taps (no input buffer)" : "";
        out.append(String.format(Locale.ROOT, "%s: %dx%d stride %d %s, %s -> %s: %d pixels x %d folds; %s%s%s%n",
            e.name(), g.kernel(), g.kernel(), g.stride(), g.padding().text(e.inputKind()), g.in().text(), g.out().text(),
            e.pixels(), PerformanceModel.cycles(e, plan.fold(i)) / e.pixels(), buffer, taps, pools));
      }
    }
    if (plan.window() == ConvWindow.LINE) {
      out.append("convolution windows: line buffers, pixel-serial links (--conv-window line); II and latency from the"
          + " cycle model of the control (StreamTiming)\n");
    }
    long ii = plan.initiationInterval();
    out.append(String.format(Locale.ROOT, "initiation interval %d cycles; latency %d cycles; at 100 MHz %.4g vectors/s%n",
        ii, plan.latency(), 100e6 / ii));
    var deeper = new ArrayList<String>();
    var single = new ArrayList<String>();
    var pair = new ArrayList<String>();
    for (int i = 0; i < plan.engines().size(); i++) {
      int depth = TopModule.linkDepth(plan, i);
      String engine = plan.engines().get(i).name();
      if (depth > Widths.LINK_DEPTH) {
        deeper.add(engine + "'s " + depth);
      } else if (depth == 1) {
        single.add(engine);
      } else {
        pair.add(engine);
      }
    }
    var links = new ArrayList<String>();
    if (!single.isEmpty()) {
      links.add("1 entry behind " + String.join(", ", single) + " (both sides take 2 or more cycles a vector)");
    }
    if (!pair.isEmpty()) {
      links.add(Widths.LINK_DEPTH + " entries behind " + String.join(", ", pair));
    }
    if (!deeper.isEmpty()) {
      links.add("a pooled row behind a stream max-pool: " + String.join(", ", deeper));
    }
    out.append(String.format(Locale.ROOT, "adder trees: %s; link FIFOs: %s%n", plan.pipelining(),
        String.join("; ", links)));
    if (plan.dspSlices() > 0) {
      out.append(String.format(Locale.ROOT, "DSP slices: %d adder-tree nodes in the form of a Xilinx DSP48E1 each (the"
          + " LUT6 estimate takes off what Yosys was measured to save per adder bit they replace; on iCE40 the form is a"
          + " multiplier in logic, which the LUT4 estimate does not price)%n", plan.dspSlices()));
    }
    double fmax = FmaxModel.fmaxMhz(plan, FmaxModel.ICE40);
    double fmaxHx = FmaxModel.fmaxMhz(plan, FmaxModel.ICE40_HX);
    out.append(String.format(Locale.ROOT, "Fmax estimate on the iCE40 UP5K: %.1f MHz, %.4g vectors/s; on the HX1K and HX8K:"
        + " %.1f MHz, %.4g vectors/s (FmaxModel; its error against nextpnr-ice40 outside its fit: measured / estimate %s"
        + " on the UP5K, %s on the HX parts; 'blitz fpga' measures it)%n", fmax, fmax * 1e6 / ii, fmaxHx, fmaxHx * 1e6 / ii, FmaxModel.ICE40.ratioRange(),
        FmaxModel.ICE40_HX.ratioRange()));
    out.append("estimates: CostModel, calibrated against Yosys synth_ice40 (LUT4, EBR) and synth_xilinx (LUT6, RAMB18)\n");
    out.append("estimate error: ").append(CostModel.MEASURED_ERROR).append('\n');
    return out.toString();
  }
}
