package dev.brainblitz.riscv.lower;

import java.util.Locale;

/**
 * The text {@code blitz riscv --report} prints: per layer its method, weight words and static
 * instructions; the frame and data sizes; and, for a u8 input layer, the cost estimates behind the
 * choice between bit planes and add/sub.
 */
public final class KernelReport {
  private KernelReport() {}

  public static String render(LoweredKernel kernel) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%s for %s: stack %d bytes, .rodata %d bytes%n", kernel.function(),
        kernel.isa().keyword(), kernel.stackBytes(), kernel.rodataBytes()));
    s.append(String.format(Locale.ROOT, "%-22s %8s %8s %-10s %12s %12s%n", "layer", "inputs", "outputs", "method",
        "weight words", "static insns"));
    for (LoweredKernel.LayerInfo layer : kernel.layers()) {
      s.append(String.format(Locale.ROOT, "%-22s %8d %8d %-10s %12d %12d%n", layer.label(), layer.inputs(),
          layer.outputs(), layer.method().keyword(), layer.weightWords(),
          layer.staticInstructions()));
    }
    kernel.u8Method().ifPresent(e -> s.append("u8 layer: ").append(e.describe()).append('\n'));
    return s.toString();
  }
}
