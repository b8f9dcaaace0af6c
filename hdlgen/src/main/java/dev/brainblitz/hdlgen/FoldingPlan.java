package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The folding of every engine of a network, checked legal, how deep its adder trees are
 * pipelined ({@code levelsPerStage}: adder levels between two pipeline registers, see
 * {@link PerformanceModel#pipelineStages}) and where the engines keep their weights
 * ({@code weights}, resolved per engine by {@link #weightStorage}), how convolutions get their windows
 * ({@code window}) and how the top takes its input ({@code port}, {@link InputPort}) and where line buffers keep their rows
 * ({@code lines}, {@link LineStorage}); {@code layerWeights} names engines that keep their weights
 * otherwise than {@code weights} says ({@code --weights fc1=spram}); {@code dspAdders} is the most adder-tree
 * nodes summed in DSP slices ({@code --dsp-adders}, {@link DspSums}). Built from user folds ({@code fc1=PE,SIMD}), from a
 * target number of cycles per vector, or both: engines without a user fold get the cheapest folding
 * whose cycles do not exceed the target.
 */
public record FoldingPlan(List<Engine> engines, List<Fold> folds, int levelsPerStage, WeightStorage weights,
    ConvWindow window, InputPort port, LineStorage lines, Map<String, WeightStorage> layerWeights, long dspAdders) {
  /**
   * The target used when neither folds nor a target are given, for a model without convolutions
   * (see {@link #defaultTarget}).
   */
  public static final long DEFAULT_TARGET_CYCLES = 64;

  /**
   * Cycles per output pixel of the largest convolution that the default target allows a conv model
   * (see {@link #defaultTarget}).
   */
  public static final long DEFAULT_CYCLES_PER_PIXEL = 8;

  /**
   * Adder levels between pipeline registers unless set otherwise: a register after every 4 levels
   * (16 XNOR bits or 16 signed bytes summed per stage), which keeps a stage to a few short carry
   * chains while trees of up to 16 lanes stay unpipelined.
   */
  public static final int DEFAULT_LEVELS_PER_STAGE = 4;

  public FoldingPlan {
    engines = List.copyOf(engines);
    java.util.Objects.requireNonNull(weights, "weights");
    java.util.Objects.requireNonNull(window, "window");
    java.util.Objects.requireNonNull(port, "port");
    java.util.Objects.requireNonNull(lines, "lines");
    folds = List.copyOf(folds);
    layerWeights = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(layerWeights));
    for (String layer : layerWeights.keySet()) {
      if (engines.stream().noneMatch(e -> e.name().equals(layer))) {
        throw error(ErrorCode.FOLD_SYNTAX, "--weights " + layer + "=" + layerWeights.get(layer).keyword()
            + " names no layer of the model; its layers are " + String.join(", ", engines.stream().map(Engine::name).toList()));
      }
    }
    if (engines.size() != folds.size()) {
      throw new IllegalArgumentException(engines.size() + " engines, " + folds.size() + " folds");
    }
    if (dspAdders < 0) {
      throw new IllegalArgumentException("dspAdders " + dspAdders);
    }
    if (levelsPerStage < 1) {
      throw error(ErrorCode.PIPELINE_LEVELS, "--pipeline-levels must be at least 1, got " + levelsPerStage);
    }
    for (int i = 0; i < engines.size(); i++) {
      Engine e = engines.get(i);
      Fold f = folds.get(i);
      checkRange(e, f);
      long issues = (long) PerformanceModel.neuronFolds(e, f) * PerformanceModel.inputFolds(e, f);
      if (layerWeights.getOrDefault(e.name(), weights) == WeightStorage.SPRAM && issues > WeightLoad.SPRAM_DEPTH) {
        throw error(ErrorCode.SPRAM_DEPTH, "--weights " + (layerWeights.containsKey(e.name()) ? e.name() + "=" : "") + "spram: " + e.name() + "=" + f + " needs a weight memory of " + issues
            + " words, deeper than one SB_SPRAM256KA (" + WeightLoad.SPRAM_DEPTH + " words); fold it with more PE or SIMD"
            + " (at most " + WeightLoad.SPRAM_DEPTH + " issues per vector)");
      }
    }
    if (port == InputPort.STREAM && engines.get(0).isConv() && window != ConvWindow.LINE) {
      throw error(ErrorCode.INPUT_PORT, "--input-port stream feeds a first convolution pixel by pixel, which needs"
          + " --conv-window line (a frame-mode convolution takes its whole input map per beat)");
    }
  }

  /** The plan with every engine's weights stored as {@code weights} says. */
  public FoldingPlan(List<Engine> engines, List<Fold> folds, int levelsPerStage, WeightStorage weights,
      ConvWindow window, InputPort port, LineStorage lines) {
    this(engines, folds, levelsPerStage, weights, window, port, lines, Map.of(), 0);
  }

  /** The plan with line buffers stored as {@link LineStorage#AUTO} picks. */
  public FoldingPlan(List<Engine> engines, List<Fold> folds, int levelsPerStage, WeightStorage weights,
      ConvWindow window, InputPort port) {
    this(engines, folds, levelsPerStage, weights, window, port, LineStorage.AUTO);
  }

  /** The plan with the top taking one whole vector per beat ({@link InputPort#VECTOR}). */
  public FoldingPlan(List<Engine> engines, List<Fold> folds, int levelsPerStage, WeightStorage weights,
      ConvWindow window) {
    this(engines, folds, levelsPerStage, weights, window, InputPort.VECTOR);
  }

  /** The plan with the convolutions' windows in frame buffers ({@link ConvWindow#FRAME}). */
  public FoldingPlan(List<Engine> engines, List<Fold> folds, int levelsPerStage, WeightStorage weights) {
    this(engines, folds, levelsPerStage, weights, ConvWindow.FRAME);
  }

  /** The plan with weights stored as {@link WeightStorage#AUTO} picks. */
  public FoldingPlan(List<Engine> engines, List<Fold> folds, int levelsPerStage) {
    this(engines, folds, levelsPerStage, WeightStorage.AUTO);
  }

  /** The plan with the default pipelining. */
  public FoldingPlan(List<Engine> engines, List<Fold> folds) {
    this(engines, folds, DEFAULT_LEVELS_PER_STAGE);
  }

  /**
   * Each layer's weight storage as {@code --weights LAYER=STYLE} names it ("fc1=lut", "fc2=bram"):
   * every layer's, or with {@code includeLut} false only those not in LUT ROM.
   */
  public List<String> weightStorages(boolean includeLut) {
    var storages = new ArrayList<String>();
    for (int i = 0; i < engines.size(); i++) {
      if (includeLut || weightStorage(i) != WeightStorage.LUT) {
        storages.add(engines.get(i).name() + "=" + weightStorage(i).keyword());
      }
    }
    return storages;
  }

  /**
   * Each layer's PE,SIMD, for the layers not in LUT ROM where their weights are, and the adder-tree
   * nodes in DSP slices if any: "fc1=16,784 fc2=16,256; weights fc2=bram; 220 adder nodes in DSP slices".
   */
  public String describeFolds() {
    var folds = new ArrayList<String>();
    for (int i = 0; i < engines.size(); i++) {
      folds.add(engines.get(i).name() + "=" + this.folds.get(i));
    }
    List<String> memories = weightStorages(false);
    long slices = dspSlices();
    return String.join(" ", folds) + (memories.isEmpty() ? "" : "; weights " + String.join(" ", memories))
        + (slices == 0 ? "" : "; " + slices + " adder nodes in DSP slices");
  }

  /** How the adder trees are pipelined, in words: "a register every 4 adder levels". */
  public String pipelining() {
    return levelsPerStage == 1 ? "a register after every adder level" : "a register every " + levelsPerStage + " adder levels";
  }

  /** The same folding with a register after every {@code levels} adder levels. */
  public FoldingPlan withLevelsPerStage(int levels) {
    return new FoldingPlan(engines, folds, levels, weights, window, port, lines, layerWeights, dspAdders);
  }

  /** The same folding with the weights stored as {@code storage} asks. */
  public FoldingPlan withWeights(WeightStorage storage) {
    return new FoldingPlan(engines, folds, levelsPerStage, storage, window, port, lines, layerWeights, dspAdders);
  }

  /** The same folding with the convolutions fed as {@code mode} says. */
  public FoldingPlan withWindow(ConvWindow mode) {
    return new FoldingPlan(engines, folds, levelsPerStage, weights, mode, port, lines, layerWeights, dspAdders);
  }

  /** The same folding with the top taking its input as {@code input} says. */
  public FoldingPlan withPort(InputPort input) {
    return new FoldingPlan(engines, folds, levelsPerStage, weights, window, input, lines, layerWeights, dspAdders);
  }

  /** The same folding with the line buffers stored as {@code storage} asks ({@link ConvWindow#LINE}). */
  public FoldingPlan withLines(LineStorage storage) {
    return new FoldingPlan(engines, folds, levelsPerStage, weights, window, port, storage, layerWeights, dspAdders);
  }

  /** The same folding with the engines named in {@code byLayer} keeping their weights as it says (the others as {@link #weights}). */
  public FoldingPlan withLayerWeights(Map<String, WeightStorage> byLayer) {
    return new FoldingPlan(engines, folds, levelsPerStage, weights, window, port, lines, byLayer, dspAdders);
  }

  /** The same folding with at most {@code slices} adder-tree nodes summed in DSP slices ({@link DspSums}). */
  public FoldingPlan withDspAdders(long slices) {
    return new FoldingPlan(engines, folds, levelsPerStage, weights, window, port, lines, layerWeights, slices);
  }

  /** Each engine's adder-tree nodes summed in DSP slices: at most {@link #dspAdders} in all ({@link DspSums#allocate}). */
  List<DspSums> dspSums() {
    if (dspAdders == 0) {
      return Collections.nCopies(engines.size(), DspSums.NONE);
    }
    var trees = new ArrayList<AdderTree>();
    var pes = new ArrayList<Integer>();
    for (int i = 0; i < engines.size(); i++) {
      trees.add(AdderTree.of(engines.get(i), folds.get(i)));
      pes.add(folds.get(i).pe());
    }
    return DspSums.allocate(trees, pes, levelsPerStage, dspAdders);
  }

  /** DSP slices the adder trees use: at most {@link #dspAdders}, fewer when fewer nodes qualify ({@link DspSums}). */
  public long dspSlices() {
    return dspSums().stream().mapToLong(DspSums::slices).sum();
  }

  /**
   * Where engine {@code engine} keeps its weights, resolved ({@link WeightStorage#LUT},
   * {@link WeightStorage#BRAM} or {@link WeightStorage#SPRAM}): as {@link #layerWeights} names it, else
   * as {@link #weights} says.
   */
  public WeightStorage weightStorage(int engine) {
    Engine e = engines.get(engine);
    return layerWeights.getOrDefault(e.name(), weights).resolve(e, folds.get(engine));
  }

  /** Cycles between results in steady state ({@link PerformanceModel}, or {@link StreamTiming} for {@link ConvWindow#LINE}). */
  public long initiationInterval() {
    return window == ConvWindow.LINE && streams() ? StreamTiming.of(this).initiationInterval()
        : PerformanceModel.initiationInterval(engines, folds, port);
  }

  /** Cycles from taking an input to handing out its result, on an empty pipeline. */
  public long latency() {
    return window == ConvWindow.LINE && streams() ? StreamTiming.of(this).latency()
        : PerformanceModel.latency(engines, folds, levelsPerStage, port);
  }

  /** Whether some link carries pixels: the network has a convolution (else both modes build the same hardware). */
  private boolean streams() {
    return engines.stream().anyMatch(Engine::isConv);
  }

  public Fold fold(int engine) {
    return folds.get(engine);
  }

  /** Pipeline registers in the adder trees of engine {@code engine}. */
  public int pipelineStages(int engine) {
    return PerformanceModel.pipelineStages(folds.get(engine), levelsPerStage);
  }

  /**
   * The plan for {@code network} from a user's entries {@code NAME=PE,SIMD} (parsed by
   * {@link LayerFold#parse}); the rest as {@link #ofFolds}.
   */
  public static FoldingPlan of(Network network, List<String> userFolds, Long targetCycles) {
    return ofFolds(network, LayerFold.parseAll(userFolds), targetCycles);
  }

  /**
   * The plan for {@code network}: engines named in {@code userFolds} get that folding; the others
   * the cheapest one within {@code targetCycles} (when null: the largest cycles of the user folds, or
   * {@link #defaultTarget} when there are none). A later fold of the same layer wins.
   */
  public static FoldingPlan ofFolds(Network network, List<LayerFold> userFolds, Long targetCycles) {
    List<Engine> engines = Engine.of(network);
    Map<String, Fold> named = new LinkedHashMap<>();
    for (LayerFold entry : userFolds) {
      Engine engine = engines.stream().filter(e -> e.name().equals(entry.layer())).findFirst()
          .orElseThrow(() -> error(ErrorCode.FOLD_SYNTAX, "folding '" + entry + "' names no layer of the model; its layers are "
              + String.join(", ", engines.stream().map(Engine::name).toList())));
      checkRange(engine, entry.fold());
      named.put(engine.name(), entry.fold());
    }
    if (targetCycles != null && targetCycles < 1) {
      throw error(ErrorCode.FOLD_TARGET, "--target-cycles must be at least 1, got " + targetCycles);
    }
    long target = targetCycles != null ? targetCycles : defaultTarget(engines);
    if (targetCycles == null && !named.isEmpty()) {
      target = 1;
      for (Engine e : engines) {
        Fold f = named.get(e.name());
        if (f != null) {
          target = Math.max(target, PerformanceModel.cycles(e, f));
        }
      }
    }
    List<Fold> folds = new ArrayList<>();
    for (Engine e : engines) {
      Fold f = named.get(e.name());
      folds.add(f != null ? f : cheapest(e, target));
    }
    return new FoldingPlan(engines, folds);
  }

  /**
   * The target cycles per vector when the user gives neither folds nor a target: the larger of
   * {@link #DEFAULT_TARGET_CYCLES} and {@link #DEFAULT_CYCLES_PER_PIXEL} times the output pixels of
   * the largest convolution. No convolution runs faster than one output pixel per cycle, so a
   * fixed target below its pixels would make it fully parallel (one PE x SIMD lane per weight); 8
   * cycles per pixel instead leaves each pixel up to 8 folds (fashion-cnn: 8 x 784 = 6272). A model
   * without convolutions keeps {@link #DEFAULT_TARGET_CYCLES}.
   */
  public static long defaultTarget(List<Engine> engines) {
    long pixels = 1;
    for (Engine e : engines) {
      pixels = Math.max(pixels, e.pixels());
    }
    return Math.max(DEFAULT_TARGET_CYCLES, DEFAULT_CYCLES_PER_PIXEL * pixels);
  }

  /** The plan where every engine takes the cheapest folding within {@code targetCycles}. */
  public static FoldingPlan forTarget(Network network, long targetCycles) {
    return of(network, List.of(), targetCycles);
  }

  /**
   * The cheapest legal folding (fewest PE x SIMD lanes, then fewest PE) whose cycles are at most
   * {@code target}; fully parallel when nothing cheaper meets it.
   */
  public static Fold cheapest(Engine engine, long target) {
    Fold best = new Fold(engine.outputs(), engine.inputs());
    for (int pe = 1; pe <= engine.outputs(); pe++) {
      long neuronFolds = PerformanceModel.ceilDiv(engine.outputs(), pe);
      long inputFoldsAllowed = target / ((long) engine.pixels() * neuronFolds);
      if (inputFoldsAllowed < 1) {
        continue;
      }
      int simd = PerformanceModel.ceilDiv(engine.inputs(), (int) Math.min(inputFoldsAllowed, engine.inputs()));
      long lanes = (long) pe * simd;
      long bestLanes = (long) best.pe() * best.simd();
      if (lanes < bestLanes || (lanes == bestLanes && pe < best.pe())) {
        best = new Fold(pe, simd);
      }
    }
    return best;
  }

  private static void checkRange(Engine e, Fold f) {
    if (f.pe() > e.outputs() || f.simd() > e.inputs()) {
      throw error(ErrorCode.FOLD_RANGE, "folding " + e.name() + "=" + f + " is outside the layer: PE must be in [1, "
          + e.outputs() + "] and SIMD in [1, " + e.inputs() + "]");
    }
  }

  static DiagnosticException error(ErrorCode code, String message) {
    return new DiagnosticException(new Diagnostic(code, SourceSpan.wholeFile("folding"), message));
  }
}
