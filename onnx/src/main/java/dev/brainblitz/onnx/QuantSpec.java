package dev.brainblitz.onnx;

import dev.brainblitz.ir.diag.ErrorCode;
import java.util.List;
import java.util.Locale;

/**
 * A QONNX {@code Quant} / {@code IntQuant} node: {@code y = clamp(x / scale + zeropt, min, max)},
 * rounded by {@code rounding_mode}, then {@code (y - zeropt) * scale}, where [min, max] is the
 * integer range of {@code bitwidth} bits ({@code signed}, {@code narrow}). Every step is monotone
 * in x for a positive scale, which is what lets a quantized activation fold into a threshold.
 */
record QuantSpec(Tensor scale, Tensor zeroPoint, int bits, long min, long max, Rounding rounding) {

  enum Rounding {
    ROUND, CEIL, FLOOR, UP, DOWN, HALF_UP, HALF_DOWN;

    double apply(double v) {
      return switch (this) {
        case ROUND -> Math.rint(v);
        case CEIL -> Math.ceil(v);
        case FLOOR -> Math.floor(v);
        case UP -> v >= 0 ? Math.ceil(v) : Math.floor(v);
        case DOWN -> v >= 0 ? Math.floor(v) : Math.ceil(v);
        case HALF_UP -> v >= 0 ? Math.floor(v + 0.5) : Math.ceil(v - 0.5);
        case HALF_DOWN -> v >= 0 ? Math.ceil(v - 0.5) : Math.floor(v + 0.5);
      };
    }
  }

  static QuantSpec of(List<Tensor> in, Attributes attributes, NodeAt at) {
    if (in.size() < 4 || in.get(1) == null || in.get(2) == null || in.get(3) == null) {
      throw at.error(ErrorCode.ONNX_NOT_CONSTANT, "Quant needs constant scale, zeropt and bitwidth inputs");
    }
    Tensor bitwidth = in.get(3);
    double b = bitwidth.get(0);
    if (bitwidth.size() != 1 || b != Math.rint(b) || b < 1 || b > 30) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "Quant bitwidth must be one integer in [1, 30], not " + b);
    }
    int bits = (int) b;
    boolean signed = attributes.integer("signed", 1) != 0;
    boolean narrow = attributes.integer("narrow", 0) != 0;
    long min = signed ? -(1L << (bits - 1)) + (narrow ? 1 : 0) : 0;
    long max = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1 - (narrow ? 1 : 0);
    String mode = attributes.string("rounding_mode", "ROUND").toUpperCase(Locale.ROOT);
    Rounding rounding;
    try {
      rounding = Rounding.valueOf(mode);
    } catch (IllegalArgumentException e) {
      throw at.error(ErrorCode.ONNX_ATTRIBUTE, "unknown rounding_mode '" + mode + "'");
    }
    for (double s : in.get(1).values()) {
      if (!(s > 0) || !Double.isFinite(s)) {
        throw at.error(ErrorCode.ONNX_NOT_FINITE, "Quant scale " + s + " is not a positive finite number");
      }
    }
    return new QuantSpec(in.get(1), in.get(2), bits, min, max, rounding);
  }

  /** The integer level (before re-scaling) of value {@code x} for scale {@code s} and zero point {@code z}. */
  double level(double x, double s, double z) {
    double y = x / s + z;
    y = Math.max(min, Math.min(max, y));
    return rounding.apply(y);
  }

  /** The node applied to a constant tensor (e.g. weights quantized in the graph). */
  Tensor apply(Tensor x, NodeAt at) {
    Tensor levels = ConstantOps.binary(x, scale, (v, s) -> v / s, at);
    Tensor shifted = ConstantOps.binary(levels, zeroPoint, (y, z) -> rounding.apply(Math.max(min, Math.min(max, y + z))), at);
    Tensor centered = ConstantOps.binary(shifted, zeroPoint, (y, z) -> y - z, at);
    return ConstantOps.binary(centered, scale, (y, s) -> y * s, at);
  }
}
