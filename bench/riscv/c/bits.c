/* Bit manipulation through GCC's builtins: popcount, clz, ctz, bswap, rotates, min and max. With
   -march=rv32im_zbb GCC emits cpop, clz, ctz, rev8, ror, min and max; with rv32im it calls the
   helpers in support.c or open-codes them. The results must not depend on which. */
#include "support.h"

static inline uint32_t rotate_left(uint32_t x, unsigned n) {
  return x << (n & 31) | x >> (-n & 31);
}

static inline int minimum(int a, int b) {
  return a < b ? a : b;
}

static inline unsigned maximum_unsigned(unsigned a, unsigned b) {
  return a > b ? a : b;
}

int main(void) {
  uint32_t state = 0x9e3779b9u;
  uint32_t population = 0;
  uint32_t leading = 0;
  uint32_t trailing = 0;
  uint32_t swapped = 0;
  uint32_t rotated = 0;
  int smallest = 0x7fffffff;
  unsigned largest = 0;
  uint32_t andn = 0;
  for (int i = 0; i < 3000; i++) {
    uint32_t x = next_random(&state);
    uint32_t y = next_random(&state) >> (i % 32);
    population += (uint32_t) __builtin_popcount(x);
    if (y != 0) {
      leading += (uint32_t) __builtin_clz(y);
      trailing += (uint32_t) __builtin_ctz(y);
    }
    swapped ^= __builtin_bswap32(x) + (uint32_t) i;
    rotated += rotate_left(x, (unsigned) i);
    smallest = minimum(smallest, (int) x);
    largest = maximum_unsigned(largest, y);
    andn += x & ~y;
  }
  put_line("popcount", population);
  put_line("clz", leading);
  put_line("ctz", trailing);
  put_line("bswap", swapped);
  put_line("rotate", rotated);
  put_line("min", (uint32_t) smallest);
  put_line("max", largest);
  put_line("andn", andn);
  return 0;
}
