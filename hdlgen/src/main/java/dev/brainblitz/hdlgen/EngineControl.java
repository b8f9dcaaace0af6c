package dev.brainblitz.hdlgen;

import dev.brainblitz.verilog.VerilogWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The control of an engine: the {@link ControlBit}s that carry each issue's position (valid, first
 * input fold, last input fold, neuron fold, last of the vector) through the adder-tree pipeline to
 * the tail, and the handshake. The tail offers the output vector after the last fold (or each output
 * pixel after its last fold, when the engine hands on pixels); when the link
 * FIFO cannot take it, {@code hold} stops the whole engine (front, pipeline and tail) for that cycle.
 */
final class EngineControl {
  private final EngineShape shape;
  private final List<ControlBit> bits;
  /** Whether the tables read the tail's neuron fold one edge ahead ({@link TableRam}), so no {@code t_nf} is needed. */
  private final boolean tablesInRam;

  EngineControl(EngineShape shape, boolean tablesInRam) {
    this.shape = shape;
    this.tablesInRam = tablesInRam;
    var bits = new ArrayList<ControlBit>();
    bits.add(new ControlBit("valid", 1, "busy"));
    if (shape.inputFolds() > 1) {
      bits.add(new ControlBit("first", 1, "first"));
    }
    if (shape.neuronFolds() > 1) {
      bits.add(new ControlBit("sf_last", 1, "sf_last"));
      bits.add(new ControlBit("nf", shape.neuronFoldWidth(), "nf"));
    }
    if (shape.framePixels() > 1) {
      bits.add(new ControlBit("pix_end", 1, SlidingWindow.PIXEL_END));
    }
    if (!perPixel(shape)) {
      bits.add(new ControlBit("last", 1, "front_last"));
    }
    this.bits = List.copyOf(bits);
  }

  /** Whether the tail hands on each output pixel of a frame (then the frame's last issue needs no control bit). */
  private static boolean perPixel(EngineShape shape) {
    return shape.pixelOut() && shape.framePixels() > 1;
  }

  /** The neuron fold of the issue at the tail (the index of the per-PE tables), or null with one neuron fold. */
  String tailNeuronFold() {
    return shape.neuronFolds() > 1 ? "t_nf" : null;
  }

  /**
   * Declares {@code t_nf_next}, the neuron fold the tail holds after the coming edge, for a table
   * read through a register ({@link TableRam}); returns its name. With pipeline stages it is the
   * stage before the tail's when the pipeline advances (the stages keep their bits in reset), else
   * the front's next neuron fold. Needs {@code advance} and a neuron fold (NF > 1).
   */
  String declareTailNeuronFoldNext(VerilogWriter w, EngineFrontEnd front) {
    int stages = shape.stages();
    String next = stages == 0 ? front.nextNeuronFold()
        : "(!rst && advance) ? " + (stages == 1 ? "nf" : "st" + (stages - 1) + "_nf") + " : st" + stages + "_nf";
    w.wire(shape.neuronFoldWidth(), "t_nf_next", next);
    return "t_nf_next";
  }

  /** Declares the pipeline registers, the tail wires {@code t_<bit>} and the handshake. */
  void declare(VerilogWriter w) {
    int stages = shape.stages();
    if (stages > 0) {
      w.comment("control bits of the issues in the " + stages + " pipeline stages");
      for (int k = 1; k <= stages; k++) {
        for (ControlBit c : bits) {
          w.reg(c.width(), "st" + k + "_" + c.name());
        }
      }
    }
    w.comment("tail: the issue leaving the adder trees");
    for (ControlBit c : bits) {
      if (!(tablesInRam && c.name().equals("nf"))) {
        w.wire(c.width(), "t_" + c.name(), stages > 0 ? "st" + stages + "_" + c.name() : c.frontValue());
      }
    }
    w.line("assign out_valid = t_valid && " + (perPixel(shape) ? "t_pix_end" : "t_last") + ";");
    w.wire(1, "hold", "out_valid && !out_ready");
    w.wire(1, "advance", "!hold");
  }

  /** The reset of the pipeline's valid bits. */
  void reset(VerilogWriter w) {
    for (int k = 1; k <= shape.stages(); k++) {
      w.line("st" + k + "_valid <= 1'b0;");
    }
  }

  /** One step of the pipeline: every stage takes the control bits of the stage before it. */
  void advance(VerilogWriter w) {
    for (int k = shape.stages(); k >= 1; k--) {
      for (ControlBit c : bits) {
        w.line("st" + k + "_" + c.name() + " <= " + (k == 1 ? c.frontValue() : "st" + (k - 1) + "_" + c.name()) + ";");
      }
    }
  }
}
