package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.ConvWindow;
import dev.brainblitz.hdlgen.CostModel;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.LineStorage;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.random.RandomNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Line buffers in block RAM checked, not assumed: a 6x20x1 bipolar image through conv1 (3x3 same,
 * 16 channels) and conv2 (3x3 valid, 4 channels) in {@link ConvWindow#LINE}. conv2's line buffer
 * has 2 delay lines of 20 - 3 = 17 pixels of 16 bits: a 17 x 32 memory, 2 {@code SB_RAM40_4K}
 * (256 x 16) on iCE40 and 1 RAMB18 (512 x 36) on Xilinx. With the weights in LUT ROM, Yosys's
 * {@code stat} after synthesis must show exactly those blocks for {@link LineStorage#BRAM}, none
 * for {@link LineStorage#REG}, no memory left unmapped, and the cost model must count the same
 * blocks (the scores' SIMD of 50 splits conv2's 4-bit pixels, so their collector keeps its line
 * buffer in registers). Only synthesis runs (place and route adds nothing to the question). The other memories
 * that {@link LineStorage} and the weight storage put in block RAM are checked the same way: a deep
 * link, a stream port's input buffer and deep threshold tables.
 */
class LineBufferInferenceTest {
  static final Network NET = network();
  static final FoldingPlan PLAN = FoldingPlan.of(NET, List.of("conv1=4,9", "conv2=4,16", "out=3,50"), null)
      .withWindow(ConvWindow.LINE).withWeights(WeightStorage.LUT);

  static Network network() {
    Random random = new Random(12);
    MapShape in = new MapShape(6, 20, 1);
    BitMatrix w1 = RandomNetworks.randomBits(random, 16, 9);
    MapShape mid = new MapShape(6, 20, 16);
    BitMatrix w2 = RandomNetworks.randomBits(random, 4, 9 * 16);
    BitMatrix w3 = RandomNetworks.randomBits(random, 3, 4 * 18 * 4);
    List<Node> nodes = List.of(new Node.Input("x", InputKind.BIPOLAR, in.size()),
        new Node.Conv2d("conv1", "x", in, 3, 1, Padding.same(1), w1),
        new Node.Threshold("act1", "conv1", RandomNetworks.randomThresholds(random, w1, InputKind.BIPOLAR)),
        new Node.Conv2d("conv2", "act1", mid, 3, 1, Padding.VALID, w2),
        new Node.Threshold("act2", "conv2", RandomNetworks.randomThresholds(random, w2, InputKind.BIPOLAR)),
        new Node.Flatten("flat", "act2"),
        new Node.Scores("out", "flat", w3, List.of(0, 0, 0)));
    return ModelValidator.validate(new Model("lines", nodes));
  }

  @Test
  void autoKeepsThisSmallLineBufferInRegisters() {
    // 2 x 17 x 16 = 544 delay-line bits, under LineStorage.AUTO_MIN_BITS
    assertEquals(0, CostModel.of(PLAN, CostModel.Fabric.ICE40).blockRams());
    assertEquals(2, CostModel.of(PLAN.withLines(LineStorage.BRAM), CostModel.Fabric.ICE40).blockRams());
    assertEquals(1, CostModel.of(PLAN.withLines(LineStorage.BRAM), CostModel.Fabric.XILINX).blockRams());
  }

  @Test
  void ice40InfersSbRam40ForALineBufferInBlockRam() throws Exception {
    FpgaTesting.assumeIce40Tools("ice40InfersSbRam40ForALineBufferInBlockRam");
    assertEquals(Map.of("SB_RAM40_4K", 2L), blockRams(LineStorage.BRAM, "up5k", 12));
    assertEquals(Map.of(), blockRams(LineStorage.REG, "up5k", 12));
  }

  @Test
  void xilinxInfersRamb18ForALineBufferInBlockRam() throws Exception {
    FpgaTesting.assumeYosys("xilinxInfersRamb18ForALineBufferInBlockRam");
    assertEquals(Map.of("RAMB18E1", 1L), blockRams(LineStorage.BRAM, "xc7a35t", 100));
  }

  /**
   * Narrow delay lines ({@code StreamWindow.narrowed}): conv2 folded to PE 1 and SIMD 4 (144 issues
   * per output pixel, more than the 43 shifts x 3 cycles from a frame's last window to the next
   * frame's first) keeps its 17 x 32 bits of delay lines as 34 words of 16 bits: one
   * {@code SB_RAM40_4K} where the wide memory took two.
   */
  @Test
  void ice40InfersOneSbRam40ForNarrowDelayLines() throws Exception {
    FoldingPlan slow = FoldingPlan.of(NET, List.of("conv1=4,9", "conv2=1,4", "out=3,50"), null)
        .withWindow(ConvWindow.LINE).withWeights(WeightStorage.LUT);
    assertEquals(1, CostModel.of(slow.withLines(LineStorage.BRAM), CostModel.Fabric.ICE40).blockRams());
    assertTrue(VerilogDesign.of(NET, slow.withLines(LineStorage.BRAM)).verilog().contains("reg [15:0] lmem [0:33];"));
    FpgaTesting.assumeIce40Tools("ice40InfersOneSbRam40ForNarrowDelayLines");
    assertEquals(Map.of("SB_RAM40_4K", 1L), blockRams(NET, slow, LineStorage.BRAM, "up5k", 12));
  }

  /**
   * A 4x16x1 bipolar image, conv1 3x3 same +1 to {@code channels} channels and a 2x2 max-pool (its
   * link queues a pooled row of 8 pixels), conv2 3x3 same -1 to 4 channels, flatten, 3 scores.
   */
  private static Network pooledRowNetwork(String name, long seed, int channels) {
    Random random = new Random(seed);
    MapShape in = new MapShape(4, 16, 1);
    BitMatrix w1 = RandomNetworks.randomBits(random, channels, 9);
    BitMatrix w2 = RandomNetworks.randomBits(random, 4, 9 * channels);
    BitMatrix w3 = RandomNetworks.randomBits(random, 3, 2 * 8 * 4);
    return ModelValidator.validate(new Model(name, List.of(
        new Node.Input("x", InputKind.BIPOLAR, in.size()),
        new Node.Conv2d("conv1", "x", in, 3, 1, Padding.same(1), w1),
        new Node.Threshold("act1", "conv1", RandomNetworks.randomThresholds(random, w1, InputKind.BIPOLAR)),
        new Node.MaxPool("pool1", "act1", 2),
        new Node.Conv2d("conv2", "pool1", new MapShape(2, 8, channels), 3, 1, Padding.same(-1), w2),
        new Node.Threshold("act2", "conv2", RandomNetworks.randomThresholds(random, w2, InputKind.BIPOLAR)),
        new Node.Flatten("flat", "act2"),
        new Node.Scores("out", "flat", w3, List.of(1, 0, -1)))));
  }

  /**
   * A deep link: a 4x16x1 image, conv1 3x3 same to 8 channels and a 2x2 max-pool, whose link queues
   * a pooled row (8 entries of 8 bits), then conv2 3x3 same (delay lines of 7 pixels, a 7 x 16
   * memory), flatten, scores: in block RAM, one {@code SB_RAM40_4K} each.
   */
  @Test
  void ice40InfersSbRam40ForADeepLinkInBlockRam() throws Exception {
    FpgaTesting.assumeIce40Tools("ice40InfersSbRam40ForADeepLinkInBlockRam");
    Network network = pooledRowNetwork("deep_link", 21, 8);
    FoldingPlan plan = FoldingPlan.of(network, List.of(), null).withWindow(ConvWindow.LINE)
        .withWeights(WeightStorage.LUT);
    assertEquals(Map.of("SB_RAM40_4K", 2L), blockRams(network, plan, LineStorage.BRAM, "up5k", 12));
    assertEquals(Map.of(), blockRams(network, plan, LineStorage.REG, "up5k", 12));
  }

  /**
   * A queue Yosys would put in block RAM on its own: a 4x16x1 image, conv1 3x3 to 64 channels and a
   * 2x2 max-pool, whose link queues a pooled row of 8 pixels of 64 bits (512 bits; four 256 x 16
   * blocks cost {@code memory_libmap} 256, the flip-flops 512). {@link LineStorage#AUTO} builds it in
   * block RAM, {@link LineStorage#REG} in registers, with {@code ram_style = "logic"} so that Yosys
   * keeps it there (before, it took 4 blocks the estimate did not count); in both, the estimate's
   * block RAMs are Yosys's.
   */
  @Test
  void aQueueIsWhereTheStorageSaysAndTheEstimateCountsIt() throws Exception {
    Network network = pooledRowNetwork("wide_queue", 22, 64);
    FoldingPlan plan = FoldingPlan.of(network, List.of(), null).withWindow(ConvWindow.LINE)
        .withWeights(WeightStorage.LUT);
    String reg = VerilogDesign.of(network, plan.withLines(LineStorage.REG)).verilog();
    assertTrue(java.util.regex.Pattern.compile("\\(\\* ram_style = \"logic\" \\*\\)\\s*reg \\[63:0\\] q0_mem \\[0:7\\];")
        .matcher(reg).find(), "the register form says so");
    assertTrue(VerilogDesign.of(network, plan.withLines(LineStorage.AUTO)).verilog().contains("q0_mem[q0_rd_next]"),
        "auto: the block-RAM form");
    assertEquals(4, CostModel.of(plan.withLines(LineStorage.AUTO), CostModel.Fabric.ICE40).blockRams());
    assertEquals(0, CostModel.of(plan.withLines(LineStorage.REG), CostModel.Fabric.ICE40).blockRams());
    FpgaTesting.assumeIce40Tools("aQueueIsWhereTheStorageSaysAndTheEstimateCountsIt");
    assertEquals(Map.of("SB_RAM40_4K", 4L), blockRams(network, plan, LineStorage.AUTO, "up5k", 12));
    assertEquals(Map.of(), blockRams(network, plan, LineStorage.REG, "up5k", 12));
  }

  /**
   * The input buffer of a stream port ({@link InputPort#STREAM}) in block RAM: 37 u8 inputs into
   * fc1 (6 neurons, SIMD 8: 5 slices of 64 bits, the last of 5 beats), so a 5 x 64 memory, 4
   * {@code SB_RAM40_4K} (256 x 16); in registers with {@link LineStorage#REG}. {@link LineStorage#AUTO}
   * keeps these 320 bits in registers.
   */
  @Test
  void ice40InfersSbRam40ForAStreamPortsInputBufferInBlockRam() throws Exception {
    Network network = RandomNetworks.mlp("stream_buffer", new Random(5), InputKind.U8, new int[] {37, 6, 3}, true);
    FoldingPlan plan = FoldingPlan.of(network, List.of("fc1=2,8", "out=1,3"), null).withPort(InputPort.STREAM)
        .withWeights(WeightStorage.LUT);
    assertBlockRamsOnlyWhenAsked(network, plan, 4, "ice40InfersSbRam40ForAStreamPortsInputBufferInBlockRam");
  }

  /**
   * The collector of a dense engine behind a flatten with its input buffer in block RAM
   * ({@code EngineShape.bufferInRam}): the scores take conv2's 4 x 18 pixels of 4 bits at SIMD 16 (4
   * pixels per slice, 18 slices), two banks of 32 words of 16 bits: one {@code SB_RAM40_4K} beside
   * conv2's line buffer's two; none with {@link LineStorage#REG}, and {@link LineStorage#AUTO} keeps
   * these 576 bits in registers.
   */
  @Test
  void ice40InfersSbRam40ForACollectorInBlockRam() throws Exception {
    FoldingPlan plan = FoldingPlan.of(NET, List.of("conv1=4,9", "conv2=4,16", "out=1,16"), null)
        .withWindow(ConvWindow.LINE).withWeights(WeightStorage.LUT);
    assertBlockRamsOnlyWhenAsked(NET, plan, 3, "ice40InfersSbRam40ForACollectorInBlockRam");
  }

  /**
   * {@code plan} has no block RAM under {@link LineStorage#AUTO} (the cost model's count) and
   * {@code blocks} under {@link LineStorage#BRAM} (counted, and Yosys's {@code SB_RAM40_4K} on the
   * UP5K), none under {@link LineStorage#REG}.
   */
  private static void assertBlockRamsOnlyWhenAsked(Network network, FoldingPlan plan, long blocks, String test)
      throws Exception {
    assertEquals(0, CostModel.of(plan, CostModel.Fabric.ICE40).blockRams());
    assertEquals(blocks, CostModel.of(plan.withLines(LineStorage.BRAM), CostModel.Fabric.ICE40).blockRams());
    FpgaTesting.assumeIce40Tools(test);
    assertEquals(Map.of("SB_RAM40_4K", blocks), blockRams(network, plan, LineStorage.BRAM, "up5k", 12));
    assertEquals(Map.of(), blockRams(network, plan, LineStorage.REG, "up5k", 12));
  }

  /**
   * Deep tables follow block-RAM weights ({@code WeightStorage.keepsTablesInRam}): fc1 with 256
   * neurons at PE 1 over 8 bipolar inputs (SIMD 8: 256 words of 8 bits) keeps its weights in one
   * {@code SB_RAM40_4K} and its 256 thresholds with their direction bits in another; the scores
   * (one issue) are constants.
   */
  @Test
  void ice40InfersSbRam40ForDeepThresholdTables() throws Exception {
    Network network = RandomNetworks.mlp("deep_tables", new Random(9), InputKind.BIPOLAR, new int[] {8, 256, 3}, true);
    FoldingPlan plan = FoldingPlan.of(network, List.of("fc1=1,8", "out=3,256"), null).withWeights(WeightStorage.BRAM);
    FpgaTesting.assumeIce40Tools("ice40InfersSbRam40ForDeepThresholdTables");
    assertEquals(Map.of("SB_RAM40_4K", 2L), blockRams(network, plan, LineStorage.AUTO, "up5k", 12));
  }

  private static Map<String, Long> blockRams(LineStorage lines, String device, double mhz) throws Exception {
    return blockRams(NET, PLAN, lines, device, mhz);
  }

  private static Map<String, Long> blockRams(Network net, FoldingPlan base, LineStorage lines, String device, double mhz)
      throws Exception {
    FoldingPlan plan = base.withLines(lines);
    FpgaProject project = FpgaProject.of(VerilogDesign.of(net, plan), FpgaTarget.of(Device.named(device), mhz));
    Workspace workspace = FpgaTesting.workspace();
    Path run = workspace.prepare(project.files(), project.steps());
    workspace.run(run, project.step("yosys"));
    CellCounts cells = CellCounts.parse(Files.readString(run.resolve(FpgaProject.STAT)));
    String what = lines + " on " + device;
    assertEquals(Map.of(), CellCounts.unknown(project.target().device().family(), cells.design()),
        what + ": every memory mapped to a primitive");
    SortedMap<String, Long> top = cells.module(project.design().topName());
    assertTrue(top.keySet().stream().noneMatch(type -> type.startsWith("$")), what + ": " + top);
    var rams = new TreeMap<String, Long>();
    top.forEach((type, n) -> {
      if (type.startsWith("SB_RAM") || type.startsWith("RAMB") || type.startsWith("RAM32") || type.startsWith("RAM64")) {
        rams.put(type, n);
      }
    });
    CostModel.Fabric fabric = device.startsWith("xc") ? CostModel.Fabric.XILINX : CostModel.Fabric.ICE40;
    assertEquals(rams.values().stream().mapToLong(Long::longValue).sum(), CostModel.of(plan, fabric).blockRams(),
        "the cost model counts the blocks Yosys used (" + what + ")");
    return rams;
  }
}
