package dev.brainblitz.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brainblitz.examples.Examples;
import dev.brainblitz.fpga.BoardModel;
import dev.brainblitz.fpga.StreamProtocol;
import dev.brainblitz.fpga.Tool;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.WeightLoad;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.testing.ExternalTools;
import dev.brainblitz.train.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blitz fpga} and {@code blitz board-run} as a user runs them. */
class FpgaCommandTest {
  @TempDir Path temp;

  /** Tool runs are cached here across test runs. */
  static final Path WORK = Path.of("target", "fpga-work").toAbsolutePath();

  static VerilogCommandTest.Run blitz(String... args) {
    return VerilogCommandTest.blitz(args);
  }

  /** A random bipolar MLP of the given layer sizes (no bias), written as {@code NAME.bil} in the test's directory. */
  private Path randomModel(String name, long seed, int... sizes) {
    Path model = temp.resolve(name + ".bil");
    ModelFiles.write(RandomNetworks.mlp(name, new Random(seed), InputKind.BIPOLAR, sizes, false).model(), model);
    return model;
  }

  static void assumeIce40Tools() {
    ExternalTools.require("yosys", "yosys", "FpgaCommandTest");
    ExternalTools.require("nextpnr-ice40", "nextpnr-ice40", "FpgaCommandTest");
    ExternalTools.require("icepack", "fpga-icestorm", "FpgaCommandTest");
  }

  @Test
  void tinyOnTheUp5kWritesDesignReportsBitstreamAndAReplayMakefile() throws Exception {
    assumeIce40Tools();
    Path dir = temp.resolve("tiny-up5k");
    var run = blitz("fpga", "tiny", "--device", "up5k", "--fold", "fc1=1,1", "--fold", "out=1,1", "-o", dir.toString(),
        "--work-dir", WORK.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("fits the up5k"), run.out());
    assertTrue(run.out().matches("(?s).*Fmax [0-9.]+ MHz \\(nextpnr\\), clock 12.00 MHz: met.*"), run.out());
    try (var files = Files.list(dir)) {
      assertEquals(List.of("Makefile", "design.bin", "fpga_shell.v", "fpga_top.v", "icepack.log", "nextpnr.json",
          "nextpnr.log", "report.json", "report.txt", "stat.json", "synth.ys", "tiny_fc1_weights.hex",
          "tiny_out_weights.hex", "tiny_top.v", "yosys.log"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    var json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertEquals("up5k", json.path("device").path("name").asText());
    assertEquals(15, json.path("initiationInterval").asInt());
    assertTrue(json.path("fits").asBoolean());
    assertEquals(json.path("engine").path("luts").asLong(),
        json.path("engine").path("lutsBySize").path("lut4").asLong());
    assertEquals(22, json.path("design").path("ios").asInt());
    assertEquals(json.path("timing").path("fmaxMhz").asDouble() * 1e6 / 15,
        json.path("timing").path("framesPerSecond").asDouble(), 1e-3);
    assertEquals(Files.readString(dir.resolve("report.txt")), run.out().substring(0, run.out().indexOf("wrote ")));

    // The Makefile replays synthesis, place and route and packing without Java, to the same bitstream.
    byte[] bitstream = Files.readAllBytes(dir.resolve("design.bin"));
    Files.delete(dir.resolve("design.bin"));
    Process make = new ProcessBuilder("make", "-s", "-C", dir.toString()).redirectErrorStream(true).start();
    String log = new String(make.getInputStream().readAllBytes());
    assertEquals(0, make.waitFor(), log);
    assertArrayEquals(bitstream, Files.readAllBytes(dir.resolve("design.bin")), "the replayed bitstream");
  }

  @Test
  void badDevicesBoardsAndOptionCombinationsAreUsageErrors() {
    Path dir = temp.resolve("never");
    var device = blitz("fpga", "tiny", "--device", "ecp5", "-o", dir.toString());
    assertEquals(2, device.status());
    assertTrue(device.err().contains("unknown device 'ecp5'; known devices: up5k, hx8k, hx1k, xc7a35t, xc7z020"),
        device.err());
    var board = blitz("fpga", "tiny", "--board", "arty", "-o", dir.toString());
    assertEquals(2, board.status());
    assertTrue(board.err().contains("unknown board 'arty'; known boards: icebreaker"), board.err());
    var none = blitz("fpga", "tiny", "-o", dir.toString());
    assertEquals(2, none.status());
    assertTrue(none.err().contains("give --device DEVICE"), none.err());
    for (String[] args : List.of(new String[] {"--device", "up5k", "--program"},
        new String[] {"--board", "icebreaker", "--device", "hx8k"}, new String[] {"--device", "hx8k", "--spram"},
        new String[] {"--device", "up5k", "--fit", "--fold", "fc1=1,1"}, new String[] {"--board", "icebreaker",
            "--clock", "5"}, new String[] {"--device", "up5k", "--package", "tq144"},
        new String[] {"--device", "up5k", "--baud", "9600"})) {
      var full = new java.util.ArrayList<>(List.of("fpga", "tiny", "-o", dir.toString()));
      full.addAll(List.of(args));
      var run = blitz(full.toArray(String[]::new));
      assertEquals(2, run.status(), String.join(" ", args) + ": " + run.err());
    }
    assertFalse(Files.exists(dir));
  }

  /**
   * A 1500-input network's input buffer alone needs more flip-flops than an HX1K has (with the
   * default stream port the vector is held once): exit 1, the numbers, no output.
   */
  @Test
  void aDesignThatDoesNotFitIsAnErrorWithTheNumbers() throws Exception {
    ExternalTools.require("yosys", "yosys", "aDesignThatDoesNotFit");
    Path model = randomModel("wide", 5, 1500, 2, 2);
    Path dir = temp.resolve("wide-hx1k");
    var run = blitz("fpga", model.toString(), "--device", "hx1k", "--target-cycles", "256", "-o", dir.toString(),
        "--work-dir", WORK.toString());
    assertEquals(1, run.status(), run.err());
    assertTrue(run.err().contains("hx1k: error[FPG001]: wide does not fit the hx1k (iCE40HX1K-TQ144):\n"), run.err());
    assertTrue(run.err().matches("(?s).*\n  flip-flops \\(one per logic cell\\): [0-9,]+ used, 1,280 available "
        + "\\([0-9]+%\\)\n.*"), run.err());
    assertTrue(run.out().contains("does NOT fit the hx1k"), run.out());
    assertFalse(Files.exists(dir), "no partial output");
  }

  /**
   * A 128-64-2 network at II 79 is over an HX1K's LUTs with its weights in LUT ROM, so {@code
   * --weights auto} keeps fc1's and out's in block RAM, says why with the estimates, and the design
   * fits; the report and its JSON name every layer's storage.
   */
  @Test
  void autoWeightsMoveToBlockRamWhenLutRomDoesNotFitTheDevice() throws Exception {
    assumeIce40Tools();
    Path model = randomModel("lutbound", 3, 128, 64, 2);
    Path dir = temp.resolve("lutbound-hx1k");
    var run = blitz("fpga", model.toString(), "--device", "hx1k", "--target-cycles", "64", "-o", dir.toString(),
        "--work-dir", WORK.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("weights placed for the hx1k: with --weights auto's choices the estimate is 1,455 LUTs, "
        + "over its 1,280, so these layers keep their weights in block RAM instead: fc1 (896 LUTs saved for 8 block RAMs), "
        + "out (14 LUTs saved for 1 block RAM)\n"), run.out());
    assertTrue(run.out().contains("\nweights: fc1=bram out=bram\n"), run.out());
    assertTrue(run.out().contains("fits the hx1k"), run.out());
    var json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertEquals("bram", json.path("folding").path(0).path("weights").asText());
    assertEquals(9, json.path("engine").path("blockRams").asInt());
    assertEquals(9, json.path("engine").path("estimate").path("blockRams").asInt());
  }

  /**
   * tiny fully parallel reaches 57.78 MHz with the default pipelining and 66.25 MHz with a register
   * every 2 adder levels (nextpnr-ice40 0.4): asked for 62 MHz, blitz fpga builds the deeper one (the
   * Fmax estimate rules the default out; TimingClosureTest has a rebuild after a measured miss), says
   * why, and writes the design it built.
   */
  @Test
  void aClockTheDefaultPipeliningCannotMeetGetsDeeperPipelining() throws Exception {
    assumeIce40Tools();
    Path dir = temp.resolve("tiny-62");
    var run = blitz("fpga", "tiny", "--device", "up5k", "--target-cycles", "1", "--clock", "62", "-o", dir.toString(),
        "--work-dir", WORK.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().matches("(?s)timing: with a register every 4 adder levels tiny is estimated at [0-9.]+ MHz, at most"
        + " [0-9.]+ within the estimate's measured error, below the 62.00 MHz clock: moving on to a register every 2"
        + " adder levels\nfpga tiny on the up5k.*"), run.out());
    assertTrue(run.out().contains("\nadder trees: a register every 2 adder levels (stages: fc1 1, out 0)\n"), run.out());
    assertTrue(run.out().matches("(?s).*\nFmax [0-9.]+ MHz \\(nextpnr\\), clock 62.00 MHz: met\n.*"), run.out());
    assertEquals(2, new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("adderLevelsPerStage").asInt());
    Path rtl = temp.resolve("tiny-k2");
    assertEquals(0, blitz("verilog", "tiny", "--target-cycles", "1", "--pipeline-levels", "2", "--input-port", "stream",
        "-o", rtl.toString()).status());
    assertArrayEquals(Files.readAllBytes(rtl.resolve("tiny_top.v")), Files.readAllBytes(dir.resolve("tiny_top.v")),
        "the design written is the deeper one");
    var fit = blitz("fpga", "tiny", "--device", "up5k", "--fit", "--clock", "62", "-o", temp.resolve("tiny-fit").toString(),
        "--work-dir", WORK.toString());
    assertEquals(0, fit.status(), fit.err());
    assertTrue(fit.out().matches("(?s).*\n  try II 1 \\(fc1=3,5 out=2,3\\): estimate [0-9]+ LUTs, [0-9]+ flip-flops: "
        + "fits, Fmax [0-9.]+ MHz, with a register every 2 adder levels\n.*"), fit.out());
    // --pipeline-levels is the user's choice: no rebuild.
    var fixed = blitz("fpga", "tiny", "--device", "up5k", "--target-cycles", "1", "--clock", "62", "--pipeline-levels", "4",
        "-o", temp.resolve("tiny-fixed").toString(), "--work-dir", WORK.toString());
    assertEquals(1, fixed.status(), fixed.err());
    assertFalse(fixed.out().contains("timing:"), fixed.out());
    assertTrue(fixed.err().contains("error[FPG002]: tiny reaches "), fixed.err());
    assertFalse(Files.exists(temp.resolve("tiny-fixed")), "no partial output");
  }

  /** At 200 MHz the Fmax estimate rules out every folding of tiny, even pipelined after every adder level: no build. */
  @Test
  void fitSkipsFoldingsTheFmaxEstimateRulesOut() {
    Path dir = temp.resolve("tiny-fit-200");
    var run = blitz("fpga", "tiny", "--device", "up5k", "--fit", "--clock", "200", "-o", dir.toString(), "--work-dir",
        temp.resolve("work").toString());
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().contains("\n  try II 1 (fc1=3,5 out=2,3): estimate 56 LUTs, 44 flip-flops: skipped: Fmax estimate "
        + "57.30 MHz with a register after every adder level, at most 71.62 within its measured error, below the 200.00"
        + " MHz clock\n"), run.out());
    assertEquals(5, run.out().split("skipped: Fmax estimate", -1).length - 1, run.out());
    assertTrue(run.out().startsWith("fit tiny on the up5k (iCE40UP5K)\n  (estimates: CostModel; on designs left out of its"
        + " fit, the LUT estimate was within +-20% of Yosys for "), run.out());
    assertTrue(run.err().contains("error[FPG005]: no folding of tiny fits the up5k and meets 200.00 MHz within 5 tries"),
        run.err());
    assertFalse(Files.exists(dir), "no partial output");
    assertFalse(Files.exists(temp.resolve("work").resolve("runs")), "no tool ran");
  }

  /**
   * The HX parts are faster than the UP5K (nextpnr-ice40 places tiny at II 1 at 57.78 MHz on the
   * UP5K and 164.77 MHz on the HX8K): asked for 100 MHz on the HX8K, --fit judges tiny by the HX
   * estimate, builds the fastest folding and meets the clock, where the UP5K's estimate would have
   * skipped every folding.
   */
  @Test
  void fitOnAnHxPartJudgesFoldingsByTheHxEstimate() throws Exception {
    assumeIce40Tools();
    Path dir = temp.resolve("tiny-hx8k-100");
    var run = blitz("fpga", "tiny", "--device", "hx8k", "--fit", "--clock", "100", "-o", dir.toString(), "--work-dir",
        WORK.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().matches("(?s).*\n  try II 1 \\(fc1=3,5 out=2,3\\): estimate 56 LUTs, [0-9]+ flip-flops: fits, Fmax "
        + "[0-9.]+ MHz\n.*"), run.out());
    assertTrue(run.out().contains("clock 100.00 MHz: met"), run.out());
    assertTrue(Files.exists(dir.resolve("design.bin")));
  }

  /** tiny reaches about 33 MHz on the up5k: asked for 200 MHz it prints its report, exits 1 and writes nothing. */
  @Test
  void aDesignThatMissesItsClockIsAnErrorWithTheFmax() {
    assumeIce40Tools();
    Path dir = temp.resolve("tiny-200");
    var run = blitz("fpga", "tiny", "--device", "up5k", "--fold", "fc1=1,1", "--fold", "out=1,1", "--clock", "200",
        "-o", dir.toString(), "--work-dir", WORK.toString());
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().matches("(?s).*\nFmax [0-9.]+ MHz \\(nextpnr\\), clock 200.00 MHz: NOT met\n.*"), run.out());
    assertTrue(run.err().matches("(?s).*up5k: error\\[FPG002\\]: tiny reaches [0-9.]+ MHz on the up5k, below the "
        + "200.00 MHz clock: ask for a slower --clock \\(nextpnr's timing report: .*nextpnr.json\\)\n.*"), run.err());
    assertFalse(Files.exists(dir), "no partial output");
  }

  @Test
  void aMissingToolNamesItsPackageAndWritesNothing() {
    Path dir = temp.resolve("no-tool");
    System.setProperty(Tool.YOSYS.property(), temp.resolve("nowhere/yosys").toString());
    try {
      var run = blitz("fpga", "tiny", "--device", "up5k", "-o", dir.toString(), "--work-dir", WORK.toString());
      assertEquals(1, run.status());
      assertTrue(run.err().contains("error[FPG004]: synthesis with Yosys synth_ice40 needs yosys, but '"
          + temp.resolve("nowhere/yosys") + "' (from BLITZ_YOSYS) is not an executable: install the Debian package "
          + "yosys (sudo apt-get install yosys), or set BLITZ_YOSYS to its path"), run.err());
    } finally {
      System.clearProperty(Tool.YOSYS.property());
    }
    assertFalse(Files.exists(dir));
    System.setProperty(Tool.OPENFPGALOADER.property(), temp.resolve("nowhere/openFPGALoader").toString());
    try {
      var run = blitz("fpga", "tiny", "--board", "icebreaker", "--program", "-o", dir.toString());
      assertEquals(1, run.status());
      assertTrue(run.err().contains("--program needs openFPGALoader") && run.err().contains("openfpgaloader"), run.err());
    } finally {
      System.clearProperty(Tool.OPENFPGALOADER.property());
    }
    assertFalse(Files.exists(dir));
  }

  @Test
  void boardRunAgainstAModelOfTheBoardReportsAccuracyAndAgreement() {
    Network network = Examples.FASHION_MLP.network();
    var set = Examples.fashionTestSlice().first(40);
    String report = BoardRunCommand.run(network, Dataset.named("fashion-mnist"), set, new BoardModel(network, 1),
        3_000_000, "model");
    assertTrue(report.startsWith("board-run fashion_mlp on model (3000000 baud): 40 images in "), report);
    assertTrue(report.contains("every answer equals the golden model's (class and scores)"), report);
    String golden = InferCommand.accuracyReport(network, Dataset.named("fashion-mnist"), set, "golden", "x");
    String accuracy = golden.lines().filter(l -> l.startsWith("accuracy: ")).findFirst().orElseThrow();
    assertTrue(report.contains(accuracy), accuracy + " in " + report);
  }

  @Test
  void boardRunSaysWhenTheBoardsAnswersDifferFromTheGoldenModel() {
    Network network = Examples.FASHION_MLP.network();
    var set = Examples.fashionTestSlice().first(5);
    String report = BoardRunCommand.run(network, Dataset.named("fashion-mnist"), set, BoardModel.miscounting(network),
        3_000_000, "model");
    assertTrue(report.contains("\nMISMATCH: 5 answers differ from the golden model's, the first at image 0\n"), report);
    assertFalse(report.contains("every answer equals"), report);
  }

  @Test
  void boardRunSendsSpramWeightsInTheBitstreamsFoldingBeforeTheFirstImage() {
    Network network = Examples.FASHION_UP5K.network();
    var set = Examples.fashionTestSlice().first(10);
    FoldingPlan plan = FoldingPlan.of(network, List.of(), 2048L).withWeights(WeightStorage.SPRAM);
    StreamProtocol protocol = StreamProtocol.of(network, plan);
    byte[] load = protocol.load(WeightLoad.stream(network, plan));
    assertEquals(2 * 6784, load.length, "fashion-up5k at II 2048: 6,784 weight words (docs/fpga.md)");
    var board = new BoardModel(network, protocol);
    String report = BoardRunCommand.run(network, protocol, load, Dataset.named("fashion-mnist"), set, board, 3_000_000,
        "model");
    assertArrayEquals(load, board.loaded());
    assertTrue(report.contains("every answer equals the golden model's (class and scores)"), report);
  }

  @Test
  void boardRunTakesTheBitstreamsSpramOptionsAndRefusesAFoldingWithoutThem() {
    Path slice = dev.brainblitz.ir.testing.GoldenFiles.repoRoot().resolve("examples/data/fashion-mnist-test-1000");
    String port = temp.resolve("ttyUSB9").toString();
    var spram = blitz("board-run", "fashion-up5k", "--port", port, "--dataset", "fashion-mnist", "--data",
        slice.toString(), "--limit", "3", "--weights", "spram", "--target-cycles", "2048");
    assertEquals(1, spram.status(), spram.err());
    assertTrue(spram.err().contains("error[FPG006]: serial port " + port + " does not exist"), spram.err());
    var folded = blitz("board-run", "fashion-up5k", "--port", port, "--dataset", "fashion-mnist", "--data",
        slice.toString(), "--target-cycles", "2048");
    assertEquals(2, folded.status(), folded.err());
    assertTrue(folded.err().contains("--fold and --target-cycles say how the SPRAM weights are sent: give them with "
        + "--weights spram"), folded.err());
  }

  @Test
  void boardRunWithoutAPortIsAClearError() {
    Path slice = dev.brainblitz.ir.testing.GoldenFiles.repoRoot().resolve("examples/data/fashion-mnist-test-1000");
    var run = blitz("board-run", "fashion-mlp", "--port", temp.resolve("ttyUSB9").toString(), "--dataset",
        "fashion-mnist", "--data", slice.toString(), "--limit", "3");
    assertEquals(1, run.status(), run.err());
    assertTrue(run.err().contains("error[FPG006]: serial port " + temp.resolve("ttyUSB9") + " does not exist"), run.err());
  }

  /** A model that cannot read the images is an error at the model's file, before any port is opened. */
  @Test
  void boardRunWithAModelOfTheWrongShapeNamesTheModel() {
    Path slice = BlitzTest.repo("examples/data/fashion-mnist-test-1000");
    var run = blitz("board-run", "tiny", "--port", temp.resolve("ttyUSB9").toString(), "--dataset", "fashion-mnist",
        "--data", slice.toString(), "--limit", "3");
    assertEquals(1, run.status(), run.err());
    assertTrue(run.err().startsWith("tiny: error[DAT007]: model 'tiny' takes 5 inputs but the images have 28x28 = 784"
        + " pixels"), run.err());
  }
}
