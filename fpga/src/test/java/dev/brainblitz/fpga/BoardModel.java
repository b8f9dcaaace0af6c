package dev.brainblitz.fpga;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

/**
 * A Java model of a board running the board top: it collects request bytes and answers each whole
 * vector with the golden model's result, as the protocol ({@link StreamProtocol}) says. {@code
 * answerEvery} &gt; 1 makes it faulty: it stays silent on every vector whose index is not a multiple;
 * {@link #miscounting} makes one that answers every vector with its first score one too high.
 */
public final class BoardModel implements ByteLink {
  private final Network network;
  private final StreamProtocol protocol;
  private final GoldenModel golden;
  private final int answerEvery;
  private final boolean miscounts;
  private final ByteArrayOutputStream request = new ByteArrayOutputStream();
  private final ArrayDeque<Byte> outgoing = new ArrayDeque<>();
  private int vectors;
  private boolean closed;

  public BoardModel(Network network, int answerEvery) {
    this(network, answerEvery, false);
  }

  private BoardModel(Network network, int answerEvery, boolean miscounts) {
    this(network, StreamProtocol.of(network), answerEvery, miscounts);
  }

  /** A board whose design keeps its weights in SPRAM: it takes {@code protocol}'s weight bytes first ({@link #loaded}). */
  public BoardModel(Network network, StreamProtocol protocol) {
    this(network, protocol, 1, false);
  }

  private BoardModel(Network network, StreamProtocol protocol, int answerEvery, boolean miscounts) {
    this.miscounts = miscounts;
    this.network = network;
    this.protocol = protocol;
    this.golden = new GoldenModel(network);
    this.answerEvery = answerEvery;
  }

  /** A board that answers every vector, but with the first class's score one above the golden model's. */
  public static BoardModel miscounting(Network network) {
    return new BoardModel(network, 1, true);
  }

  private final ByteArrayOutputStream load = new ByteArrayOutputStream();

  /** The weight bytes received before the first request. */
  public byte[] loaded() {
    return load.toByteArray();
  }

  @Override
  public void write(byte[] bytes) {
    for (byte b : bytes) {
      if (load.size() < protocol.loadBytes()) {
        load.write(b);
        continue;
      }
      request.write(b);
      if (request.size() == protocol.requestBytes()) {
        InputVector v = decode(request.toByteArray());
        request.reset();
        if (vectors++ % answerEvery == 0) {
          InferenceResult result = golden.infer(v);
          if (miscounts) {
            int[] scores = result.scores().clone();
            scores[0]++;
            result = InferenceResult.reported(scores, result.predictedClass());
          }
          for (byte a : protocol.answerOf(result)) {
            outgoing.add(a);
          }
        }
      }
    }
  }

  private InputVector decode(byte[] bytes) {
    int[] elements = new int[network.inputSize()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = network.input().kind() == InputKind.U8 ? bytes[i] & 0xff : (bytes[i / 8] >> (i % 8)) & 1;
    }
    return InputVector.of(network.input().kind(), elements);
  }

  @Override
  public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
    int n = 0;
    while (n < length && !outgoing.isEmpty()) {
      buffer[offset + n++] = outgoing.poll();
    }
    return n;
  }

  @Override
  public void discardInput() {
    outgoing.clear();
  }

  @Override
  public void close() {
    closed = true;
  }

  boolean closed() {
    return closed;
  }
}
