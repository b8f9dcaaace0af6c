package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Network;
import dev.brainblitz.verilog.VerilogWriter;
import dev.brainblitz.verilog.VerilogWriter.Port;
import java.util.ArrayList;
import java.util.List;

/**
 * The top module {@code <model>_top} (ports: {@link IlToVerilog}): engine i hands its results
 * ({@code e<i>_*}) to its link FIFO, whose output ({@code s<i>_*}) feeds engine i + 1; the last
 * engine's scores pass the {@link Argmax} stage into the last link, whose head drives the output
 * port ({@code out_scores} sign-extended, {@code out_class}). Behind an engine that hands on pixels
 * ({@link ConvWindow#LINE}) its max-pools ({@link StreamPoolUnit}) sit between it and its link.
 */
final class TopModule {
  private TopModule() {}

  /** Bits of the link behind engine {@code i}: its (pooled) result, or one pooled pixel when it hands on pixels. */
  static int linkWidth(FoldingPlan plan, int i) {
    Engine e = plan.engines().get(i);
    return EngineShape.of(plan, i).pixelOut() ? e.outputs() * Widths.laneWidth(e) : e.linkSize() * Widths.laneWidth(e);
  }

  /**
   * Entries of the link behind engine {@code i}: {@link Widths#LINK_DEPTH}, or 1 where one entry
   * passes every vector as early as two would ({@link #oneEntryEnough}); and behind a convolution whose max-pools hand on
   * pixels ({@link ConvWindow#LINE}) more: a pool of size s passes a row of W / s pixels in every
   * s-th input row and none in the others, so its link holds a pooled row (at least {@link
   * Widths#LINK_DEPTH}) and the next engine can work through the gap; unless that engine is a dense
   * one that never keeps a pixel waiting ({@link #collectorKeepsUp}).
   */
  static int linkDepth(FoldingPlan plan, int i) {
    Engine e = plan.engines().get(i);
    boolean burst = i < plan.engines().size() - 1 && EngineShape.of(plan, i).pixelOut() && !e.pools().isEmpty();
    if (burst && !collectorKeepsUp(plan, i)) {
      return Math.max(Widths.LINK_DEPTH, e.linkMap().width());
    }
    return oneEntryEnough(plan, i) ? 1 : Widths.LINK_DEPTH;
  }

  /**
   * Whether a one-entry link behind engine {@code i} moves every vector when two entries would: when
   * engine i hands on whole vectors (not pixels) and it and the engine behind the link (if any: the
   * last link feeds the output port) each take two or more cycles a vector. The link then gets a
   * beat at most every other cycle and gives one at most every other cycle, and a one-entry FIFO
   * with a registered {@code in_ready} takes a beat two cycles after the last (one to give it, one
   * for "not full" to reach the writer); the reader takes vector k + 1 in the last issue of vector k,
   * at least two cycles after it took vector k, which emptied the entry. So, with the output port
   * always ready, no engine waits longer than with two entries (a bursty reader of the output port
   * has one entry less of slack), and the timing models hold. (Measured: fashion-mlp at II 16,399 on
   * the UP5K packs into 3,718 logic cells instead of 4,354, and nextpnr-ice40 0.4 places it;
   * docs/fpga.md.)
   */
  static boolean oneEntryEnough(FoldingPlan plan, int i) {
    List<Engine> engines = plan.engines();
    if (EngineShape.of(plan, i).pixelOut() || PerformanceModel.cycles(engines.get(i), plan.fold(i)) < 2) {
      return false;
    }
    return i + 1 == engines.size() || PerformanceModel.cycles(engines.get(i + 1), plan.fold(i + 1)) >= 2;
  }

  /**
   * Whether engine {@code i + 1} is a dense engine behind a flatten ({@link EngineShape#collects})
   * that finishes a vector before the next map's first pooled pixel can come: its collector then
   * takes every pixel the cycle it arrives (it stops only after a map's last pixel, until the engine
   * takes that map), so a deeper link would never fill. The pooled pixels of convolution {@code i}
   * come at its output pixels (y, x) with y and x = S - 1 mod S (S the product of its pool sizes)
   * inside the pooled area, one output pixel per SF x NF issues at the fastest; from a map's last
   * pooled pixel to the next map's first that is (H W - last + first) output pixels.
   */
  static boolean collectorKeepsUp(FoldingPlan plan, int i) {
    EngineShape next = EngineShape.of(plan, i + 1);
    if (!next.collects()) {
      return false;
    }
    Engine e = plan.engines().get(i);
    EngineShape producer = EngineShape.of(plan, i);
    long size = e.pools().stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
    long width = e.conv().outWidth();
    long first = (size - 1) * width + size - 1;
    long last = (e.linkMap().height() * size - 1) * width + e.linkMap().width() * size - 1;
    long gapPixels = e.conv().outHeight() * width - last + first;
    long perPixel = (long) producer.inputFolds() * producer.neuronFolds();
    return (long) next.inputFolds() * next.neuronFolds() <= gapPixels * perPixel;
  }

  /**
   * Whether the deeper link behind engine {@code i} ({@link LinkQueue}) keeps its entries in block
   * RAM, as {@code plan.lines()} decides for a queue ({@link LineStorage#queueInRam}); a
   * {@link LinkFifo} of 1 or 2 entries never.
   */
  static boolean linkInRam(FoldingPlan plan, int i) {
    int depth = linkDepth(plan, i);
    return depth > Widths.LINK_DEPTH && plan.lines().queueInRam(depth, linkWidth(plan, i));
  }

  /**
   * The weight-load port of a top whose engines keep weights in SPRAM ({@link WeightLoad}): a word
   * moves when {@code wl_valid} and {@code wl_ready} are high at an edge; {@code wl_ready} falls
   * after the last word, and {@code in_ready} stays low until then.
   */
  static List<Port> loadPorts() {
    return List.of(Port.in(WeightLoad.WORD_BITS, "wl_data"), Port.in(1, "wl_valid"), Port.out(1, "wl_ready"));
  }

  static void emit(VerilogWriter w, Network network, FoldingPlan plan) {
    int classes = network.classes();
    int cw = Widths.classWidth(network);
    w.comment("Top module: see IlToVerilog for the port contract.");
    var ports = new ArrayList<>(List.of(Port.in(1, "clk"), Port.in(1, "rst"),
        Port.in(Widths.portWidth(plan), "in_data"), Port.in(1, "in_valid"), Port.out(1, "in_ready"),
        Port.out(Widths.SCORE_WIDTH * classes, "out_scores"), Port.out(cw, "out_class"), Port.out(1, "out_valid"),
        Port.in(1, "out_ready")));
    boolean load = WeightLoad.needed(plan);
    if (load) {
      ports.addAll(loadPorts());
    }
    w.module(IlToVerilog.topName(network), ports);
    List<Engine> engines = plan.engines();
    String previousFull = null;
    var engineLoad = new java.util.HashMap<Integer, String>();
    if (load) {
      w.comment("weight load: the words go to the first SPRAM engine not yet full; inference waits for all of them");
      for (int i = 0; i < engines.size(); i++) {
        if (plan.weightStorage(i) == WeightStorage.SPRAM) {
          w.line("wire wl_full" + i + ";");
          engineLoad.put(i, ", .wl_we(wl_valid && " + (previousFull == null ? "" : previousFull + " && ") + "!wl_full" + i + "), .wl_data(wl_data), .wl_full(wl_full"
              + i + ")");
          previousFull = "wl_full" + i;
        }
      }
      w.wire(1, "loaded", previousFull);
      w.line("assign wl_ready = !loaded;");
      w.wire(1, "in_valid_loaded", "in_valid && loaded");
      w.line("wire e_in_ready;");
      w.line("assign in_ready = e_in_ready && loaded;");
    }
    var linkInstances = HdlNames.linkInstances(engines);
    for (int i = 0; i < engines.size(); i++) {
      Engine e = engines.get(i);
      int width = EngineShape.of(plan, i).outputWidth();
      w.line("wire e" + i + "_valid;").line("wire e" + i + "_ready;").line("wire " + VerilogWriter.range(width) + "e" + i + "_data;");
      width = linkWidth(plan, i);
      if (i + 1 < engines.size()) {
        w.line("wire s" + i + "_valid;").line("wire s" + i + "_ready;").line("wire " + VerilogWriter.range(width) + "s" + i + "_data;");
      }
    }
    Engine scores = engines.get(engines.size() - 1);
    int argmaxWidth = Argmax.outputWidth(network, scores);
    w.line("wire a_valid;").line("wire a_ready;").line("wire " + VerilogWriter.range(argmaxWidth) + "a_data;");
    w.line("wire " + VerilogWriter.range(argmaxWidth) + "result;");
    for (int i = 0; i < engines.size(); i++) {
      Engine e = engines.get(i);
      boolean first = i == 0;
      boolean last = i == engines.size() - 1;
      String inValid = first ? (load ? "in_valid_loaded" : "in_valid") : "s" + (i - 1) + "_valid";
      String inReady = first ? (load ? "e_in_ready" : "in_ready") : "s" + (i - 1) + "_ready";
      String inData = first ? "in_data" : "s" + (i - 1) + "_data";
      w.line(EngineModule.name(network, e) + " " + HdlNames.engineInstance(e) + " (.clk(clk), .rst(rst), .in_valid(" + inValid
          + "), .in_ready(" + inReady + "), .in_data(" + inData + "), .out_valid(e" + i + "_valid), .out_ready(e" + i
          + "_ready), .out_data(e" + i + "_data)" + engineLoad.getOrDefault(i, "") + ");");
      String outValid = last ? "out_valid" : "s" + i + "_valid";
      String outReady = last ? "out_ready" : "s" + i + "_ready";
      String outData = last ? "result" : "s" + i + "_data";
      int width = last ? argmaxWidth : linkWidth(plan, i);
      String source = "e" + i;
      String linkData;
      if (last) {
        linkData = "a_data";
      } else if (EngineShape.of(plan, i).pixelOut()) {
        source = StreamPoolUnit.emit(w, e, source);
        linkData = source + "_data";
      } else {
        linkData = MaxPoolUnit.emit(w, e, "e" + i + "_data");
      }
      if (last) {
        w.line(Argmax.name(network) + " " + HdlNames.argmaxInstance(engines) + " (.clk(clk), .rst(rst), .in_valid(e" + i + "_valid), .in_ready(e" + i
            + "_ready), .in_data(e" + i + "_data), .out_valid(a_valid), .out_ready(a_ready), .out_data(a_data));");
        source = "a";
      }
      int depth = linkDepth(plan, i);
      if (depth > Widths.LINK_DEPTH) {
        if (linkInRam(plan, i)) {
          LinkQueue.emitRam(w, "q" + i, width, depth, source, linkData, "s" + i);
        } else {
          LinkQueue.emit(w, "q" + i, width, depth, source, linkData, "s" + i);
        }
        continue;
      }
      String depthParameter = depth == Widths.LINK_DEPTH ? "" : ", .DEPTH(" + depth + ")";
      w.line(LinkFifo.name(network) + " #(.WIDTH(" + width + ")" + depthParameter + ") " + linkInstances.get(e.name()) + " (.clk(clk), .rst(rst), .in_valid("
          + source + "_valid), .in_ready(" + source + "_ready), .in_data(" + linkData + "), .out_valid(" + outValid
          + "), .out_ready(" + outReady + "), .out_data(" + outData + "));");
    }
    int sw = Widths.laneWidth(scores);
    w.comment("the link's head holds {class, scores}; each score sign-extended to " + Widths.SCORE_WIDTH + " bits");
    w.line("assign out_class = result[" + (argmaxWidth - 1) + ":" + (classes * sw) + "];");
    List<String> extended = new ArrayList<>();
    for (int c = classes - 1; c >= 0; c--) {
      String score = "result[" + (sw * c + sw - 1) + ":" + (sw * c) + "]";
      int pad = Widths.SCORE_WIDTH - sw;
      extended.add(pad == 0 ? score : "{{" + pad + "{result[" + (sw * c + sw - 1) + "]}}, " + score + "}");
    }
    w.line("assign out_scores = {" + String.join(", ", extended) + "};");
    w.endModule();
  }
}
