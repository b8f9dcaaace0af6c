package dev.brainblitz.fpga;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

/**
 * A Java model of a board running the board top: it collects request bytes and answers each whole
 * vector with the golden model's result, as the protocol ({@link StreamProtocol}) says. {@code
 * answerEvery} &gt; 1 makes it faulty: it stays silent on every vector whose index is not a multiple.
 */
public final class BoardModel implements ByteLink {
  private final Network network;
  private final StreamProtocol protocol;
  private final GoldenModel golden;
  private final int answerEvery;
  private final ByteArrayOutputStream request = new ByteArrayOutputStream();
  private final ArrayDeque<Byte> outgoing = new ArrayDeque<>();
  private int vectors;
  private boolean closed;

  public BoardModel(Network network, int answerEvery) {
    this.network = network;
    this.protocol = StreamProtocol.of(network);
    this.golden = new GoldenModel(network);
    this.answerEvery = answerEvery;
  }

  @Override
  public void write(byte[] bytes) {
    for (byte b : bytes) {
      request.write(b);
      if (request.size() == protocol.requestBytes()) {
        InputVector v = decode(request.toByteArray());
        request.reset();
        if (vectors++ % answerEvery == 0) {
          for (byte a : protocol.answerOf(golden.infer(v))) {
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
