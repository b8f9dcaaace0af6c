package dev.brainblitz.hdlgen;

import java.math.BigInteger;
import java.util.List;

/**
 * A small emitter of Verilog-2005 text: modules with port lists, declarations, blocks with
 * indentation, and sized literals. Lowering code says what it declares; this class owns layout.
 * Contract: every {@link #open} is closed by one {@link #close}; {@link #text} checks it.
 */
final class VerilogWriter {
  private final StringBuilder out = new StringBuilder();
  private int depth;

  /** A port of a module: direction ({@code input}/{@code output}), width in bits, name. */
  record Port(String direction, int width, String name, boolean isReg) {
    static Port in(int width, String name) {
      return new Port("input", width, name, false);
    }

    static Port out(int width, String name) {
      return new Port("output", width, name, false);
    }

    static Port outReg(int width, String name) {
      return new Port("output", width, name, true);
    }
  }

  VerilogWriter comment(String text) {
    for (String l : text.split("\n", -1)) {
      line(l.isEmpty() ? "//" : "// " + l);
    }
    return this;
  }

  VerilogWriter line(String text) {
    out.append("  ".repeat(depth)).append(text).append('\n');
    return this;
  }

  /** Indents one level without a header line (for {@code end else begin} bodies). */
  VerilogWriter depthIn() {
    depth++;
    return this;
  }

  VerilogWriter depthOut() {
    depth--;
    return this;
  }

  VerilogWriter blank() {
    out.append('\n');
    return this;
  }

  /** Opens a block whose header is {@code header} (e.g. {@code always @(posedge clk) begin}). */
  VerilogWriter open(String header) {
    line(header);
    depth++;
    return this;
  }

  VerilogWriter close(String footer) {
    if (depth == 0) {
      throw new IllegalStateException("close without open: " + footer);
    }
    depth--;
    line(footer);
    return this;
  }

  VerilogWriter module(String name, List<Port> ports) {
    line("module " + name + " (");
    depth++;
    for (int i = 0; i < ports.size(); i++) {
      Port p = ports.get(i);
      line(p.direction() + (p.isReg() ? " reg " : " wire ") + range(p.width()) + p.name()
          + (i + 1 < ports.size() ? "," : ""));
    }
    depth--;
    line(");");
    depth++;
    return this;
  }

  VerilogWriter endModule() {
    close("endmodule");
    return this;
  }

  VerilogWriter wire(int width, String name, String value) {
    return line("wire " + range(width) + name + " = " + value + ";");
  }

  VerilogWriter reg(int width, String name) {
    return line("reg " + range(width) + name + ";");
  }

  /** {@code [w-1:0] } for widths above one, nothing for single bits. */
  static String range(int width) {
    return width == 1 ? "" : "[" + (width - 1) + ":0] ";
  }

  /** {@code [w-1:0] } always, also for one bit (for vectors indexed by a loop). */
  static String bus(int width) {
    return "[" + (width - 1) + ":0] ";
  }

  /** A sized hexadecimal literal of {@code value} modulo 2^width (two's complement for negatives). */
  static String hex(int width, BigInteger value) {
    BigInteger masked = value.and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE));
    return width + "'h" + masked.toString(16);
  }

  static String hex(int width, long value) {
    return hex(width, BigInteger.valueOf(value));
  }

  static String zeros(int width) {
    return "{" + width + "{1'b0}}";
  }

  String text() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " blocks left open");
    }
    return out.toString();
  }
}
