// Behavioural simulation models of the Xilinx 7-series block RAMs RAMB18E1 and RAMB36E1 for
// brain-blitz's netlist:xilinx target. Yosys 0.23 ships these two cells as timing-only blackboxes
// (ports and parameters, no behaviour), so GateLevel replaces them with these. Written from the
// primitives' documented behaviour (Xilinx UG473, 7 Series FPGAs Memory Resources) for what Yosys's
// block-RAM mapping emits: true dual port with widths 1 to 18 (36 on the RAMB36E1) per port, simple
// dual port 36 (72) bits wide over both ports' buses, byte write enables, INIT_xx/INITP_xx contents,
// WRITE_MODE, INIT_A/B and SRVAL_A/B in Yosys's {parity, data} layout, the optional output register,
// RSTRAM and RSTREG, both ports on one clock. A read of a word the other port writes at the same edge
// is defined only when that port is READ_FIRST (old data); otherwise the model returns random bits and
// says so, so that a netlist relying on it mismatches. Cascades, ECC, INIT_FILE and settings Yosys does
// not emit stop the simulation.

// The behaviour both primitives share: a memory of DATA_BITS data and PARITY_BITS parity bits,
// two ports. Port A (B) reads READ_WIDTH_A (B) bits and writes WRITE_WIDTH_A (B) bits; a width of
// WIDE (36 on the RAMB18E1, 72 on the RAMB36E1, simple dual port) spans both ports' buses. A word of
// width w holds data_bits(w) data bits (INIT_xx order) and parity_bits(w) parity bits (INITP_xx order).
module blitz_xilinx_bram #(
    parameter integer AW = 14,
    parameter integer ADDR_BITS = 14,
    parameter integer BUS = 16,
    parameter integer PBUS = 2,
    parameter integer WIDE = 36,
    parameter integer DATA_BITS = 16384,
    parameter integer PARITY_BITS = 2048,
    parameter [DATA_BITS-1:0] DATA_INIT = 0,
    parameter [PARITY_BITS-1:0] PARITY_INIT = 0,
    parameter integer DOA_REG = 0,
    parameter integer DOB_REG = 0,
    parameter [71:0] INIT_A = 0,
    parameter [71:0] INIT_B = 0,
    parameter [71:0] SRVAL_A = 0,
    parameter [71:0] SRVAL_B = 0,
    parameter integer READ_WIDTH_A = 0,
    parameter integer READ_WIDTH_B = 0,
    parameter integer WRITE_WIDTH_A = 0,
    parameter integer WRITE_WIDTH_B = 0,
    parameter WRITE_MODE_A = "WRITE_FIRST",
    parameter WRITE_MODE_B = "WRITE_FIRST"
) (
    input clk_a, input clk_b, input en_a, input en_b, input regce_a, input regce_b,
    input rstram_a, input rstram_b, input rstreg_a, input rstreg_b,
    input [AW-1:0] addr_a, input [AW-1:0] addr_b,
    input [2*BUS-1:0] di_a, input [2*BUS-1:0] di_b, input [2*PBUS-1:0] dip_a, input [2*PBUS-1:0] dip_b,
    input [2*PBUS-1:0] we_a, input [2*PBUS-1:0] we_b,
    output [2*BUS+2*PBUS-1:0] out_a, output [2*BUS+2*PBUS-1:0] out_b
);
    function integer data_bits(input integer width);
        data_bits = width == 9 ? 8 : width == 18 ? 16 : width == 36 ? 32 : width == 72 ? 64 : width;
    endfunction
    function integer parity_bits(input integer width);
        parity_bits = width == 9 ? 1 : width == 18 ? 2 : width == 36 ? 4 : width == 72 ? 8 : 0;
    endfunction
    function integer log2(input integer value);
        integer i;
        begin
            log2 = 0;
            for (i = 1; i < value; i = i * 2) log2 = log2 + 1;
        end
    endfunction
    // a port's initial or reset value: {parity, data} of its width (Yosys's ival layout), both halves of
    // a WIDE port from the A and B values
    function [2*BUS+2*PBUS-1:0] value(input integer width, input [71:0] a, input [71:0] b);
        integer d, p;
        begin
            value = 0;
            d = data_bits(width);
            p = parity_bits(width);
            if (width == WIDE) begin
                value[BUS-1:0] = a[BUS-1:0];
                value[2*BUS-1:BUS] = b[BUS-1:0];
                value[2*BUS+PBUS-1:2*BUS] = a[BUS+PBUS-1:BUS];
                value[2*BUS+2*PBUS-1:2*BUS+PBUS] = b[BUS+PBUS-1:BUS];
            end else begin
                value[2*BUS-1:0] = a[2*BUS-1:0] & ((72'd1 << d) - 1);
                value[2*BUS+2*PBUS-1:2*BUS] = (a >> d) & ((72'd1 << p) - 1);
            end
        end
    endfunction

    localparam integer RDA = data_bits(READ_WIDTH_A), RPA = parity_bits(READ_WIDTH_A);
    localparam integer RDB = data_bits(READ_WIDTH_B), RPB = parity_bits(READ_WIDTH_B);
    localparam integer WDA = data_bits(WRITE_WIDTH_A), WPA = parity_bits(WRITE_WIDTH_A);
    localparam integer WDB = data_bits(WRITE_WIDTH_B), WPB = parity_bits(WRITE_WIDTH_B);
    localparam [AW-1:0] MASK = (1 << ADDR_BITS) - 1;
    // word address = (address & MASK) >> the log2 of the port's data bits
    localparam integer SHIFT_RA = log2(RDA > 0 ? RDA : 1), SHIFT_RB = log2(RDB > 0 ? RDB : 1);
    localparam integer SHIFT_WA = log2(WDA > 0 ? WDA : 1), SHIFT_WB = log2(WDB > 0 ? WDB : 1);
    // whether a read on one port can meet a write of the other port that the primitive leaves undefined
    localparam COLLIDES_A = WDB > 0 && WRITE_MODE_B != "READ_FIRST", COLLIDES_B = WDA > 0 && WRITE_MODE_A != "READ_FIRST";

    /* verilator lint_off MULTIDRIVEN */
    reg [DATA_BITS-1:0] data = DATA_INIT;
    reg [PARITY_BITS-1:0] parity = PARITY_INIT;
    /* verilator lint_on MULTIDRIVEN */
    reg [2*BUS+2*PBUS-1:0] latch_a = value(READ_WIDTH_A, INIT_A, INIT_B), reg_a = value(READ_WIDTH_A, INIT_A, INIT_B);
    reg [2*BUS+2*PBUS-1:0] latch_b = value(READ_WIDTH_B, INIT_B, 0), reg_b = value(READ_WIDTH_B, INIT_B, 0);

    // Whether a port writing WD data and WP parity bits per word at word w with enables we writes
    // data bit (parity bit when is_parity) b at this edge.
    function writes(input integer wd, input integer wp, input integer w, input [2*PBUS-1:0] we, input integer b,
            input is_parity);
        integer k;
        begin
            k = b - w * (is_parity ? wp : wd);
            writes = (is_parity ? wp : wd) > 0 && k >= 0 && k < (is_parity ? wp : wd)
                && we[is_parity ? k : wd < 8 ? 0 : k / 8];
        end
    endfunction

    // Port A: its writes land after the edge, so a read at the edge sees the old contents except
    // where this port writes in WRITE_FIRST (new data) or NO_CHANGE (the output holds) mode. A bit the
    // other port writes at the same edge reads as its old value if that port is READ_FIRST, the
    // only case the primitive defines (and Yosys relies on); otherwise the whole word reads as random
    // bits, so that a netlist depending on either the old or the new word mismatches, and the read is
    // reported. Both ports are taken to share one clock (the other port's inputs are sampled at this
    // port's edge), as in every design brain-blitz generates.
    integer wa, ra, ia, ba, oa;
    reg [2*BUS+2*PBUS-1:0] word_a;
    reg clasha;
    always @(posedge clk_a) begin
        if (en_a) begin
            wa = (addr_a & MASK) >> SHIFT_WA;
            for (ia = 0; ia < WDA; ia = ia + 1)
                if (we_a[WDA < 8 ? 0 : ia / 8]) data[wa * WDA + ia] <= di_a[ia];
            for (ia = 0; ia < WPA; ia = ia + 1)
                if (we_a[ia]) parity[wa * WPA + ia] <= dip_a[ia];
            if (RDA > 0) begin
                ra = (addr_a & MASK) >> SHIFT_RA;
                oa = (addr_b & MASK) >> SHIFT_WB;
                word_a = 0;
                clasha = 0;
                for (ia = 0; ia < RDA + RPA; ia = ia + 1) begin
                    ba = ia < RDA ? ra * RDA + ia : ra * RPA + ia - RDA;
                    word_a[ia < RDA ? ia : 2*BUS + ia - RDA] = ia < RDA ? data[ba] : parity[ba];
                    if (WRITE_MODE_A == "WRITE_FIRST" && writes(WDA, WPA, wa, we_a, ba, ia >= RDA))
                        word_a[ia < RDA ? ia : 2*BUS + ia - RDA] =
                            ia < RDA ? di_a[ba - wa * WDA] : dip_a[ba - wa * WPA];
                    if (COLLIDES_A && en_b && writes(WDB, WPB, oa, we_b, ba, ia >= RDA))
                        clasha = 1;
                end
                if (clasha) begin
                    word_a = word_a ^ {$urandom, $urandom, $urandom};
                    $display("%m: port A read a word port B wrote at the same edge in %s mode, which the RAMB leaves undefined", WRITE_MODE_B);
                end
                if (rstram_a) latch_a <= value(READ_WIDTH_A, SRVAL_A, SRVAL_B);
                else if (!(WRITE_MODE_A == "NO_CHANGE" && WDA > 0 && |we_a)) latch_a <= word_a;
            end
        end
        if (rstreg_a) reg_a <= value(READ_WIDTH_A, SRVAL_A, SRVAL_B);
        else if (regce_a) reg_a <= latch_a;
    end
    assign out_a = DOA_REG != 0 ? reg_a : latch_a;

    // Port B: its writes land after the edge, so a read at the edge sees the old contents except
    // where this port writes in WRITE_FIRST (new data) or NO_CHANGE (the output holds) mode. A bit the
    // other port writes at the same edge reads as its old value if that port is READ_FIRST, the
    // only case the primitive defines (and Yosys relies on); otherwise the whole word reads as random
    // bits, so that a netlist depending on either the old or the new word mismatches, and the read is
    // reported. Both ports are taken to share one clock (the other port's inputs are sampled at this
    // port's edge), as in every design brain-blitz generates.
    integer wb, rb, ib, bb, ob;
    reg [2*BUS+2*PBUS-1:0] word_b;
    reg clashb;
    always @(posedge clk_b) begin
        if (en_b) begin
            wb = (addr_b & MASK) >> SHIFT_WB;
            for (ib = 0; ib < WDB; ib = ib + 1)
                if (we_b[WDB < 8 ? 0 : ib / 8]) data[wb * WDB + ib] <= di_b[ib];
            for (ib = 0; ib < WPB; ib = ib + 1)
                if (we_b[ib]) parity[wb * WPB + ib] <= dip_b[ib];
            if (RDB > 0) begin
                rb = (addr_b & MASK) >> SHIFT_RB;
                ob = (addr_a & MASK) >> SHIFT_WA;
                word_b = 0;
                clashb = 0;
                for (ib = 0; ib < RDB + RPB; ib = ib + 1) begin
                    bb = ib < RDB ? rb * RDB + ib : rb * RPB + ib - RDB;
                    word_b[ib < RDB ? ib : 2*BUS + ib - RDB] = ib < RDB ? data[bb] : parity[bb];
                    if (WRITE_MODE_B == "WRITE_FIRST" && writes(WDB, WPB, wb, we_b, bb, ib >= RDB))
                        word_b[ib < RDB ? ib : 2*BUS + ib - RDB] =
                            ib < RDB ? di_b[bb - wb * WDB] : dip_b[bb - wb * WPB];
                    if (COLLIDES_B && en_a && writes(WDA, WPA, ob, we_a, bb, ib >= RDB))
                        clashb = 1;
                end
                if (clashb) begin
                    word_b = word_b ^ {$urandom, $urandom, $urandom};
                    $display("%m: port B read a word port A wrote at the same edge in %s mode, which the RAMB leaves undefined", WRITE_MODE_A);
                end
                if (rstram_b) latch_b <= value(READ_WIDTH_B, SRVAL_B, SRVAL_A);
                else if (!(WRITE_MODE_B == "NO_CHANGE" && WDB > 0 && |we_b)) latch_b <= word_b;
            end
        end
        if (rstreg_b) reg_b <= value(READ_WIDTH_B, SRVAL_B, SRVAL_A);
        else if (regce_b) reg_b <= latch_b;
    end
    assign out_b = DOB_REG != 0 ? reg_b : latch_b;
endmodule

module RAMB18E1 (
    output [15:0] DOADO,
    output [15:0] DOBDO,
    output [1:0] DOPADOP,
    output [1:0] DOPBDOP,
    input CLKARDCLK,
    input CLKBWRCLK,
    input ENARDEN,
    input ENBWREN,
    input REGCEAREGCE,
    input REGCEB,
    input RSTRAMARSTRAM,
    input RSTRAMB,
    input RSTREGARSTREG,
    input RSTREGB,
    input [13:0] ADDRARDADDR,
    input [13:0] ADDRBWRADDR,
    input [15:0] DIADI,
    input [15:0] DIBDI,
    input [1:0] DIPADIP,
    input [1:0] DIPBDIP,
    input [1:0] WEA,
    input [3:0] WEBWE
);
    parameter integer DOA_REG = 0;
    parameter integer DOB_REG = 0;
    parameter INITP_00 = 256'h0;
    parameter INITP_01 = 256'h0;
    parameter INITP_02 = 256'h0;
    parameter INITP_03 = 256'h0;
    parameter INITP_04 = 256'h0;
    parameter INITP_05 = 256'h0;
    parameter INITP_06 = 256'h0;
    parameter INITP_07 = 256'h0;
    parameter INIT_00 = 256'h0;
    parameter INIT_01 = 256'h0;
    parameter INIT_02 = 256'h0;
    parameter INIT_03 = 256'h0;
    parameter INIT_04 = 256'h0;
    parameter INIT_05 = 256'h0;
    parameter INIT_06 = 256'h0;
    parameter INIT_07 = 256'h0;
    parameter INIT_08 = 256'h0;
    parameter INIT_09 = 256'h0;
    parameter INIT_0A = 256'h0;
    parameter INIT_0B = 256'h0;
    parameter INIT_0C = 256'h0;
    parameter INIT_0D = 256'h0;
    parameter INIT_0E = 256'h0;
    parameter INIT_0F = 256'h0;
    parameter INIT_10 = 256'h0;
    parameter INIT_11 = 256'h0;
    parameter INIT_12 = 256'h0;
    parameter INIT_13 = 256'h0;
    parameter INIT_14 = 256'h0;
    parameter INIT_15 = 256'h0;
    parameter INIT_16 = 256'h0;
    parameter INIT_17 = 256'h0;
    parameter INIT_18 = 256'h0;
    parameter INIT_19 = 256'h0;
    parameter INIT_1A = 256'h0;
    parameter INIT_1B = 256'h0;
    parameter INIT_1C = 256'h0;
    parameter INIT_1D = 256'h0;
    parameter INIT_1E = 256'h0;
    parameter INIT_1F = 256'h0;
    parameter INIT_20 = 256'h0;
    parameter INIT_21 = 256'h0;
    parameter INIT_22 = 256'h0;
    parameter INIT_23 = 256'h0;
    parameter INIT_24 = 256'h0;
    parameter INIT_25 = 256'h0;
    parameter INIT_26 = 256'h0;
    parameter INIT_27 = 256'h0;
    parameter INIT_28 = 256'h0;
    parameter INIT_29 = 256'h0;
    parameter INIT_2A = 256'h0;
    parameter INIT_2B = 256'h0;
    parameter INIT_2C = 256'h0;
    parameter INIT_2D = 256'h0;
    parameter INIT_2E = 256'h0;
    parameter INIT_2F = 256'h0;
    parameter INIT_30 = 256'h0;
    parameter INIT_31 = 256'h0;
    parameter INIT_32 = 256'h0;
    parameter INIT_33 = 256'h0;
    parameter INIT_34 = 256'h0;
    parameter INIT_35 = 256'h0;
    parameter INIT_36 = 256'h0;
    parameter INIT_37 = 256'h0;
    parameter INIT_38 = 256'h0;
    parameter INIT_39 = 256'h0;
    parameter INIT_3A = 256'h0;
    parameter INIT_3B = 256'h0;
    parameter INIT_3C = 256'h0;
    parameter INIT_3D = 256'h0;
    parameter INIT_3E = 256'h0;
    parameter INIT_3F = 256'h0;
    parameter INIT_A = 18'h0;
    parameter INIT_B = 18'h0;
    parameter INIT_FILE = "NONE";
    parameter RAM_MODE = "TDP";
    parameter RDADDR_COLLISION_HWCONFIG = "DELAYED_WRITE";
    parameter integer READ_WIDTH_A = 0;
    parameter integer READ_WIDTH_B = 0;
    parameter RSTREG_PRIORITY_A = "RSTREG";
    parameter RSTREG_PRIORITY_B = "RSTREG";
    parameter SIM_COLLISION_CHECK = "ALL";
    parameter SIM_DEVICE = "VIRTEX6";
    parameter SRVAL_A = 18'h0;
    parameter SRVAL_B = 18'h0;
    parameter WRITE_MODE_A = "WRITE_FIRST";
    parameter WRITE_MODE_B = "WRITE_FIRST";
    parameter integer WRITE_WIDTH_A = 0;
    parameter integer WRITE_WIDTH_B = 0;
    parameter IS_CLKARDCLK_INVERTED = 1'b0;
    parameter IS_CLKBWRCLK_INVERTED = 1'b0;
    parameter IS_ENARDEN_INVERTED = 1'b0;
    parameter IS_ENBWREN_INVERTED = 1'b0;
    parameter IS_RSTRAMARSTRAM_INVERTED = 1'b0;
    parameter IS_RSTRAMB_INVERTED = 1'b0;
    parameter IS_RSTREGARSTREG_INVERTED = 1'b0;
    parameter IS_RSTREGB_INVERTED = 1'b0;

    initial if (INIT_FILE != "NONE" || !(RAM_MODE == "TDP" || RAM_MODE == "SDP") || !(READ_WIDTH_A == 0 || READ_WIDTH_A == 1 || READ_WIDTH_A == 2 || READ_WIDTH_A == 4 || READ_WIDTH_A == 9 || READ_WIDTH_A == 18 || READ_WIDTH_A == 36) || !(READ_WIDTH_B == 0 || READ_WIDTH_B == 1 || READ_WIDTH_B == 2 || READ_WIDTH_B == 4 || READ_WIDTH_B == 9 || READ_WIDTH_B == 18) || !(WRITE_WIDTH_A == 0 || WRITE_WIDTH_A == 1 || WRITE_WIDTH_A == 2 || WRITE_WIDTH_A == 4 || WRITE_WIDTH_A == 9 || WRITE_WIDTH_A == 18) || !(WRITE_WIDTH_B == 0 || WRITE_WIDTH_B == 1 || WRITE_WIDTH_B == 2 || WRITE_WIDTH_B == 4 || WRITE_WIDTH_B == 9 || WRITE_WIDTH_B == 18 || WRITE_WIDTH_B == 36) || !(WRITE_MODE_A == "WRITE_FIRST" || WRITE_MODE_A == "READ_FIRST" || WRITE_MODE_A == "NO_CHANGE") || !(WRITE_MODE_B == "WRITE_FIRST" || WRITE_MODE_B == "READ_FIRST" || WRITE_MODE_B == "NO_CHANGE") || RSTREG_PRIORITY_A != "RSTREG" || RSTREG_PRIORITY_B != "RSTREG")
        $fatal(1, "%m: brain-blitz's RAMB18E1 model has no INIT_FILE, REGCE priority or other widths and modes than Yosys emits");
    localparam integer WIDE = 36;
    // a WIDE (simple dual port) write spans both ports' buses, and so does a WIDE read
    wire [31:0] di_a = {{16{1'b0}}, DIADI};
    wire [3:0] dip_a = {{2{1'b0}}, DIPADIP};
    wire [31:0] di_b = WRITE_WIDTH_B == WIDE ? {DIBDI, DIADI} : {{16{1'b0}}, DIBDI};
    wire [3:0] dip_b = WRITE_WIDTH_B == WIDE ? {DIPBDIP, DIPADIP} : {{2{1'b0}}, DIPBDIP};
    wire [35:0] out_a, out_b;
    blitz_xilinx_bram #(
        .AW(14),
        .ADDR_BITS(14),
        .BUS(16),
        .PBUS(2),
        .WIDE(36),
        .DATA_BITS(16384),
        .PARITY_BITS(2048),
        .DATA_INIT({INIT_3F, INIT_3E, INIT_3D, INIT_3C, INIT_3B, INIT_3A, INIT_39, INIT_38, INIT_37, INIT_36, INIT_35, INIT_34, INIT_33, INIT_32, INIT_31, INIT_30, INIT_2F, INIT_2E, INIT_2D, INIT_2C, INIT_2B, INIT_2A, INIT_29, INIT_28, INIT_27, INIT_26, INIT_25, INIT_24, INIT_23, INIT_22, INIT_21, INIT_20, INIT_1F, INIT_1E, INIT_1D, INIT_1C, INIT_1B, INIT_1A, INIT_19, INIT_18, INIT_17, INIT_16, INIT_15, INIT_14, INIT_13, INIT_12, INIT_11, INIT_10, INIT_0F, INIT_0E, INIT_0D, INIT_0C, INIT_0B, INIT_0A, INIT_09, INIT_08, INIT_07, INIT_06, INIT_05, INIT_04, INIT_03, INIT_02, INIT_01, INIT_00}),
        .PARITY_INIT({INITP_07, INITP_06, INITP_05, INITP_04, INITP_03, INITP_02, INITP_01, INITP_00}),
        .DOA_REG(DOA_REG),
        .DOB_REG(DOB_REG),
        .INIT_A(INIT_A),
        .INIT_B(INIT_B),
        .SRVAL_A(SRVAL_A),
        .SRVAL_B(SRVAL_B),
        .READ_WIDTH_A(READ_WIDTH_A),
        .READ_WIDTH_B(READ_WIDTH_B),
        .WRITE_WIDTH_A(WRITE_WIDTH_A),
        .WRITE_WIDTH_B(WRITE_WIDTH_B),
        .WRITE_MODE_A(WRITE_MODE_A),
        .WRITE_MODE_B(WRITE_MODE_B)
    ) memory (
        .clk_a(CLKARDCLK ^ IS_CLKARDCLK_INVERTED),
        .clk_b(CLKBWRCLK ^ IS_CLKBWRCLK_INVERTED),
        .en_a(ENARDEN ^ IS_ENARDEN_INVERTED),
        .en_b(ENBWREN ^ IS_ENBWREN_INVERTED),
        .regce_a(REGCEAREGCE),
        .regce_b(REGCEB),
        .rstram_a(RSTRAMARSTRAM ^ IS_RSTRAMARSTRAM_INVERTED),
        .rstram_b(RSTRAMB ^ IS_RSTRAMB_INVERTED),
        .rstreg_a(RSTREGARSTREG ^ IS_RSTREGARSTREG_INVERTED),
        .rstreg_b(RSTREGB ^ IS_RSTREGB_INVERTED),
        .addr_a(ADDRARDADDR),
        .addr_b(ADDRBWRADDR),
        .di_a(di_a),
        .di_b(di_b),
        .dip_a(dip_a),
        .dip_b(dip_b),
        .we_a({{2{1'b0}}, WEA}),
        .we_b(WEBWE),
        .out_a(out_a),
        .out_b(out_b)
    );
    assign DOADO = out_a[15:0];
    assign DOPADOP = out_a[33:32];
    assign DOBDO = READ_WIDTH_A == WIDE ? out_a[31:16] : out_b[15:0];
    assign DOPBDOP = READ_WIDTH_A == WIDE ? out_a[35:34] : out_b[33:32];
endmodule

module RAMB36E1 (
    output CASCADEOUTA,
    output CASCADEOUTB,
    output [31:0] DOADO,
    output [31:0] DOBDO,
    output [3:0] DOPADOP,
    output [3:0] DOPBDOP,
    output [7:0] ECCPARITY,
    output [8:0] RDADDRECC,
    output SBITERR,
    output DBITERR,
    input CASCADEINA,
    input CASCADEINB,
    input INJECTDBITERR,
    input INJECTSBITERR,
    input CLKARDCLK,
    input CLKBWRCLK,
    input ENARDEN,
    input ENBWREN,
    input REGCEAREGCE,
    input REGCEB,
    input RSTRAMARSTRAM,
    input RSTRAMB,
    input RSTREGARSTREG,
    input RSTREGB,
    input [15:0] ADDRARDADDR,
    input [15:0] ADDRBWRADDR,
    input [31:0] DIADI,
    input [31:0] DIBDI,
    input [3:0] DIPADIP,
    input [3:0] DIPBDIP,
    input [3:0] WEA,
    input [7:0] WEBWE
);
    parameter integer DOA_REG = 0;
    parameter integer DOB_REG = 0;
    parameter EN_ECC_READ = "FALSE";
    parameter EN_ECC_WRITE = "FALSE";
    parameter RAM_EXTENSION_A = "NONE";
    parameter RAM_EXTENSION_B = "NONE";
    parameter INITP_00 = 256'h0;
    parameter INITP_01 = 256'h0;
    parameter INITP_02 = 256'h0;
    parameter INITP_03 = 256'h0;
    parameter INITP_04 = 256'h0;
    parameter INITP_05 = 256'h0;
    parameter INITP_06 = 256'h0;
    parameter INITP_07 = 256'h0;
    parameter INITP_08 = 256'h0;
    parameter INITP_09 = 256'h0;
    parameter INITP_0A = 256'h0;
    parameter INITP_0B = 256'h0;
    parameter INITP_0C = 256'h0;
    parameter INITP_0D = 256'h0;
    parameter INITP_0E = 256'h0;
    parameter INITP_0F = 256'h0;
    parameter INIT_00 = 256'h0;
    parameter INIT_01 = 256'h0;
    parameter INIT_02 = 256'h0;
    parameter INIT_03 = 256'h0;
    parameter INIT_04 = 256'h0;
    parameter INIT_05 = 256'h0;
    parameter INIT_06 = 256'h0;
    parameter INIT_07 = 256'h0;
    parameter INIT_08 = 256'h0;
    parameter INIT_09 = 256'h0;
    parameter INIT_0A = 256'h0;
    parameter INIT_0B = 256'h0;
    parameter INIT_0C = 256'h0;
    parameter INIT_0D = 256'h0;
    parameter INIT_0E = 256'h0;
    parameter INIT_0F = 256'h0;
    parameter INIT_10 = 256'h0;
    parameter INIT_11 = 256'h0;
    parameter INIT_12 = 256'h0;
    parameter INIT_13 = 256'h0;
    parameter INIT_14 = 256'h0;
    parameter INIT_15 = 256'h0;
    parameter INIT_16 = 256'h0;
    parameter INIT_17 = 256'h0;
    parameter INIT_18 = 256'h0;
    parameter INIT_19 = 256'h0;
    parameter INIT_1A = 256'h0;
    parameter INIT_1B = 256'h0;
    parameter INIT_1C = 256'h0;
    parameter INIT_1D = 256'h0;
    parameter INIT_1E = 256'h0;
    parameter INIT_1F = 256'h0;
    parameter INIT_20 = 256'h0;
    parameter INIT_21 = 256'h0;
    parameter INIT_22 = 256'h0;
    parameter INIT_23 = 256'h0;
    parameter INIT_24 = 256'h0;
    parameter INIT_25 = 256'h0;
    parameter INIT_26 = 256'h0;
    parameter INIT_27 = 256'h0;
    parameter INIT_28 = 256'h0;
    parameter INIT_29 = 256'h0;
    parameter INIT_2A = 256'h0;
    parameter INIT_2B = 256'h0;
    parameter INIT_2C = 256'h0;
    parameter INIT_2D = 256'h0;
    parameter INIT_2E = 256'h0;
    parameter INIT_2F = 256'h0;
    parameter INIT_30 = 256'h0;
    parameter INIT_31 = 256'h0;
    parameter INIT_32 = 256'h0;
    parameter INIT_33 = 256'h0;
    parameter INIT_34 = 256'h0;
    parameter INIT_35 = 256'h0;
    parameter INIT_36 = 256'h0;
    parameter INIT_37 = 256'h0;
    parameter INIT_38 = 256'h0;
    parameter INIT_39 = 256'h0;
    parameter INIT_3A = 256'h0;
    parameter INIT_3B = 256'h0;
    parameter INIT_3C = 256'h0;
    parameter INIT_3D = 256'h0;
    parameter INIT_3E = 256'h0;
    parameter INIT_3F = 256'h0;
    parameter INIT_40 = 256'h0;
    parameter INIT_41 = 256'h0;
    parameter INIT_42 = 256'h0;
    parameter INIT_43 = 256'h0;
    parameter INIT_44 = 256'h0;
    parameter INIT_45 = 256'h0;
    parameter INIT_46 = 256'h0;
    parameter INIT_47 = 256'h0;
    parameter INIT_48 = 256'h0;
    parameter INIT_49 = 256'h0;
    parameter INIT_4A = 256'h0;
    parameter INIT_4B = 256'h0;
    parameter INIT_4C = 256'h0;
    parameter INIT_4D = 256'h0;
    parameter INIT_4E = 256'h0;
    parameter INIT_4F = 256'h0;
    parameter INIT_50 = 256'h0;
    parameter INIT_51 = 256'h0;
    parameter INIT_52 = 256'h0;
    parameter INIT_53 = 256'h0;
    parameter INIT_54 = 256'h0;
    parameter INIT_55 = 256'h0;
    parameter INIT_56 = 256'h0;
    parameter INIT_57 = 256'h0;
    parameter INIT_58 = 256'h0;
    parameter INIT_59 = 256'h0;
    parameter INIT_5A = 256'h0;
    parameter INIT_5B = 256'h0;
    parameter INIT_5C = 256'h0;
    parameter INIT_5D = 256'h0;
    parameter INIT_5E = 256'h0;
    parameter INIT_5F = 256'h0;
    parameter INIT_60 = 256'h0;
    parameter INIT_61 = 256'h0;
    parameter INIT_62 = 256'h0;
    parameter INIT_63 = 256'h0;
    parameter INIT_64 = 256'h0;
    parameter INIT_65 = 256'h0;
    parameter INIT_66 = 256'h0;
    parameter INIT_67 = 256'h0;
    parameter INIT_68 = 256'h0;
    parameter INIT_69 = 256'h0;
    parameter INIT_6A = 256'h0;
    parameter INIT_6B = 256'h0;
    parameter INIT_6C = 256'h0;
    parameter INIT_6D = 256'h0;
    parameter INIT_6E = 256'h0;
    parameter INIT_6F = 256'h0;
    parameter INIT_70 = 256'h0;
    parameter INIT_71 = 256'h0;
    parameter INIT_72 = 256'h0;
    parameter INIT_73 = 256'h0;
    parameter INIT_74 = 256'h0;
    parameter INIT_75 = 256'h0;
    parameter INIT_76 = 256'h0;
    parameter INIT_77 = 256'h0;
    parameter INIT_78 = 256'h0;
    parameter INIT_79 = 256'h0;
    parameter INIT_7A = 256'h0;
    parameter INIT_7B = 256'h0;
    parameter INIT_7C = 256'h0;
    parameter INIT_7D = 256'h0;
    parameter INIT_7E = 256'h0;
    parameter INIT_7F = 256'h0;
    parameter INIT_A = 36'h0;
    parameter INIT_B = 36'h0;
    parameter INIT_FILE = "NONE";
    parameter RAM_MODE = "TDP";
    parameter RDADDR_COLLISION_HWCONFIG = "DELAYED_WRITE";
    parameter integer READ_WIDTH_A = 0;
    parameter integer READ_WIDTH_B = 0;
    parameter RSTREG_PRIORITY_A = "RSTREG";
    parameter RSTREG_PRIORITY_B = "RSTREG";
    parameter SIM_COLLISION_CHECK = "ALL";
    parameter SIM_DEVICE = "VIRTEX6";
    parameter SRVAL_A = 36'h0;
    parameter SRVAL_B = 36'h0;
    parameter WRITE_MODE_A = "WRITE_FIRST";
    parameter WRITE_MODE_B = "WRITE_FIRST";
    parameter integer WRITE_WIDTH_A = 0;
    parameter integer WRITE_WIDTH_B = 0;
    parameter IS_CLKARDCLK_INVERTED = 1'b0;
    parameter IS_CLKBWRCLK_INVERTED = 1'b0;
    parameter IS_ENARDEN_INVERTED = 1'b0;
    parameter IS_ENBWREN_INVERTED = 1'b0;
    parameter IS_RSTRAMARSTRAM_INVERTED = 1'b0;
    parameter IS_RSTRAMB_INVERTED = 1'b0;
    parameter IS_RSTREGARSTREG_INVERTED = 1'b0;
    parameter IS_RSTREGB_INVERTED = 1'b0;

    initial if (INIT_FILE != "NONE" || !(RAM_MODE == "TDP" || RAM_MODE == "SDP") || !(READ_WIDTH_A == 0 || READ_WIDTH_A == 1 || READ_WIDTH_A == 2 || READ_WIDTH_A == 4 || READ_WIDTH_A == 9 || READ_WIDTH_A == 18 || READ_WIDTH_A == 36 || READ_WIDTH_A == 72) || !(READ_WIDTH_B == 0 || READ_WIDTH_B == 1 || READ_WIDTH_B == 2 || READ_WIDTH_B == 4 || READ_WIDTH_B == 9 || READ_WIDTH_B == 18 || READ_WIDTH_B == 36) || !(WRITE_WIDTH_A == 0 || WRITE_WIDTH_A == 1 || WRITE_WIDTH_A == 2 || WRITE_WIDTH_A == 4 || WRITE_WIDTH_A == 9 || WRITE_WIDTH_A == 18 || WRITE_WIDTH_A == 36) || !(WRITE_WIDTH_B == 0 || WRITE_WIDTH_B == 1 || WRITE_WIDTH_B == 2 || WRITE_WIDTH_B == 4 || WRITE_WIDTH_B == 9 || WRITE_WIDTH_B == 18 || WRITE_WIDTH_B == 36 || WRITE_WIDTH_B == 72) || !(WRITE_MODE_A == "WRITE_FIRST" || WRITE_MODE_A == "READ_FIRST" || WRITE_MODE_A == "NO_CHANGE") || !(WRITE_MODE_B == "WRITE_FIRST" || WRITE_MODE_B == "READ_FIRST" || WRITE_MODE_B == "NO_CHANGE") || RSTREG_PRIORITY_A != "RSTREG" || RSTREG_PRIORITY_B != "RSTREG" || RAM_EXTENSION_A != "NONE" || RAM_EXTENSION_B != "NONE" || EN_ECC_READ == "TRUE" || EN_ECC_WRITE == "TRUE")
        $fatal(1, "%m: brain-blitz's RAMB36E1 model has no cascade, ECC, INIT_FILE, REGCE priority or other widths and modes than Yosys emits");
    localparam integer WIDE = 72;
    // a WIDE (simple dual port) write spans both ports' buses, and so does a WIDE read
    wire [63:0] di_a = {{32{1'b0}}, DIADI};
    wire [7:0] dip_a = {{4{1'b0}}, DIPADIP};
    wire [63:0] di_b = WRITE_WIDTH_B == WIDE ? {DIBDI, DIADI} : {{32{1'b0}}, DIBDI};
    wire [7:0] dip_b = WRITE_WIDTH_B == WIDE ? {DIPBDIP, DIPADIP} : {{4{1'b0}}, DIPBDIP};
    wire [71:0] out_a, out_b;
    blitz_xilinx_bram #(
        .AW(16),
        .ADDR_BITS(15),
        .BUS(32),
        .PBUS(4),
        .WIDE(72),
        .DATA_BITS(32768),
        .PARITY_BITS(4096),
        .DATA_INIT({INIT_7F, INIT_7E, INIT_7D, INIT_7C, INIT_7B, INIT_7A, INIT_79, INIT_78, INIT_77, INIT_76, INIT_75, INIT_74, INIT_73, INIT_72, INIT_71, INIT_70, INIT_6F, INIT_6E, INIT_6D, INIT_6C, INIT_6B, INIT_6A, INIT_69, INIT_68, INIT_67, INIT_66, INIT_65, INIT_64, INIT_63, INIT_62, INIT_61, INIT_60, INIT_5F, INIT_5E, INIT_5D, INIT_5C, INIT_5B, INIT_5A, INIT_59, INIT_58, INIT_57, INIT_56, INIT_55, INIT_54, INIT_53, INIT_52, INIT_51, INIT_50, INIT_4F, INIT_4E, INIT_4D, INIT_4C, INIT_4B, INIT_4A, INIT_49, INIT_48, INIT_47, INIT_46, INIT_45, INIT_44, INIT_43, INIT_42, INIT_41, INIT_40, INIT_3F, INIT_3E, INIT_3D, INIT_3C, INIT_3B, INIT_3A, INIT_39, INIT_38, INIT_37, INIT_36, INIT_35, INIT_34, INIT_33, INIT_32, INIT_31, INIT_30, INIT_2F, INIT_2E, INIT_2D, INIT_2C, INIT_2B, INIT_2A, INIT_29, INIT_28, INIT_27, INIT_26, INIT_25, INIT_24, INIT_23, INIT_22, INIT_21, INIT_20, INIT_1F, INIT_1E, INIT_1D, INIT_1C, INIT_1B, INIT_1A, INIT_19, INIT_18, INIT_17, INIT_16, INIT_15, INIT_14, INIT_13, INIT_12, INIT_11, INIT_10, INIT_0F, INIT_0E, INIT_0D, INIT_0C, INIT_0B, INIT_0A, INIT_09, INIT_08, INIT_07, INIT_06, INIT_05, INIT_04, INIT_03, INIT_02, INIT_01, INIT_00}),
        .PARITY_INIT({INITP_0F, INITP_0E, INITP_0D, INITP_0C, INITP_0B, INITP_0A, INITP_09, INITP_08, INITP_07, INITP_06, INITP_05, INITP_04, INITP_03, INITP_02, INITP_01, INITP_00}),
        .DOA_REG(DOA_REG),
        .DOB_REG(DOB_REG),
        .INIT_A(INIT_A),
        .INIT_B(INIT_B),
        .SRVAL_A(SRVAL_A),
        .SRVAL_B(SRVAL_B),
        .READ_WIDTH_A(READ_WIDTH_A),
        .READ_WIDTH_B(READ_WIDTH_B),
        .WRITE_WIDTH_A(WRITE_WIDTH_A),
        .WRITE_WIDTH_B(WRITE_WIDTH_B),
        .WRITE_MODE_A(WRITE_MODE_A),
        .WRITE_MODE_B(WRITE_MODE_B)
    ) memory (
        .clk_a(CLKARDCLK ^ IS_CLKARDCLK_INVERTED),
        .clk_b(CLKBWRCLK ^ IS_CLKBWRCLK_INVERTED),
        .en_a(ENARDEN ^ IS_ENARDEN_INVERTED),
        .en_b(ENBWREN ^ IS_ENBWREN_INVERTED),
        .regce_a(REGCEAREGCE),
        .regce_b(REGCEB),
        .rstram_a(RSTRAMARSTRAM ^ IS_RSTRAMARSTRAM_INVERTED),
        .rstram_b(RSTRAMB ^ IS_RSTRAMB_INVERTED),
        .rstreg_a(RSTREGARSTREG ^ IS_RSTREGARSTREG_INVERTED),
        .rstreg_b(RSTREGB ^ IS_RSTREGB_INVERTED),
        .addr_a(ADDRARDADDR),
        .addr_b(ADDRBWRADDR),
        .di_a(di_a),
        .di_b(di_b),
        .dip_a(dip_a),
        .dip_b(dip_b),
        .we_a({{4{1'b0}}, WEA}),
        .we_b(WEBWE),
        .out_a(out_a),
        .out_b(out_b)
    );
    assign DOADO = out_a[31:0];
    assign DOPADOP = out_a[67:64];
    assign DOBDO = READ_WIDTH_A == WIDE ? out_a[63:32] : out_b[31:0];
    assign DOPBDOP = READ_WIDTH_A == WIDE ? out_a[71:68] : out_b[67:64];
    assign CASCADEOUTA = 1'b0;
    assign CASCADEOUTB = 1'b0;
    assign ECCPARITY = 8'h0;
    assign RDADDRECC = 9'h0;
    assign SBITERR = 1'b0;
    assign DBITERR = 1'b0;
endmodule
