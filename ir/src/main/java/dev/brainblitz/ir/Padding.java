package dev.brainblitz.ir;


/**
 * How a convolution treats its border: {@link Mode#VALID} (the kernel stays inside the image), or
 * {@link Mode#SAME} with a constant pad element {@code value} in the kind of the layer's input: a
 * byte 0..255 for an 8-bit input, -1 or +1 for a binary one. A padded position is an ordinary
 * input element of that value: it enters the accumulator like any other, so there is never a
 * silent zero in ±1 data. (Over bytes, pad 0 adds nothing: that is exact zero padding.)
 *
 * @param value the pad element; 0 for {@code VALID}, where it is never read
 */
public record Padding(Mode mode, int value) {
  /** The two padding modes. */
  public enum Mode {
    VALID("valid"),
    SAME("same");

    private final String keyword;

    Mode(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }
  }

  public static final Padding VALID = new Padding(Mode.VALID, 0);

  public Padding {
    if (mode == Mode.VALID && value != 0) {
      throw new IllegalArgumentException("valid padding has no pad value");
    }
  }

  public static Padding same(int value) {
    return new Padding(Mode.SAME, value);
  }

  /** Whether the pad value is an element of {@code kind}: a byte, or ±1. */
  public boolean fits(InputKind kind) {
    return mode == Mode.VALID || switch (kind) {
      case U8 -> value >= 0 && value <= 255;
      case BIPOLAR -> value == 1 || value == -1;
    };
  }

  /** {@code valid}, {@code same 0}, {@code same -1}, {@code same +1}. */
  public String text(InputKind kind) {
    if (mode == Mode.VALID) {
      return "valid";
    }
    return "same " + (kind == InputKind.BIPOLAR && value > 0 ? "+" : "") + value;
  }
}
