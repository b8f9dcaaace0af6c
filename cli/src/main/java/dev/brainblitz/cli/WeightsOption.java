package dev.brainblitz.cli;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.WeightStorage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;

/**
 * The repeatable {@code --weights} option of the hardware commands: {@code STYLE} for every engine
 * ({@code auto}, {@code lut}, {@code bram} or {@code spram}; the last one given wins) and
 * {@code LAYER=STYLE} for one engine (for example {@code --weights fc1=spram}, the other engines as
 * the plain entry or {@code auto} says).
 */
final class WeightsOption {
  private WeightsOption() {}

  /** The description shared by the commands' {@code --weights}. */
  static final String DESCRIPTION = "Where engines keep their weights: auto (default: block RAM for memories of at least "
      + "128 words and 4096 bits, LUT ROM otherwise), lut, bram (read through a register, same II and latency), or spram "
      + "(iCE40 UP5K SB_SPRAM256KA, no initial contents: the top gets a weight-load port and takes the weights first; "
      + "docs/hdl.md); LAYER=STYLE for one layer (repeatable), e.g. --weights fc1=spram.";

  /** One {@code --weights} entry: {@code layer} null for every engine. */
  record Entry(String layer, WeightStorage storage) {}

  /** {@code STYLE} or {@code LAYER=STYLE}; anything else is a usage error. */
  static final class Converter implements CommandLine.ITypeConverter<Entry> {
    @Override
    public Entry convert(String value) {
      int eq = value.indexOf('=');
      String layer = eq < 0 ? null : value.substring(0, eq);
      if (layer != null && layer.isEmpty()) {
        throw new CommandLine.TypeConversionException("--weights LAYER=STYLE needs a layer name before '=', got '"
            + value + "'");
      }
      try {
        return new Entry(layer, WeightStorage.parse(value.substring(eq + 1)));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage()
            + (layer != null ? " (in '" + value + "')" : ""));
      }
    }
  }

  /** The storage of every engine not named: the last plain entry, or null when there is none. */
  static WeightStorage all(List<Entry> entries) {
    WeightStorage storage = null;
    for (Entry e : entries) {
      if (e.layer() == null) {
        storage = e.storage();
      }
    }
    return storage;
  }

  /** The named engines' storage (a later entry for the same layer wins). */
  static Map<String, WeightStorage> byLayer(List<Entry> entries) {
    Map<String, WeightStorage> named = new TreeMap<>();
    for (Entry e : entries) {
      if (e.layer() != null) {
        named.put(e.layer(), e.storage());
      }
    }
    return named;
  }

  /** {@code plan} with the entries' storage: the plain entry's for every engine (or the plan's own), the named engines' as named. */
  static FoldingPlan applyTo(FoldingPlan plan, List<Entry> entries) {
    WeightStorage storage = all(entries);
    return plan.withWeights(storage != null ? storage : plan.weights()).withLayerWeights(byLayer(entries));
  }

  /** Whether some entry asks for SPRAM. */
  static boolean asksForSpram(List<Entry> entries) {
    return entries.stream().anyMatch(e -> e.storage() == WeightStorage.SPRAM);
  }
}
