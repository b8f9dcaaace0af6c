package dev.brainblitz.fpga;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A serial port opened as the file it is (e.g. {@code /dev/ttyUSB1}) after {@code stty} has set it
 * to raw 8N1 at the baud rate, without flow control, with reads that return after 0.1 s without
 * data ({@code min 0 time 1}). Plain file I/O needs no native library; {@code stty} comes with
 * coreutils on Linux (and takes {@code -f} instead of {@code -F} on macOS).
 */
public final class SerialPort implements ByteLink {
  private final Path device;
  private final FileInputStream in;
  private final FileOutputStream out;

  private SerialPort(Path device, FileInputStream in, FileOutputStream out) {
    this.device = device;
    this.in = in;
    this.out = out;
  }

  /** Configures and opens {@code device}, or fails with {@link ErrorCode#FPGA_PORT}. */
  public static SerialPort open(Path device, int baud) {
    if (!Files.exists(device)) {
      throw error(device, "serial port " + device + " does not exist (is the board plugged in? the iCEBreaker's UART "
          + "is usually the second of its two ports, e.g. /dev/ttyUSB1)");
    }
    List<String> command = sttyCommand(device, baud);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0) {
        throw error(device, "cannot configure " + device + " (" + String.join(" ", command) + "): " + output);
      }
      return new SerialPort(device, new FileInputStream(device.toFile()), new FileOutputStream(device.toFile()));
    } catch (IOException e) {
      throw error(device, "cannot open " + device + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw error(device, "interrupted while configuring " + device);
    }
  }

  /** The stty command that makes {@code device} a raw 8N1 line at {@code baud} with 0.1 s read timeouts. */
  static List<String> sttyCommand(Path device, int baud) {
    boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    return List.of("stty", mac ? "-f" : "-F", device.toString(), Integer.toString(baud), "raw", "-echo", "cs8",
        "-cstopb", "-parenb", "-crtscts", "-ixon", "-ixoff", "clocal", "min", "0", "time", "1");
  }

  @Override
  public void write(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw error(device, "cannot write to " + device + ": " + e.getMessage());
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    try {
      while (true) {
        // With 'min 0 time 1' a read returns what has arrived, or nothing (-1 here) after 0.1 s.
        int n = in.read(buffer, offset, length);
        if (n > 0) {
          return n;
        }
        if (System.nanoTime() > deadline) {
          return 0;
        }
      }
    } catch (IOException e) {
      throw error(device, "cannot read from " + device + ": " + e.getMessage());
    }
  }

  @Override
  public void discardInput() {
    byte[] sink = new byte[4096];
    while (read(sink, 0, sink.length, 0) > 0) {
      // keep reading until 0.1 s pass without data
    }
  }

  @Override
  public void close() {
    try {
      in.close();
      out.close();
    } catch (IOException e) {
      // closing a port we only read and wrote
    }
  }

  static DiagnosticException error(Path device, String message) {
    return new DiagnosticException(new Diagnostic(ErrorCode.FPGA_PORT, SourceSpan.wholeFile(device.toString()), message));
  }
}
