package dev.brainblitz.ir;

import java.util.Arrays;

/**
 * One input to a network: {@code size} elements of one {@link InputKind}. A bipolar element is 1
 * (+1) or 0 (-1); a u8 element is 0..255. Immutable.
 */
public final class InputVector {
  private final InputKind kind;
  private final int[] elements;

  private InputVector(InputKind kind, int[] elements) {
    this.kind = kind;
    this.elements = elements;
  }

  /** A vector from its element values; throws if one is outside the kind's range. */
  public static InputVector of(InputKind kind, int... elements) {
    for (int i = 0; i < elements.length; i++) {
      if (elements[i] < 0 || elements[i] > kind.maxElement()) {
        throw new IllegalArgumentException(
            "element " + i + " = " + elements[i] + " is outside [0, " + kind.maxElement() + "] for " + kind.keyword());
      }
    }
    if (elements.length == 0) {
      throw new IllegalArgumentException("an input vector needs at least one element");
    }
    return new InputVector(kind, elements.clone());
  }

  /** A bipolar vector of {@code size} elements from packed words (element i = bit i mod 32 of word i / 32). */
  public static InputVector fromPackedWords(int size, int[] words) {
    if (words.length != BitMatrix.wordsFor(size)) {
      throw new IllegalArgumentException(words.length + " words for " + size + " elements");
    }
    int[] elements = new int[size];
    for (int i = 0; i < size; i++) {
      elements[i] = (words[i >>> 5] >>> (i & 31)) & 1;
    }
    return new InputVector(InputKind.BIPOLAR, elements);
  }

  public InputKind kind() {
    return kind;
  }

  public int size() {
    return elements.length;
  }

  /** Element {@code i}: 0 or 1 when bipolar, 0..255 when u8. */
  public int element(int i) {
    return elements[i];
  }

  /** The bipolar value of element {@code i} (+1 or -1); only for bipolar vectors. */
  public int bipolar(int i) {
    if (kind != InputKind.BIPOLAR) {
      throw new IllegalStateException("not a bipolar vector");
    }
    return elements[i] == 1 ? 1 : -1;
  }

  /** The vector packed into 32-bit words as the IL specifies (bipolar only); a fresh array. */
  public int[] packedWords() {
    if (kind != InputKind.BIPOLAR) {
      throw new IllegalStateException("only bipolar vectors are packed into words");
    }
    int[] words = new int[BitMatrix.wordsFor(elements.length)];
    for (int i = 0; i < elements.length; i++) {
      words[i >>> 5] |= elements[i] << (i & 31);
    }
    return words;
  }

  /** The elements as unsigned bytes (u8 only); a fresh array. */
  public byte[] bytes() {
    if (kind != InputKind.U8) {
      throw new IllegalStateException("only u8 vectors are bytes");
    }
    byte[] bytes = new byte[elements.length];
    for (int i = 0; i < elements.length; i++) {
      bytes[i] = (byte) elements[i];
    }
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InputVector that && kind == that.kind && Arrays.equals(elements, that.elements);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Arrays.hashCode(elements);
  }

  @Override
  public String toString() {
    return "InputVector[" + kind.keyword() + " x " + elements.length + "]";
  }
}
