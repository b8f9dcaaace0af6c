package dev.brainblitz.riscv.lower;

/** How a layer of a kernel is computed (docs/riscv.md); each has one emitter. */
public enum LayerMethod {
  /** A layer on bipolar input: XNOR (or XOR) and popcount per weight word ({@link XnorPopLayer}). */
  XNOR_POP("xnor-pop"),
  /** The layer on u8 input, over the input's 8 bit planes ({@link BitPlaneLayer}). */
  BIT_PLANES("bit-planes"),
  /** The layer on a few u8 inputs, by sign masks, adds and subtracts ({@link AddSubLayer}). */
  ADD_SUB("add-sub");

  private final String keyword;

  LayerMethod(String keyword) {
    this.keyword = keyword;
  }

  /** The name reports print, e.g. {@code xnor-pop}. */
  public String keyword() {
    return keyword;
  }
}
