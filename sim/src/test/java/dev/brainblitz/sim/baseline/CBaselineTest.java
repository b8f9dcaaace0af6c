package dev.brainblitz.sim.baseline;

import dev.brainblitz.ir.testing.ExternalTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.riscv.baseline.CBaseline;
import dev.brainblitz.riscv.elf.ElfFile;
import dev.brainblitz.sim.iss.Hart;
import dev.brainblitz.sim.iss.SimConfig;
import dev.brainblitz.sim.iss.SimResult;
import dev.brainblitz.sim.iss.TimingModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain-C baseline (bench/c-baseline, compiled by riscv64-unknown-elf-gcc through its Makefile)
 * on our simulator, in both variants (the straightforward loops of bnn.h and the tuned ones of
 * tuned/bnn.h): its classes and scores equal the golden model's, for the bundled examples and
 * seeded random networks (both input kinds, odd sizes, no or several hidden layers, flipped
 * thresholds). The program's own check is not trusted: its printed results are compared here.
 */
class CBaselineTest {
  static final String GCC = "riscv64-unknown-elf-gcc";
  static final String QEMU = "qemu-riscv32";
  @TempDir static Path temp;

  /** A layer-loop header of bench/c-baseline: {@code make VARIANT=name} builds {@code elf}. */
  enum Variant {
    PLAIN("plain", "bnn.elf"),
    TUNED("tuned", "bnn-tuned.elf");

    final String make;
    final String elf;

    Variant(String make, String elf) {
      this.make = make;
      this.elf = elf;
    }
  }

  @BeforeAll
  static void needGcc() {
    ExternalTools.require(GCC, "gcc-riscv64-unknown-elf", "CBaselineTest");
    ExternalTools.require("make", "make", "CBaselineTest");
  }

  static Network example(String name) {
    return ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/" + name + ".bil"));
  }

  static Stream<Arguments> examples() {
    return Stream.of("tiny", "tiny-u8", "mlp784").flatMap(name -> Stream.of(Variant.values()).map(v -> arguments(name, v)));
  }

  /** Seeds 0-15 include u8 and bipolar networks without hidden layers (3, 10, 14, 15) and up to three. */
  static Stream<Arguments> seeds() {
    return LongStream.range(0, 16).boxed().flatMap(seed -> Stream.of(Variant.values()).map(v -> arguments(seed, v)));
  }

  /**
   * Sizes {inputs, hidden..., classes} at the edges of the tuned loops: u8 inputs that are not a
   * multiple of 8 or 32 (the bit-plane transposition's byte groups and its element-wise tail),
   * neuron and class counts leaving every remainder of the 3-row u8 and 4-row bipolar passes, and
   * output words that are full, partial or a single bit.
   */
  static Stream<Arguments> edgeSizes() {
    int[][] sizes = {
      {1, 1, 1}, {7, 2, 2}, {8, 3, 3}, {9, 4, 4}, {31, 5, 5}, {32, 31, 6}, {33, 32, 7},
      {63, 33, 8}, {65, 64, 1}, {100, 35, 10}, {255, 6, 2, 3}, {257, 97, 9},
    };
    return Stream.of(sizes).flatMap(s -> Stream.of(Variant.values()).map(v -> arguments(s, v)));
  }

  @ParameterizedTest(name = "example {0} ({1})")
  @MethodSource("examples")
  void exampleEqualsGolden(String name, Variant variant) throws Exception {
    Network network = example(name);
    check(network, RandomNetworks.vectors(7, network, name.equals("mlp784") ? 3 : 16), variant);
  }

  @ParameterizedTest(name = "random network {0} ({1})")
  @MethodSource("seeds")
  void randomNetworkEqualsGolden(long seed, Variant variant) throws Exception {
    Network network = RandomNetworks.network(seed);
    check(network, RandomNetworks.vectors(seed, network, 8), variant);
  }

  /** Both input kinds at each size; the u8 networks' extreme vectors (all 0, all 255) as well as random ones. */
  @ParameterizedTest(name = "sizes {0} ({1})")
  @MethodSource("edgeSizes")
  void edgeSizesEqualGolden(int[] sizes, Variant variant) throws Exception {
    for (InputKind kind : InputKind.values()) {
      var random = new Random(Arrays.hashCode(sizes) * 31L + kind.ordinal());
      Network network = RandomNetworks.mlp("edge_" + kind.keyword(), random, kind, sizes, true);
      var vectors = new ArrayList<>(RandomNetworks.vectors(5, network, 6));
      int max = kind.maxElement();
      vectors.add(InputVector.of(kind, new int[sizes[0]]));
      vectors.add(InputVector.of(kind, IntStream.range(0, sizes[0]).map(i -> max).toArray()));
      check(network, vectors, variant);
    }
  }

  /** Seeded random conv networks: every padding mode, stride 1 and 2, u8 and bipolar images, 1 to 65 channels. */
  static Stream<Arguments> convSeeds() {
    return LongStream.rangeClosed(1, 10).boxed().flatMap(seed -> Stream.of(Variant.values()).map(v -> arguments(seed, v)));
  }

  @ParameterizedTest(name = "random conv network {0} ({1})")
  @MethodSource("convSeeds")
  void randomConvNetworkEqualsGolden(long seed, Variant variant) throws Exception {
    Network network = RandomNetworks.convNetwork(seed);
    var vectors = new ArrayList<>(RandomNetworks.vectors(seed, network, 4));
    int max = network.input().kind().maxElement();
    vectors.add(InputVector.of(network.input().kind(), new int[network.inputSize()]));
    vectors.add(InputVector.of(network.input().kind(), IntStream.range(0, network.inputSize()).map(i -> max).toArray()));
    check(network, vectors, variant);
  }

  /**
   * fashion-cnn: the tuned variant on one vector always; the plain one (about 19 million
   * multiply-free MACs, per bit, per inference: 420 million instructions, about 15 s on the
   * simulator) with -Dblitz.slowTests=true.
   */
  @ParameterizedTest(name = "fashion-cnn ({0})")
  @EnumSource(Variant.class)
  void fashionCnnEqualsGolden(Variant variant) throws Exception {
    Assumptions.assumeTrue(variant == Variant.TUNED || Boolean.getBoolean("blitz.slowTests"),
        "SKIPPED: the plain variant of fashion-cnn runs with -Dblitz.slowTests=true");
    Network network = example("fashion-cnn");
    check(network, RandomNetworks.vectors(7, network, 1), variant);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Variant.class)
  void theSameElfRunsUnderQemu(Variant variant) throws Exception {
    ExternalTools.require(QEMU, "qemu-user", "CBaselineTest.theSameElfRunsUnderQemu");
    for (Network network : List.of(example("tiny-u8"), example("mlp784"), RandomNetworks.network(3),
        RandomNetworks.convNetwork(2))) {
      List<InputVector> vectors = RandomNetworks.vectors(11, network, network.inputSize() > 300 ? 2 : 8);
      Path elf = build(network, vectors, variant);
      Process p = new ProcessBuilder(QEMU, "-cpu", "rv32,zbb=true", elf.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "qemu timed out");
      assertEquals(0, p.exitValue(), out);
      assertResultsEqualGolden(network, vectors, out);
    }
  }

  private static void check(Network network, List<InputVector> vectors, Variant variant) throws Exception {
    Path elf = build(network, vectors, variant);
    var out = new ByteArrayOutputStream();
    SimConfig config = SimConfig.defaults().withTiming(TimingModel.byName("cv32e40p").orElseThrow()).withOutput(out, out);
    SimResult result = Hart.load(elf.toString(), ElfFile.read(elf.toString(), Files.readAllBytes(elf)), config).run();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(SimResult.Status.PASS, result.status(), result.summary() + "\n" + printed);
    assertResultsEqualGolden(network, vectors, printed);
  }

  /** Parses "vector V class C scores S0 S1 ..." lines and compares each with the golden model. */
  static void assertResultsEqualGolden(Network network, List<InputVector> vectors, String printed) {
    var golden = new GoldenModel(network);
    var lines = new ArrayList<String>();
    for (String line : printed.split("\n")) {
      if (line.startsWith("vector ")) {
        lines.add(line);
      }
    }
    assertEquals(vectors.size(), lines.size(), printed);
    for (int v = 0; v < vectors.size(); v++) {
      InferenceResult expected = golden.infer(vectors.get(v));
      var want = new StringBuilder("vector " + v + " class " + expected.predictedClass() + " scores");
      for (int score : expected.scores()) {
        want.append(' ').append(score);
      }
      assertEquals(want.toString(), lines.get(v), network.name() + ", vector " + v);
    }
    assertTrue(printed.contains(" mismatches 0\n"), printed);
  }

  /** Writes network.c and vectors.h into a fresh directory and builds the variant's ELF with the baseline's Makefile. */
  static Path build(Network network, List<InputVector> vectors, Variant variant) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(temp, network.name() + "-");
    Files.writeString(dir.resolve(CBaseline.NETWORK_FILE), CBaseline.networkSource(network));
    Files.writeString(dir.resolve(CBaseline.VECTORS_FILE), CBaseline.vectorsHeader(network, vectors));
    Path makefileDir = GoldenFiles.repoRoot().resolve("bench/c-baseline");
    Process p = new ProcessBuilder("make", "-s", "-C", makefileDir.toString(), "GEN=" + dir, "VARIANT=" + variant.make)
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "make timed out");
    assertEquals(0, p.exitValue(), "building the C baseline failed:\n" + log);
    return dir.resolve(variant.elf);
  }
}
