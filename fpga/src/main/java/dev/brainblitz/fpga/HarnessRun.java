package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.io.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One run of a simulation harness executable (the rtl harness on a netlist, or the board harness)
 * on a batch of vectors, in a fresh directory under {@code runs} that holds the vectors file, the
 * design's memory files and the results file, and is deleted afterwards. The harness is called as
 * {@code EXECUTABLE VECTORS RESULTS ARGUMENTS...}.
 */
final class HarnessRun {
  private HarnessRun() {}

  /** The lines of the results file (results, then the harness's measurements). */
  static List<String> run(Path runs, VerilogDesign design, List<InputVector> vectors, Path executable,
      List<String> arguments, String what) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory(Files.createDirectories(runs), "run-");
      Path in = dir.resolve("vectors.txt");
      Path out = dir.resolve("results.txt");
      Files.writeString(in, VerilogDesign.vectorsFile(vectors));
      design.writeMemoryFiles(dir);
      var command = new ArrayList<>(List.of(executable.toString(), in.toString(), out.toString()));
      command.addAll(arguments);
      Process p = ChildProcesses.start(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true));
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(what + " failed: " + output.strip());
      }
      return Files.readAllLines(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
