package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.ConvWindow;
import dev.brainblitz.hdlgen.CostModel;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.LineStorage;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The calibration kit of {@link CostModel}: a set of designs (bundled examples and seeded random
 * shapes and foldings), synthesized by Yosys alone (no place and route) for a fabric, and the
 * estimate next to what Yosys counted in the engine's top module. {@code bench/fpga/calibration}
 * runs {@link #main} over the training and held-out sets; the test runs a few small designs.
 */
public final class CostCalibration {
  private CostCalibration() {}

  /** One design of the set: a network under a folding plan. */
  public record Design(String name, Network network, FoldingPlan plan) {}

  /** A design synthesized for a fabric: what Yosys counted, the terms and the estimate. */
  public record Sample(Design design, CostModel.Fabric fabric, Resources measured, CostModel.Terms terms,
      CostModel.Cost estimate) {
    public double lutRatio() {
      return (double) measured.luts() / Math.max(1, estimate.luts());
    }

    public double flipFlopRatio() {
      return (double) measured.flipFlops() / Math.max(1, estimate.flipFlops());
    }
  }

  /** The device each fabric is synthesized for (synthesis only; capacity does not matter). */
  public static Device device(CostModel.Fabric fabric) {
    return switch (fabric) {
      case ICE40 -> Device.named("up5k");
      case XILINX -> Device.named("xc7z020");
    };
  }

  /** The fabric of a device family. */
  public static CostModel.Fabric fabric(Family family) {
    return switch (family) {
      case ICE40 -> CostModel.Fabric.ICE40;
      case XC7 -> CostModel.Fabric.XILINX;
    };
  }

  /** Synthesizes {@code design} for {@code fabric} (Yosys only, cached by the workspace) and estimates it. */
  public static Sample synthesize(Design design, CostModel.Fabric fabric, Workspace workspace) {
    FpgaTarget target = FpgaTarget.of(device(fabric), FpgaTarget.DEFAULT_MHZ);
    FpgaProject project = FpgaProject.of(VerilogDesign.of(design.network(), design.plan()), target);
    Path run = workspace.prepare(project.files(), List.of(project.step("yosys")));
    workspace.run(run, project.step("yosys"));
    CellCounts cells = CellCounts.parse(FpgaFlow.read(run.resolve(FpgaProject.STAT)));
    Resources engine = CellCounts.resources(device(fabric).family(), cells.module(project.design().topName()));
    CostModel.Terms terms = CostModel.terms(design.plan(), fabric);
    return new Sample(design, fabric, engine, terms, terms.cost(fabric));
  }

  /**
   * The weight styles of the random designs: those of the sets as first fitted. (SPRAM came later;
   * drawing from every {@link WeightStorage} changed the sets and gave designs that need more SPRAMs
   * than the UP5K has, which stopped the kit with FPG001.)
   */
  static final List<WeightStorage> RANDOM_STYLES = List.of(WeightStorage.AUTO, WeightStorage.LUT, WeightStorage.BRAM);

  /**
   * {@code count} random designs from {@code seed}: 2 or 3 layers (8 to 256 inputs, 8 to 128 hidden
   * neurons, 2 to 10 classes), bipolar or 8-bit input, an initiation interval of 1 to 1024 cycles and
   * LUT, block RAM or automatic weights, skipping shapes of more than 2,000 lanes (a u8 lane counted as 8), whose synthesis would be slow.
   */
  public static List<Design> random(long seed, int count) {
    return random(seed, count, null);
  }

  /**
   * As {@link #random(long, int)}, with every design folded for {@code fixedTargetCycles} when it is
   * not null (the shape, input kind and weight style still drawn from {@code seed}).
   */
  static List<Design> random(long seed, int count, Long fixedTargetCycles) {
    var random = new Random(seed);
    var designs = new ArrayList<Design>();
    while (designs.size() < count) {
      int layers = 2 + random.nextInt(2);
      int[] sizes = new int[layers + 1];
      sizes[0] = 8 + random.nextInt(249);
      for (int i = 1; i < layers; i++) {
        sizes[i] = 8 + random.nextInt(121);
      }
      sizes[layers] = 2 + random.nextInt(9);
      InputKind kind = random.nextBoolean() ? InputKind.BIPOLAR : InputKind.U8;
      long drawn = 1L << random.nextInt(11); // drawn either way: a seed's later draws stay the same
      long targetCycles = fixedTargetCycles != null ? fixedTargetCycles : drawn;
      WeightStorage weights = RANDOM_STYLES.get(random.nextInt(RANDOM_STYLES.size()));
      String name = "r" + seed + "_" + designs.size();
      Network network = RandomNetworks.mlp(name, new Random(random.nextLong()), kind, sizes, random.nextBoolean());
      FoldingPlan plan = FoldingPlan.forTarget(network, targetCycles).withWeights(weights);
      long lanes = 0;
      for (int i = 0; i < plan.engines().size(); i++) {
        lanes += (long) plan.fold(i).pe() * plan.fold(i).simd() * (kind == InputKind.U8 && i == 0 ? 8 : 1);
      }
      if (lanes <= 2000) {
        designs.add(new Design(name + "_" + kind.keyword() + "_ii" + plan.initiationInterval() + "_"
            + weights.keyword(), network, plan));
      }
    }
    return designs;
  }

  /** A model file under a folding target and weight storage. */
  public static Design file(Path model, long targetCycles, WeightStorage weights) {
    Network network = ModelFiles.read(model);
    FoldingPlan plan = FoldingPlan.forTarget(network, targetCycles).withWeights(weights);
    return new Design(network.name() + "_ii" + plan.initiationInterval() + "_" + weights.keyword(), network, plan);
  }

  /**
   * The random convolutional network {@code RandomNetworks.convNetwork(seed)} at its default
   * folding ({@link FoldingPlan#defaultTarget}: 8 cycles per output pixel of its largest
   * convolution) with its windows in {@code window} mode, its line buffers in flip-flops
   * ({@link LineStorage#REG}: the form the coefficients of {@code lineBits} were fitted on).
   */
  public static Design conv(long seed, ConvWindow window) {
    Network network = RandomNetworks.convNetwork(seed);
    FoldingPlan plan = FoldingPlan.of(network, List.of(), null).withWindow(window).withLines(LineStorage.REG);
    return new Design("conv" + seed + "_" + window.name().toLowerCase(Locale.ROOT) + "_ii" + plan.initiationInterval(),
        network, plan);
  }

  /**
   * A bundled CNN ({@code model}, say {@code fashion-cnn.bil}) in {@link ConvWindow#LINE} mode behind
   * the stream port, its line buffers in flip-flops, folded by {@code folds} ({@code LAYER=PE,SIMD})
   * and, for the layers they do not name, for {@code targetCycles} (null: fully parallel): a trained
   * CNN at a UP5K-like folding, with fashion-cnn-sized stream max-pools (rows of 14 x 32 and 7 x 64
   * partial ORs) that the random conv networks do not have.
   */
  public static Design lineCnn(Path examples, String model, Long targetCycles, String... folds) {
    Network network = ModelFiles.read(examples.resolve(model));
    FoldingPlan plan = FoldingPlan.of(network, List.of(folds), targetCycles).withWindow(ConvWindow.LINE)
        .withPort(InputPort.STREAM).withLines(LineStorage.REG);
    return new Design(network.name() + "_line_ii" + plan.initiationInterval(), network, plan);
  }

  /** Whether a design has convolutions (its ratios are reported apart from the dense designs'). */
  public static boolean isConv(Design design) {
    return design.plan().engines().stream().anyMatch(e -> e.isConv());
  }

  /** Random conv networks of the given seeds, each in both window modes. */
  static List<Design> convs(long... seeds) {
    var designs = new ArrayList<Design>();
    for (long seed : seeds) {
      for (ConvWindow window : ConvWindow.values()) {
        designs.add(conv(seed, window));
      }
    }
    return designs;
  }

  /**
   * The training set: the small examples, mlp784 with block RAM, 16 random designs (seed 1) and nine
   * random conv networks in both window modes: seeds 1, 3, 7, 8, 16, 38 (1 to 3 convolutions with
   * pools, bipolar and u8 images, up to 32 channels) and 66, 241, 372 (fashion-cnn-sized layers: a
   * convolution of 32 channels over a fan-in of 65 to 288, e.g. 3x3x32 -> 32), and fashion-cnn in
   * line mode at II about 100,000 ({@link #lineCnn}).
   */
  public static List<Design> training(Path examples) {
    var designs = new ArrayList<Design>();
    designs.add(file(examples.resolve("tiny.bil"), 64, WeightStorage.AUTO));
    designs.add(file(examples.resolve("tiny-u8.bil"), 64, WeightStorage.AUTO));
    designs.add(file(examples.resolve("tiny.bil"), 1, WeightStorage.LUT));
    designs.addAll(random(1, 16));
    designs.add(file(examples.resolve("mlp784.bil"), 1024, WeightStorage.BRAM));
    designs.addAll(convs(1, 3, 7, 8, 16, 38, 66, 241, 372));
    designs.add(lineCnn(examples, "fashion-cnn.bil", 100000L, "fc1=1,64"));
    return designs;
  }

  /**
   * The held-out set: other examples and foldings, 8 random designs of another seed, four other
   * random conv networks (seeds 5, 6, 21, 33) in both window modes, and fashion-cnn in line mode at
   * 16 lanes per convolution (II 464,276).
   */
  public static List<Design> heldOut(Path examples) {
    var designs = new ArrayList<Design>();
    designs.add(file(examples.resolve("tiny-u8.bil"), 1, WeightStorage.LUT));
    designs.addAll(random(2, 8));
    designs.add(file(examples.resolve("fashion-up5k.bil"), 512, WeightStorage.BRAM));
    designs.addAll(convs(5, 6, 21, 33));
    designs.add(lineCnn(examples, "fashion-cnn.bil", 464276L, "conv1=1,9", "conv2=1,16", "conv3=1,16", "conv4=1,16", "fc1=1,64", "out=1,1"));
    return designs;
  }

  /**
   * The validation set, made to check the second calibration's weights on designs that neither the
   * training nor the held-out set has. 8 random designs of a third seed, four random conv networks in both window
   * modes (seeds 101, 104, 106, 107: the first from 101 up whose estimates were 800 to 5,000 LUT4 in
   * both modes when the set was made), and fashion-cnn-up5k in line mode at its iCEBreaker folding.
   * (Since the third calibration every set is fitted on; {@code fit.py --cross} measures each set
   * under a fit on the others.)
   */
  public static List<Design> validation(Path examples) {
    var designs = new ArrayList<Design>();
    designs.addAll(random(3, 8));
    designs.addAll(convs(101, 104, 106, 107));
    designs.add(lineCnn(examples, "fashion-cnn-up5k.bil", null, "conv1=1,1", "conv2=1,12", "conv3=1,12",
        "conv4=1,24", "fc1=1,24", "out=1,1"));
    return designs;
  }

  /**
   * The coverage set (2026-12-03): designs with the structures that only a few designs of the other
   * sets had, so that leaving any one design out of the fit still leaves its terms fitted (a term
   * seen in one design is fitted to it alone, and the estimate of a new design with that structure
   * was as good as a guess). 8 random designs of seed 4 at II 1 (constant weights:
   * {@code constantAdderBits}, three designs before) and the random conv networks 1002, 1007, 1039
   * and 1101 in both window modes (the first from 1001 up whose frame-mode pools are at least 100
   * pool bits and whose estimates are 800 to 5,000 LUT4 in both modes: {@code poolBits}, six
   * designs before, and {@code streamPoolBits}, nine).
   */
  public static List<Design> coverage() {
    var designs = new ArrayList<Design>(random(4, 8, 1L));
    designs.addAll(convs(1002, 1007, 1039, 1101));
    return designs;
  }

  /**
   * The DSP set (2026-12-04), for Xilinx alone: every design of the four other sets whose adder trees
   * have nodes that qualify for a DSP slice ({@link dev.brainblitz.hdlgen.DspSums}), once with all
   * of them in slices and, where 8 or more qualify, once with half of them; named after the design
   * and the slices ({@code _dsp}N). The terms {@code dspAdderBits} and {@code dspConstantAdderBits}
   * are fitted on it: no design of the other sets has a DSP slice.
   */
  public static List<Design> dsp(Path examples) {
    var designs = new ArrayList<Design>();
    for (String set : SETS_WITHOUT_SLICES) {
      for (Design d : set(set, examples)) {
        long all = d.plan().withDspAdders(Long.MAX_VALUE).dspSlices();
        for (long slices : all >= 8 ? new long[] {all, all / 2} : all > 0 ? new long[] {all} : new long[0]) {
          designs.add(new Design(d.name() + "_dsp" + slices, d.network(), d.plan().withDspAdders(slices)));
        }
      }
    }
    return designs;
  }

  /** The sets whose designs put no adder-tree node in a DSP slice; the dsp set is made of them. */
  private static final List<String> SETS_WITHOUT_SLICES = List.of("training", "held-out", "validation", "coverage");

  /** The names of the sets, in the order the kit runs them. */
  public static final List<String> SETS =
      Stream.concat(SETS_WITHOUT_SLICES.stream(), Stream.of("dsp")).toList();

  /** The designs of the set named {@code set} (one of {@link #SETS}). */
  public static List<Design> set(String set, Path examples) {
    return switch (set) {
      case "training" -> training(examples);
      case "held-out" -> heldOut(examples);
      case "validation" -> validation(examples);
      case "coverage" -> coverage();
      case "dsp" -> dsp(examples);
      default -> throw new IllegalArgumentException("no calibration set " + set + " (the sets: " + SETS + ")");
    };
  }

  /** The fabrics the set named {@code set} is synthesized for: both, but the DSP set for Xilinx alone (DSP48E1 slices). */
  public static List<CostModel.Fabric> fabrics(String set) {
    return set.equals("dsp") ? List.of(CostModel.Fabric.XILINX) : List.of(CostModel.Fabric.values());
  }

  /** The header of {@link #row}. */
  public static String header() {
    return String.format(Locale.ROOT, "%-34s %-6s %8s %8s %6s %8s %8s %6s %5s %5s", "design", "fabric", "LUT", "est.",
        "ratio", "FF", "est.", "ratio", "BRAM", "est.");
  }

  /** One line of the table: measured, estimate and ratio of LUTs, flip-flops and block RAMs. */
  public static String row(Sample s) {
    return String.format(Locale.ROOT, "%-34s %-6s %8d %8d %6.2f %8d %8d %6.2f %5d %5d", s.design().name(),
        s.fabric().keyword(), s.measured().luts(), s.estimate().luts(), s.lutRatio(), s.measured().flipFlops(),
        s.estimate().flipFlops(), s.flipFlopRatio(), s.measured().blockRams(), s.estimate().blockRams());
  }

  /**
   * The sample as a CSV line for fitting: set, design, kind (dense or conv), fabric, measured LUT, FF,
   * BRAM, then the LUT and FF terms.
   */
  public static String csv(String set, Sample s) {
    var fields = new ArrayList<String>(List.of(set, s.design().name(), isConv(s.design()) ? "conv" : "dense",
        s.fabric().keyword(),
        Long.toString(s.measured().luts()), Long.toString(s.measured().flipFlops()),
        Long.toString(s.measured().blockRams())));
    for (long t : termValues(s.terms())) {
      fields.add(Long.toString(t));
    }
    return String.join(",", fields);
  }

  /** The header line of {@link #csv}: the identifying and measured columns, then the LUT and flip-flop terms. */
  public static String csvHeader() {
    var columns = new ArrayList<String>(List.of("set", "design", "kind", "fabric", "luts", "flipFlops", "blockRams"));
    columns.addAll(CostModel.Terms.LUT_TERMS);
    CostModel.Terms.FLIP_FLOP_TERMS.forEach(t -> columns.add("ff_" + t));
    return String.join(",", columns);
  }

  /** The term columns of {@link #csv}: the LUT terms, then the flip-flop terms. */
  public static long[] termValues(CostModel.Terms terms) {
    return LongStream.concat(LongStream.of(terms.lutTerms()), LongStream.of(terms.flipFlopTerms())).toArray();
  }

  /** The ratio ranges of {@code samples}: LUTs, flip-flops and the designs whose block RAM count differs. */
  public static String summary(String title, List<Sample> samples) {
    double lutLo = Double.MAX_VALUE;
    double lutHi = 0;
    double ffLo = Double.MAX_VALUE;
    double ffHi = 0;
    int bramMismatches = 0;
    for (Sample s : samples) {
      lutLo = Math.min(lutLo, s.lutRatio());
      lutHi = Math.max(lutHi, s.lutRatio());
      ffLo = Math.min(ffLo, s.flipFlopRatio());
      ffHi = Math.max(ffHi, s.flipFlopRatio());
      bramMismatches += s.measured().blockRams() == s.estimate().blockRams() ? 0 : 1;
    }
    return String.format(Locale.ROOT, "%s: %d designs; LUT ratio %.2f..%.2f; FF ratio %.2f..%.2f; "
        + "block RAM count differs in %d", title, samples.size(), lutLo, lutHi, ffLo, ffHi, bramMismatches);
  }

  /**
   * {@code CostCalibration [--csv FILE] [--fabric ice40|xilinx|both] [--set training|held-out|validation|coverage|dsp|all]
   * [EXAMPLES_DIR]}:
   * synthesizes the sets (run from the repository root: the examples are read from
   * {@code examples/models}) and prints measured vs estimate with the ratio ranges per set and fabric.
   */
  public static void main(String[] args) throws Exception {
    Path csvFile = null;
    String fabrics = "both";
    String sets = "all";
    Path examples = Path.of("examples", "models");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--csv" -> csvFile = Path.of(args[++i]);
        case "--fabric" -> fabrics = args[++i];
        case "--set" -> sets = args[++i];
        default -> examples = Path.of(args[i]);
      }
    }
    if (!(SETS.contains(sets) || sets.equals("all")) || !List.of("ice40", "xilinx", "both").contains(fabrics)) {
      System.err.println("CostCalibration: --set takes " + String.join(", ", SETS) + " or all, --fabric ice40, xilinx"
          + " or both (given: --set " + sets + " --fabric " + fabrics + ")");
      System.exit(2);
    }
    var workspace = new Workspace(Workspace.defaultDirectory(), Toolchain.fromEnvironment(), message -> {});
    var csv = new StringBuilder();
    if (csvFile != null) {
      // before the first synthesis, not after it: a CSV that cannot be written stops the kit at once
      // a .csv name: never a model file the kit reads (--csv examples/models/tiny.bil would empty it)
      if (Files.isDirectory(csvFile) || !csvFile.getFileName().toString().endsWith(".csv")) {
        System.err.println("CostCalibration: --csv " + csvFile + " is not a .csv file name");
        System.exit(2);
      }
      try {
        Files.createDirectories(csvFile.toAbsolutePath().getParent());
        Files.writeString(csvFile, "");
      } catch (IOException e) {
        System.err.println("CostCalibration: cannot write --csv " + csvFile + ": " + e);
        System.exit(2);
      }
    }
    csv.append(csvHeader()).append('\n');
    for (String set : SETS) {
      if (!sets.equals("all") && !sets.equals(set)) {
        continue;
      }
      List<Design> designs = set(set, examples);
      for (CostModel.Fabric fabric : fabrics(set)) {
        if (!fabrics.equals("both") && !fabrics.equals(fabric.keyword())) {
          continue;
        }
        System.out.println("== " + set + " set, " + fabric.keyword() + " (" + device(fabric).part() + ")");
        System.out.println(header());
        var samples = new ArrayList<Sample>();
        for (Design d : designs) {
          Sample s = synthesize(d, fabric, workspace);
          System.out.println(row(s));
          samples.add(s);
          csv.append(csv(set, s)).append('\n');
          if (csvFile != null) {
            Files.writeString(csvFile, csv.toString());
          }
        }
        for (boolean conv : new boolean[] {false, true}) {
          List<Sample> kind = samples.stream().filter(s -> isConv(s.design()) == conv).toList();
          if (!kind.isEmpty()) {
            System.out.println(summary(set + ", " + fabric.keyword() + ", " + (conv ? "conv" : "dense"), kind));
          }
        }
        System.out.println();
      }
    }
  }
}
