package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.hdlgen.Engine;
import dev.brainblitz.hdlgen.Fold;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.Harness;
import dev.brainblitz.hdlgen.PerformanceModel;
import dev.brainblitz.hdlgen.HarnessResults;
import dev.brainblitz.hdlgen.Verilator;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random small networks with random legal foldings, synthesized together for each family (iCE40
 * and Xilinx 7-series) and simulated at gate level from random initial state: every result equals
 * the golden model's, and the measured II and latency equal the analytical model's. Per family one
 * synthesis and one Verilator build serve them all; the 7-series cell models make a slower build,
 * so it gets fewer networks.
 */
class NetlistRandomNetworksTest {
  static final int NETWORKS = Integer.getInteger("blitz.netlist.randomNetworks", 4);

  static int networks(Family family) {
    return family == Family.ICE40 ? NETWORKS : Math.max(1, NETWORKS / 2);
  }

  /** A small random network (inputs of either kind, 0 to 2 hidden layers, 1 to 6 classes), seeded. */
  static Network smallNetwork(int k, Random random) {
    InputKind kind = k % 2 == 0 ? InputKind.BIPOLAR : InputKind.U8;
    int hidden = random.nextInt(3);
    int[] sizes = new int[hidden + 2];
    sizes[0] = 1 + random.nextInt(kind == InputKind.U8 ? 16 : 70);
    for (int i = 1; i <= hidden; i++) {
      sizes[i] = 1 + random.nextInt(24);
    }
    sizes[hidden + 1] = 1 + random.nextInt(6);
    return RandomNetworks.mlp("gate" + k, random, kind, sizes, random.nextBoolean());
  }

  /** A random legal folding: PE and SIMD anywhere in range, within a small number of lanes. */
  static FoldingPlan randomPlan(Random random, Network network) {
    List<Engine> engines = Engine.of(network);
    List<Fold> folds = new ArrayList<>();
    for (Engine e : engines) {
      Fold fold = FoldingPlan.cheapest(e, 256);
      for (int attempt = 0; attempt < 50; attempt++) {
        Fold f = new Fold(1 + random.nextInt(e.outputs()), 1 + random.nextInt(e.inputs()));
        if ((long) f.pe() * f.simd() <= 12 && PerformanceModel.cycles(e, f) <= 600) {
          fold = f;
          break;
        }
      }
      folds.add(fold);
    }
    return new FoldingPlan(engines, folds, 1 + random.nextInt(FoldingPlan.DEFAULT_LEVELS_PER_STAGE));
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void randomNetworksAtGateLevelEqualTheGoldenModel(Family family) throws Exception {
    FpgaTesting.assumeYosys("randomNetworksAtGateLevel");
    FpgaTesting.assumeVerilator("randomNetworksAtGateLevel");
    List<Network> networks = new ArrayList<>();
    List<VerilogDesign> designs = new ArrayList<>();
    Random random = new Random(3000 + family.ordinal());
    for (int k = 0; k < networks(family); k++) {
      Network network = smallNetwork(k, random);
      networks.add(network);
      designs.add(VerilogDesign.of(network, randomPlan(random, network)));
    }
    var files = new LinkedHashMap<String, String>();
    files.put(Harness.BUNDLE_TOP + ".v", Harness.bundleVerilog(designs));
    designs.forEach(d -> files.putAll(d.memoryFiles()));
    Workspace workspace = FpgaTesting.workspace();
    Path run = GateLevel.synthesize(workspace, family, files, Harness.BUNDLE_TOP);
    var sources = new LinkedHashMap<String, String>();
    sources.put(Harness.BUNDLE_TOP + ".v", GateLevel.read(run.resolve(GateLevel.NETLIST)));
    sources.put(GateLevel.CELLS, GateLevel.cellModels(workspace.tools(), family));
    sources.put("harness.cpp", Harness.bundleCpp(designs));
    Verilator verilator = Verilator.find(FpgaTesting.WORK.resolve("verilator"));
    var build = verilator.build(Harness.BUNDLE_TOP, sources,
        GateLevel.verilatorArguments(Harness.verilatorArguments(Harness.BUNDLE_TOP, false, "-O0")));
    Path runs = Files.createDirectories(FpgaTesting.WORK.resolve("bundle-runs-" + family.yosysDirectory()));
    for (int k = 0; k < networks.size(); k++) {
      Network network = networks.get(k);
      FoldingPlan plan = designs.get(k).plan();
      List<InputVector> vectors = RandomNetworks.vectors(k, network, 20);
      Path in = runs.resolve("vectors.txt");
      Path out = runs.resolve("results.txt");
      Files.writeString(in, VerilogDesign.vectorsFile(vectors));
      var command = new ArrayList<>(List.of(build.executable().toString(), Integer.toString(k), in.toString(),
          out.toString(), "0", "0", "1", Long.toString(1000 + 3 * (plan.latency() + 20 * plan.initiationInterval()))));
      command.addAll(GateLevel.randomInitialState(k));
      Process p = new ProcessBuilder(command).directory(runs.toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      assertEquals(0, p.waitFor(), output);
      List<String> lines = Files.readAllLines(out);
      var golden = new GoldenModel(network);
      String what = network.name() + " folded " + plan.folds() + " at gate level (" + family.title() + ")";
      var parsed = HarnessResults.parse(lines);
      assertEquals(vectors.stream().map(golden::infer).toList(), parsed.results(), what);
      var measured = parsed.measured();
      assertEquals(plan.initiationInterval(), measured.iiMin(), what + ": II");
      assertEquals(plan.initiationInterval(), measured.iiMax(), what + ": II");
      assertEquals(plan.latency(), measured.latency(), what + ": latency");
    }
  }
}
