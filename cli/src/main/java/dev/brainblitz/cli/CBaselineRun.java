package dev.brainblitz.cli;

import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ChildProcesses;
import dev.brainblitz.ir.io.FileTrees;
import dev.brainblitz.riscv.baseline.CBaseline;
import dev.brainblitz.riscv.elf.ElfFile;
import dev.brainblitz.sim.iss.Hart;
import dev.brainblitz.sim.iss.SimConfig;
import dev.brainblitz.sim.iss.SimResult;
import dev.brainblitz.sim.iss.TimingModel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-C baseline of {@code bench/c-baseline} measured as its README does: the generated
 * {@code network.c} and {@code vectors.h}, built by the baseline's Makefile with
 * riscv64-unknown-elf-gcc, run on the simulator; the figure is the program's own count of cycles
 * between its {@code cycle} counter reads, divided by the inferences. Needs the repository (the
 * Makefile and {@code bnn.h}), {@code make} and the cross compiler; {@link #unavailable} says which
 * one is missing.
 */
final class CBaselineRun {
  static final String GCC = "riscv64-unknown-elf-gcc";
  private static final Pattern COUNTERS =
      Pattern.compile("inferences (\\d+) cycles (\\d+) instret (\\d+) mismatches (\\d+)");

  /** What one run measured, and the files it used and built (by file name). */
  record Result(double cyclesPerInference, double instructionsPerInference, int inferences, Map<String, byte[]> files) {}

  private CBaselineRun() {}

  /** The directory holding the baseline's Makefile, when this blitz runs from a checkout that has it. */
  static Optional<Path> makefileDirectory() {
    try {
      Path code = Path.of(CBaselineRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // cli/target/blitz.jar or cli/target/classes: the repository is three levels up.
      Path root = code.toAbsolutePath().getParent().getParent().getParent();
      Path dir = root.resolve("bench/c-baseline");
      return Files.isRegularFile(dir.resolve("Makefile")) ? Optional.of(dir) : Optional.empty();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Why the baseline cannot be measured here, with what to install; empty when it can. */
  static Optional<String> unavailable() {
    if (makefileDirectory().isEmpty()) {
      return Optional.of("bench/c-baseline is not next to this blitz (run it from a checkout)");
    }
    if (!onPath("make")) {
      return Optional.of("make is not installed (sudo apt-get install make)");
    }
    if (!onPath(GCC)) {
      return Optional.of(GCC + " is not installed (sudo apt-get install gcc-riscv64-unknown-elf)");
    }
    return Optional.empty();
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Builds the plain variant for {@code network} and {@code vectors} in a temporary directory
   * (removed afterwards) and runs it on the simulator with {@code timing}; a user error when the
   * build fails or the program's results differ from the golden model's.
   */
  static Result measure(Network network, List<InputVector> vectors, TimingModel timing) {
    Path makefiles = makefileDirectory().orElseThrow(() -> new UserException(unavailable().orElse("no bench/c-baseline")));
    Path dir = null;
    try {
      dir = Files.createTempDirectory("blitz-c-baseline-");
      var files = new LinkedHashMap<String, byte[]>();
      files.put(CBaseline.NETWORK_FILE, CBaseline.networkSource(network).getBytes(StandardCharsets.UTF_8));
      files.put(CBaseline.VECTORS_FILE, CBaseline.vectorsHeader(network, vectors).getBytes(StandardCharsets.UTF_8));
      for (var f : files.entrySet()) {
        Files.write(dir.resolve(f.getKey()), f.getValue());
      }
      Process make = ChildProcesses.start(new ProcessBuilder("make", "-s", "-C", makefiles.toString(), "GEN=" + dir)
          .redirectErrorStream(true));
      String log = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!make.waitFor(5, TimeUnit.MINUTES) || make.exitValue() != 0) {
        ChildProcesses.stop(make);
        throw new UserException("building the plain-C baseline failed (make -C " + makefiles + " GEN=" + dir + "):\n"
            + log.strip());
      }
      Path elf = dir.resolve("bnn.elf");
      byte[] image = Files.readAllBytes(elf);
      var printed = new ByteArrayOutputStream();
      SimConfig config = SimConfig.defaults().withTiming(timing).withOutput(printed, printed);
      SimResult result = Hart.load(elf.toString(), ElfFile.read(elf.toString(), image), config).run();
      String text = printed.toString(StandardCharsets.UTF_8);
      Matcher m = COUNTERS.matcher(text);
      if (!result.passed() || !m.find() || !m.group(4).equals("0")) {
        throw new UserException("the plain-C baseline did not run cleanly on the simulator (" + result.summary() + "):\n"
            + text.strip());
      }
      files.put("bnn.elf", image);
      int inferences = Integer.parseInt(m.group(1));
      return new Result(Long.parseLong(m.group(2)) / (double) inferences, Long.parseLong(m.group(3)) / (double) inferences,
          inferences, files);
    } catch (IOException e) {
      throw new UserException("cannot build the plain-C baseline: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted");
    } finally {
      if (dir != null) {
        try {
          FileTrees.delete(dir);
        } catch (java.io.UncheckedIOException e) {
          // A temporary directory: the system cleans it eventually.
        }
      }
    }
  }
}
