package dev.brainblitz.riscv.lower;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ThresholdTable;
import java.util.List;

/**
 * One layer as a {@link LayerEmitter} lowers it: its label (where its code starts; its data is at
 * {@code <label>_data}), its weights, and what it produces. A hidden layer has {@code thresholds}
 * and writes its packed bits to the activation buffer at {@code target}; the scores layer has
 * {@code bias} (thresholds null) and writes the caller's scores.
 *
 * @param source where its input is: the caller's vector (-1) or an activation buffer's frame offset
 */
record LayerCode(String label, BitMatrix weights, ThresholdTable thresholds, List<Integer> bias, int source, int target) {

  boolean hidden() {
    return thresholds != null;
  }

  /** The label of the layer's .rodata stream. */
  String dataLabel() {
    return label + "_data";
  }
}
