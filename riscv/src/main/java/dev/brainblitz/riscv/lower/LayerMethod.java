package dev.brainblitz.riscv.lower;

/** How a layer of a kernel is computed (docs/riscv.md); each has one emitter. */
public enum LayerMethod {
  /** A layer on bipolar input: XNOR (or XOR) and popcount per weight word ({@link XnorPopLayer}). */
  XNOR_POP("xnor-pop"),
  /** The layer on u8 input, over the input's 8 bit planes ({@link BitPlaneLayer}). */
  BIT_PLANES("bit-planes"),
  /** The layer on a few u8 inputs, by sign masks, adds and subtracts ({@link AddSubLayer}); a u8 conv2d per window ({@link ConvU8Layer}). */
  ADD_SUB("add-sub"),
  /** A max-pool: the OR of each window's channel words ({@link OrPoolLayer}). */
  OR_POOL("or-pool"),
  /** A bipolar image into pixel words, or a map into vector bits ({@link MapRepack}). */
  REPACK("repack");

  private final String keyword;

  LayerMethod(String keyword) {
    this.keyword = keyword;
  }

  /** The name reports print, e.g. {@code xnor-pop}. */
  public String keyword() {
    return keyword;
  }
}
