package dev.brainblitz.sim.iss;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code KEY=VALUE,...} options of a timing spec ({@link TimingModel#parse}): parsed once, read
 * by the model, and any option no model read is an error, so a misspelt key never passes silently.
 */
final class TimingOptions {
  private final String model;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, Boolean> read = new LinkedHashMap<>();

  /** {@code text} is what follows the colon, or null when the spec has none. */
  TimingOptions(String model, String text) {
    this.model = model;
    if (text == null) {
      return;
    }
    for (String item : text.split(",", -1)) {
      int eq = item.indexOf('=');
      String key = (eq < 0 ? item : item.substring(0, eq)).trim();
      if (eq < 0 || key.isEmpty()) {
        throw new IllegalArgumentException("timing model " + model + ": '" + item + "' is not KEY=VALUE");
      }
      if (values.put(key, item.substring(eq + 1).trim()) != null) {
        throw new IllegalArgumentException("timing model " + model + ": option " + key + " is given twice");
      }
      read.put(key, false);
    }
  }

  boolean given(String key) {
    return values.containsKey(key);
  }

  /** The option's value, an integer in [min, max], or null when it is not given. */
  Integer integer(String key, int min, int max) {
    String text = values.get(key);
    if (text == null) {
      return null;
    }
    read.put(key, true);
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      value = Integer.MIN_VALUE;
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException("timing model " + model + ": " + key + " must be an integer from " + min + " to "
          + max + ", not '" + text + "'");
    }
    return value;
  }

  /** The option's value, 0 or 1, or {@code otherwise} when it is not given. */
  boolean flag(String key, boolean otherwise) {
    Integer value = integer(key, 0, 1);
    return value == null ? otherwise : value == 1;
  }

  /** Fails on any option the model did not read; {@code known} describes the ones it has. */
  void rejectUnused(String known) {
    for (var e : read.entrySet()) {
      if (!e.getValue()) {
        throw new IllegalArgumentException("timing model " + model + " has no option '" + e.getKey() + "' (options: "
            + known + ")");
      }
    }
  }
}
