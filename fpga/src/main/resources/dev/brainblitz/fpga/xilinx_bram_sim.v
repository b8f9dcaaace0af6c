// Behavioural simulation models of the Xilinx 7-series block RAMs RAMB18E1 and RAMB36E1, written for
// brain-blitz's netlist:xilinx target: Yosys 0.23 ships these two cells as timing-only blackboxes
// (no behaviour), so a netlist with block RAM could not be simulated. Modelled from the primitives'
// documented behaviour (Xilinx UG473, 7 Series FPGAs Memory Resources): true dual port (TDP) with
// read and write widths 1, 2, 4, 9, 18 (and 36 for RAMB36E1) per port, simple dual port (SDP) with
// the 36-bit (72-bit) read on port A and write on port B using both ports' buses, byte write enables,
// INIT_xx and INITP_xx contents, WRITE_MODE for a port that writes the word it reads, the optional
// output register (DOx_REG, REGCE, RSTREG) and RSTRAM. Assumptions: a read of a word the other port
// writes at the same edge returns the old word; RSTRAM/RSTREG clear to zero (SRVAL unused); no ECC,
// no cascade. Replaces Yosys's blackboxes of the same names in the cell models (GateLevel).

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

    localparam integer WIDE = 36;
    localparam integer BUS = 16;
    localparam integer PBUS = 2;
    localparam integer AW = 14;
    localparam integer DATA_BITS = 16384;
    localparam integer PARITY_BITS = 2048;
    // SDP: the read port of the full width (A) and the write port of the full width (B) use both ports' buses
    localparam SDP = RAM_MODE == "SDP";
    localparam integer RA = SDP && READ_WIDTH_A == WIDE ? WIDE : READ_WIDTH_A;
    localparam integer WB = SDP && WRITE_WIDTH_B == WIDE ? WIDE : WRITE_WIDTH_B;

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

    localparam integer RDA = data_bits(RA), RPA = parity_bits(RA), RDB = data_bits(READ_WIDTH_B), RPB = parity_bits(READ_WIDTH_B);
    localparam integer WDA = data_bits(WRITE_WIDTH_A), WPA = parity_bits(WRITE_WIDTH_A), WDB = data_bits(WB), WPB = parity_bits(WB);

    /* verilator lint_off MULTIDRIVEN */
    reg [DATA_BITS-1:0] data = {INIT_3F, INIT_3E, INIT_3D, INIT_3C, INIT_3B, INIT_3A, INIT_39, INIT_38, INIT_37, INIT_36, INIT_35, INIT_34, INIT_33, INIT_32, INIT_31, INIT_30, INIT_2F, INIT_2E, INIT_2D, INIT_2C, INIT_2B, INIT_2A, INIT_29, INIT_28, INIT_27, INIT_26, INIT_25, INIT_24, INIT_23, INIT_22, INIT_21, INIT_20, INIT_1F, INIT_1E, INIT_1D, INIT_1C, INIT_1B, INIT_1A, INIT_19, INIT_18, INIT_17, INIT_16, INIT_15, INIT_14, INIT_13, INIT_12, INIT_11, INIT_10, INIT_0F, INIT_0E, INIT_0D, INIT_0C, INIT_0B, INIT_0A, INIT_09, INIT_08, INIT_07, INIT_06, INIT_05, INIT_04, INIT_03, INIT_02, INIT_01, INIT_00};
    reg [PARITY_BITS-1:0] parity = {INITP_07, INITP_06, INITP_05, INITP_04, INITP_03, INITP_02, INITP_01, INITP_00};
    /* verilator lint_on MULTIDRIVEN */

    wire clk_a = CLKARDCLK ^ IS_CLKARDCLK_INVERTED;
    wire clk_b = CLKBWRCLK ^ IS_CLKBWRCLK_INVERTED;
    wire en_a = ENARDEN ^ IS_ENARDEN_INVERTED;
    wire en_b = ENBWREN ^ IS_ENBWREN_INVERTED;
    wire rstram_a = RSTRAMARSTRAM ^ IS_RSTRAMARSTRAM_INVERTED;
    wire rstram_b = RSTRAMB ^ IS_RSTRAMB_INVERTED;
    wire rstreg_a = RSTREGARSTREG ^ IS_RSTREGARSTREG_INVERTED;
    wire rstreg_b = RSTREGB ^ IS_RSTREGB_INVERTED;
    // the buses of each port's write and read, widened to the full width
    wire [2*BUS-1:0] di_a = SDP && WRITE_WIDTH_A == WIDE ? {DIBDI, DIADI} : {{BUS{1'b0}}, DIADI};
    wire [2*PBUS-1:0] dip_a = {{PBUS{1'b0}}, DIPADIP};
    wire [2*BUS-1:0] di_b = WB == WIDE ? {DIBDI, DIADI} : {{BUS{1'b0}}, DIBDI};
    wire [2*PBUS-1:0] dip_b = WB == WIDE ? {DIPBDIP, DIPADIP} : {{PBUS{1'b0}}, DIPBDIP};
    wire [3:0] we_a = {{2{1'b0}}, WEA};

    localparam [AW-1:0] MASK = {1'b0, {(AW-1){1'b1}}};
    reg [2*BUS+2*PBUS-1:0] latch_a, latch_b, reg_a, reg_b, word_a, word_b;
    integer i, wa, ra, wb, rb;

    // port A: its write lands after the edge, so every read at the edge sees the old word; a read of
    // the word this port writes follows WRITE_MODE_A
    always @(posedge clk_a) begin
        if (en_a) begin
            if (WDA > 0) begin
                wa = (ADDRARDADDR & MASK) >> log2(WDA);
                for (i = 0; i < WDA; i = i + 1)
                    if (we_a[WDA < 8 ? 0 : i / 8]) data[wa * WDA + i] <= di_a[i];
                for (i = 0; i < WPA; i = i + 1)
                    if (we_a[i]) parity[wa * WPA + i] <= dip_a[i];
            end
            if (RDA > 0) begin
                ra = (ADDRARDADDR & MASK) >> log2(RDA);
                word_a = 0;
                for (i = 0; i < RDA; i = i + 1) word_a[i] = data[ra * RDA + i];
                for (i = 0; i < RPA; i = i + 1) word_a[2*BUS + i] = parity[ra * RPA + i];
                if (WDA == RDA && WRITE_MODE_A == "WRITE_FIRST") begin
                    for (i = 0; i < RDA; i = i + 1) if (we_a[RDA < 8 ? 0 : i / 8]) word_a[i] = di_a[i];
                    for (i = 0; i < RPA; i = i + 1) if (we_a[i]) word_a[2*BUS + i] = dip_a[i];
                end
                if (rstram_a) latch_a <= 0;
                else if (!(WDA > 0 && |we_a && WRITE_MODE_A == "NO_CHANGE")) latch_a <= word_a;
            end
        end
        if (rstreg_a) reg_a <= 0;
        else if (REGCEAREGCE) reg_a <= latch_a;
    end

    // port B: its write lands after the edge, so every read at the edge sees the old word; a read of
    // the word this port writes follows WRITE_MODE_B
    always @(posedge clk_b) begin
        if (en_b) begin
            if (WDB > 0) begin
                wb = (ADDRBWRADDR & MASK) >> log2(WDB);
                for (i = 0; i < WDB; i = i + 1)
                    if (WEBWE[WDB < 8 ? 0 : i / 8]) data[wb * WDB + i] <= di_b[i];
                for (i = 0; i < WPB; i = i + 1)
                    if (WEBWE[i]) parity[wb * WPB + i] <= dip_b[i];
            end
            if (RDB > 0) begin
                rb = (ADDRBWRADDR & MASK) >> log2(RDB);
                word_b = 0;
                for (i = 0; i < RDB; i = i + 1) word_b[i] = data[rb * RDB + i];
                for (i = 0; i < RPB; i = i + 1) word_b[2*BUS + i] = parity[rb * RPB + i];
                if (WDB == RDB && WRITE_MODE_B == "WRITE_FIRST") begin
                    for (i = 0; i < RDB; i = i + 1) if (WEBWE[RDB < 8 ? 0 : i / 8]) word_b[i] = di_b[i];
                    for (i = 0; i < RPB; i = i + 1) if (WEBWE[i]) word_b[2*BUS + i] = dip_b[i];
                end
                if (rstram_b) latch_b <= 0;
                else if (!(WDB > 0 && |WEBWE && WRITE_MODE_B == "NO_CHANGE")) latch_b <= word_b;
            end
        end
        if (rstreg_b) reg_b <= 0;
        else if (REGCEB) reg_b <= latch_b;
    end

    wire [2*BUS+2*PBUS-1:0] out_a = DOA_REG != 0 ? reg_a : latch_a;
    wire [2*BUS+2*PBUS-1:0] out_b = DOB_REG != 0 ? reg_b : latch_b;
    assign DOADO = out_a[BUS-1:0];
    assign DOPADOP = out_a[2*BUS+PBUS-1:2*BUS];
    assign DOBDO = RA == WIDE ? out_a[2*BUS-1:BUS] : out_b[BUS-1:0];
    assign DOPBDOP = RA == WIDE ? out_a[2*BUS+2*PBUS-1:2*BUS+PBUS] : out_b[2*BUS+PBUS-1:2*BUS];
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

    localparam integer WIDE = 72;
    localparam integer BUS = 32;
    localparam integer PBUS = 4;
    localparam integer AW = 16;
    localparam integer DATA_BITS = 32768;
    localparam integer PARITY_BITS = 4096;
    // SDP: the read port of the full width (A) and the write port of the full width (B) use both ports' buses
    localparam SDP = RAM_MODE == "SDP";
    localparam integer RA = SDP && READ_WIDTH_A == WIDE ? WIDE : READ_WIDTH_A;
    localparam integer WB = SDP && WRITE_WIDTH_B == WIDE ? WIDE : WRITE_WIDTH_B;

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

    localparam integer RDA = data_bits(RA), RPA = parity_bits(RA), RDB = data_bits(READ_WIDTH_B), RPB = parity_bits(READ_WIDTH_B);
    localparam integer WDA = data_bits(WRITE_WIDTH_A), WPA = parity_bits(WRITE_WIDTH_A), WDB = data_bits(WB), WPB = parity_bits(WB);

    /* verilator lint_off MULTIDRIVEN */
    reg [DATA_BITS-1:0] data = {INIT_7F, INIT_7E, INIT_7D, INIT_7C, INIT_7B, INIT_7A, INIT_79, INIT_78, INIT_77, INIT_76, INIT_75, INIT_74, INIT_73, INIT_72, INIT_71, INIT_70, INIT_6F, INIT_6E, INIT_6D, INIT_6C, INIT_6B, INIT_6A, INIT_69, INIT_68, INIT_67, INIT_66, INIT_65, INIT_64, INIT_63, INIT_62, INIT_61, INIT_60, INIT_5F, INIT_5E, INIT_5D, INIT_5C, INIT_5B, INIT_5A, INIT_59, INIT_58, INIT_57, INIT_56, INIT_55, INIT_54, INIT_53, INIT_52, INIT_51, INIT_50, INIT_4F, INIT_4E, INIT_4D, INIT_4C, INIT_4B, INIT_4A, INIT_49, INIT_48, INIT_47, INIT_46, INIT_45, INIT_44, INIT_43, INIT_42, INIT_41, INIT_40, INIT_3F, INIT_3E, INIT_3D, INIT_3C, INIT_3B, INIT_3A, INIT_39, INIT_38, INIT_37, INIT_36, INIT_35, INIT_34, INIT_33, INIT_32, INIT_31, INIT_30, INIT_2F, INIT_2E, INIT_2D, INIT_2C, INIT_2B, INIT_2A, INIT_29, INIT_28, INIT_27, INIT_26, INIT_25, INIT_24, INIT_23, INIT_22, INIT_21, INIT_20, INIT_1F, INIT_1E, INIT_1D, INIT_1C, INIT_1B, INIT_1A, INIT_19, INIT_18, INIT_17, INIT_16, INIT_15, INIT_14, INIT_13, INIT_12, INIT_11, INIT_10, INIT_0F, INIT_0E, INIT_0D, INIT_0C, INIT_0B, INIT_0A, INIT_09, INIT_08, INIT_07, INIT_06, INIT_05, INIT_04, INIT_03, INIT_02, INIT_01, INIT_00};
    reg [PARITY_BITS-1:0] parity = {INITP_0F, INITP_0E, INITP_0D, INITP_0C, INITP_0B, INITP_0A, INITP_09, INITP_08, INITP_07, INITP_06, INITP_05, INITP_04, INITP_03, INITP_02, INITP_01, INITP_00};
    /* verilator lint_on MULTIDRIVEN */

    wire clk_a = CLKARDCLK ^ IS_CLKARDCLK_INVERTED;
    wire clk_b = CLKBWRCLK ^ IS_CLKBWRCLK_INVERTED;
    wire en_a = ENARDEN ^ IS_ENARDEN_INVERTED;
    wire en_b = ENBWREN ^ IS_ENBWREN_INVERTED;
    wire rstram_a = RSTRAMARSTRAM ^ IS_RSTRAMARSTRAM_INVERTED;
    wire rstram_b = RSTRAMB ^ IS_RSTRAMB_INVERTED;
    wire rstreg_a = RSTREGARSTREG ^ IS_RSTREGARSTREG_INVERTED;
    wire rstreg_b = RSTREGB ^ IS_RSTREGB_INVERTED;
    // the buses of each port's write and read, widened to the full width
    wire [2*BUS-1:0] di_a = SDP && WRITE_WIDTH_A == WIDE ? {DIBDI, DIADI} : {{BUS{1'b0}}, DIADI};
    wire [2*PBUS-1:0] dip_a = {{PBUS{1'b0}}, DIPADIP};
    wire [2*BUS-1:0] di_b = WB == WIDE ? {DIBDI, DIADI} : {{BUS{1'b0}}, DIBDI};
    wire [2*PBUS-1:0] dip_b = WB == WIDE ? {DIPBDIP, DIPADIP} : {{PBUS{1'b0}}, DIPBDIP};
    wire [7:0] we_a = {{4{1'b0}}, WEA};

    localparam [AW-1:0] MASK = {1'b0, {(AW-1){1'b1}}};
    reg [2*BUS+2*PBUS-1:0] latch_a, latch_b, reg_a, reg_b, word_a, word_b;
    integer i, wa, ra, wb, rb;

    // port A: its write lands after the edge, so every read at the edge sees the old word; a read of
    // the word this port writes follows WRITE_MODE_A
    always @(posedge clk_a) begin
        if (en_a) begin
            if (WDA > 0) begin
                wa = (ADDRARDADDR & MASK) >> log2(WDA);
                for (i = 0; i < WDA; i = i + 1)
                    if (we_a[WDA < 8 ? 0 : i / 8]) data[wa * WDA + i] <= di_a[i];
                for (i = 0; i < WPA; i = i + 1)
                    if (we_a[i]) parity[wa * WPA + i] <= dip_a[i];
            end
            if (RDA > 0) begin
                ra = (ADDRARDADDR & MASK) >> log2(RDA);
                word_a = 0;
                for (i = 0; i < RDA; i = i + 1) word_a[i] = data[ra * RDA + i];
                for (i = 0; i < RPA; i = i + 1) word_a[2*BUS + i] = parity[ra * RPA + i];
                if (WDA == RDA && WRITE_MODE_A == "WRITE_FIRST") begin
                    for (i = 0; i < RDA; i = i + 1) if (we_a[RDA < 8 ? 0 : i / 8]) word_a[i] = di_a[i];
                    for (i = 0; i < RPA; i = i + 1) if (we_a[i]) word_a[2*BUS + i] = dip_a[i];
                end
                if (rstram_a) latch_a <= 0;
                else if (!(WDA > 0 && |we_a && WRITE_MODE_A == "NO_CHANGE")) latch_a <= word_a;
            end
        end
        if (rstreg_a) reg_a <= 0;
        else if (REGCEAREGCE) reg_a <= latch_a;
    end

    // port B: its write lands after the edge, so every read at the edge sees the old word; a read of
    // the word this port writes follows WRITE_MODE_B
    always @(posedge clk_b) begin
        if (en_b) begin
            if (WDB > 0) begin
                wb = (ADDRBWRADDR & MASK) >> log2(WDB);
                for (i = 0; i < WDB; i = i + 1)
                    if (WEBWE[WDB < 8 ? 0 : i / 8]) data[wb * WDB + i] <= di_b[i];
                for (i = 0; i < WPB; i = i + 1)
                    if (WEBWE[i]) parity[wb * WPB + i] <= dip_b[i];
            end
            if (RDB > 0) begin
                rb = (ADDRBWRADDR & MASK) >> log2(RDB);
                word_b = 0;
                for (i = 0; i < RDB; i = i + 1) word_b[i] = data[rb * RDB + i];
                for (i = 0; i < RPB; i = i + 1) word_b[2*BUS + i] = parity[rb * RPB + i];
                if (WDB == RDB && WRITE_MODE_B == "WRITE_FIRST") begin
                    for (i = 0; i < RDB; i = i + 1) if (WEBWE[RDB < 8 ? 0 : i / 8]) word_b[i] = di_b[i];
                    for (i = 0; i < RPB; i = i + 1) if (WEBWE[i]) word_b[2*BUS + i] = dip_b[i];
                end
                if (rstram_b) latch_b <= 0;
                else if (!(WDB > 0 && |WEBWE && WRITE_MODE_B == "NO_CHANGE")) latch_b <= word_b;
            end
        end
        if (rstreg_b) reg_b <= 0;
        else if (REGCEB) reg_b <= latch_b;
    end

    wire [2*BUS+2*PBUS-1:0] out_a = DOA_REG != 0 ? reg_a : latch_a;
    wire [2*BUS+2*PBUS-1:0] out_b = DOB_REG != 0 ? reg_b : latch_b;
    assign DOADO = out_a[BUS-1:0];
    assign DOPADOP = out_a[2*BUS+PBUS-1:2*BUS];
    assign DOBDO = RA == WIDE ? out_a[2*BUS-1:BUS] : out_b[BUS-1:0];
    assign DOPBDOP = RA == WIDE ? out_a[2*BUS+2*PBUS-1:2*BUS+PBUS] : out_b[2*BUS+PBUS-1:2*BUS];
    assign CASCADEOUTA = 1'b0;
    assign CASCADEOUTB = 1'b0;
    assign ECCPARITY = 8'h0;
    assign RDADDRECC = 9'h0;
    assign SBITERR = 1'b0;
    assign DBITERR = 1'b0;
endmodule
