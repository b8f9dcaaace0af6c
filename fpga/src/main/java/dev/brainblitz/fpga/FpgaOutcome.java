package dev.brainblitz.fpga;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What the tools made of a project: the cells Yosys mapped the engine to and the whole design
 * (engine and shell), whether that fits the device (and if not, why, with the numbers), what
 * nextpnr measured when it placed and routed, and whether a bitstream was written. {@code
 * unmapped} lists cells of no primitive type (a memory Yosys could not map, say).
 */
public record FpgaOutcome(FpgaProject project, Path runDirectory, Resources engine, Resources total,
    SortedMap<String, Long> unmapped, List<String> overflows, Optional<PlaceRouteReport> placeRoute,
    boolean bitstream) {

  public FpgaOutcome {
    overflows = List.copyOf(overflows);
  }

  public boolean fits() {
    return overflows.isEmpty();
  }

  /** The achieved clock of the placed design, MHz (the slowest clock when there are several). */
  public Optional<Double> fmaxMhz() {
    return placeRoute.flatMap(PlaceRouteReport::slowestClock).map(PlaceRouteReport.Clock::achievedMhz);
  }

  /** Whether the placed design meets the clock it runs at; empty without place and route. */
  public Optional<Boolean> timingMet() {
    return fmaxMhz().map(f -> f >= project.target().clockMhz());
  }

  public Path file(String name) {
    return runDirectory.resolve(name);
  }
}
