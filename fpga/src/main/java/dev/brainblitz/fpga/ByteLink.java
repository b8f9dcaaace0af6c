package dev.brainblitz.fpga;

/**
 * A two-way byte connection to a board: a serial port ({@link SerialPort}) or, in tests, a model of
 * the board.
 */
public interface ByteLink extends AutoCloseable {
  /** Sends {@code bytes} (returns once they are handed to the connection). */
  void write(byte[] bytes);

  /**
   * Reads up to {@code length} bytes into {@code buffer} at {@code offset}, waiting at most about
   * {@code timeoutMillis} for the first; returns how many were read, 0 when none came in time.
   */
  int read(byte[] buffer, int offset, int length, long timeoutMillis);

  /** Drops whatever has arrived and not been read. */
  void discardInput();

  @Override
  void close();
}
