// Byte-stream shell and UART of brain-blitz's FPGA flow (module fpga, docs/fpga.md). Hand-written,
// shared by every design; the prefix of the module names is chosen so that no generated engine
// module can share a name with them.
/* verilator lint_off DECLFILENAME */

// PREFIX_stream_shell: feeds an engine top (one whole input vector per beat, one result per beat)
// from a byte stream and answers on a byte stream.
//  - Input: IN_BYTES bytes per vector, byte k holding bits [8k+7:8k] of the engine's in_data
//    (bipolar element i is bit i mod 8 of byte i / 8; u8 element i is byte i). The shell takes the
//    next vector's bytes while the engine computes.
//  - Output: OUT_BYTES bytes per result, byte k holding bits [8k+7:8k] of 'answer' (the wrapper
//    puts the class in the low bytes and the scores above it, so the class comes first and each
//    score follows as 4 bytes, least significant first).
//  - 'flush' drops a partly received vector (the board top raises it after a pause on the line).
//  - 'busy' is high from the first byte of a vector until its last answer byte has left.
// rx and tx move a byte when valid and ready are both high at a rising edge; rx_ready, tx_valid
// and tx_data come from registers.
module PREFIX_stream_shell #(
  parameter IN_BYTES = 1,
  parameter IN_WIDTH = 8,
  parameter OUT_BYTES = 1,
  parameter OUT_WIDTH = 8
) (
  input wire clk,
  input wire rst,
  input wire flush,
  input wire [7:0] rx_data,
  input wire rx_valid,
  output wire rx_ready,
  output wire [7:0] tx_data,
  output wire tx_valid,
  input wire tx_ready,
  output wire [IN_WIDTH-1:0] engine_in_data,
  output wire engine_in_valid,
  input wire engine_in_ready,
  input wire [OUT_WIDTH-1:0] answer,
  input wire engine_out_valid,
  output wire engine_out_ready,
  output wire busy
);
  localparam IN_COUNT_WIDTH = IN_BYTES > 1 ? $clog2(IN_BYTES) : 1;
  /* verilator lint_off WIDTH */
  localparam [IN_COUNT_WIDTH-1:0] LAST_IN_BYTE = IN_BYTES - 1;
  /* verilator lint_on WIDTH */

  // Input: bytes shift in from the top, so after IN_BYTES bytes byte 0 sits at the bottom.
  reg [8*IN_BYTES-1:0] vector;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [8*IN_BYTES+7:0] shifted = {rx_data, vector};
  /* verilator lint_on UNUSEDSIGNAL */
  reg [IN_COUNT_WIDTH-1:0] received;
  reg partial;
  reg full;
  assign rx_ready = !full;
  assign engine_in_valid = full;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [8*IN_BYTES-1:0] padded = vector;
  /* verilator lint_on UNUSEDSIGNAL */
  assign engine_in_data = padded[IN_WIDTH-1:0];
  always @(posedge clk) begin
    if (rst) begin
      received <= {IN_COUNT_WIDTH{1'b0}};
      partial <= 1'b0;
      full <= 1'b0;
    end else if (full) begin
      if (engine_in_ready) begin
        full <= 1'b0;
      end
    end else if (rx_valid) begin
      vector <= shifted[8*IN_BYTES+7:8];
      if (received == LAST_IN_BYTE) begin
        received <= {IN_COUNT_WIDTH{1'b0}};
        partial <= 1'b0;
        full <= 1'b1;
      end else begin
        received <= received + 1'b1;
        partial <= 1'b1;
      end
    end else if (flush) begin
      received <= {IN_COUNT_WIDTH{1'b0}};
      partial <= 1'b0;
    end
  end

  // Output: a result is taken whole, then sent byte by byte from the bottom.
  wire sending;
  wire answered;
  PREFIX_answer_sender #(.OUT_BYTES(OUT_BYTES), .OUT_WIDTH(OUT_WIDTH)) sender (
    .clk(clk), .rst(rst), .drop(1'b0), .answer(answer), .engine_out_valid(engine_out_valid),
    .engine_out_ready(engine_out_ready), .answered(answered), .sending(sending), .tx_data(tx_data),
    .tx_valid(tx_valid), .tx_ready(tx_ready));

  // Vectors in the engine: taken from the shell, result not yet taken back.
  reg [7:0] in_engine;
  wire taken = full && engine_in_ready;
  always @(posedge clk) begin
    if (rst) begin
      in_engine <= 8'h0;
    end else if (taken && !answered) begin
      in_engine <= in_engine + 8'h1;
    end else if (answered && !taken) begin
      in_engine <= in_engine - 8'h1;
    end
  end
  assign busy = partial || full || sending || in_engine != 8'h0;
endmodule

// PREFIX_forward_shell: feeds an engine top with a stream input port (docs/hdl.md, --input-port
// stream: in_data is one byte of the vector per beat) from a byte stream and answers on a byte
// stream, keeping no copy of the vector: each request byte goes straight on to the engine, whose
// first engine shifts it into its input buffer.
//  - Input and output formats as for PREFIX_stream_shell (IN_BYTES bytes per vector, byte k holding
//    bits [8k+7:8k] of the vector; OUT_BYTES answer bytes).
//  - rx_ready is the engine's in_ready (high while the first engine fills its buffer).
//  - 'flush' drops a partly received vector: once the engine holds no earlier vector, the shell
//    completes the vector with zero bytes and drops its answer.
//  - 'busy' is high from the first byte of a vector until its last answer byte has left.
module PREFIX_forward_shell #(
  parameter IN_BYTES = 1,
  parameter OUT_BYTES = 1,
  parameter OUT_WIDTH = 8
) (
  input wire clk,
  input wire rst,
  input wire flush,
  input wire [7:0] rx_data,
  input wire rx_valid,
  output wire rx_ready,
  output wire [7:0] tx_data,
  output wire tx_valid,
  input wire tx_ready,
  output wire [7:0] engine_in_data,
  output wire engine_in_valid,
  input wire engine_in_ready,
  input wire [OUT_WIDTH-1:0] answer,
  input wire engine_out_valid,
  output wire engine_out_ready,
  output wire busy
);
  localparam IN_COUNT_WIDTH = IN_BYTES > 1 ? $clog2(IN_BYTES) : 1;
  /* verilator lint_off WIDTH */
  localparam [IN_COUNT_WIDTH-1:0] LAST_IN_BYTE = IN_BYTES - 1;
  /* verilator lint_on WIDTH */

  // Input: bytes pass through; the count only tracks the position in the vector.
  reg [IN_COUNT_WIDTH-1:0] received;
  reg partial;
  reg flushing;  // a flush of a partial vector, waiting for the engine to hold no earlier vector
  reg padding;   // completing a flushed vector with zero bytes
  reg drop;      // the next answer is that of a padded vector
  reg [7:0] in_engine;
  assign engine_in_data = padding ? 8'h00 : rx_data;
  assign engine_in_valid = padding || rx_valid;
  assign rx_ready = engine_in_ready && !padding;
  wire moved = engine_in_valid && engine_in_ready;
  wire taken = moved && received == LAST_IN_BYTE;
  always @(posedge clk) begin
    if (rst) begin
      received <= {IN_COUNT_WIDTH{1'b0}};
      partial <= 1'b0;
      flushing <= 1'b0;
      padding <= 1'b0;
    end else begin
      if (taken) begin
        received <= {IN_COUNT_WIDTH{1'b0}};
        partial <= 1'b0;
        flushing <= 1'b0;
        padding <= 1'b0;
      end else begin
        if (moved) begin
          received <= received + 1'b1;
          partial <= 1'b1;
        end
        if (flush && partial && !padding) begin
          flushing <= 1'b1;
        end
        if (flushing && in_engine == 8'h0 && !drop) begin
          flushing <= 1'b0;
          padding <= 1'b1;
        end
      end
    end
  end

  // Output: a result is taken whole, then sent byte by byte from the bottom (a padded vector's is dropped).
  wire sending;
  wire answered;
  PREFIX_answer_sender #(.OUT_BYTES(OUT_BYTES), .OUT_WIDTH(OUT_WIDTH)) sender (
    .clk(clk), .rst(rst), .drop(drop), .answer(answer), .engine_out_valid(engine_out_valid),
    .engine_out_ready(engine_out_ready), .answered(answered), .sending(sending), .tx_data(tx_data),
    .tx_valid(tx_valid), .tx_ready(tx_ready));
  always @(posedge clk) begin
    if (rst) begin
      drop <= 1'b0;
    end else if (answered && drop) begin
      drop <= 1'b0;
    end else if (taken && padding) begin
      drop <= 1'b1;
    end
  end

  // Vectors in the engine: their last byte taken, their answer not yet taken back.
  always @(posedge clk) begin
    if (rst) begin
      in_engine <= 8'h0;
    end else if (taken && !answered) begin
      in_engine <= in_engine + 8'h1;
    end else if (answered && !taken) begin
      in_engine <= in_engine - 8'h1;
    end
  end
  assign busy = partial || flushing || padding || drop || sending || in_engine != 8'h0;
endmodule

// PREFIX_answer_sender: the answer side of both shells. Takes an engine result whole when it is not
// sending (and acknowledges it), then sends its OUT_BYTES bytes from the bottom; a result taken while
// 'drop' is high is acknowledged but not sent. 'answered' is high in the cycle a result is taken.
module PREFIX_answer_sender #(
  parameter OUT_BYTES = 1,
  parameter OUT_WIDTH = 8
) (
  input wire clk,
  input wire rst,
  input wire drop,
  input wire [OUT_WIDTH-1:0] answer,
  input wire engine_out_valid,
  output wire engine_out_ready,
  output wire answered,
  output wire sending,
  output wire [7:0] tx_data,
  output wire tx_valid,
  input wire tx_ready
);
  localparam OUT_COUNT_WIDTH = $clog2(OUT_BYTES + 1);
  /* verilator lint_off WIDTH */
  localparam [OUT_COUNT_WIDTH-1:0] ANSWER_BYTES = OUT_BYTES;
  /* verilator lint_on WIDTH */
  reg [OUT_WIDTH-1:0] outgoing;
  reg [OUT_COUNT_WIDTH-1:0] left;
  assign sending = left != {OUT_COUNT_WIDTH{1'b0}};
  assign engine_out_ready = !sending;
  assign answered = !sending && engine_out_valid;
  assign tx_valid = sending;
  assign tx_data = outgoing[7:0];
  always @(posedge clk) begin
    if (rst) begin
      left <= {OUT_COUNT_WIDTH{1'b0}};
    end else if (!sending) begin
      if (engine_out_valid && !drop) begin
        outgoing <= answer;
        left <= ANSWER_BYTES;
      end
    end else if (tx_ready) begin
      outgoing <= outgoing >> 8;
      left <= left - 1'b1;
    end
  end
endmodule

// PREFIX_uart_rx: 8N1 receiver. 'line' is synchronised, a start bit is checked at its middle and
// every bit sampled at its middle; 'valid' pulses for one cycle with each byte whose stop bit is
// high ('framing_error' pulses instead when it is low).
module PREFIX_uart_rx #(
  parameter CLKS_PER_BIT = 104
) (
  input wire clk,
  input wire rst,
  input wire line,
  output reg [7:0] data,
  output reg valid,
  output reg framing_error
);
  localparam TIMER_WIDTH = $clog2(CLKS_PER_BIT + 1);
  /* verilator lint_off WIDTH */
  localparam [TIMER_WIDTH-1:0] BIT_TIME = CLKS_PER_BIT - 1;
  localparam [TIMER_WIDTH-1:0] HALF_BIT = CLKS_PER_BIT / 2;
  /* verilator lint_on WIDTH */
  reg [2:0] sync;
  wire level = sync[2];
  reg active;
  reg [3:0] bit_index;
  reg [TIMER_WIDTH-1:0] timer;
  reg [7:0] shift;
  always @(posedge clk) begin
    sync <= {sync[1:0], line};
    valid <= 1'b0;
    framing_error <= 1'b0;
    if (rst) begin
      sync <= 3'b111;
      active <= 1'b0;
    end else if (!active) begin
      if (!level) begin
        // a falling edge: the middle of the start bit is half a bit away
        active <= 1'b1;
        bit_index <= 4'h0;
        timer <= HALF_BIT;
      end
    end else if (timer != {TIMER_WIDTH{1'b0}}) begin
      timer <= timer - 1'b1;
    end else begin
      timer <= BIT_TIME;
      if (bit_index == 4'h0) begin
        if (level) begin
          active <= 1'b0;  // a glitch, not a start bit
        end
      end else if (bit_index == 4'h9) begin
        active <= 1'b0;
        if (level) begin
          data <= shift;
          valid <= 1'b1;
        end else begin
          framing_error <= 1'b1;
        end
      end else begin
        shift <= {level, shift[7:1]};
      end
      bit_index <= bit_index + 4'h1;
    end
  end
endmodule

// PREFIX_uart_tx: 8N1 transmitter; takes a byte when valid and ready are both high.
module PREFIX_uart_tx #(
  parameter CLKS_PER_BIT = 104
) (
  input wire clk,
  input wire rst,
  input wire [7:0] data,
  input wire valid,
  output wire ready,
  output wire line
);
  localparam TIMER_WIDTH = $clog2(CLKS_PER_BIT + 1);
  /* verilator lint_off WIDTH */
  localparam [TIMER_WIDTH-1:0] BIT_TIME = CLKS_PER_BIT - 1;
  /* verilator lint_on WIDTH */
  reg [9:0] frame;
  reg [3:0] bits_left;
  reg [TIMER_WIDTH-1:0] timer;
  assign ready = bits_left == 4'h0;
  assign line = frame[0];
  always @(posedge clk) begin
    if (rst) begin
      frame <= 10'h3ff;
      bits_left <= 4'h0;
    end else if (bits_left == 4'h0) begin
      if (valid) begin
        frame <= {1'b1, data, 1'b0};
        bits_left <= 4'd10;
        timer <= BIT_TIME;
      end
    end else if (timer != {TIMER_WIDTH{1'b0}}) begin
      timer <= timer - 1'b1;
    end else begin
      frame <= {1'b1, frame[9:1]};
      bits_left <= bits_left - 4'h1;
      timer <= BIT_TIME;
    end
  end
endmodule
