package dev.brainblitz.ir.faults;

/**
 * The kinds of bit error a {@link FaultSpec} can ask for, as the spec text names them. Static
 * classes change stored bits once for a whole run ({@link StaticFaults}); transient ones are drawn
 * afresh for every inference from the seed and the vector's index. docs/faults.md defines each.
 */
public enum FaultClass {
  /** Each stored weight bit (hidden layers and scores) flipped with the rate. Static. */
  WEIGHTS("weights", true, 1),
  /** Each bit of each threshold, as a two's-complement integer of its stored width, flipped. Static. */
  THRESHOLDS("thresholds", true, 2),
  /** Each stored weight bit stuck at 0 with the rate. Static. */
  STUCK0("stuck0", true, 3),
  /** Each stored weight bit stuck at 1 with the rate. Static. */
  STUCK1("stuck1", true, 4),
  /** Each bit of each input element (8 per u8 element, 1 per bipolar element) flipped, per vector. Transient. */
  INPUT("input", false, 5),
  /** Each activation bit a conv2d or dense layer's threshold writes flipped, per vector. Transient. */
  ACTIVATIONS("activations", false, 6);

  private final String keyword;
  private final boolean stored;
  /** The stream number that keys this class's draws (never reused, never renumbered). */
  final long stream;

  FaultClass(String keyword, boolean stored, long stream) {
    this.keyword = keyword;
    this.stored = stored;
    this.stream = stream;
  }

  /** The name in a fault spec, e.g. {@code weights}. */
  public String keyword() {
    return keyword;
  }

  /** Whether the class changes stored bits once per run (else it is drawn per inference). */
  public boolean isStatic() {
    return stored;
  }

  /** The class named {@code keyword}, or null. */
  public static FaultClass of(String keyword) {
    for (FaultClass c : values()) {
      if (c.keyword.equals(keyword)) {
        return c;
      }
    }
    return null;
  }
}
