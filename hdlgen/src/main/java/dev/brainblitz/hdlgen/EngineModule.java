package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Network;
import dev.brainblitz.verilog.VerilogWriter;
import dev.brainblitz.verilog.VerilogWriter.Port;
import java.util.List;
import java.util.Map;

/**
 * One engine module, {@code <model>_<layer>}: a matrix-vector-threshold unit on valid/ready
 * streams, put together from its pieces in the order the Verilog declares them. Per vector its
 * {@link EngineFrontEnd} issues NF neuron folds of SF input folds; in issue (nf, sf) every PE p
 * reads, from the {@link EngineMemory}, the weights of neuron nf * PE + p against SIMD inputs; the
 * {@link EngineDatapath} sums them in each PE's adder tree (a pipeline register every
 * {@code levelsPerStage} levels) while the {@link EngineControl} carries the issue's control bits
 * alongside, so the tail, {@link PerformanceModel#pipelineStages} cycles behind the front,
 * accumulates, compares (or adds the bias), packs the PE results and offers the whole output vector
 * to the link FIFO after the last fold. Cycles per vector = SF * NF exactly.
 */
final class EngineModule {
  private EngineModule() {}

  static String name(Network network, Engine e) {
    return HdlNames.engines(network).get(e.name());
  }

  static void emit(VerilogWriter w, Network network, EngineShape shape, EngineMemory memory, boolean tablesInRam,
      Map<String, String> memoryFiles) {
    Engine e = shape.engine();
    Fold f = shape.fold();
    String module = name(network, e);
    var front = new EngineFrontEnd(shape);
    var control = new EngineControl(shape, tablesInRam);
    var datapath = new EngineDatapath(shape, memory, control.tailNeuronFold(),
        tablesInRam ? new TableRam(module, memoryFiles, front, control) : null);

    w.comment("Engine " + e.name() + ": " + e.inputs() + " " + e.inputKind().keyword() + " inputs -> " + e.outputs()
        + (e.isScores() ? " scores" : " threshold bits") + "; PE " + f.pe() + ", SIMD " + f.simd() + ": "
        + shape.neuronFolds() + " neuron folds x " + shape.inputFolds() + " input folds; " + shape.tree().levels()
        + " adder levels, " + shape.stages() + " pipeline stages."
        + (e.isConv() ? " Convolution " + e.conv().kernel() + "x" + e.conv().kernel() + " stride " + e.conv().stride() + " "
            + e.conv().padding().text(e.inputKind()) + " over " + e.conv().in().text() + " -> " + e.conv().out().text()
            + (shape.stream() != null ? ": one output pixel per window from its line buffer." : ": the folds repeat for each of its "
            + e.pixels() + " output pixels" + (shape.pixelOut() ? ", each handed on as it is done." : "."))
            : shape.stream() != null ? " Fed pixels, collected in flatten order." : ""));
    var ports = new java.util.ArrayList<>(List.of(Port.in(1, "clk"), Port.in(1, "rst"), Port.in(1, "in_valid"),
        Port.out(1, "in_ready"), Port.in(shape.inputWidth(), "in_data"), Port.out(1, "out_valid"), Port.in(1, "out_ready"),
        Port.out(shape.outputWidth(), "out_data")));
    ports.addAll(memory.loadPorts());
    w.module(module, ports);
    front.declare(w);
    control.declare(w);
    front.declareHandshake(w);
    front.declareSlice(w);
    memory.weights(w, module, shape.weightsWidth(), WeightLayout.words(Engine.weights(network, e), shape), front,
        memoryFiles);
    if (e.isScores()) {
      datapath.declare(w, null, network.scores().bias());
    } else {
      datapath.declare(w, Engine.thresholds(network, e), null);
    }

    w.open("always @(posedge clk) begin");
    w.open("if (rst) begin");
    front.reset(w);
    control.reset(w);
    w.close("end else begin");
    w.depthIn();
    w.open("if (advance) begin");
    control.advance(w);
    datapath.advancePipeline(w);
    front.issue(w);
    datapath.collect(w);
    w.close("end");
    front.accept(w);
    w.close("end");
    w.close("end");
    front.rotateOrLoad(w);
    w.endModule();
  }
}
