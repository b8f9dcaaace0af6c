package dev.brainblitz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blitz verilog} and {@code blitz verify --targets golden,rtl} as a user runs them. */
class VerilogCommandTest {
  @TempDir Path temp;

  record Run(int status, String out, String err) {}

  static Run blitz(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    int status = Blitz.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(status, out.toString(), err.toString());
  }

  static boolean verilatorPresent() {
    try {
      return new ProcessBuilder("verilator", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void writesDesignHarnessVectorsAndMakefileAndReports() throws IOException {
    Path dir = temp.resolve("tiny-hw");
    var run = blitz("verilog", "tiny", "-o", dir.toString(), "--fold", "fc1=1,2", "--fold", "out=2,3", "--report");
    assertEquals(0, run.status(), run.err());
    try (var files = Files.list(dir)) {
      assertEquals(List.of("Makefile", "harness.cpp", "tiny_fc1_weights.hex", "tiny_top.v", "vectors.txt"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertTrue(Files.readString(dir.resolve("tiny_top.v")).contains("module tiny_top ("));
    assertTrue(run.out().contains("initiation interval 9 cycles; latency 13 cycles"), run.out());
    assertTrue(run.out().contains("ROM bits") && run.out().contains("est. LUT"), run.out());
    try (var files = Files.list(temp)) {
      assertEquals(List.of("tiny-hw"), files.map(p -> p.getFileName().toString()).toList(), "no staging left behind");
    }
  }

  /**
   * {@code --dsp-adders all}: every node that qualifies (280 in fashion-up5k at II 16), the same design
   * as a budget above that count; the count is in the report.
   */
  @Test
  void dspAddersAllTakesEveryNodeThatQualifies() throws IOException {
    Path all = temp.resolve("all");
    Path many = temp.resolve("many");
    var run = blitz("verilog", "fashion-up5k", "--target-cycles", "16", "--dsp-adders", "all", "--report", "-o",
        all.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("DSP slices: 280 adder-tree nodes"), run.out());
    assertEquals(0, blitz("verilog", "fashion-up5k", "--target-cycles", "16", "--dsp-adders", "281", "-o",
        many.toString()).status());
    assertEquals(Files.readString(many.resolve("fashion_up5k_top.v")), Files.readString(all.resolve("fashion_up5k_top.v")));
    var fewer = blitz("verilog", "fashion-up5k", "--target-cycles", "16", "--dsp-adders", "279", "--report", "-o",
        temp.resolve("fewer").toString());
    assertTrue(fewer.out().contains("DSP slices: 279 adder-tree nodes"), fewer.out());
  }

  /** {@code --weights spram}: a weight-load port and SPRAM columns; a memory deeper than one SPRAM is HDL006. */
  @Test
  void spramWeightsGetALoadPortAndTheirDepthIsBounded() throws IOException {
    Path dir = temp.resolve("tiny-spram");
    var run = blitz("verilog", "tiny", "-o", dir.toString(), "--weights", "spram", "--fold", "fc1=2,4");
    assertEquals(0, run.status(), run.err());
    String verilog = Files.readString(dir.resolve("tiny_top.v"));
    assertTrue(verilog.contains("fc1: 5 -> 3, PE 2, SIMD 4, 4 cycles, 0 pipeline stages, weights in SPRAM (4 load words)"),
        verilog);
    assertTrue(verilog.contains("input wire [15:0] wl_data,"), "the weight-load port");

    Path deep = temp.resolve("mlp-spram");
    var refused = blitz("verilog", "fashion-mlp", "-o", deep.toString(), "--weights", "spram", "--fold", "fc1=1,1");
    assertEquals(1, refused.status(), refused.err());
    assertTrue(refused.err().contains("HDL006") && refused.err().contains("200704 words"), refused.err());
    assertFalse(Files.exists(deep), "no partial output directory");
  }

  /** {@code --weights LAYER=STYLE}: fc1 alone in SPRAM, the other layers where the plain entry puts them; bad entries refused without output. */
  @Test
  void oneLayersWeightsCanGoToSpram() throws IOException {
    Path dir = temp.resolve("mlp-fc1-spram");
    var run = blitz("verilog", "fashion-mlp", "-o", dir.toString(), "--weights", "lut", "--weights", "fc1=spram",
        "--target-cycles", "8192");
    assertEquals(0, run.status(), run.err());
    String verilog = Files.readString(dir.resolve("fashion_mlp_top.v"));
    assertTrue(verilog.contains("input wire [15:0] wl_data,"), "the weight-load port");
    assertTrue(verilog.contains("//   fc1: 784 -> 256, PE 1, SIMD 25, 8192 cycles, 1 pipeline stages, weights in SPRAM (16384 load words)\n"
        + "//   fc2: 256 -> 256, PE 1, SIMD 8, 8192 cycles, 0 pipeline stages\n"), verilog.substring(0, 400));
    for (String bad : List.of("fc9=spram", "=spram", "fc1=sram")) {
      Path out = temp.resolve("bad-weights");
      var refused = blitz("verilog", "fashion-mlp", "-o", out.toString(), "--weights", bad);
      // a name that is no layer is the model's error (HDL001), a malformed entry a usage error
      assertEquals(bad.startsWith("fc9") ? 1 : 2, refused.status(), bad + ": " + refused.err());
      assertFalse(Files.exists(out), "no output for " + bad);
    }
  }

  @Test
  void convWindowLineReportsLineBuffers() {
    Path dir = temp.resolve("cnn-line");
    var run = blitz("verilog", "fashion-cnn", "-o", dir.toString(), "--conv-window", "line", "--report");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("(II 6676 cycles, latency 16589 cycles)"), run.out());
    // auto: conv2's delay lines (2 x 27 pixels of 32 bits) in block RAM, its 3 x 3 taps in flip-flops
    assertTrue(run.out().contains("conv2: 3x3 stride 1 same -1, 28x28x32 -> 28x28x32: 784 pixels x 8 folds; line buffer 2016 bits:"
        + " 288 tap bits, delay lines 27 x 64 bits in block RAM; then stream max-pools [2] -> 14x14x32, one 32-bit pixel per"
        + " beat to the link"), run.out());
    assertTrue(run.out().contains("conv3: 3x3 stride 1 same -1, 14x14x32 -> 14x14x64: 196 pixels x 32 folds; line buffer 1120 bits\n")
        || run.out().contains("conv3: 3x3 stride 1 same -1, 14x14x32 -> 14x14x64: 196 pixels x 32 folds; line buffer 1120 bits\r\n"),
        "832 delay-line bits stay in flip-flops: " + run.out());
    var registers = blitz("verilog", "fashion-cnn", "-o", temp.resolve("cnn-line-reg").toString(), "--conv-window", "line",
        "--line-buffers", "reg", "--report");
    assertEquals(0, registers.status(), registers.err());
    assertTrue(registers.out().contains("(II 6676 cycles, latency 16589 cycles)"), "the same timing: " + registers.out());
    assertTrue(registers.out().contains("784 pixels x 8 folds; line buffer 2016 bits; then stream max-pools"), registers.out());
  }

  @Test
  void aStreamInputPortGivesTheFirstConvolutionALineBuffer() throws IOException {
    Path dir = temp.resolve("cnn-stream");
    var run = blitz("verilog", "fashion-cnn", "-o", dir.toString(), "--conv-window", "line", "--input-port", "stream",
        "--report");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("(II 6676 cycles, latency 16613 cycles)"), run.out());
    assertTrue(run.out().contains("conv1: 3x3 stride 1 same 0, 28x28x1 -> 28x28x32: 784 pixels x 8 folds; line buffer 504 bits"),
        run.out());
    String verilog = Files.readString(dir.resolve("fashion_cnn_top.v"));
    assertTrue(verilog.contains("// Input port: stream, 784 beats of 8 bits per vector."), "the header says so");
    assertTrue(verilog.contains("input wire [7:0] in_data,"), "an 8-bit port");

    Path frame = temp.resolve("cnn-stream-frame");
    var refused = blitz("verilog", "fashion-cnn", "-o", frame.toString(), "--input-port", "stream");
    assertEquals(2, refused.status(), refused.err());
    assertTrue(refused.err().contains("HDL005"), refused.err());
    assertFalse(Files.exists(frame), "no partial output directory");
    var unknown = blitz("verilog", "tiny", "-o", frame.toString(), "--input-port", "serial");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("--input-port is vector or stream, not 'serial'"), unknown.err());
  }

  /** The replay Makefile rebuilds and runs the design on its own, weight memory files included. */
  @Test
  void theReplayMakefileRunsTheDesignWithoutJava() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(verilatorPresent(),
        "Verilator is not installed: install the Debian package verilator to run this test");
    Path dir = temp.resolve("tiny-replay");
    assertEquals(0, blitz("verilog", "tiny", "-o", dir.toString(), "--fold", "fc1=1,2", "--fold", "out=2,3").status());
    Process make = new ProcessBuilder("make", "-s", "-C", dir.toString(), "STALL_IN=0.3", "STALL_OUT=0.4")
        .redirectErrorStream(true).start();
    String log = new String(make.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, make.waitFor(), log);
    var lines = Files.readAllLines(dir.resolve("results.txt"));
    var network = ModelArgument.read("tiny");
    var golden = new dev.brainblitz.ir.golden.GoldenModel(network);
    var expected = dev.brainblitz.ir.random.RandomNetworks.vectors(1, network, 16).stream().map(golden::infer).toList();
    assertEquals(expected, dev.brainblitz.hdlgen.HarnessResults.parse(lines).results(), "results.txt");
  }

  @Test
  void badFoldingsAndTargetsExitOneWithoutOutput() {
    for (String[] args : List.of(new String[] {"--fold", "fc1=9,1"}, new String[] {"--fold", "nope=1,1"},
        new String[] {"--fold", "fc1"}, new String[] {"--target-cycles", "0"})) {
      Path dir = temp.resolve("never");
      String[] full = new String[args.length + 4];
      full[0] = "verilog";
      full[1] = "tiny";
      full[2] = "-o";
      full[3] = dir.toString();
      System.arraycopy(args, 0, full, 4, args.length);
      var run = blitz(full);
      assertEquals(2, run.status(), String.join(" ", args));
      assertTrue(run.err().contains("HDL00"), run.err());
      assertFalse(run.err().contains("\tat "), run.err());
      assertFalse(Files.exists(dir), "no partial output directory");
    }
  }

  @Test
  void verifyComparesTheRtlWithTheGoldenModel() {
    org.junit.jupiter.api.Assumptions.assumeTrue(verilatorPresent(),
        "Verilator is not installed: install the Debian package verilator to run this test");
    var run = blitz("verify", "tiny", "--targets", "golden,rtl", "--vectors", "200", "--stalls");
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("OK: golden, rtl agree bit-exactly on 200 vectors"), run.out());
    var steady = blitz("verify", "tiny", "--targets", "golden,rtl", "--vectors", "100", "--target-cycles", "5");
    assertEquals(0, steady.status(), steady.out() + steady.err());
    assertTrue(steady.out().matches("(?s).*\n  II +cycles +5 \\(predicted 5\\)\n.*"), steady.out());
  }

  /** A failing rtl target keeps the run of its first wrong result, with its replay Makefile, and says where. */
  @Test
  void aFailingVerifyKeepsTheRtlRunForReplay() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(verilatorPresent(),
        "Verilator is not installed: install the Debian package verilator to run this test");
    // With faulty:7 as the reference, the (correct) RTL differs from it on vectors 6 and 13.
    var run = blitz("verify", "tiny", "--targets", "faulty:7,rtl", "--vectors", "20");
    assertEquals(1, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("MISMATCH: rtl differs from faulty:7 on 2 of 20 vectors; first at vector 6:"), run.out());
    var kept = java.util.regex.Pattern.compile(
        "\n  rtl's run of that vector is kept in (\\S+)\n  replay it without Java: make -C \\1 STALL_IN=0\\.0 "
            + "STALL_OUT=0\\.0 SEED=\\d+\n").matcher(run.out());
    assertTrue(kept.find(), run.out());
    Path dir = Path.of(kept.group(1));
    try {
      assertTrue(Files.exists(dir.resolve("Makefile")) && Files.exists(dir.resolve("tiny_top.v")), dir.toString());
      assertEquals(20, Files.readAllLines(dir.resolve("vectors.txt")).size(), "the run of all 20 vectors");
    } finally {
      dev.brainblitz.ir.io.FileTrees.delete(dir);
    }
  }

  @Test
  void rtlOptionsWithoutTheRtlTargetAreAUsageError() {
    var run = blitz("verify", "tiny", "--fold", "fc1=1,1", "--stalls", "0.2", "--vectors", "2");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("--fold applies to the hardware targets (rtl, netlist:*, board:*), and --targets names none"),
        run.err());
    var one = blitz("verify", "tiny", "--targets", "golden,engine", "--vcd", "/tmp/never.vcd");
    assertEquals(2, one.status());
    assertTrue(one.err().contains("--vcd applies to the rtl target, and --targets names none"), one.err());
    var stalls = blitz("verify", "tiny", "--targets", "golden,board:icebreaker", "--stalls", "0.2", "--vectors", "2");
    assertEquals(2, stalls.status());
    assertTrue(stalls.err().contains("--stalls applies to the rtl and netlist:* targets, and --targets names none"),
        stalls.err());
  }

  @Test
  void verifyAggregatesEveryBatchAndTakesStallRates() {
    org.junit.jupiter.api.Assumptions.assumeTrue(verilatorPresent(),
        "Verilator is not installed: install the Debian package verilator to run this test");
    // 2100 vectors run in three batches (1024, 1024, 52): the figures cover all of them.
    var run = blitz("verify", "tiny", "--targets", "golden,rtl", "--vectors", "2100", "--target-cycles", "5");
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(java.util.regex.Pattern.compile("(?m)^\\s+II\\s+cycles\\s+5 \\(predicted 5\\)$").matcher(run.out()).find(), run.out());
    var latency = java.util.regex.Pattern.compile("(?m)^\\s+latency\\s+cycles\\s+(\\d+) \\(predicted (\\d+)\\)$").matcher(run.out());
    assertTrue(latency.find(), run.out());
    assertEquals(latency.group(2), latency.group(1), run.out());
    var cycles = java.util.regex.Pattern.compile("(?m)^\\s+simulated\\s+cycles\\s+(\\d+)$").matcher(run.out());
    assertTrue(cycles.find(), run.out());
    assertTrue(Long.parseLong(cycles.group(1)) >= 2100 * 5, "cycles of all batches: " + run.out());
    for (String rates : List.of("in=0.2,out=0.5", "0.6", "out=0.4")) {
      var stalled = blitz("verify", "tiny", "--targets", "golden,rtl", "--vectors", "150", "--stalls", rates);
      assertEquals(0, stalled.status(), rates + ": " + stalled.out() + stalled.err());
      assertTrue(stalled.out().contains("OK: golden, rtl agree bit-exactly on 150 vectors"), stalled.out());
    }
  }

  @Test
  void stallRatesOutsideZeroToOneAreUsageErrors() {
    for (String bad : List.of("1", "1.5", "-0.2", "in=0.2,out=1", "lots", "in=0.1,sideways=0.2")) {
      var run = blitz("verify", "tiny", "--targets", "golden,rtl", "--vectors", "10", "--stalls", bad);
      assertEquals(2, run.status(), bad + ": " + run.out() + run.err());
      assertTrue(run.err().contains("Invalid value for option '--stalls'"), run.err());
      assertTrue(run.err().contains("[0, 1)") || run.err().contains("in=RATE,out=RATE"), run.err());
      assertFalse(run.err().contains("\tat "), run.err());
    }
  }

  @Test
  void pipelineLevelsBelowOneAreAnError() {
    Path dir = temp.resolve("never");
    var run = blitz("verilog", "tiny", "-o", dir.toString(), "--pipeline-levels", "0");
    assertEquals(2, run.status(), run.out() + run.err());
    assertTrue(run.err().contains("HDL004: "), run.err());
    assertFalse(Files.exists(dir), "no partial output directory");
    var report = blitz("verilog", "mlp784", "-o", temp.resolve("mlp").toString(), "--fold", "fc1=1,784",
        "--pipeline-levels", "2", "--report");
    assertEquals(0, report.status(), report.err());
    // fc1: 784-byte trees have 10 adder levels: a register after levels 2, 4, 6 and 8.
    assertTrue(report.out().lines().anyMatch(l -> l.startsWith("fc1 ") && l.matches(".* 256 +4 .*")), report.out());
  }

  @Test
  void missingVerilatorIsAUserErrorNamingThePackage() {
    String before = System.getProperty("blitz.verilator");
    System.setProperty("blitz.verilator", "/nonexistent/verilator");
    try {
      var run = blitz("verify", "tiny", "--targets", "golden,rtl", "--vectors", "10");
      assertEquals(1, run.status(), run.out() + run.err());
      assertTrue(run.err().contains("install the Debian package verilator"), run.err());
      assertFalse(run.err().contains("\tat "), run.err());
    } finally {
      if (before == null) {
        System.clearProperty("blitz.verilator");
      } else {
        System.setProperty("blitz.verilator", before);
      }
    }
  }
}
