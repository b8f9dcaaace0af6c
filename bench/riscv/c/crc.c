/* CRC-32 (IEEE, reflected) three ways: bit by bit, with a table built at run time, and with a
   constant 16-entry nibble table; they must agree, and the check value of "123456789" is
   0xcbf43926. */
#include "support.h"

static uint32_t table[256];
static const uint32_t nibble_table[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
    0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c, 0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c};
static unsigned char data[4096];
const char check_input[] = "123456789";

static uint32_t crc_bitwise(const unsigned char *p, size_t n) {
  uint32_t crc = 0xffffffffu;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) {
      crc = crc & 1 ? crc >> 1 ^ 0xedb88320u : crc >> 1;
    }
  }
  return ~crc;
}

static void build_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) {
      c = c & 1 ? c >> 1 ^ 0xedb88320u : c >> 1;
    }
    table[i] = c;
  }
}

static uint32_t crc_table(const unsigned char *p, size_t n) {
  uint32_t crc = 0xffffffffu;
  while (n--) {
    crc = table[(crc ^ *p++) & 0xff] ^ crc >> 8;
  }
  return ~crc;
}

static uint32_t crc_nibble(const unsigned char *p, size_t n) {
  uint32_t crc = 0xffffffffu;
  while (n--) {
    crc ^= *p++;
    crc = nibble_table[crc & 15] ^ crc >> 4;
    crc = nibble_table[crc & 15] ^ crc >> 4;
  }
  return ~crc;
}

int main(void) {
  build_table();
  uint32_t state = 12345;
  for (size_t i = 0; i < sizeof data; i++) {
    data[i] = (unsigned char) next_random(&state);
  }
  uint32_t check = crc_table((const unsigned char *) check_input, strlen(check_input));
  uint32_t a = crc_bitwise(data, sizeof data);
  uint32_t b = crc_table(data, sizeof data);
  uint32_t c = crc_nibble(data, sizeof data);
  put_line("check", check);
  put_line("bitwise", a);
  put_line("table", b);
  put_line("nibble", c);
  return check == 0xcbf43926u && a == b && b == c ? 0 : 1;
}
