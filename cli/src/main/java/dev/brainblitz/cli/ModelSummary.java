package dev.brainblitz.cli;

import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.FlattenLayer;
import dev.brainblitz.ir.PoolLayer;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary {@code blitz check} prints: one line per node with its shape, weight bits and work
 * per inference, then totals. A binary MAC is one XNOR plus its share of a popcount; an 8-bit MAC is
 * one signed add of a byte; ops count 2 per MAC, as FINN and most BNN papers do.
 */
final class ModelSummary {
  private ModelSummary() {}

  static String of(Network network) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"node", "op", "shape", "weight bits", "work per inference"});
    var input = network.input();
    rows.add(new String[] {input.name(), "input", input.kind().keyword() + "[" + input.size() + "]", "-", "-"});
    var work = new Work();
    for (Layer layer : network.layers()) {
      Runnable summarize = switch (layer.kind()) {
        case DENSE -> () -> dense((DenseLayer) layer, rows, work);
        case CONV2D -> () -> conv((ConvLayer) layer, rows, work);
        case MAXPOOL -> () -> {
          PoolLayer pool = (PoolLayer) layer;
          rows.add(new String[] {pool.name(), "maxpool", pool.in() + " -> " + pool.out() + " (" + pool.size() + "x"
              + pool.size() + ")", "-", group((long) pool.out().size() * pool.size() * pool.size()) + " ORs"});
        };
        case FLATTEN -> () -> {
          FlattenLayer flatten = (FlattenLayer) layer;
          rows.add(new String[] {flatten.name(), "flatten", flatten.in() + " -> " + flatten.outputs(), "-", "-"});
        };
      };
      summarize.run();
    }
    var scores = network.scores();
    long macs = (long) scores.inputs() * scores.classes();
    boolean bytes = network.scoresInputKind() == InputKind.U8;
    work.macs(macs, bytes);
    rows.add(new String[] {scores.name(), "scores", scores.inputs() + " -> " + scores.classes(), group(macs),
        group(macs) + (bytes ? " 8-bit MACs" : " binary MACs") + (scores.hasBias() ? " + bias" : "") + ", argmax"});

    StringBuilder out = new StringBuilder();
    out.append("model ").append(network.name()).append(": valid, ").append(network.layers().size())
        .append(network.layers().size() == 1 ? " hidden layer, " : " hidden layers, ")
        .append(network.classes()).append(network.classes() == 1 ? " class\n" : " classes\n");
    out.append(Table.render(rows, 2));
    long bits = network.weightBits();
    out.append(String.format(Locale.ROOT, "weights: %s bits (%s bytes packed)%n", group(bits), group((bits + 7) / 8)));
    out.append(String.format(Locale.ROOT, "work per inference: %s binary MACs, %s 8-bit MACs, %s threshold compares (%s ops)%n",
        group(work.binaryMacs), group(work.byteMacs), group(work.compares), group(2 * (work.binaryMacs + work.byteMacs))));
    return out.toString();
  }

  /** The work per inference counted so far. */
  private static final class Work {
    long binaryMacs;
    long byteMacs;
    long compares;

    void macs(long macs, boolean bytes) {
      if (bytes) {
        byteMacs += macs;
      } else {
        binaryMacs += macs;
      }
    }
  }

  /** The rows of a dense layer: its product and its thresholds. */
  private static void dense(DenseLayer layer, List<String[]> rows, Work work) {
    long macs = (long) layer.inputs() * layer.outputs();
    boolean bytes = layer.inputKind() == InputKind.U8;
    work.macs(macs, bytes);
    rows.add(new String[] {layer.dense().name(), "dense", layer.inputs() + " -> " + layer.outputs(),
        group(macs), group(macs) + (bytes ? " 8-bit MACs" : " binary MACs")});
    work.compares += layer.outputs();
    rows.add(new String[] {layer.threshold().name(), "threshold", Integer.toString(layer.outputs()), "-",
        group(layer.outputs()) + " compares"});
  }

  /** The rows of a convolutional layer: its convolution (MACs over every output pixel) and its thresholds. */
  private static void conv(ConvLayer layer, List<String[]> rows, Work work) {
    var conv = layer.conv();
    long macs = (long) layer.out().size() * conv.fanIn();
    boolean bytes = layer.inputKind() == InputKind.U8;
    work.macs(macs, bytes);
    String padding = conv.padding().text(layer.inputKind());
    rows.add(new String[] {conv.name(), "conv2d", layer.in() + " -> " + layer.out() + " (" + conv.kernel() + "x"
        + conv.kernel() + ", stride " + conv.stride() + ", " + padding + ")", group(layer.weightBits()),
        group(macs) + (bytes ? " 8-bit MACs" : " binary MACs")});
    work.compares += layer.outputs();
    rows.add(new String[] {layer.threshold().name(), "threshold", conv.outChannels() + " per pixel", "-",
        group(layer.outputs()) + " compares"});
  }

  /** 1234567 -> "1,234,567". */
  static String group(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
