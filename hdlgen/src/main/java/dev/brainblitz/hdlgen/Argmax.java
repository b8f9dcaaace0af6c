package dev.brainblitz.hdlgen;

import dev.brainblitz.verilog.VerilogWriter;

/**
 * {@code out_class} from {@code out_scores}: a chain of compare-and-select stages, class c replacing
 * the best so far only when its score is strictly greater, so the lowest index wins ties. Purely
 * combinational after the output FIFO's head register (one piece, so that a pipelined argmax can
 * replace it).
 */
final class Argmax {
  private Argmax() {}

  static void emit(VerilogWriter w, int classes, int classWidth) {
    int sw = Widths.SCORE_WIDTH;
    w.comment("argmax: the first class with the largest score");
    w.wire(classWidth, "best_0", VerilogWriter.hex(classWidth, 0));
    if (classes > 1) {
      w.wire(sw, "best_score_0", "out_scores[" + (sw - 1) + ":0]");
    }
    for (int c = 1; c < classes; c++) {
      String score = "out_scores[" + (sw * c + sw - 1) + ":" + (sw * c) + "]";
      w.wire(1, "beats_" + c, "$signed(" + score + ") > $signed(best_score_" + (c - 1) + ")");
      w.wire(classWidth, "best_" + c, "beats_" + c + " ? " + VerilogWriter.hex(classWidth, c) + " : best_" + (c - 1));
      if (c + 1 < classes) {
        w.wire(sw, "best_score_" + c, "beats_" + c + " ? " + score + " : best_score_" + (c - 1));
      }
    }
    w.line("assign out_class = best_" + (classes - 1) + ";");
  }
}
