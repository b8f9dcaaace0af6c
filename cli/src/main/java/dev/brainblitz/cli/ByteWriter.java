package dev.brainblitz.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-8 text writer that also hands out the byte stream under it, for output that must pass
 * unchanged: what a simulated program writes to its stdout is bytes, not text.
 */
final class ByteWriter extends PrintWriter {
  private final OutputStream stream;

  ByteWriter(OutputStream stream) {
    super(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    this.stream = stream;
  }

  /** The byte stream, after flushing the text written so far (so the two stay in order). */
  OutputStream bytes() {
    flush();
    return stream;
  }
}
