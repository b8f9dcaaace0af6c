package dev.brainblitz.ir.faults;

/**
 * The one source of randomness of the fault model: a counter-based generator, so that any executor
 * can draw the faults of any (class, layer, vector) without having drawn the others first.
 *
 * <p>A stream is keyed by {@code (seed, class, layer, vector)} through SplitMix64's finalizer; its
 * k-th 64-bit draw is the finalizer of {@code key + (k + 1) * 0x9E3779B97F4A7C15}. The positions hit
 * with rate p among {@code size} bits are drawn by geometric gaps: from {@code position = -1}, each
 * draw u (53 bits, mapped to (0, 1]) advances {@code position += 1 + floor(ln u / ln(1 - p))}
 * while the position stays below {@code size}. That is exactly "each bit independently with
 * probability p" and costs one draw per hit rather than one per bit. Logarithms come from
 * {@link StrictMath}, so every JVM draws the same positions.
 */
public final class FaultDraws {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  private final long key;
  private final double logKeep;
  private final double rate;
  private final long size;
  private long counter;
  private long position = -1;

  private FaultDraws(long key, double rate, long size) {
    this.key = key;
    this.rate = rate;
    this.size = size;
    this.logKeep = rate > 0 && rate < 1 ? StrictMath.log1p(-rate) : 0;
  }

  /** The positions hit with {@code rate} among {@code size} bits in stream {@code (seed, c, layer, vector)}. */
  public static FaultDraws of(long seed, FaultClass c, int layer, long vector, double rate, long size) {
    return new FaultDraws(key(seed, c.stream, layer, vector), rate, size);
  }

  static long key(long seed, long stream, long layer, long vector) {
    long h = mix(seed);
    h = mix(h ^ stream * GAMMA);
    h = mix(h ^ (layer + 1) * GAMMA);
    return mix(h ^ (vector + 1) * GAMMA);
  }

  /** SplitMix64's output function. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The next position hit, in increasing order, or -1 when there is none left. */
  public long next() {
    if (rate <= 0 || position >= size) {
      return -1;
    }
    if (rate >= 1) {
      position++;
    } else {
      counter++;
      long bits = mix(key + counter * GAMMA);
      double u = ((bits >>> 11) + 1) * 0x1.0p-53; // (0, 1]
      double gap = Math.floor(StrictMath.log(u) / logKeep);
      position = gap >= size ? size : position + 1 + (long) gap;
    }
    if (position >= size) {
      position = size;
      return -1;
    }
    return position;
  }
}
