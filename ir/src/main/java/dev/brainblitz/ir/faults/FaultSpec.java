package dev.brainblitz.ir.faults;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What bit errors to inject and the seed they are drawn from: a rate in [0, 1] per
 * {@link FaultClass} (absent classes are 0). The same spec gives the same faults on every executor;
 * docs/faults.md defines them. Written as {@code weights=1e-3,activations=1e-4} (commas or new lines
 * between entries, {@code #} comments, and in a file optionally {@code seed=S}).
 */
public record FaultSpec(Map<FaultClass, Double> rates, long seed) {
  public static final FaultSpec NONE = new FaultSpec(Map.of(), 0);

  public FaultSpec {
    EnumMap<FaultClass, Double> copy = new EnumMap<>(FaultClass.class);
    for (var e : rates.entrySet()) {
      double r = e.getValue();
      if (!(r >= 0 && r <= 1)) {
        throw new IllegalArgumentException("rate of " + e.getKey().keyword() + " outside [0, 1]: " + r);
      }
      if (r > 0) {
        copy.put(e.getKey(), r);
      }
    }
    rates = java.util.Collections.unmodifiableMap(copy);
  }

  /** A spec of one class. */
  public static FaultSpec of(FaultClass c, double rate, long seed) {
    return new FaultSpec(Map.of(c, rate), seed);
  }

  /** The rate of {@code c}, 0 when not asked for. */
  public double rate(FaultClass c) {
    return rates.getOrDefault(c, 0.0);
  }

  /** Whether no fault at all is asked for (every rate 0). */
  public boolean isNone() {
    return rates.isEmpty();
  }

  /** Whether some static class (weights, thresholds, stuck-at) has a rate above 0. */
  public boolean hasStatic() {
    return rates.keySet().stream().anyMatch(FaultClass::isStatic);
  }

  /** The same rates with another seed. */
  public FaultSpec withSeed(long newSeed) {
    return new FaultSpec(rates, newSeed);
  }

  /** The same spec with the rate of {@code c} replaced. */
  public FaultSpec with(FaultClass c, double rate) {
    EnumMap<FaultClass, Double> copy = new EnumMap<>(FaultClass.class);
    copy.putAll(rates);
    copy.put(c, rate);
    return new FaultSpec(copy, seed);
  }

  /** The transient activation faults of this spec, as the golden model and the engine take them. */
  public ActivationFaults activations() {
    return new ActivationFaults(rate(FaultClass.ACTIVATIONS), seed);
  }

  /** The canonical text: {@code class=rate} entries in the order of {@link FaultClass}, or {@code none}. */
  public String text() {
    if (rates.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (var e : rates.entrySet()) {
      parts.add(e.getKey().keyword() + "=" + formatRate(e.getValue()));
    }
    return String.join(",", parts);
  }

  /** A rate as the shortest text that reads back to it, e.g. {@code 1e-3}. */
  public static String formatRate(double rate) {
    if (rate == 0 || rate == 1) {
      return rate == 0 ? "0" : "1";
    }
    String sci = String.format(Locale.ROOT, "%.6e", rate).replaceAll("0+e", "e").replace(".e", "e")
        .replace("e-0", "e-").replace("e+00", "");
    return sci;
  }

  /**
   * Parses a spec written in {@code file} ({@code --faults} for the option's value). Entries are
   * {@code CLASS=RATE} separated by commas or line breaks; {@code #} starts a comment; the text
   * {@code none} (or nothing) asks for no faults; {@code seed=S} sets the seed (else
   * {@code defaultSeed}). Errors: FLT001 malformed text, FLT002 unknown class, FLT003 rate outside
   * [0, 1], FLT004 a class given twice, each at its line and column.
   */
  public static FaultSpec parse(String text, String file, long defaultSeed) {
    EnumMap<FaultClass, Double> rates = new EnumMap<>(FaultClass.class);
    Long seed = null;
    List<Diagnostic> errors = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    boolean any = false;
    for (int l = 0; l < lines.length; l++) {
      String line = lines[l];
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      int start = 0;
      while (start <= line.length()) {
        int comma = line.indexOf(',', start);
        int end = comma < 0 ? line.length() : comma;
        String entry = line.substring(start, end);
        int lead = 0;
        while (lead < entry.length() && Character.isWhitespace(entry.charAt(lead))) {
          lead++;
        }
        String trimmed = entry.strip();
        int column = start + lead + 1;
        SourceSpan at = SourceSpan.of(file, l + 1, column, Math.max(1, trimmed.length()));
        if (trimmed.isEmpty()) {
          if (comma >= 0) {
            errors.add(new Diagnostic(ErrorCode.FAULT_SYNTAX, at, "empty entry: expected CLASS=RATE, e.g. weights=1e-3"));
          }
        } else if (trimmed.equals("none")) {
          any = true;
        } else {
          any = true;
          int eq = trimmed.indexOf('=');
          if (eq < 0) {
            FaultClass named = FaultClass.of(trimmed);
            errors.add(new Diagnostic(named == null ? ErrorCode.FAULT_UNKNOWN_CLASS : ErrorCode.FAULT_SYNTAX, at,
                named == null ? unknown(trimmed) : "'" + trimmed + "' needs a rate: " + trimmed + "=RATE"));
          } else {
            String name = trimmed.substring(0, eq).strip();
            String value = trimmed.substring(eq + 1).strip();
            int valueColumn = column + trimmed.indexOf(value, eq + 1);
            SourceSpan valueAt = SourceSpan.of(file, l + 1, valueColumn, Math.max(1, value.length()));
            if (name.equals("seed")) {
              try {
                seed = Long.parseLong(value);
              } catch (NumberFormatException e) {
                errors.add(new Diagnostic(ErrorCode.FAULT_SYNTAX, valueAt, "seed '" + value + "' is not an integer"));
              }
            } else {
              FaultClass c = FaultClass.of(name);
              Double rate = number(value);
              if (c == null) {
                errors.add(new Diagnostic(ErrorCode.FAULT_UNKNOWN_CLASS, at, unknown(name)));
              } else if (rate == null) {
                errors.add(new Diagnostic(ErrorCode.FAULT_SYNTAX, valueAt,
                    "rate '" + value + "' of " + name + " is not a number (e.g. 1e-3 or 0.001)"));
              } else if (!(rate >= 0 && rate <= 1)) {
                errors.add(new Diagnostic(ErrorCode.FAULT_RATE_RANGE, valueAt,
                    "rate " + value + " of " + name + " is outside [0, 1]"));
              } else if (rates.containsKey(c)) {
                errors.add(new Diagnostic(ErrorCode.FAULT_DUPLICATE, at, name + " is given twice"));
              } else {
                rates.put(c, rate);
              }
            }
          }
        }
        if (comma < 0) {
          break;
        }
        start = comma + 1;
      }
    }
    if (!any && errors.isEmpty()) {
      errors.add(new Diagnostic(ErrorCode.FAULT_SYNTAX, SourceSpan.of(file, 1, 1, 1),
          "no fault classes: expected CLASS=RATE entries, e.g. weights=1e-3,activations=1e-4, or none"));
    }
    if (!errors.isEmpty()) {
      throw new DiagnosticException(errors, dev.brainblitz.ir.diag.SourceTexts.of(file, text));
    }
    return new FaultSpec(rates, seed != null ? seed : defaultSeed);
  }

  private static String unknown(String name) {
    List<String> known = new ArrayList<>();
    for (FaultClass c : FaultClass.values()) {
      known.add(c.keyword());
    }
    return "unknown fault class '" + name + "'; known: " + String.join(", ", known);
  }

  private static Double number(String value) {
    if (!value.matches("[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?|\\.[0-9]+([eE][-+]?[0-9]+)?")) {
      return null;
    }
    return Double.parseDouble(value);
  }
}
