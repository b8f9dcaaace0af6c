package dev.brainblitz.hdlgen;

/**
 * How the top module {@code <model>_top} takes its input ({@code --input-port}; docs/hdl.md).
 * <ul>
 *   <li>{@link #VECTOR} (the default): {@code in_data} carries one whole input vector per beat (n
 *       bits bipolar, 8n bits u8); the first engine copies it into its input buffer.
 *   <li>{@link #STREAM}: {@code in_data} is {@value #BEAT_BITS} bits wide and a vector arrives as
 *       ceil(n * bits / 8) beats, beat k holding bits [8k+7:8k] of the vector's {@link #VECTOR}
 *       {@code in_data} (u8: element k; bipolar: elements 8k to 8k + 7, element 8k + j at bit j; the
 *       bits beyond the last element are ignored). The beats shift straight into the first
 *       engine's input buffer, the only copy of the vector. A first convolution in
 *       {@link ConvWindow#LINE} mode takes one pixel (its C channels packed, C * bits wide) per beat
 *       into its line buffer instead, in the row-major (y, x) order of the line-mode links.
 * </ul>
 */
public enum InputPort {
  VECTOR("vector"),
  STREAM("stream");

  /** Bits of one beat of a {@link #STREAM} port (a dense first layer). */
  public static final int BEAT_BITS = 8;

  private final String keyword;

  InputPort(String keyword) {
    this.keyword = keyword;
  }

  /** The option's value on the command line. */
  public String keyword() {
    return keyword;
  }

  /** The port named {@code keyword}, or null when there is none. */
  public static InputPort parse(String keyword) {
    for (InputPort p : values()) {
      if (p.keyword.equals(keyword)) {
        return p;
      }
    }
    return null;
  }
}
