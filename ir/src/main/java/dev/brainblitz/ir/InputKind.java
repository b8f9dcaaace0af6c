package dev.brainblitz.ir;

import java.util.Optional;

/** The element type of a network's input vector. */
public enum InputKind {
  /** One bit per element: 1 means +1, 0 means -1. Packed 32 elements per word, element i at bit i mod 32. */
  BIPOLAR("bipolar", 1),
  /** One unsigned byte per element, 0..255 (e.g. image pixels). */
  U8("u8", 8);

  private final String keyword;
  private final int bitsPerElement;

  InputKind(String keyword, int bitsPerElement) {
    this.keyword = keyword;
    this.bitsPerElement = bitsPerElement;
  }

  /** The word used for this kind in the text and JSON forms. */
  public String keyword() {
    return keyword;
  }

  public int bitsPerElement() {
    return bitsPerElement;
  }

  /** The largest value one element can hold. */
  public int maxElement() {
    return (1 << bitsPerElement) - 1;
  }

  public static Optional<InputKind> fromKeyword(String keyword) {
    for (InputKind kind : values()) {
      if (kind.keyword.equals(keyword)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
