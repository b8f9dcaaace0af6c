package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.ConvWindow;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.LineStorage;
import dev.brainblitz.hdlgen.RtlOptions;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Targets netlist:ice40 and netlist:xilinx: the synthesized netlist equals the golden model bit for bit. */
class NetlistTargetTest {
  static ExecutionReport runTarget(String target, Network network, String folds, List<InputVector> vectors) {
    ExecutorOptions options = ExecutorOptions.DEFAULTS.withWorkDirectory(FpgaTesting.WORK)
        .with(FpgaTesting.folds(folds));
    try (var executor = Executors.create(target, network, options)) {
      return executor.run(vectors);
    }
  }

  static void assertGolden(Network network, List<InputVector> vectors, ExecutionReport report) {
    var golden = new GoldenModel(network);
    assertEquals(vectors.stream().map(golden::infer).toList(), report.results());
  }

  @Test
  void tinyOnIce40() {
    FpgaTesting.assumeYosys("tinyOnIce40");
    FpgaTesting.assumeVerilator("tinyOnIce40");
    Network tiny = FpgaTesting.example("tiny");
    var vectors = RandomNetworks.vectors(5, tiny, 32);
    ExecutionReport report = runTarget(NetlistExecutorProvider.ICE40, tiny, "fc1=2,3;out=1,2", vectors);
    assertGolden(tiny, vectors, report);
    var ii = report.metrics().get(0);
    assertEquals("II", ii.key());
    assertEquals(4, ii.value());
    assertEquals(4, ii.predicted().orElseThrow());
  }

  @Test
  void aStreamPortOnIce40MeetsItsPredictedII() {
    assertStreamPortMeetsItsII(LineStorage.AUTO);
  }

  /** The same with the input buffer in block RAM: 3 slices of one byte in an SB_RAM40_4K, same II. */
  @Test
  void aStreamPortsInputBufferInBlockRamOnIce40() {
    assertStreamPortMeetsItsII(LineStorage.BRAM);
  }

  private static void assertStreamPortMeetsItsII(LineStorage buffer) {
    FpgaTesting.assumeYosys("streamPortOnIce40");
    FpgaTesting.assumeVerilator("streamPortOnIce40");
    Network net = FpgaTesting.example("tiny-u8");
    var vectors = RandomNetworks.vectors(10, net, 32);
    ExecutionReport report;
    ExecutorOptions options = ExecutorOptions.DEFAULTS.withWorkDirectory(FpgaTesting.WORK)
        .with(FpgaTesting.folds("fc1=1,1;out=1,1").withPort(InputPort.STREAM).withLines(buffer));
    try (var executor = Executors.create(NetlistExecutorProvider.ICE40, net, options)) {
      report = executor.run(vectors);
    }
    assertGolden(net, vectors, report);
    var ii = report.metrics().get(0);
    assertEquals("II", ii.key());
    // fc1: 3 inputs x 2 neurons = 6 cycles, + 3 beats - 1; out: 2 x 2 = 4 cycles
    assertEquals(8, ii.predicted().orElseThrow());
    assertEquals(8, ii.value());
  }

  /**
   * Slow convolutions at the gate level: the network of {@link LineBufferInferenceTest} with conv2 at
   * PE 1 and SIMD 1 in line mode with {@link LineStorage#BRAM}, so conv2 keeps its delay lines as
   * narrow words in one {@code SB_RAM40_4K} and reads its slices from its taps: the synthesized
   * netlist equals the golden model, at the predicted II.
   */
  @Test
  void narrowDelayLinesAndTapReadingOnIce40() {
    FpgaTesting.assumeYosys("narrowDelayLinesAndTapReadingOnIce40");
    FpgaTesting.assumeVerilator("narrowDelayLinesAndTapReadingOnIce40");
    Network net = LineBufferInferenceTest.NET;
    var vectors = RandomNetworks.vectors(11, net, 6);
    String verilog = VerilogDesign.of(net, FoldingPlan.of(net, List.of("conv1=4,9", "conv2=1,1", "out=3,50"), null)
        .withWindow(ConvWindow.LINE).withLines(LineStorage.BRAM)).verilog();
    assertTrue(verilog.contains("reg [15:0] lmem [0:33];") && verilog.contains("straight from the line buffer's taps"),
        "conv2's delay lines are narrow and it reads its taps");
    ExecutorOptions options = ExecutorOptions.DEFAULTS.withWorkDirectory(FpgaTesting.WORK)
        .with(FpgaTesting.folds("conv1=4,9;conv2=1,1;out=3,50").withWindow(ConvWindow.LINE)
            .withLines(LineStorage.BRAM));
    ExecutionReport report;
    try (var executor = Executors.create(NetlistExecutorProvider.ICE40, net, options)) {
      report = executor.run(vectors);
    }
    assertGolden(net, vectors, report);
    var ii = report.metrics().get(0);
    assertEquals("II", ii.key());
    assertEquals(ii.predicted().orElseThrow(), ii.value());
  }

  /**
   * Block RAM at gate level on Xilinx, simulated with our RAMB18E1/RAMB36E1 models (Yosys ships
   * blackboxes): weights in block RAM (read-only RAMB18E1s, 36-bit simple dual port), an input buffer
   * behind a stream port (a RAMB18E1 written and read in true dual port), and conv network 241 in
   * line mode, whose delay lines take a RAMB36E1 written 72 bits wide: the memory Yosys 0.23 maps
   * wrongly without {@link XilinxBramMapFix} (the ninth bit of bytes 4..7 written with that of bytes
   * 0..3). And a RAMB18E1 more than half full: a 128-96-4 network whose fc1 at PE 1, SIMD 16 reads
   * 768 words of 16 bits from one RAMB18E1 in its 1024 x 18 form, so that the address's top bit
   * (ADDR[13]) selects the upper half (an early form of the model dropped it, and the upper half read
   * the lower). Each netlist is checked to hold the block RAM it is meant to exercise.
   */
  @Test
  void blockRamsOnXilinx() {
    FpgaTesting.assumeYosys("blockRamsOnXilinx");
    FpgaTesting.assumeVerilator("blockRamsOnXilinx");
    Network mlp = RandomNetworks.mlp("sm", new Random(5), InputKind.BIPOLAR, new int[] {64, 16, 4}, false);
    var vectors = RandomNetworks.vectors(12, mlp, 16);
    RtlOptions rom = RtlOptions.DEFAULTS.withTargetCycles(4).withWeights(WeightStorage.BRAM);
    assertTrue(xilinxNetlist(mlp, rom).contains(".RAM_MODE(\"SDP\"),\n    .READ_WIDTH_A(32'd36)"));
    assertGolden(mlp, vectors, runXilinx(mlp, vectors, rom));
    RtlOptions buffer = RtlOptions.DEFAULTS.withTargetCycles(64).withPort(InputPort.STREAM).withLines(LineStorage.BRAM)
        .withWeights(WeightStorage.BRAM);
    assertTrue(xilinxNetlist(mlp, buffer).contains(".WRITE_WIDTH_A(32'd18)"));
    assertGolden(mlp, vectors, runXilinx(mlp, vectors, buffer));
    Network conv = RandomNetworks.convNetwork(241);
    var images = RandomNetworks.vectors(13, conv, 6);
    RtlOptions lines = RtlOptions.DEFAULTS.withWindow(ConvWindow.LINE).withLines(LineStorage.BRAM);
    assertTrue(xilinxNetlist(conv, lines).contains(".WRITE_WIDTH_B(32'd72)"));
    assertGolden(conv, images, runXilinx(conv, images, lines));
    Network deep = RandomNetworks.mlp("half", new Random(5), InputKind.BIPOLAR, new int[] {128, 96, 4}, false);
    var deepVectors = RandomNetworks.vectors(14, deep, 6);
    RtlOptions upperHalf = FpgaTesting.folds("fc1=1,16").withWeights(WeightStorage.BRAM);
    String netlist = xilinxNetlist(deep, upperHalf);
    assertTrue(netlist.contains(".READ_WIDTH_A(32'd18)") && netlist.contains(".ADDRARDADDR({ \\u_fc1.addr_next , 4'h0 })"),
        "fc1's weights are one RAMB18E1 read 18 bits wide at a 10-bit address");
    assertEquals(768, upperHalf.plan(deep).initiationInterval(), "fc1 reads its 768 words, one a cycle: the upper half too");
    assertGolden(deep, deepVectors, runXilinx(deep, deepVectors, upperHalf));
  }

  private static ExecutionReport runXilinx(Network network, List<InputVector> vectors, RtlOptions rtl) {
    try (var executor = Executors.create(NetlistExecutorProvider.XILINX, network,
        ExecutorOptions.DEFAULTS.withWorkDirectory(FpgaTesting.WORK).with(rtl))) {
      return executor.run(vectors);
    }
  }

  /** The Xilinx netlist target {@code netlist:xilinx} simulates for {@code network} under {@code rtl} (cached). */
  private static String xilinxNetlist(Network network, RtlOptions rtl) {
    VerilogDesign design = VerilogDesign.of(network, rtl.plan(network));
    var files = new LinkedHashMap<String, String>();
    files.put(design.verilogFileName(), design.verilog());
    files.putAll(design.memoryFiles());
    Path run = GateLevel.synthesize(FpgaTesting.workspace(), Family.XC7, files, design.topName(), false);
    return GateLevel.read(run.resolve(GateLevel.NETLIST));
  }

  @Test
  void tinyU8OnXilinx() {
    FpgaTesting.assumeYosys("tinyU8OnXilinx");
    FpgaTesting.assumeVerilator("tinyU8OnXilinx");
    Network net = FpgaTesting.example("tiny-u8");
    var vectors = RandomNetworks.vectors(6, net, 32);
    assertGolden(net, vectors, runTarget(NetlistExecutorProvider.XILINX, net, "", vectors));
  }
}
