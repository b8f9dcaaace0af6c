package dev.brainblitz.sim.kernel;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.Metric;
import dev.brainblitz.ir.exec.Metric.Unit;
import dev.brainblitz.riscv.asm.Assembler;
import dev.brainblitz.riscv.elf.ElfFile;
import dev.brainblitz.riscv.elf.ElfWriter;
import dev.brainblitz.riscv.lower.Harness;
import dev.brainblitz.riscv.lower.IlToRiscv;
import dev.brainblitz.riscv.lower.Isa;
import dev.brainblitz.riscv.lower.LayerMethod;
import dev.brainblitz.riscv.lower.LoweredKernel;
import dev.brainblitz.sim.iss.Hart;
import dev.brainblitz.sim.iss.RetireListener;
import dev.brainblitz.sim.iss.SimConfig;
import dev.brainblitz.sim.iss.SimResult;
import dev.brainblitz.sim.iss.TimingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A lowered kernel on the ISS: generated and assembled once; each batch of vectors is written into a
 * fresh hart's vector block, run through the harness and read back from its result block.
 */
final class IssExecutor implements Executor {
  /** Vectors per simulated program run (the harness reserves room for this many). */
  static final int CAPACITY = 1024;

  private final String target;
  private final Network network;
  private final LoweredKernel kernel;
  private final ElfFile elf;
  private final SimConfig config;
  private final String file;
  /** Instructions retired per layer of the kernel on one vector (they do not depend on the data); null until run. */
  private long[] layerInstructions;

  IssExecutor(String target, Network network, Isa isa, TimingModel timing) {
    this.target = target;
    this.network = network;
    this.kernel = IlToRiscv.lower(network, isa);
    this.file = network.name() + "-" + isa.keyword() + ".S";
    String source = kernel.assembly() + Harness.source(kernel, List.of(), CAPACITY, Harness.Exit.TOHOST);
    this.elf = ElfFile.read(file, ElfWriter.write(Assembler.assemble(file, source)));
    this.config = SimConfig.defaults().withTiming(timing);
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public ExecutionReport run(List<InputVector> vectors) {
    List<InferenceResult> results = new ArrayList<>(vectors.size());
    long cycles = 0;
    long instructions = 0;
    for (int from = 0; from < vectors.size(); from += CAPACITY) {
      List<InputVector> batch = vectors.subList(from, Math.min(vectors.size(), from + CAPACITY));
      long[] counters = runBatch(batch, results);
      cycles += counters[0];
      instructions += counters[1];
    }
    if (layerInstructions == null && !vectors.isEmpty()) {
      layerInstructions = profileLayers(vectors.get(0));
    }
    int n = Math.max(1, vectors.size());
    List<Metric> metrics = new ArrayList<>();
    metrics.add(Metric.of("time", Unit.CYCLES_PER_INFERENCE, (double) cycles / n));
    metrics.add(Metric.of("retired", Unit.INSTRUCTIONS_PER_INFERENCE, (double) instructions / n));
    metrics.add(Metric.of("code", Unit.BYTES, codeBytes()));
    metrics.add(Metric.of("rodata", Unit.BYTES, kernel.rodataBytes()));
    metrics.add(Metric.of("stack", Unit.BYTES, kernel.stackBytes()));
    if (layerInstructions != null) {
      perWord(LayerMethod.XNOR_POP, 1)
          .ifPresent(v -> metrics.add(Metric.of("bipolar layers", Unit.INSTRUCTIONS_PER_WEIGHT_WORD, v)));
      perWord(LayerMethod.BIT_PLANES, 8)
          .ifPresent(v -> metrics.add(Metric.of("u8 layer", Unit.INSTRUCTIONS_PER_WEIGHT_WORD_PLANE, v)));
    }
    return new ExecutionReport(results, metrics);
  }

  /** Bytes of the function's code, from {@code <model>_infer} to {@code <model>_infer_end}. */
  int codeBytes() {
    return symbol(kernel.function() + "_end") - symbol(kernel.function());
  }

  private int symbol(String name) {
    return elf.symbol(name).orElseThrow(() -> new IllegalStateException("no symbol " + name + " in " + file));
  }

  private Hart load(List<InputVector> batch, SimConfig withConfig) {
    Hart hart = Hart.load(file, elf, withConfig);
    int stride = Harness.vectorStride(kernel);
    int base = symbol(kernel.model() + "_vectors");
    for (int i = 0; i < batch.size(); i++) {
      int[] words = Harness.vectorWords(batch.get(i));
      for (int k = 0; k < words.length; k++) {
        hart.storeWord(base + i * stride + 4 * k, words[k]);
      }
    }
    hart.storeWord(symbol(kernel.model() + "_count"), batch.size());
    return hart;
  }

  private long[] runBatch(List<InputVector> batch, List<InferenceResult> into) {
    Hart hart = load(batch, config);
    SimResult result = hart.run();
    if (!result.passed()) {
      throw new IllegalStateException(target + ": the harness did not finish: " + result.summary());
    }
    int classes = network.classes();
    int stride = Harness.resultStride(kernel);
    int base = symbol(kernel.model() + "_results");
    for (int i = 0; i < batch.size(); i++) {
      int at = base + i * stride;
      int predicted = hart.loadWord(at);
      int[] scores = new int[classes];
      for (int c = 0; c < classes; c++) {
        scores[c] = hart.loadWord(at + 4 + 4 * c);
      }
      into.add(InferenceResult.reported(scores, predicted));
    }
    int counters = symbol(kernel.model() + "_counters");
    return new long[] {Integer.toUnsignedLong(hart.loadWord(counters)), Integer.toUnsignedLong(hart.loadWord(counters + 4))};
  }

  /**
   * Instructions retired in the layers computed by {@code method} per weight word of those layers,
   * counting each word {@code planes} times; empty when the kernel has no such layer.
   */
  private java.util.OptionalDouble perWord(LayerMethod method, int planes) {
    long retired = 0;
    long words = 0;
    for (int i = 0; i < kernel.layers().size(); i++) {
      if (kernel.layers().get(i).method().equals(method)) {
        retired += layerInstructions[i];
        words += (long) planes * kernel.layers().get(i).weightWords();
      }
    }
    return words == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of((double) retired / words);
  }

  /** Instructions retired in each layer's code (from its label to the next) for one vector. */
  private long[] profileLayers(InputVector vector) {
    List<LoweredKernel.LayerInfo> layers = kernel.layers();
    int[] starts = new int[layers.size() + 1];
    for (int i = 0; i < layers.size(); i++) {
      starts[i] = symbol(layers.get(i).label());
    }
    starts[layers.size()] = symbol(kernel.model() + "_argmax");
    long[] counts = new long[layers.size()];
    RetireListener listener = (hart, pc, instruction) -> count(starts, counts, pc);
    Hart hart = load(List.of(vector), config.withListener(listener));
    SimResult result = hart.run();
    if (!result.passed()) {
      throw new IllegalStateException(target + ": the harness did not finish: " + result.summary());
    }
    return counts;
  }

  private static void count(int[] starts, long[] counts, int pc) {
    for (int i = 0; i < counts.length; i++) {
      if (Integer.compareUnsigned(pc, starts[i]) >= 0 && Integer.compareUnsigned(pc, starts[i + 1]) < 0) {
        counts[i]++;
        return;
      }
    }
  }

}
