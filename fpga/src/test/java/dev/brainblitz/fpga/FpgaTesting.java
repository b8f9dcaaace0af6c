package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.LayerFold;
import dev.brainblitz.hdlgen.RtlOptions;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.testing.ExternalTools;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shared helpers of the fpga tests: the work directory, the examples, and loud skips without the tools. */
final class FpgaTesting {
  private FpgaTesting() {}

  /** Tool runs are cached here across test runs ({@code mvn clean} empties it). */
  static final Path WORK = Path.of("target", "fpga-work").toAbsolutePath();

  static Workspace workspace() {
    return new Workspace(WORK, Toolchain.fromEnvironment(), message -> { });
  }

  static Network example(String name) {
    return ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/" + name + ".bil"));
  }

  /** Skips unless Yosys, nextpnr-ice40 and icepack are installed. */
  static void assumeIce40Tools(String test) {
    ExternalTools.require("yosys", "yosys", test);
    ExternalTools.require("nextpnr-ice40", "nextpnr-ice40", test);
    ExternalTools.require("icepack", "fpga-icestorm", test);
  }

  static void assumeYosys(String test) {
    ExternalTools.require("yosys", "yosys", test);
  }

  static void assumeVerilator(String test) {
    ExternalTools.require("verilator", "verilator", test);
  }

  /**
   * Runs {@code plan}'s design of {@code network} through the whole iCEBreaker flow (Yosys,
   * nextpnr-ice40 at the board's 12 MHz, icepack) and asserts that it fits, meets the clock and
   * leaves a bitstream of an UP5K's size; returns the outcome for the caller's own checks.
   */
  static FpgaOutcome assertPlacesOnTheIcebreaker(Network network, FoldingPlan plan) throws Exception {
    FpgaProject project = FpgaProject.of(VerilogDesign.of(network, plan), FpgaTarget.of(Board.ICEBREAKER, 12, 115_200));
    FpgaOutcome outcome = FpgaFlow.run(project, workspace());
    assertTrue(outcome.fits(), outcome.overflows().toString());
    assertTrue(outcome.timingMet().orElseThrow(), "Fmax " + outcome.fmaxMhz());
    assertTrue(outcome.bitstream());
    assertTrue(Files.size(outcome.file(FpgaProject.BITSTREAM)) > 100_000, "an UP5K bitstream is about 104 kB");
    System.out.println(FpgaReport.of(outcome, Map.of()).render());
    return outcome;
  }

  /** The rtl options of a folding written as on the command line, entries split by ';' ("" for the default). */
  static RtlOptions folds(String folds) {
    List<String> entries = folds.isEmpty() ? List.of() : List.of(folds.split(";"));
    return RtlOptions.DEFAULTS.withFolds(LayerFold.parseAll(entries));
  }
}
