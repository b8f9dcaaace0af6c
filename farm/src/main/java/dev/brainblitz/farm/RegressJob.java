package dev.brainblitz.farm;

import dev.brainblitz.hdlgen.RtlOptions;
import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.FlattenLayer;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.PoolLayer;
import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.sim.kernel.IssOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One network of a regression: the network of {@code seed} in size class {@code shapes}, a random
 * legal folding for the hardware targets drawn from the same seed, {@code vectors} random vectors of
 * {@code vectorSeed}, every target in {@code targets} compared bit-exactly with the first.
 */
public record RegressJob(long seed, Shapes shapes, List<String> targets, int vectors, long vectorSeed)
    implements FarmJob<RegressResult> {
  private static final long serialVersionUID = 1L;

  public RegressJob {
    targets = List.copyOf(targets);
    if (targets.size() < 2) {
      throw new IllegalArgumentException("a regression compares at least two targets");
    }
  }

  public Network network() {
    return shapes.network(seed);
  }

  /**
   * The folding target of the hardware targets, from the seed: a power of two from 1 to 256 cycles
   * per vector; for convolutional networks the largest conv2d output map's pixels times 1 to 32 (a
   * conv engine takes at least a cycle per output pixel, so smaller targets would all fold alike:
   * fully parallel).
   */
  public long targetCycles() {
    int power = new Random(seed ^ 0x5DEE_CE66_DL).nextInt(9);
    if (shapes == Shapes.CONV) {
      long pixels = network().layers().stream().filter(ConvLayer.class::isInstance).map(ConvLayer.class::cast)
          .mapToLong(c -> (long) c.out().height() * c.out().width()).max().orElse(1);
      return pixels << Math.min(power, 5);
    }
    return 1L << power;
  }

  /**
   * The options of every target: the folding target from the seed; Verilator builds with
   * {@code -O0}, as a regression runs each design on a few vectors only, so the C++ compile, not the
   * simulation, is what costs (the results are the same at every optimization level).
   */
  public ExecutorOptions options() {
    return ExecutorOptions.DEFAULTS.with(RtlOptions.DEFAULTS.withTargetCycles(targetCycles()).withOptimization("-O0"))
        .with(IssOptions.DEFAULTS);
  }

  public List<InputVector> inputs(Network network) {
    return RandomNetworks.vectors(vectorSeed ^ seed, network, vectors);
  }

  @Override
  public RegressResult run() {
    Network network = network();
    List<InputVector> inputs = inputs(network);
    return new RegressResult(seed, network.name(), describe(network), inputs.size(),
        compare(network, targets, inputs, options()));
  }

  /**
   * Runs every target on {@code inputs} and compares it with the first; a target that throws is a
   * crash (its message kept), not a failure of the job.
   */
  static List<Verdict> compare(Network network, List<String> targets, List<InputVector> inputs, ExecutorOptions options) {
    List<Verdict> verdicts = new ArrayList<>();
    List<InferenceResult> reference = null;
    for (String target : targets) {
      List<InferenceResult> results;
      try (Executor executor = Executors.create(target, network, options)) {
        ExecutionReport report = executor.run(inputs);
        results = report.results();
      } catch (RuntimeException e) {
        verdicts.add(Verdict.crashed(target, e.getClass().getSimpleName() + ": " + e.getMessage()));
        if (reference == null) {
          return verdicts;
        }
        continue;
      }
      if (reference == null) {
        reference = results;
        verdicts.add(Verdict.agrees(target));
        continue;
      }
      int mismatches = 0;
      int first = -1;
      for (int i = 0; i < inputs.size(); i++) {
        if (i >= results.size() || !reference.get(i).equals(results.get(i))) {
          mismatches++;
          if (first < 0) {
            first = i;
          }
        }
      }
      verdicts.add(new Verdict(target, mismatches, first, ""));
    }
    return verdicts;
  }

  /**
   * {@code u8 37-12-5}: input kind and layer sizes; feature maps as {@code HxWxC}, as in {@code bipolar
   * 6x5x2-6x5x4-3x5x4-9-3} (conv2d, maxpool, dense; a flatten adds nothing).
   */
  static String describe(Network network) {
    var sizes = new StringBuilder().append(network.input().kind().keyword()).append(' ');
    List<Layer> layers = network.layers();
    sizes.append(!layers.isEmpty() && layers.get(0) instanceof ConvLayer first ? map(first.in())
        : String.valueOf(network.inputSize()));
    for (Layer layer : layers) {
      if (layer instanceof ConvLayer conv) {
        sizes.append('-').append(map(conv.out()));
      } else if (layer instanceof PoolLayer pool) {
        sizes.append('-').append(map(pool.out()));
      } else if (!(layer instanceof FlattenLayer)) {
        sizes.append('-').append(layer.outputs());
      }
    }
    return sizes.append('-').append(network.classes()).toString();
  }

  private static String map(MapShape shape) {
    return shape.height() + "x" + shape.width() + "x" + shape.channels();
  }

  @Override
  public String describe() {
    return "network " + seed;
  }
}
