package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.MapShape;
import dev.brainblitz.verilog.VerilogWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The max-pools of a convolution engine that hands on pixels ({@link ConvWindow#LINE}), in the top
 * module between the engine and its link: each pool walks its input map's pixels (x, y) as they
 * pass, ORs pixel (y, x) into the partial result of output column x / size (a row of partial ORs,
 * a rotating register whose low C bits belong to the current output column), and offers an output
 * pixel with the window's last pixel, combinationally: the pool adds no register on the data path
 * and no cycle. A pixel that ends no window is taken at once; a window's last pixel waits for the
 * link. Rows and columns beyond the last whole window are dropped, as in the IL.
 */
final class StreamPoolUnit {
  private StreamPoolUnit() {}

  /**
   * Declares the pools of engine {@code e} on the stream {@code <source>_valid/_ready/_data}; returns
   * the name of the stream that leaves the last one ({@code source} when there is none). The
   * stream's {@code _ready} is assigned here for every pool's input.
   */
  static String emit(VerilogWriter w, Engine e, String source) {
    MapShape map = e.conv().out();
    String current = source;
    for (int j = 0; j < e.pools().size(); j++) {
      int size = e.pools().get(j);
      MapShape out = new MapShape(map.height() / size, map.width() / size, map.channels());
      String p = source + "_p" + j;
      emitPool(w, map, out, size, current, p);
      map = out;
      current = p;
    }
    return current;
  }

  private static void emitPool(VerilogWriter w, MapShape in, MapShape out, int size, String src, String p) {
    int c = in.channels();
    int rowBits = out.width() * c;
    w.comment("maxpool " + size + "x" + size + " on the stream: " + in.text() + " -> " + out.text()
        + " (OR over each window, a row of " + out.width() + " partial ORs)");
    w.line("wire " + p + "_valid;").line("wire " + p + "_ready;").line("wire " + VerilogWriter.range(c) + p + "_data;");
    int xw = Widths.indexWidth(in.width());
    int yw = Widths.indexWidth(in.height());
    int dw = Widths.indexWidth(size);
    if (in.width() > 1) {
      w.reg(xw, p + "_x");
    }
    if (in.height() > 1) {
      w.reg(yw, p + "_y");
    }
    if (size > 1) {
      w.reg(dw, p + "_dx");
      w.reg(dw, p + "_dy");
    }
    w.reg(rowBits, p + "_row");
    w.wire(1, p + "_x_last", in.width() > 1 ? p + "_x == " + VerilogWriter.hex(xw, in.width() - 1) : "1'b1");
    if (in.height() > 1) {
      w.wire(1, p + "_y_last", p + "_y == " + VerilogWriter.hex(yw, in.height() - 1));
    }
    List<String> keep = new ArrayList<>();
    if (out.width() * size < in.width()) {
      keep.add(p + "_x < " + VerilogWriter.hex(xw, out.width() * size));
    }
    if (out.height() * size < in.height()) {
      keep.add(p + "_y < " + VerilogWriter.hex(yw, out.height() * size));
    }
    w.wire(1, p + "_keep", keep.isEmpty() ? "1'b1" : String.join(" && ", keep));
    String dxLast = size > 1 ? p + "_dx == " + VerilogWriter.hex(dw, size - 1) : "1'b1";
    String dyLast = size > 1 ? p + "_dy == " + VerilogWriter.hex(dw, size - 1) : "1'b1";
    w.wire(1, p + "_emit", p + "_keep && " + dxLast + " && " + dyLast);
    w.wire(1, p + "_first", size > 1 ? p + "_dx == " + VerilogWriter.hex(dw, 0) + " && " + p + "_dy == "
        + VerilogWriter.hex(dw, 0) : "1'b1");
    String head = p + "_row[" + (c - 1) + ":0]";
    w.wire(c, p + "_merged", "(" + p + "_first ? " + VerilogWriter.zeros(c) + " : " + head + ") | " + src + "_data");
    w.line("assign " + p + "_valid = " + src + "_valid && " + p + "_emit;");
    w.line("assign " + src + "_ready = !" + p + "_emit || " + p + "_ready;");
    w.line("assign " + p + "_data = " + p + "_merged;");
    w.open("always @(posedge clk) begin");
    w.open("if (rst) begin");
    if (in.width() > 1) {
      w.line(p + "_x <= " + VerilogWriter.hex(xw, 0) + ";");
    }
    if (in.height() > 1) {
      w.line(p + "_y <= " + VerilogWriter.hex(yw, 0) + ";");
    }
    if (size > 1) {
      w.line(p + "_dx <= " + VerilogWriter.hex(dw, 0) + ";");
      w.line(p + "_dy <= " + VerilogWriter.hex(dw, 0) + ";");
    }
    w.close("end else if (" + src + "_valid && " + src + "_ready) begin");
    w.depthIn();
    if (in.width() > 1) {
      w.line(p + "_x <= " + p + "_x_last ? " + VerilogWriter.hex(xw, 0) + " : " + p + "_x + " + VerilogWriter.hex(xw, 1) + ";");
    }
    if (size > 1) {
      w.line(p + "_dx <= (" + p + "_x_last || " + dxLast + ") ? " + VerilogWriter.hex(dw, 0) + " : " + p + "_dx + "
          + VerilogWriter.hex(dw, 1) + ";");
    }
    if (in.height() > 1) {
      w.open("if (" + p + "_x_last) begin");
      w.line(p + "_y <= " + p + "_y_last ? " + VerilogWriter.hex(yw, 0) + " : " + p + "_y + " + VerilogWriter.hex(yw, 1) + ";");
      if (size > 1) {
        w.line(p + "_dy <= (" + p + "_y_last || " + dyLast + ") ? " + VerilogWriter.hex(dw, 0) + " : " + p + "_dy + "
            + VerilogWriter.hex(dw, 1) + ";");
      }
      w.close("end");
    }
    String rest = out.width() > 1 ? p + "_row[" + (rowBits - 1) + ":" + c + "]" : null;
    w.open("if (" + p + "_keep) begin");
    String rotate = rest == null ? p + "_merged" : "{" + p + "_merged, " + rest + "}";
    String replace = rest == null ? p + "_merged" : "{" + rest + ", " + p + "_merged}";
    w.line(p + "_row <= " + (size > 1 ? dxLast + " ? " + rotate + " : " + replace : rotate) + ";");
    w.close("end");
    w.depthOut();
    w.line("end");
    w.close("end");
  }
}
