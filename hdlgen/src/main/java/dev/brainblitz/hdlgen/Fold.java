package dev.brainblitz.hdlgen;

/**
 * The folding of one engine: {@code pe} neurons computed in parallel, {@code simd} input elements
 * consumed per cycle. Any 1 <= PE <= MH and 1 <= SIMD <= MW is legal: a fold that does not divide
 * its layer is padded (padding inputs are 0 with weight 1, which adds nothing to an XNOR popcount
 * nor to a signed byte sum; padding neurons are computed and dropped), so padding never changes a
 * result.
 */
public record Fold(int pe, int simd) {
  public Fold {
    if (pe < 1 || simd < 1) {
      throw new IllegalArgumentException("PE and SIMD must be >= 1: " + pe + "," + simd);
    }
  }

  @Override
  public String toString() {
    return pe + "," + simd;
  }
}
