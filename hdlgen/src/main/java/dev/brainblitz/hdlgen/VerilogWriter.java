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

  /**
   * A port of a module: direction ({@code input}/{@code output}), its range ({@code [w-1:0] }, or
   * empty for one bit), name.
   */
  record Port(String direction, String range, String name, boolean isReg) {
    static Port in(int width, String name) {
      return new Port("input", VerilogWriter.range(width), name, false);
    }

    static Port out(int width, String name) {
      return new Port("output", VerilogWriter.range(width), name, false);
    }

    static Port outReg(int width, String name) {
      return new Port("output", VerilogWriter.range(width), name, true);
    }

    /** An input {@code [parameter-1:0]} wide. */
    static Port in(String widthParameter, String name) {
      return new Port("input", "[" + widthParameter + "-1:0] ", name, false);
    }

    /** An output {@code [parameter-1:0]} wide. */
    static Port out(String widthParameter, String name) {
      return new Port("output", "[" + widthParameter + "-1:0] ", name, false);
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
    return module(name, List.of(), ports);
  }

  /** A module header with {@code parameters} (e.g. {@code WIDTH = 1}) and ports. */
  VerilogWriter module(String name, List<String> parameters, List<Port> ports) {
    line("module " + name + (parameters.isEmpty() ? "" : " #(parameter " + String.join(", parameter ", parameters) + ")")
        + " (");
    depth++;
    for (int i = 0; i < ports.size(); i++) {
      Port p = ports.get(i);
      line(p.direction() + (p.isReg() ? " reg " : " wire ") + p.range() + p.name()
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
