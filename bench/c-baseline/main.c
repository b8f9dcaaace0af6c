/*
 * The benchmark harness of the C baseline: runs bnn_infer over the test vectors of the generated
 * vectors.h, reading the cycle and instret counters around the loop, then prints every result and
 * checks it against the golden model's (also in vectors.h). Runs bare-metal on `blitz sim` and
 * under qemu-riscv32 (user mode): it only uses the exit and write ecalls both understand.
 *
 * Output: one line "vector V class C scores S0 S1 ..." per vector, then
 * "inferences N cycles C instret I mismatches M". Exit status 0 when M is 0, else 1.
 */
#include <stdint.h>

#include "vectors.h"

int bnn_infer(const uint8_t *input, int32_t *scores);

static int32_t scores[BB_VECTORS][BB_CLASSES];
static int classes[BB_VECTORS];

static inline uint32_t read_cycle(void) {
  uint32_t v;
  __asm__ volatile("csrr %0, cycle" : "=r"(v));
  return v;
}

static inline uint32_t read_instret(void) {
  uint32_t v;
  __asm__ volatile("csrr %0, instret" : "=r"(v));
  return v;
}

static long sys_write(int fd, const char *buffer, int length) {
  register long a0 __asm__("a0") = fd;
  register long a1 __asm__("a1") = (long)buffer;
  register long a2 __asm__("a2") = length;
  register long a7 __asm__("a7") = 64;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}

static char text[256];
static int used;

static void flush(void) {
  sys_write(1, text, used);
  used = 0;
}

static void put(const char *s) {
  while (*s) {
    if (used == (int)sizeof text) {
      flush();
    }
    text[used++] = *s++;
  }
}

static void put_int(int32_t value) {
  char digits[12];
  int n = 0;
  uint32_t magnitude = value < 0 ? 0u - (uint32_t)value : (uint32_t)value;
  do {
    digits[n++] = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  char s[14];
  int k = 0;
  if (value < 0) {
    s[k++] = '-';
  }
  while (n > 0) {
    s[k++] = digits[--n];
  }
  s[k] = 0;
  put(s);
}

int main(void) {
  uint32_t cycles0 = read_cycle();
  uint32_t instret0 = read_instret();
  for (int v = 0; v < BB_VECTORS; v++) {
    classes[v] = bnn_infer(bb_inputs[v], scores[v]);
  }
  uint32_t instret1 = read_instret();
  uint32_t cycles1 = read_cycle();

  int mismatches = 0;
  for (int v = 0; v < BB_VECTORS; v++) {
    int same = classes[v] == bb_expected_class[v];
    put("vector ");
    put_int(v);
    put(" class ");
    put_int(classes[v]);
    put(" scores");
    for (int c = 0; c < BB_CLASSES; c++) {
      put(" ");
      put_int(scores[v][c]);
      same &= scores[v][c] == bb_expected_scores[v][c];
    }
    put(same ? "\n" : " MISMATCH\n");
    mismatches += !same;
  }
  put("inferences ");
  put_int(BB_VECTORS);
  put(" cycles ");
  put_int((int32_t)(cycles1 - cycles0));
  put(" instret ");
  put_int((int32_t)(instret1 - instret0));
  put(" mismatches ");
  put_int(mismatches);
  put("\n");
  flush();
  return mismatches != 0;
}
