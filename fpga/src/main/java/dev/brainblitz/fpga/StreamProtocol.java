package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.WeightLoad;
import dev.brainblitz.hdlgen.Widths;
import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;

/**
 * The byte stream the shell speaks (over pins out of context, over the UART on a board), the one
 * place its format lives:
 * <ul>
 *   <li>a request is one input vector in {@link #requestBytes} bytes, byte k holding bits
 *       [8k+7:8k] of the engine's {@code in_data}: bipolar element i is bit i mod 8 of byte i / 8
 *       (bit = 1 for +1), u8 element i is byte i;
 *   <li>the answer is {@link #classBytes} bytes of the class (least significant first), then each
 *       class's score as a signed 32-bit number, least significant byte first.
 * </ul>
 * Scores are 32 bits because the engine's {@code out_scores} port gives 32 bits per class.
 *
 * <p>A design whose engines keep their weights in SPRAM ({@code --weights spram}) first takes its
 * {@link #loadWords} weight words ({@link WeightLoad#stream}, 16 bits each) as {@link #loadBytes}
 * bytes, each word low byte first ({@link #load}); the shell forwards them to the engine's
 * weight-load port and the first request follows. After a reset the weights are sent again.
 */
public record StreamProtocol(InputKind inputKind, int inputSize, int classes, int classWidth, long loadWords) {
  /** Bits per class in the engine's {@code out_scores} port (docs/hdl.md). */
  public static final int SCORE_BITS = 32;

  /** The protocol of a design without a weight-load port. */
  public StreamProtocol(InputKind inputKind, int inputSize, int classes, int classWidth) {
    this(inputKind, inputSize, classes, classWidth, 0);
  }

  /** The protocol of {@code network} lowered without SPRAM weights (no weight words first). */
  public static StreamProtocol of(Network network) {
    return new StreamProtocol(network.input().kind(), network.inputSize(), network.classes(),
        Widths.classWidth(network));
  }

  /** The protocol of {@code network} lowered with {@code plan}: its weight words first when it keeps weights in SPRAM. */
  public static StreamProtocol of(Network network, FoldingPlan plan) {
    return new StreamProtocol(network.input().kind(), network.inputSize(), network.classes(),
        Widths.classWidth(network), WeightLoad.words(plan));
  }

  /** Bytes of the weight words sent before the first request (0 without SPRAM weights). */
  public long loadBytes() {
    return 2 * loadWords;
  }

  /** The bytes of the weight-load stream {@code words} ({@link WeightLoad#stream}): each word low byte first. */
  public byte[] load(java.util.List<Integer> words) {
    if (words.size() != loadWords) {
      throw new IllegalArgumentException(words.size() + " weight words, but the design takes " + loadWords);
    }
    byte[] bytes = new byte[2 * words.size()];
    for (int i = 0; i < words.size(); i++) {
      bytes[2 * i] = (byte) (int) words.get(i);
      bytes[2 * i + 1] = (byte) (words.get(i) >>> 8);
    }
    return bytes;
  }

  /** Bits of the engine's {@code in_data}. */
  public int inputWidth() {
    return inputSize * inputKind.bitsPerElement();
  }

  public int requestBytes() {
    return (inputWidth() + 7) / 8;
  }

  public int classBytes() {
    return (classWidth + 7) / 8;
  }

  public int answerBytes() {
    return classBytes() + classes * SCORE_BITS / 8;
  }

  /** The request bytes of {@code vector}. */
  public byte[] request(InputVector vector) {
    if (vector.kind() != inputKind || vector.size() != inputSize) {
      throw new IllegalArgumentException("vector of " + vector.size() + " " + vector.kind().keyword()
          + " elements, but the network takes " + inputSize + " " + inputKind.keyword());
    }
    byte[] bytes = new byte[requestBytes()];
    for (int i = 0; i < inputSize; i++) {
      if (inputKind == InputKind.BIPOLAR) {
        bytes[i / 8] |= (byte) (vector.element(i) << (i % 8));
      } else {
        bytes[i] = (byte) vector.element(i);
      }
    }
    return bytes;
  }

  /** The result an answer carries (class as reported, scores). */
  public InferenceResult answer(byte[] bytes) {
    if (bytes.length != answerBytes()) {
      throw new IllegalArgumentException(bytes.length + " answer bytes, expected " + answerBytes());
    }
    int predicted = 0;
    for (int k = classBytes() - 1; k >= 0; k--) {
      predicted = (predicted << 8) | (bytes[k] & 0xff);
    }
    int[] scores = new int[classes];
    for (int c = 0; c < classes; c++) {
      int at = classBytes() + 4 * c;
      scores[c] = (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16
          | (bytes[at + 3] & 0xff) << 24;
    }
    return InferenceResult.reported(scores, predicted);
  }

  /** The answer bytes of {@code result} (what a correct board sends back). */
  public byte[] answerOf(InferenceResult result) {
    byte[] bytes = new byte[answerBytes()];
    for (int k = 0; k < classBytes(); k++) {
      bytes[k] = (byte) (result.predictedClass() >>> (8 * k));
    }
    for (int c = 0; c < classes; c++) {
      for (int k = 0; k < 4; k++) {
        bytes[classBytes() + 4 * c + k] = (byte) (result.score(c) >>> (8 * k));
      }
    }
    return bytes;
  }
}
