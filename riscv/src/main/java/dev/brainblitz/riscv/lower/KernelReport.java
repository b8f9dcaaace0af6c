package dev.brainblitz.riscv.lower;

import java.util.Locale;

/**
 * The text {@code blitz riscv --report} prints: per layer its method, weight words and static
 * instructions; the frame and data sizes; and, for a u8 input layer, the cost estimate behind the
 * choice of bit planes over add/sub.
 */
public final class KernelReport {
  private KernelReport() {}

  /**
   * Estimated instructions per neuron per 32 u8 inputs. Bit planes: the 8 plane words of a column are
   * loaded once per block of neurons (2 neurons, 1 on rv32im), the weight word once, then 8 popcount
   * steps (xnorpopacc: 1; xnor + cpop + add: 3; SWAR: 12). Add/sub: per element a byte load, the
   * weight bit turned into a mask (slli, srai), a conditional negate (xor, sub) and an add: 6, whatever
   * the ISA, since no popcount instruction helps.
   */
  public static double bitPlaneCost(Isa isa) {
    return switch (isa) {
      case RV32IM_XBNN -> (8 + 2 + 16) / 2.0;
      case RV32IM_ZBB -> (8 + 2 + 48) / 2.0;
      case RV32IM -> 8 + 1 + 8 * 12;
    };
  }

  public static double addSubCost() {
    return 32 * 6 + 1;
  }

  public static String render(LoweredKernel kernel) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%s for %s: stack %d bytes, .rodata %d bytes%n", kernel.function(),
        kernel.isa().keyword(), kernel.stackBytes(), kernel.rodataBytes()));
    s.append(String.format(Locale.ROOT, "%-22s %8s %8s %-10s %12s %12s%n", "layer", "inputs", "outputs", "method",
        "weight words", "static insns"));
    for (LoweredKernel.LayerInfo layer : kernel.layers()) {
      s.append(String.format(Locale.ROOT, "%-22s %8d %8d %-10s %12d %12d%n", layer.label(), layer.inputs(),
          layer.outputs(), layer.bitPlanes() ? "bit-planes" : "xnor-pop", layer.weightWords(),
          layer.staticInstructions()));
    }
    if (kernel.layers().get(0).bitPlanes()) {
      s.append(String.format(Locale.ROOT,
          "u8 layer: bit planes, estimated %.1f instructions per neuron per 32 inputs against %.1f for add/sub%n",
          bitPlaneCost(kernel.isa()), addSubCost()));
    }
    return s.toString();
  }
}
