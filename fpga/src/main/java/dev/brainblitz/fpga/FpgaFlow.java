package dev.brainblitz.fpga;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs a project's steps in a workspace and reads what the tools measured: synthesis, then (iCE40)
 * place and route only when synthesis fits the device, then the bitstream only when the placed
 * design meets its clock. A design that does not fit, or misses its clock, is an outcome (the
 * caller decides whether that is an error, {@code --fit} moves on); a tool that fails for another
 * reason stops with its message.
 */
public final class FpgaFlow {
  private FpgaFlow() {}

  public static FpgaOutcome run(FpgaProject project, Workspace workspace) {
    Path run = workspace.prepare(project.files(), project.steps());
    FlowStep synthesis = project.step("yosys");
    workspace.run(run, synthesis);
    CellCounts cells = CellCounts.parse(read(run.resolve(FpgaProject.STAT)));
    Family family = project.target().device().family();
    Resources engine = CellCounts.resources(family, cells.module(project.design().topName()));
    int pins = project.target().board().map(b -> b.pins().size()).orElse(ShellVerilog.OOC_PINS);
    Resources total = CellCounts.resources(family, cells.design()).withIos(pins);
    var unmapped = CellCounts.unknown(family, cells.design());
    List<String> overflows = overflows(family, total, project.target().capacity());
    if (!overflows.isEmpty() || !family.placeAndRoute()) {
      return new FpgaOutcome(project, run, engine, total, unmapped, overflows, Optional.empty(), false);
    }
    FlowStep placeRoute = project.step("nextpnr");
    boolean finished;
    try {
      finished = workspace.run(run, placeRoute, Optional.of(workspace.placeLimit()));
    } catch (dev.brainblitz.ir.diag.DiagnosticException e) {
      String log = readQuietly(run.resolve(placeRoute.log()));
      var packed = packedUtilization(log);
      boolean overfull = packed.values().stream().anyMatch(u -> u.used() > u.available());
      if (overfull || PLACEMENT_FAILURE.matcher(log).find()) {
        var overflow = new ArrayList<String>();
        packed.forEach((bel, u) -> {
          if (u.used() > u.available()) {
            overflow.add(String.format(Locale.ROOT, "%s after packing (nextpnr): %,d used, %,d available (%.0f%%)", bel,
                u.used(), u.available(), 100.0 * u.used() / u.available()));
          }
        });
        if (overflow.isEmpty()) {
          overflow.add("nextpnr could not place the design:\n" + Workspace.toolMessage(run.resolve(placeRoute.log())));
        }
        return new FpgaOutcome(project, run, engine, total, unmapped, overflow,
            Optional.of(new PlaceRouteReport(new java.util.TreeMap<>(), packed)), false);
      }
      throw e;
    }
    if (!finished) {
      var packed = packedUtilization(readQuietly(run.resolve(placeRoute.log())));
      return new FpgaOutcome(project, run, engine, total, unmapped,
          List.of(placementStalled(workspace.placeLimit(), packed, run.resolve(placeRoute.log()))),
          Optional.of(new PlaceRouteReport(new java.util.TreeMap<>(), packed)), false);
    }
    PlaceRouteReport report = PlaceRouteReport.parse(read(run.resolve(FpgaProject.PLACE_ROUTE_REPORT)));
    var placed = new FpgaOutcome(project, run, engine, total, unmapped, overflows, Optional.of(report), false);
    if (!placed.timingMet().orElse(true)) {
      return placed;
    }
    workspace.run(run, project.step("icepack"));
    return new FpgaOutcome(project, run, engine, total, unmapped, overflows, Optional.of(report), true);
  }

  /**
   * What exceeds the device, one line per resource with used and available counts. On iCE40 a
   * logic cell holds one LUT4, one flip-flop and one carry, so each of them alone must fit; packing
   * may still fail, which place and route then reports.
   */
  static List<String> overflows(Family family, Resources used, Resources available) {
    var lines = new ArrayList<String>();
    String lut = family == Family.ICE40 ? "LUT4s (one per logic cell)" : "LUTs";
    check(lines, lut, used.luts(), available.luts());
    check(lines, family == Family.ICE40 ? "flip-flops (one per logic cell)" : "flip-flops", used.flipFlops(),
        available.flipFlops());
    check(lines, family == Family.ICE40 ? "carries (one per logic cell)" : "CARRY4s (one per slice)", used.carries(),
        available.carries());
    check(lines, family.blockRamUnit() + " block RAMs", used.blockRams(), available.blockRams());
    check(lines, "SPRAMs", used.singlePortRams(), available.singlePortRams());
    check(lines, "DSPs", used.dsps(), available.dsps());
    check(lines, "I/O pins", used.ios(), available.ios());
    return lines;
  }

  private static void check(List<String> lines, String what, long used, long available) {
    if (used > available) {
      lines.add(String.format(Locale.ROOT, "%s: %,d used, %,d available (%.0f%%)", what, used, available,
          available == 0 ? Double.POSITIVE_INFINITY : 100.0 * used / available));
    }
  }

  /**
   * Why a design whose place and route was stopped at the limit counts as not fitting: nextpnr-ice40
   * 0.4's analytical placer legalises cell by cell with no bound on its tries, and on dense designs
   * whose logic cells mostly hold flip-flops of a few dozen (clock, enable, reset) sets it never
   * finishes (docs/fpga.md, "Why fashion-up5k did not place").
   */
  static String placementStalled(java.time.Duration limit, java.util.SortedMap<String, PlaceRouteReport.Utilization>
      packed, Path log) {
    var cells = packed.get("ICESTORM_LC");
    String utilisation = cells == null ? "" : String.format(Locale.ROOT,
        " with %,d of %,d logic cells (%.0f%%) after packing", cells.used(), cells.available(),
        100.0 * cells.used() / cells.available());
    return "nextpnr-ice40 did not place the design within " + Workspace.minutes(limit) + utilisation
        + ": nextpnr 0.4's placer does not converge on some dense designs (docs/fpga.md, \"Why fashion-up5k did"
        + " not place\"); fold slower, or allow more time with " + Workspace.PLACE_MINUTES_VARIABLE + "=MINUTES"
        + " (its log: " + log + ")";
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What nextpnr-ice40 0.4 says when the cells do not fit the device (checked after packing, or while placing). */
  private static final java.util.regex.Pattern PLACEMENT_FAILURE = java.util.regex.Pattern.compile(
      "no BELs remaining|Unable to place cell|Unable to find legal placement|utilisation limit|Failed to expand region");

  private static final java.util.regex.Pattern UTILISATION =
      java.util.regex.Pattern.compile("^Info:\\s+(\\w+):\\s+(\\d+)/\\s*(\\d+)\\s+\\d+%", java.util.regex.Pattern.MULTILINE);

  /** The "Device utilisation" lines nextpnr logs after packing ({@code ICESTORM_LC: 1519/ 1280 118%}). */
  static java.util.SortedMap<String, PlaceRouteReport.Utilization> packedUtilization(String log) {
    var map = new java.util.TreeMap<String, PlaceRouteReport.Utilization>();
    UTILISATION.matcher(log).results().forEach(m -> map.put(m.group(1),
        new PlaceRouteReport.Utilization(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)))));
    return map;
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }
}
