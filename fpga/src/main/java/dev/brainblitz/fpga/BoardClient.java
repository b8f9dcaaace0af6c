package dev.brainblitz.fpga;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The host side of the board protocol ({@link StreamProtocol}): sends one vector, waits for its
 * answer, sends the next (stop and wait: the board's UART has no flow control, so the host never has
 * more than one vector in flight and no byte can be lost to a full shell). Before the first vector
 * it stays silent long enough for the board to drop any vector a previous run left half sent.
 */
public final class BoardClient {
  private final StreamProtocol protocol;
  private final ByteLink link;
  private final int baud;
  private final String where;

  private final byte[] load;

  public BoardClient(StreamProtocol protocol, ByteLink link, int baud, String where) {
    this(protocol, link, baud, where, new byte[0]);
  }

  /**
   * A client of a design with SPRAM weights: {@code load} ({@link StreamProtocol#load} of the
   * design's {@code WeightLoad.stream}) is sent once, before the first vector.
   */
  public BoardClient(StreamProtocol protocol, ByteLink link, int baud, String where, byte[] load) {
    if (load.length != protocol.loadBytes()) {
      throw new IllegalArgumentException(load.length + " weight bytes, but the design takes " + protocol.loadBytes());
    }
    this.protocol = protocol;
    this.link = link;
    this.baud = baud;
    this.where = where;
    this.load = load.clone();
  }

  /** Milliseconds the board needs to forget a half-received vector, with margin. */
  long resynchronizeMillis() {
    return 2 * (long) Math.ceil(1000.0 * ShellVerilog.GAP_BITS / baud) + 50;
  }

  /** How long to wait for a whole answer: three times its transfer time, and one second. */
  long answerTimeoutMillis() {
    return 1000 + 3 * (long) Math.ceil(1000.0 * 10 * (protocol.requestBytes() + protocol.answerBytes()) / baud);
  }

  /** Runs every vector on the board, in order; {@code progress} hears how many are done. */
  public List<InferenceResult> run(List<InputVector> vectors, IntConsumer progress) {
    try {
      Thread.sleep(resynchronizeMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    link.discardInput();
    if (load.length > 0) {
      link.write(load);
    }
    var results = new ArrayList<InferenceResult>(vectors.size());
    byte[] answer = new byte[protocol.answerBytes()];
    for (int i = 0; i < vectors.size(); i++) {
      link.write(protocol.request(vectors.get(i)));
      int have = 0;
      long deadline = System.currentTimeMillis() + answerTimeoutMillis();
      while (have < answer.length) {
        long left = deadline - System.currentTimeMillis();
        int n = left <= 0 ? 0 : link.read(answer, have, answer.length - have, left);
        if (n == 0) {
          throw new DiagnosticException(new Diagnostic(ErrorCode.FPGA_BOARD_PROTOCOL, SourceSpan.wholeFile(where),
              "vector " + i + ": the board answered " + have + " of " + answer.length + " bytes within "
                  + answerTimeoutMillis() + " ms (is the bitstream of this model loaded, at " + baud
                  + " baud? the red LED shows lost bytes)"));
        }
        have += n;
      }
      results.add(protocol.answer(answer.clone()));
      progress.accept(i + 1);
    }
    return results;
  }
}
