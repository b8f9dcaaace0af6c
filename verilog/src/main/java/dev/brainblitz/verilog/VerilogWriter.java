package dev.brainblitz.verilog;

import java.math.BigInteger;
import java.util.List;

/**
 * A small emitter of Verilog-2005 text: modules with port lists, declarations, blocks with
 * indentation (two spaces per level), comments and sized literals. Generators say what they declare;
 * this class owns the layout. Contract: every {@link #open} is closed by one {@link #close} (a
 * {@link #module} by {@link #endModule}), every {@link #depthIn} undone by one {@link #depthOut};
 * {@link #text} checks that nothing is left open.
 */
public final class VerilogWriter {
  private final StringBuilder out = new StringBuilder();
  private int depth;

  /**
   * A port of a module: direction ({@code input}/{@code output}), its range ({@code [w-1:0] }, or
   * empty for one bit), name.
   */
  public record Port(String direction, String range, String name, boolean isReg) {
    public static Port in(int width, String name) {
      return new Port("input", VerilogWriter.range(width), name, false);
    }

    public static Port out(int width, String name) {
      return new Port("output", VerilogWriter.range(width), name, false);
    }

    public static Port outReg(int width, String name) {
      return new Port("output", VerilogWriter.range(width), name, true);
    }

    /** An input {@code [parameter-1:0]} wide. */
    public static Port in(String widthParameter, String name) {
      return new Port("input", "[" + widthParameter + "-1:0] ", name, false);
    }

    /** An output {@code [parameter-1:0]} wide. */
    public static Port out(String widthParameter, String name) {
      return new Port("output", "[" + widthParameter + "-1:0] ", name, false);
    }
  }

  public VerilogWriter comment(String text) {
    for (String l : text.split("\n", -1)) {
      line(l.isEmpty() ? "//" : "// " + l);
    }
    return this;
  }

  public VerilogWriter line(String text) {
    out.append("  ".repeat(depth)).append(text).append('\n');
    return this;
  }

  /** Indents one level without a header line (for {@code end else begin} bodies). */
  public VerilogWriter depthIn() {
    depth++;
    return this;
  }

  public VerilogWriter depthOut() {
    if (depth == 0) {
      throw new IllegalStateException("depthOut without depthIn");
    }
    depth--;
    return this;
  }

  public VerilogWriter blank() {
    out.append('\n');
    return this;
  }

  /** Opens a block whose header is {@code header} (e.g. {@code always @(posedge clk) begin}). */
  public VerilogWriter open(String header) {
    line(header);
    depth++;
    return this;
  }

  public VerilogWriter close(String footer) {
    if (depth == 0) {
      throw new IllegalStateException("close without open: " + footer);
    }
    depth--;
    line(footer);
    return this;
  }

  public VerilogWriter module(String name, List<Port> ports) {
    return module(name, List.of(), ports);
  }

  /** A module header with {@code parameters} (e.g. {@code WIDTH = 1}) and ports. */
  public VerilogWriter module(String name, List<String> parameters, List<Port> ports) {
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

  public VerilogWriter endModule() {
    close("endmodule");
    return this;
  }

  public VerilogWriter wire(int width, String name, String value) {
    return line("wire " + range(width) + name + " = " + value + ";");
  }

  public VerilogWriter reg(int width, String name) {
    return line("reg " + range(width) + name + ";");
  }

  /** {@code [w-1:0] } for widths above one, nothing for single bits. */
  public static String range(int width) {
    return width == 1 ? "" : "[" + (width - 1) + ":0] ";
  }

  /** {@code [w-1:0] } always, also for one bit (for vectors indexed by a loop). */
  public static String bus(int width) {
    return "[" + (width - 1) + ":0] ";
  }

  /** A sized hexadecimal literal of {@code value} modulo 2^width (two's complement for negatives). */
  public static String hex(int width, BigInteger value) {
    BigInteger masked = value.and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE));
    return width + "'h" + masked.toString(16);
  }

  public static String hex(int width, long value) {
    return hex(width, BigInteger.valueOf(value));
  }

  public static String zeros(int width) {
    return "{" + width + "{1'b0}}";
  }

  /** The text written so far; throws when a block or module is still open. */
  public String text() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " blocks left open");
    }
    return out.toString();
  }
}
