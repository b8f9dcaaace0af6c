package dev.brainblitz.hdlgen;

import java.util.Locale;

/**
 * How often the harness withholds a handshake at random: {@code in} is the chance per cycle that
 * {@code in_valid} is dropped, {@code out} that {@code out_ready} is dropped. Each lies in [0, 1):
 * at 1 nothing would ever move.
 */
public record StallRates(double in, double out) {
  /** No stalls: the steady state the II and latency are measured in. */
  public static final StallRates NONE = new StallRates(0, 0);
  /** What a bare {@code --stalls} means. */
  public static final StallRates DEFAULT = new StallRates(0.3, 0.3);

  public StallRates {
    check("in", in);
    check("out", out);
  }

  private static void check(String which, double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("stall rate " + which + "=" + format(rate) + " is outside [0, 1)");
    }
  }

  public boolean any() {
    return in > 0 || out > 0;
  }

  /**
   * Parses {@code RATE} (both sides) or {@code in=RATE,out=RATE} (either or both; a side not named
   * never stalls), e.g. {@code 0.3} or {@code in=0.2,out=0.5}. Throws
   * {@link IllegalArgumentException} with a message for the user.
   */
  public static StallRates parse(String text) {
    String t = text.trim();
    if (!t.contains("=")) {
      double rate = number(t, text);
      return new StallRates(rate, rate);
    }
    double in = 0;
    double out = 0;
    boolean sawIn = false;
    boolean sawOut = false;
    for (String part : t.split(",", -1)) {
      String[] kv = part.split("=", -1);
      String key = kv[0].trim();
      if (kv.length != 2 || !(key.equals("in") || key.equals("out"))) {
        throw new IllegalArgumentException("'" + text + "' is not a stall rate: write RATE or in=RATE,out=RATE, e.g. 0.3 or in=0.2,out=0.5");
      }
      if (key.equals("in") ? sawIn : sawOut) {
        throw new IllegalArgumentException("'" + text + "' names " + key + " twice");
      }
      double rate = number(kv[1].trim(), text);
      if (key.equals("in")) {
        in = rate;
        sawIn = true;
      } else {
        out = rate;
        sawOut = true;
      }
    }
    return new StallRates(in, out);
  }

  private static double number(String s, String text) {
    try {
      if (!s.matches("[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
        throw new NumberFormatException(s);
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a stall rate: write RATE or in=RATE,out=RATE with rates in "
          + "[0, 1), e.g. 0.3 or in=0.2,out=0.5");
    }
  }

  /** The form the harness takes on its command line (and {@link #parse} reads back). */
  static String format(double rate) {
    String s = String.format(Locale.ROOT, "%.6f", rate).replaceAll("0+$", "");
    return s.endsWith(".") ? s + "0" : s;
  }

  @Override
  public String toString() {
    return in == out ? format(in) : "in=" + format(in) + ",out=" + format(out);
  }
}
