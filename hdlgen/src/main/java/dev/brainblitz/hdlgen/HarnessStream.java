package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.io.ChildProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Java side of the harness's streaming mode ({@link Harness}): one long-lived simulation process
 * that takes batches of vectors on its stdin and answers each with its results and measurements on
 * its stdout, in the compact little-endian format the harness documents. The process runs in a
 * directory of the caller's (where it reads the memory files) and writes its stderr to
 * {@value #STDERR} there. A batch that does not finish within its wall-clock deadline kills the
 * process; a process that dies is reported with its exit status and the end of its stderr.
 */
final class HarnessStream implements AutoCloseable {
  static final String STDERR = "stderr.txt";
  private static final int HEADER_BYTES = 20;
  private static final int RESPONSE_BYTES = 44;
  private static final ScheduledExecutorService WATCHDOG =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "rtl-harness-watchdog");
        t.setDaemon(true);
        return t;
      });

  private final Process process;
  private final Path directory;
  private final int words;
  private final int classes;
  private final String what;
  private final OutputStream toHarness;
  private final InputStream fromHarness;
  private volatile boolean killedByWatchdog;

  /** What one batch gave back: its results (fewer than asked when its cycle budget ran out) and measurements. */
  record Batch(List<InferenceResult> results, HarnessResults.Measured measured, long harnessNanos) {}

  private HarnessStream(Process process, Path directory, int words, int classes, String what) {
    this.process = process;
    this.directory = directory;
    this.words = words;
    this.classes = classes;
    this.what = what;
    this.toHarness = process.getOutputStream();
    this.fromHarness = process.getInputStream();
  }

  /**
   * Starts {@code executable --stream STALL_IN STALL_OUT [VCD]} in {@code directory}; vectors have
   * {@code words} 32-bit words of {@code in_data}, results {@code classes} scores.
   */
  static HarnessStream start(Path executable, Path directory, StallRates stalls, Path vcd, int words, int classes,
      String what) {
    var command = new ArrayList<>(List.of(executable.toString(), "--stream", StallRates.format(stalls.in()),
        StallRates.format(stalls.out())));
    if (vcd != null) {
      command.add(vcd.toAbsolutePath().toString());
    }
    try {
      Process process = ChildProcesses.start(new ProcessBuilder(command).directory(directory.toFile())
          .redirectError(directory.resolve(STDERR).toFile()));
      return new HarnessStream(process, directory, words, classes, what);
    } catch (IOException e) {
      throw new IllegalStateException(what + " could not start: " + e.getMessage(), e);
    }
  }

  /**
   * Simulates {@code vectors} from reset with the stall pattern of {@code seed}, within
   * {@code maxCycles} cycles and {@code deadline} of wall-clock time.
   *
   * @throws IllegalStateException when the process died, was stopped by the deadline, or answered
   *     something malformed; the stream is then unusable
   */
  Batch run(List<InputVector> vectors, long seed, long maxCycles, Duration deadline) {
    ByteBuffer request = ByteBuffer.allocate(HEADER_BYTES + 4 * words * vectors.size()).order(ByteOrder.LITTLE_ENDIAN);
    request.putInt(vectors.size()).putLong(seed).putLong(maxCycles);
    for (InputVector v : vectors) {
      int[] w = VerilogDesign.inputWords(v);
      if (w.length != words) {
        throw new IllegalArgumentException("a vector of " + w.length + " words where the design takes " + words);
      }
      for (int x : w) {
        request.putInt(x);
      }
    }
    ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
      killedByWatchdog = true;
      process.destroyForcibly();
    }, deadline.toMillis(), TimeUnit.MILLISECONDS);
    try {
      toHarness.write(request.array());
      toHarness.flush();
      ByteBuffer head = readFully(RESPONSE_BYTES);
      int received = head.getInt();
      if (received < 0 || received > vectors.size()) {
        throw new IllegalStateException(what + " answered " + received + " results for " + vectors.size() + " vectors");
      }
      var measured = new HarnessResults.Measured(head.getLong(), head.getLong(), head.getLong(), head.getLong());
      long nanos = head.getLong();
      ByteBuffer body = readFully(4 * (1 + classes) * received);
      var results = new ArrayList<InferenceResult>(received);
      for (int r = 0; r < received; r++) {
        int predicted = body.getInt();
        int[] scores = new int[classes];
        for (int c = 0; c < classes; c++) {
          scores[c] = body.getInt();
        }
        results.add(InferenceResult.reported(scores, predicted));
      }
      return new Batch(results, measured, nanos);
    } catch (IOException e) {
      throw failure(deadline);
    } finally {
      watchdog.cancel(false);
    }
  }

  private ByteBuffer readFully(int n) throws IOException {
    byte[] bytes = fromHarness.readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("end of stream");
    }
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Why the process stopped answering: the deadline, or its exit status and the end of its stderr. */
  private IllegalStateException failure(Duration deadline) {
    if (killedByWatchdog) {
      return new IllegalStateException(what + " did not finish a batch within " + deadline.toSeconds()
          + " s and was stopped (a hung simulation)");
    }
    String status;
    try {
      status = process.waitFor(5, TimeUnit.SECONDS) ? "exit status " + process.exitValue() : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = "interrupted";
    }
    process.destroyForcibly();
    return new IllegalStateException(what + " stopped unexpectedly (" + status + ")" + stderrTail());
  }

  private String stderrTail() {
    try {
      String text = Files.readString(directory.resolve(STDERR), StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        return "";
      }
      return ":\n" + (text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text);
    } catch (IOException e) {
      return "";
    }
  }

  /** Ends the process: an empty batch asks it to stop; one that does not within a few seconds is killed. */
  @Override
  public void close() {
    try {
      toHarness.write(new byte[HEADER_BYTES]);
      toHarness.close();
    } catch (IOException e) {
      // Already gone: nothing to ask.
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
