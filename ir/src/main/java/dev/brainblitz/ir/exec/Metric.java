package dev.brainblitz.ir.exec;

import java.util.OptionalDouble;

/**
 * One measurement of an executor: a key naming what was measured (its row in a table), a unit and a
 * number; when the figure varied over the run, the largest value too ({@code value} is then the
 * smallest); and the figure the analytical model predicted, when there is one. Front ends format it
 * from these fields; nothing parses a display string.
 */
public record Metric(String key, Unit unit, double value, OptionalDouble max, OptionalDouble predicted) {

  /** The units executors measure in. */
  public enum Unit {
    CYCLES("cycles"),
    /** The mean over the vectors of one run. */
    CYCLES_PER_INFERENCE("cycles/inference"),
    /** The mean over the vectors of one run. */
    INSTRUCTIONS_PER_INFERENCE("instructions/inference"),
    /** The mean over the vectors of one run. */
    MICROSECONDS_PER_INFERENCE("us/inference"),
    /** Instructions retired in some layers per weight word of those layers. */
    INSTRUCTIONS_PER_WEIGHT_WORD("instructions/weight word"),
    /** Instructions retired in the u8 layer per weight word and input bit plane. */
    INSTRUCTIONS_PER_WEIGHT_WORD_PLANE("instructions/(weight word x plane)"),
    BYTES("bytes"),
    /** Cells of a synthesized netlist (LUTs, flip-flops). */
    CELLS("cells"),
    SECONDS("s"),
    VECTORS_PER_SECOND("vectors/s");

    private final String symbol;

    Unit(String symbol) {
      this.symbol = symbol;
    }

    /** How the unit is written, e.g. {@code cycles/inference}. */
    public String symbol() {
      return symbol;
    }
  }

  public Metric {
    if (max.isPresent() && max.getAsDouble() < value) {
      throw new IllegalArgumentException(key + ": largest value " + max.getAsDouble() + " below " + value);
    }
  }

  public static Metric of(String key, Unit unit, double value) {
    return new Metric(key, unit, value, OptionalDouble.empty(), OptionalDouble.empty());
  }

  /** The same metric varying from {@code value} to {@code largest} (no range when they are equal). */
  public Metric upTo(double largest) {
    return new Metric(key, unit, value, largest == value ? OptionalDouble.empty() : OptionalDouble.of(largest), predicted);
  }

  /** The same metric next to the figure the analytical model predicted. */
  public Metric predicted(double figure) {
    return new Metric(key, unit, value, max, OptionalDouble.of(figure));
  }
}
