package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.MapShape;
import dev.brainblitz.verilog.VerilogWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The max-pools between a convolution engine and its link: on packed binary channels the maximum of
 * a window of ±1 values is the OR of its bits, so output pixel (y, x) is the OR of the
 * {@code size x size} input pixels at (y * size + dy, x * size + dx), all C channels at once. The
 * engine hands over a whole map per beat, so a pool is combinational (no register, no cycle) and its
 * link carries the smaller map.
 */
final class MaxPoolUnit {
  private MaxPoolUnit() {}

  /**
   * Declares the pooled maps of engine {@code e}'s output {@code source}, as wires {@code <source>_p<j>};
   * returns the name of the last one ({@code source} itself when the engine has no pool).
   */
  static String emit(VerilogWriter w, Engine e, String source) {
    MapShape map = e.conv() == null ? null : e.conv().out();
    String current = source;
    for (int j = 0; j < e.pools().size(); j++) {
      int size = e.pools().get(j);
      MapShape out = new MapShape(map.height() / size, map.width() / size, map.channels());
      String pooled = source + "_p" + j;
      int c = map.channels();
      w.comment("maxpool " + size + "x" + size + ": " + map.text() + " -> " + out.text() + " (OR over each window)");
      w.line("wire " + VerilogWriter.range(out.size()) + pooled + ";");
      for (int y = 0; y < out.height(); y++) {
        for (int x = 0; x < out.width(); x++) {
          List<String> inputs = new ArrayList<>();
          for (int dy = 0; dy < size; dy++) {
            for (int dx = 0; dx < size; dx++) {
              int low = map.index(y * size + dy, x * size + dx, 0);
              inputs.add(current + "[" + (low + c - 1) + ":" + low + "]");
            }
          }
          int low = out.index(y, x, 0);
          w.line("assign " + pooled + "[" + (low + c - 1) + ":" + low + "] = " + String.join(" | ", inputs) + ";");
        }
      }
      map = out;
      current = pooled;
    }
    return current;
  }
}
