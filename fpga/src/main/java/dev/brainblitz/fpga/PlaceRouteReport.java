package dev.brainblitz.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What nextpnr measured after place and route, read from its JSON report ({@code --report}):
 * per clock net the achieved Fmax and the requested frequency (MHz), and per BEL type the used and
 * available count (e.g. {@code ICESTORM_LC}, {@code ICESTORM_RAM}, {@code SB_IO}).
 */
public record PlaceRouteReport(SortedMap<String, Clock> clocks, SortedMap<String, Utilization> utilization) {

  public record Clock(double achievedMhz, double constraintMhz) {
    public boolean met() {
      return achievedMhz >= constraintMhz;
    }
  }

  public record Utilization(long used, long available) {}

  public PlaceRouteReport {
    clocks = Collections.unmodifiableSortedMap(new TreeMap<>(clocks));
    utilization = Collections.unmodifiableSortedMap(new TreeMap<>(utilization));
  }

  /** Reads nextpnr's JSON report. Throws {@link IllegalArgumentException} when it is not one. */
  public static PlaceRouteReport parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.path("utilization").isObject()) {
      throw new IllegalArgumentException("not a nextpnr report (no 'utilization')");
    }
    var clocks = new TreeMap<String, Clock>();
    for (var clock : root.path("fmax").properties()) {
      clocks.put(clock.getKey(), new Clock(clock.getValue().path("achieved").asDouble(),
          clock.getValue().path("constraint").asDouble()));
    }
    var utilization = new TreeMap<String, Utilization>();
    for (var bel : root.path("utilization").properties()) {
      utilization.put(bel.getKey(), new Utilization(bel.getValue().path("used").asLong(),
          bel.getValue().path("available").asLong()));
    }
    return new PlaceRouteReport(clocks, utilization);
  }

  /** The used count of a BEL type, 0 when the report does not list it. */
  public long used(String bel) {
    Utilization u = utilization.get(bel);
    return u == null ? 0 : u.used();
  }

  /**
   * The slowest clock (the design's Fmax when it has one clock; the board top with a PLL has the
   * PLL's output as its only clock with logic).
   */
  public java.util.Optional<Clock> slowestClock() {
    return clocks.values().stream().min(java.util.Comparator.comparingDouble(Clock::achievedMhz));
  }
}
