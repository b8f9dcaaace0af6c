package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Network;
import dev.brainblitz.verilog.VerilogWriter;
import dev.brainblitz.verilog.VerilogWriter.Port;
import java.util.ArrayList;
import java.util.List;

/**
 * The argmax stage, module {@code <model>_argmax}, between the scores engine and its link FIFO: a
 * tree of compare-and-select nodes over the class scores with a register after every level
 * ({@link PerformanceModel#argmaxStages}, ceil(log2 classes) stages), so a clock period holds one
 * comparison of two scores. Node j of level l takes the right child (the higher class indices) only
 * when its score is strictly greater, so the lowest index wins ties, as in the golden model. The
 * scores travel alongside; the stage hands {@code {class, scores}} to the link. It accepts a beat in
 * every cycle in which its last stage is empty or is being taken, so it keeps the pipeline's II and
 * adds exactly its stages to the latency. With one class there is no stage and the class is 0.
 *
 * <p>The scores need one register per stage only when beats follow each other closer than the
 * stages: when the scores engine takes at least as many cycles per vector as the argmax has stages
 * ({@link #holdsOneBeat}), at most one beat is in the stages after any edge (the stages hold only
 * while a beat waits in the last one, and the next beat comes at least that many cycles after the
 * one before), so a single register {@code scores1}, loaded when a beat enters, carries the scores
 * to the output: the same edges, (stages - 1) x classes x score bits fewer flip-flops (fashion-mlp:
 * 300 of them).
 */
final class Argmax {
  private Argmax() {}

  static String name(Network network) {
    return HdlNames.argmax(network);
  }

  /** Bits of {@code out_data}: the class above the scores. */
  static int outputWidth(Network network, Engine scores) {
    return Widths.classWidth(network) + scores.outputs() * Widths.laneWidth(scores);
  }

  /**
   * Whether the argmax behind {@code scores} folded as {@code f} carries the scores in one register
   * instead of one per stage: with two or more stages, when the engine takes at least as many
   * cycles per vector as the argmax has stages, so that no two beats are ever in the stages at once.
   */
  static boolean holdsOneBeat(Engine scores, Fold f) {
    int stages = PerformanceModel.argmaxStages(scores.outputs());
    return stages > 1 && PerformanceModel.cycles(scores, f) >= stages;
  }

  static void emit(VerilogWriter w, Network network, Engine scores, Fold fold) {
    int classes = scores.outputs();
    int sw = Widths.laneWidth(scores);
    int cw = Widths.classWidth(network);
    int width = classes * sw;
    int stages = PerformanceModel.argmaxStages(classes);
    boolean oneBeat = holdsOneBeat(scores, fold);
    w.comment("Argmax: the first class with the largest of " + classes + " " + sw + "-bit scores, " + stages
        + " pipeline stages (one compare per stage); out_data is {class, scores}."
        + (oneBeat ? " One beat at a time is in the stages (the scores engine takes " + PerformanceModel.cycles(scores, fold)
            + " cycles per vector), so one register holds its scores." : ""));
    if (stages == 0) {
      w.line("/* verilator lint_off UNUSEDSIGNAL */");
      w.comment("(no stage: clk and rst are unused)");
    }
    w.module(name(network), List.of(Port.in(1, "clk"), Port.in(1, "rst"), Port.in(1, "in_valid"),
        Port.out(1, "in_ready"), Port.in(width, "in_data"), Port.out(1, "out_valid"), Port.in(1, "out_ready"),
        Port.out(cw + width, "out_data")));
    if (stages == 0) {
      w.line("/* verilator lint_on UNUSEDSIGNAL */");
      w.line("assign in_ready = out_ready;");
      w.line("assign out_valid = in_valid;");
      w.line("assign out_data = {" + VerilogWriter.hex(cw, 0) + ", in_data};");
      w.endModule();
      return;
    }
    List<String> scoresOf = new ArrayList<>();
    List<String> indexOf = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      scoresOf.add("in_data[" + (sw * c + sw - 1) + ":" + (sw * c) + "]");
      indexOf.add(VerilogWriter.hex(cw, c));
    }
    List<String> updates = new ArrayList<>();
    for (int l = 1; l <= stages; l++) {
      w.reg(1, "v" + l);
      updates.add("v" + l + " <= " + (l == 1 ? "in_valid" : "v" + (l - 1)) + ";");
      if (oneBeat && l == 1) {
        w.reg(width, "scores1");
        updates.add("if (in_valid) scores1 <= in_data;");
      } else if (!oneBeat) {
        w.reg(width, "scores" + l);
        updates.add("scores" + l + " <= " + (l == 1 ? "in_data" : "scores" + (l - 1)) + ";");
      }
      List<String> nextScores = new ArrayList<>();
      List<String> nextIndex = new ArrayList<>();
      for (int j = 0; 2 * j < scoresOf.size(); j++) {
        String s = "s" + l + "_" + j;
        String i = "i" + l + "_" + j;
        boolean keepScore = l < stages;
        if (keepScore) {
          w.reg(sw, s);
        }
        w.reg(cw, i);
        if (2 * j + 1 < scoresOf.size()) {
          String take = "take" + l + "_" + j;
          w.wire(1, take, "$signed(" + scoresOf.get(2 * j + 1) + ") > $signed(" + scoresOf.get(2 * j) + ")");
          if (keepScore) {
            updates.add(s + " <= " + take + " ? " + scoresOf.get(2 * j + 1) + " : " + scoresOf.get(2 * j) + ";");
          }
          updates.add(i + " <= " + take + " ? " + indexOf.get(2 * j + 1) + " : " + indexOf.get(2 * j) + ";");
        } else {
          if (keepScore) {
            updates.add(s + " <= " + scoresOf.get(2 * j) + ";");
          }
          updates.add(i + " <= " + indexOf.get(2 * j) + ";");
        }
        nextScores.add(s);
        nextIndex.add(i);
      }
      scoresOf = nextScores;
      indexOf = nextIndex;
    }
    w.comment("the whole stage holds while its last beat waits for the link");
    w.wire(1, "advance", "!(v" + stages + " && !out_ready)");
    w.line("assign in_ready = advance;");
    w.line("assign out_valid = v" + stages + ";");
    w.line("assign out_data = {" + indexOf.get(0) + ", scores" + (oneBeat ? 1 : stages) + "};");
    w.open("always @(posedge clk) begin");
    w.open("if (rst) begin");
    for (int l = 1; l <= stages; l++) {
      w.line("v" + l + " <= 1'b0;");
    }
    w.close("end else if (advance) begin");
    w.depthIn();
    for (String u : updates) {
      w.line(u);
    }
    w.depthOut();
    w.line("end");
    w.close("end");
    w.endModule();
  }
}
