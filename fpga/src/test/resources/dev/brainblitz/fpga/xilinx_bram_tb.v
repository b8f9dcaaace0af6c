// Random traffic through brain-blitz's RAMB18E1 and RAMB36E1 models (xilinx_bram_sim.v), checked
// against plain arrays of 9-bit units {parity, byte}: a RAMB18E1 in true dual port with port A 9 bits
// wide (WRITE_FIRST, byte writes) and port B 18 bits wide (READ_FIRST, two byte lanes), starting from
// INIT_00/INITP_00, and a RAMB36E1 in simple dual port 72 bits wide (read on A, write on B with eight
// byte enables over both ports' buses). Same-edge reads of a word the other port writes are avoided
// (the model leaves them undefined). Prints "checks N errors M". Used by XilinxBlockRamModelTest.
module tb;
  reg clk = 0;
  reg ena = 0, enb = 0;
  reg [1:0] wea = 0;
  reg [3:0] web = 0;
  reg [13:0] addra = 0, addrb = 0;
  reg [15:0] dia = 0, dib = 0;
  reg [1:0] dipa = 0, dipb = 0;
  wire [15:0] doa, dob;
  wire [1:0] dopa, dopb;
  RAMB18E1 #(.RAM_MODE("TDP"), .READ_WIDTH_A(9), .WRITE_WIDTH_A(9), .READ_WIDTH_B(18), .WRITE_WIDTH_B(18),
    .WRITE_MODE_A("WRITE_FIRST"), .WRITE_MODE_B("READ_FIRST"), .INIT_00(256'h0123456789abcdef), .INITP_00(256'h5a))
  dut (.CLKARDCLK(clk), .CLKBWRCLK(clk), .ENARDEN(ena), .ENBWREN(enb), .REGCEAREGCE(1'b0), .REGCEB(1'b0),
    .RSTRAMARSTRAM(1'b0), .RSTRAMB(1'b0), .RSTREGARSTREG(1'b0), .RSTREGB(1'b0), .ADDRARDADDR(addra),
    .ADDRBWRADDR(addrb), .DIADI(dia), .DIBDI(dib), .DIPADIP(dipa), .DIPBDIP(dipb), .WEA(wea), .WEBWE(web),
    .DOADO(doa), .DOBDO(dob), .DOPADOP(dopa), .DOPBDOP(dopb));
  // RAMB36E1, simple dual port 72 bits: port A reads, port B writes with byte enables
  reg en36r = 0, en36w = 0;
  reg [7:0] we36 = 0;
  reg [15:0] ar36 = 0, aw36 = 0;
  reg [63:0] di36 = 0;
  reg [7:0] dip36 = 0;
  wire [31:0] do36a, do36b;
  wire [3:0] dop36a, dop36b;
  RAMB36E1 #(.RAM_MODE("SDP"), .READ_WIDTH_A(72), .WRITE_WIDTH_B(72), .WRITE_MODE_A("READ_FIRST"),
    .WRITE_MODE_B("READ_FIRST"))
  sdp (.CLKARDCLK(clk), .CLKBWRCLK(clk), .ENARDEN(en36r), .ENBWREN(en36w), .REGCEAREGCE(1'b0), .REGCEB(1'b0),
    .RSTRAMARSTRAM(1'b0), .RSTRAMB(1'b0), .RSTREGARSTREG(1'b0), .RSTREGB(1'b0), .ADDRARDADDR(ar36),
    .ADDRBWRADDR(aw36), .DIADI(di36[31:0]), .DIBDI(di36[63:32]), .DIPADIP(dip36[3:0]), .DIPBDIP(dip36[7:4]),
    .WEA(4'b0), .WEBWE(we36), .DOADO(do36a), .DOBDO(do36b), .DOPADOP(dop36a), .DOPBDOP(dop36b),
    .CASCADEINA(1'b0), .CASCADEINB(1'b0), .INJECTDBITERR(1'b0), .INJECTSBITERR(1'b0));
  reg [8:0] unit36 [0:4095];
  reg [71:0] exp36; reg check36;
  integer r36, w36, j;
  // reference: 2048 units of 9 bits {parity, byte}
  reg [8:0] unit [0:2047];
  reg [8:0] expa; reg [17:0] expb; reg checka, checkb;
  integer i, errors = 0, checks = 0, ua, ub, k;
  initial begin
    for (i = 0; i < 2048; i = i + 1) unit[i] = 0;
    // INIT_00 bytes from the LSB: ef cd ab 89 67 45 23 01; INITP_00 bits of 5a from the LSB
    unit[0] = {1'b0, 8'hef}; unit[1] = {1'b1, 8'hcd}; unit[2] = {1'b0, 8'hab}; unit[3] = {1'b1, 8'h89};
    unit[4] = {1'b1, 8'h67}; unit[5] = {1'b0, 8'h45}; unit[6] = {1'b1, 8'h23}; unit[7] = {1'b0, 8'h01};
    checka = 0; checkb = 0; check36 = 0;
    for (i = 0; i < 4096; i = i + 1) unit36[i] = 0;
    for (i = 0; i < 20000; i = i + 1) begin
      ena = $random; enb = $random;
      ua = (i < 8) ? i : ($random & 63); ub = ($random & 31);
      addra = ua << 3; addrb = ub << 4;
      wea = {2{$random}} & (i < 16 ? 2'b00 : 2'b11); web = $random & (i < 16 ? 4'b0 : 4'b1111);
      dia = $random; dib = $random; dipa = $random; dipb = $random;
      if (ena && enb && (ua >> 1) == ub) enb = 0; // no same-edge collisions
      en36r = $random; en36w = $random; r36 = $random & 511; w36 = $random & 511; we36 = $random;
      di36 = {$random, $random}; dip36 = $random;
      if (en36r && en36w && r36 == w36) en36w = 0;
      ar36 = r36 << 6; aw36 = w36 << 6;
      @(negedge clk);
      // expected reads at the coming edge (from the state before it), then the writes
      if (ena) begin expa = wea[0] ? {dipa[0], dia[7:0]} : unit[ua]; checka = 1; end
      if (enb) begin expb = {unit[2*ub+1][8], unit[2*ub][8], unit[2*ub+1][7:0], unit[2*ub][7:0]}; checkb = 1; end
      if (en36r) begin
        for (j = 0; j < 8; j = j + 1) begin exp36[8*j +: 8] = unit36[8*r36 + j][7:0]; exp36[64 + j] = unit36[8*r36 + j][8]; end
        check36 = 1;
      end
      @(posedge clk);
      if (en36w) for (j = 0; j < 8; j = j + 1) if (we36[j]) unit36[8*w36 + j] = {dip36[j], di36[8*j +: 8]};
      if (ena && wea[0]) unit[ua] = {dipa[0], dia[7:0]};
      if (enb && web[0]) unit[2*ub] = {dipb[0], dib[7:0]};
      if (enb && web[1]) unit[2*ub+1] = {dipb[1], dib[15:8]};
      #1;
      if (checka && {dopa[0], doa[7:0]} !== expa) begin errors = errors + 1; if (errors < 5) $display("A %0d: %h != %h", i, {dopa[0], doa[7:0]}, expa); end
      checks = checks + checka + checkb + check36;
      if (check36 && {dop36b, dop36a, do36b, do36a} !== exp36) begin errors = errors + 1; if (errors < 5) $display("SDP72 %0d: %h != %h", i, {dop36b, dop36a, do36b, do36a}, exp36); end
      if (checkb && {dopb, dob} !== {expb[17:16], expb[15:0]}) begin errors = errors + 1; if (errors < 5) $display("B %0d: %h != %h", i, {dopb, dob}, expb); end
    end
    $display("checks %0d errors %0d", checks, errors);
    $finish;
  end
  always #5 clk = ~clk;
endmodule
