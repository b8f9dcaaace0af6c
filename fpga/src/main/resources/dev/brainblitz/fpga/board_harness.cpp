// Board-level simulation of brain-blitz's board top (docs/fpga.md): drives the UART pin RX bit by
// bit and decodes the pin TX, as the host and the FTDI chip would, at CLKS_PER_BIT clock cycles per
// bit. Sends the SPRAM weight words if the design has them (LOAD), then one vector, waits for its
// answer, sends the next (the host's stop and wait).
//   usage: V<top> VECTORS RESULTS CLKS_PER_BIT MAX_CYCLES_PER_VECTOR [PARTIAL_BYTES GAP_CYCLES]
// With PARTIAL_BYTES > 0 it first sends that many bytes of a vector and then stays silent for
// GAP_CYCLES, which the board must take as "drop the half vector".
// VECTORS: one vector per line, hex 32-bit words of in_data, word 0 first (as the rtl harness).
// RESULTS: one line per answer, "result class score0 score1 ...", then
//   "measured cycles C ii_min MIN ii_max MAX latency L" (the rtl harness's format, HarnessResults) (MIN/MAX: cycles per vector, request to answer;
//   L: cycles from the last request bit to the last answer bit, first vector).
#include "verilated.h"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

static TOP* top;
static uint64_t cycle = 0;
static int clks_per_bit = 8;

// The host's receiver: decodes TX, bytes appended to 'received'.
static std::vector<uint8_t> received;
static int rx_state = -1;  // -1 idle, else the bit being sampled (0 start, 1..8 data, 9 stop)
static int rx_wait = 0;
static uint8_t rx_shift = 0;
static bool saw_lost = false;
static uint64_t lost_cycle = 0;  // when the red LED first lit

static void tick() {
  top->CLK = 0;
  top->eval();
  top->CLK = 1;
  top->eval();
  cycle++;
  int line = top->TX;
  if (rx_state < 0) {
    if (!line) { rx_state = 0; rx_wait = clks_per_bit / 2; }
  } else if (--rx_wait <= 0) {
    if (rx_state == 0) {
      if (line) rx_state = -1;  // glitch
      else { rx_state = 1; rx_wait = clks_per_bit; }
    } else if (rx_state <= 8) {
      rx_shift = (uint8_t)((rx_shift >> 1) | (line ? 0x80 : 0));
      rx_state++;
      rx_wait = clks_per_bit;
    } else {
      if (!line) { std::fprintf(stderr, "framing error on TX at cycle %llu\n", (unsigned long long)cycle); std::exit(1); }
      received.push_back(rx_shift);
      rx_state = -1;
    }
  }
  if (!top->LEDR_N && !saw_lost) {
    saw_lost = true;
    lost_cycle = cycle;
  }
}

static void send_byte(uint8_t byte) {
  int frame[10];
  frame[0] = 0;
  for (int b = 0; b < 8; b++) frame[b + 1] = (byte >> b) & 1;
  frame[9] = 1;
  for (int k = 0; k < 10; k++) {
    top->RX = frame[k];
    for (int c = 0; c < clks_per_bit; c++) tick();
  }
}

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s VECTORS RESULTS CLKS_PER_BIT MAX_CYCLES_PER_VECTOR [PARTIAL_BYTES GAP_CYCLES]\n",
        argv[0]);
    return 2;
  }
  VerilatedContext context;
  context.commandArgs(argc, argv);
  top = new TOP{&context};
  clks_per_bit = std::atoi(argv[3]);
  uint64_t max_cycles = std::strtoull(argv[4], nullptr, 10);
  int partial = argc > 6 ? std::atoi(argv[5]) : 0;
  uint64_t gap = argc > 6 ? std::strtoull(argv[6], nullptr, 10) : 0;
  std::ifstream in(argv[1]);
  if (!in) { std::fprintf(stderr, "cannot read %s\n", argv[1]); return 2; }
  std::vector<std::vector<uint8_t>> requests;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::vector<uint8_t> bytes;
    std::string word;
    while (fields >> word) {
      uint32_t w = (uint32_t)std::strtoul(word.c_str(), nullptr, 16);
      for (int b = 0; b < 4; b++) bytes.push_back((uint8_t)(w >> (8 * b)));
    }
    bytes.resize(REQUEST_BYTES);
    requests.push_back(bytes);
  }
  top->RX = 1;
  for (int i = 0; i < 64; i++) tick();  // power-on reset
  for (size_t k = 0; k < LOAD_BYTES; k++) send_byte(LOAD[k]);  // the SPRAM weights first, if any
  if (partial > 0 && !requests.empty()) {
    for (int k = 0; k < partial && k < REQUEST_BYTES; k++) send_byte(requests[0][k]);
    for (uint64_t c = 0; c < gap; c++) tick();
    if (!received.empty()) {
      std::fprintf(stderr, "the board answered a half-sent vector with %zu bytes\n", received.size());
      return 1;
    }
  }
  std::ofstream out(argv[2]);
  uint64_t ii_min = 0, ii_max = 0, latency = 0;
  for (size_t v = 0; v < requests.size(); v++) {
    uint64_t start = cycle;
    for (int k = 0; k < REQUEST_BYTES; k++) {
      send_byte(requests[v][k]);
      if (saw_lost) {
        // the LED lights a few cycles after the middle of the stop bit of the byte it lost, which may
        // be after that byte's last bit time: count from one bit time into the request
        long lost = lost_cycle < start + clks_per_bit ? 0 : (long)((lost_cycle - start - clks_per_bit) / (10 * clks_per_bit));
        std::fprintf(stderr, "vector %zu, byte %ld: the red LED lit: the board lost a byte (or saw a bad stop bit)\n", v,
            lost);
        return 1;
      }
    }
    uint64_t sent = cycle;
    while (received.size() < (size_t)ANSWER_BYTES) {
      if (cycle - start > max_cycles) {
        std::fprintf(stderr, "vector %zu: %zu of %d answer bytes after %llu cycles\n", v, received.size(), ANSWER_BYTES,
            (unsigned long long)(cycle - start));
        return 1;
      }
      tick();
    }
    // the stop bit has been sampled in its middle: let it end before the next request
    for (int c = 0; c < clks_per_bit; c++) tick();
    uint64_t took = cycle - start;
    if (v == 0) latency = cycle - sent;
    if (ii_min == 0 || took < ii_min) ii_min = took;
    if (took > ii_max) ii_max = took;
    uint32_t predicted = 0;
    for (int k = CLASS_BYTES - 1; k >= 0; k--) predicted = (predicted << 8) | received[k];
    out << "result " << predicted;
    for (int c = 0; c < CLASSES; c++) {
      uint32_t s = 0;
      for (int k = 3; k >= 0; k--) s = (s << 8) | received[CLASS_BYTES + 4 * c + k];
      out << ' ' << (int32_t)s;
    }
    out << '\n';
    received.clear();
  }
  out << "measured cycles " << cycle << " ii_min " << ii_min << " ii_max " << ii_max << " latency " << latency << '\n';
  top->final();
  delete top;
  if (saw_lost) {
    std::fprintf(stderr, "the red LED lit: the board lost a byte\n");
    return 1;
  }
  return 0;
}
