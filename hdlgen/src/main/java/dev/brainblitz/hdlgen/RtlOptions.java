package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutorOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The options of target {@code rtl}, typed, built once by the front end: the folding asked for
 * (layer folds, a target cycles per vector, adder-tree levels between pipeline registers), the
 * where the engines keep their weights ({@code --weights}, and {@code layerWeights} per named layer), the random stalls of
 * {@code in_valid}/{@code out_ready} and their seed, a waveform file, the C++
 * optimization of the simulation build, how convolutions get their windows ({@link ConvWindow}) and
 * how the top takes its input ({@link InputPort}) and where line buffers keep their rows
 * ({@link LineStorage}) and how many adder-tree nodes at most are summed in DSP slices ({@link DspSums}).
 *
 * @param optimization {@code -O0} (fastest build) to {@code -O3}, or {@code -Os}
 */
public record RtlOptions(List<LayerFold> folds, OptionalLong targetCycles, int levelsPerStage, WeightStorage weights,
    StallRates stalls, long seed, Optional<Path> vcd, String optimization, ConvWindow window, InputPort port, LineStorage lines,
    java.util.Map<String, WeightStorage> layerWeights, long dspAdders) implements ExecutorOptions.Backend {

  public static final RtlOptions DEFAULTS = new RtlOptions(List.of(), OptionalLong.empty(),
      FoldingPlan.DEFAULT_LEVELS_PER_STAGE, WeightStorage.AUTO, StallRates.NONE, 1, Optional.empty(), "-O1", ConvWindow.FRAME, InputPort.VECTOR,
      LineStorage.AUTO, java.util.Map.of(), 0);

  public RtlOptions {
    folds = List.copyOf(folds);
    layerWeights = java.util.Map.copyOf(layerWeights);
    java.util.Objects.requireNonNull(weights, "weights");
    java.util.Objects.requireNonNull(window, "window");
    java.util.Objects.requireNonNull(port, "port");
    java.util.Objects.requireNonNull(lines, "lines");
    if (!optimization.matches("-O[0-3s]")) {
      throw new IllegalArgumentException("the simulation's optimization must be -O0, -O1, -O2, -O3 or -Os, not "
          + optimization);
    }
  }

  public RtlOptions withFolds(List<LayerFold> folds) {
    return new RtlOptions(folds, targetCycles, levelsPerStage, weights, stalls, seed, vcd, optimization, window, port, lines, layerWeights, dspAdders);
  }

  public RtlOptions withTargetCycles(long cycles) {
    return new RtlOptions(folds, OptionalLong.of(cycles), levelsPerStage, weights, stalls, seed, vcd, optimization, window, port, lines, layerWeights, dspAdders);
  }

  public RtlOptions withLevelsPerStage(int levels) {
    return new RtlOptions(folds, targetCycles, levels, weights, stalls, seed, vcd, optimization, window, port, lines, layerWeights, dspAdders);
  }

  public RtlOptions withWeights(WeightStorage storage) {
    return new RtlOptions(folds, targetCycles, levelsPerStage, storage, stalls, seed, vcd, optimization, window, port, lines, layerWeights, dspAdders);
  }

  /** The engines named in {@code byLayer} keep their weights as it says, the others as {@link #weights}. */
  public RtlOptions withLayerWeights(java.util.Map<String, WeightStorage> byLayer) {
    return new RtlOptions(folds, targetCycles, levelsPerStage, weights, stalls, seed, vcd, optimization, window, port, lines,
        byLayer, dspAdders);
  }

  /** Random stalls at {@code rates}, the first run seeded with {@code seed} (each later run with the next seed). */
  public RtlOptions withStalls(StallRates rates, long seed) {
    return new RtlOptions(folds, targetCycles, levelsPerStage, weights, rates, seed, vcd, optimization, window, port, lines, layerWeights, dspAdders);
  }

  public RtlOptions withVcd(Path file) {
    return new RtlOptions(folds, targetCycles, levelsPerStage, weights, stalls, seed, Optional.of(file), optimization, window, port, lines, layerWeights, dspAdders);
  }

  public RtlOptions withOptimization(String flag) {
    return new RtlOptions(folds, targetCycles, levelsPerStage, weights, stalls, seed, vcd, flag, window, port, lines, layerWeights, dspAdders);
  }

  /** Convolutions fed as {@code mode} says ({@code --conv-window}). */
  public RtlOptions withWindow(ConvWindow mode) {
    return new RtlOptions(folds, targetCycles, levelsPerStage, weights, stalls, seed, vcd, optimization, mode, port, lines, layerWeights, dspAdders);
  }

  /** The top taking its input as {@code input} says ({@code --input-port}). */
  public RtlOptions withPort(InputPort input) {
    return new RtlOptions(folds, targetCycles, levelsPerStage, weights, stalls, seed, vcd, optimization, window, input, lines, layerWeights, dspAdders);
  }

  /** Line buffers stored as {@code storage} says ({@code --line-buffers}). */
  public RtlOptions withLines(LineStorage storage) {
    return new RtlOptions(folds, targetCycles, levelsPerStage, weights, stalls, seed, vcd, optimization, window, port, storage, layerWeights, dspAdders);
  }

  /** At most {@code slices} adder-tree nodes summed in DSP slices ({@code --dsp-adders}, Xilinx). */
  public RtlOptions withDspAdders(long slices) {
    return new RtlOptions(folds, targetCycles, levelsPerStage, weights, stalls, seed, vcd, optimization, window, port, lines, layerWeights,
        slices);
  }

  /** The folding of {@code network} these options ask for (errors as {@link FoldingPlan} reports them). */
  public FoldingPlan plan(Network network) {
    Long target = targetCycles.isPresent() ? targetCycles.getAsLong() : null;
    return FoldingPlan.ofFolds(network, folds, target).withLevelsPerStage(levelsPerStage).withWeights(weights)
        .withLayerWeights(layerWeights).withWindow(window).withPort(port).withLines(lines)
        .withDspAdders(dspAdders);
  }
}
