package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.diag.ErrorCode;
import java.util.List;

/**
 * A user's folding of one layer, {@code LAYER=PE,SIMD} (e.g. {@code fc1=4,32}), checked for syntax
 * when parsed; {@link FoldingPlan} checks the layer name and the range against the network.
 */
public record LayerFold(String layer, Fold fold) {

  /** Parses {@code LAYER=PE,SIMD}; a malformed entry is an {@link ErrorCode#FOLD_SYNTAX} or {@link ErrorCode#FOLD_RANGE} error. */
  public static LayerFold parse(String entry) {
    String[] parts = entry.split("=", -1);
    String[] numbers = parts.length == 2 ? parts[1].split(",", -1) : new String[0];
    if (parts.length != 2 || numbers.length != 2) {
      throw FoldingPlan.error(ErrorCode.FOLD_SYNTAX, "folding '" + entry + "' is not LAYER=PE,SIMD (e.g. fc1=4,32)");
    }
    int pe;
    int simd;
    try {
      pe = Integer.parseInt(numbers[0].trim());
      simd = Integer.parseInt(numbers[1].trim());
    } catch (NumberFormatException e) {
      throw FoldingPlan.error(ErrorCode.FOLD_SYNTAX, "folding '" + entry + "': PE and SIMD must be integers");
    }
    if (pe < 1 || simd < 1) {
      throw FoldingPlan.error(ErrorCode.FOLD_RANGE, "folding '" + entry + "': PE and SIMD must be at least 1");
    }
    return new LayerFold(parts[0].trim(), new Fold(pe, simd));
  }

  public static List<LayerFold> parseAll(List<String> entries) {
    return entries.stream().map(LayerFold::parse).toList();
  }

  @Override
  public String toString() {
    return layer + "=" + fold;
  }
}
