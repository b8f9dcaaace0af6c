package dev.brainblitz.verilog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerilogWriterTest {
  @Test
  void writesModulesWithPortsBlocksAndIndentation() {
    var w = new VerilogWriter();
    w.comment("a counter\n");
    w.module("counter", List.of("WIDTH = 4"), List.of(VerilogWriter.Port.in(1, "clk"),
        VerilogWriter.Port.in("WIDTH", "step"), VerilogWriter.Port.outReg(8, "count")));
    w.wire(1, "tick", "1'b1");
    w.open("always @(posedge clk) begin").line("count <= count + 8'h1;").close("end");
    w.endModule();
    assertEquals("""
        // a counter
        //
        module counter #(parameter WIDTH = 4) (
          input wire clk,
          input wire [WIDTH-1:0] step,
          output reg [7:0] count
        );
          wire tick = 1'b1;
          always @(posedge clk) begin
            count <= count + 8'h1;
          end
        endmodule
        """, w.text());
  }

  @Test
  void literalsAreSizedAndTwosComplement() {
    assertEquals("8'hff", VerilogWriter.hex(8, -1));
    assertEquals("12'h7", VerilogWriter.hex(12, BigInteger.valueOf(7)));
    assertEquals("{3{1'b0}}", VerilogWriter.zeros(3));
    assertEquals("", VerilogWriter.range(1));
    assertEquals("[0:0] ", VerilogWriter.bus(1));
  }

  @Test
  void unbalancedBlocksAreRefused() {
    assertThrows(IllegalStateException.class, () -> new VerilogWriter().close("end"));
    assertThrows(IllegalStateException.class, () -> new VerilogWriter().depthOut());
    var open = new VerilogWriter().open("initial begin");
    assertThrows(IllegalStateException.class, open::text);
  }
}
