/*
 * The tuned plain-C baseline: the same layer functions as ../bnn.h (same names, same results, so
 * the generated network.c and the harness are shared; `make VARIANT=tuned` puts this directory
 * first on the include path), written the way a firmware engineer who has looked at the generated
 * code would write them, still without assembly:
 *
 *  - 8-bit input as bit planes: the input is transposed once per layer into 8 planes (plane b
 *    holds bit b of every element, packed like the weights), so a neuron's sum over 32 elements is
 *    sum_b 2^b (popcount(w & plane_b) - popcount(~w & plane_b)) = 2 sum_b 2^b popcount(w & plane_b)
 *    - sum(x): per weight word 8 x (load plane, and, cpop, add) instead of 32 x (load, test, add);
 *    three neurons per pass share the plane loads, over 4 planes at a time so that the 3 x 4
 *    counters stay in registers;
 *  - bipolar input: four neurons per pass share each activation word;
 *  - the threshold's output bits are collected in a register and stored once per 32 neurons.
 *
 * Bits are packed as the IL packs them: element i is bit (i % 32) of word (i / 32); bit 1 = +1.
 */
#ifndef BNN_H
#define BNN_H

#include <stdint.h>

/* Words of a row of n bits. */
#define BNN_WORDS(n) (((n) + 31) / 32)

/* Bit planes of 8-bit elements: word k of plane b is planes[8 * k + b] (the 8 planes of a word are adjacent). */
#define BNN_PLANES 8

/*
 * Transposes the 8x8 bit matrix of 8 bytes (lo = bytes 0-3, hi = bytes 4-7, little-endian): bit t
 * of byte b of the result is bit b of byte t. Three delta swaps (Knuth, TAOCP 7.1.3).
 */
static inline void bnn_transpose8(uint32_t *lo, uint32_t *hi) {
  uint32_t x = *lo, y = *hi, t;
  t = (x ^ (x >> 7)) & 0x00aa00aau;
  x ^= t ^ (t << 7);
  t = (y ^ (y >> 7)) & 0x00aa00aau;
  y ^= t ^ (t << 7);
  t = (x ^ (x >> 14)) & 0x0000ccccu;
  x ^= t ^ (t << 14);
  t = (y ^ (y >> 14)) & 0x0000ccccu;
  y ^= t ^ (t << 14);
  t = (x ^ (y << 4)) & 0xf0f0f0f0u;
  x ^= t;
  y ^= t >> 4;
  *lo = x;
  *hi = y;
}

static inline uint32_t bnn_load_le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * Writes the 8 bit planes of x[0..n) (BNN_PLANES * BNN_WORDS(n) words; bits past n are 0) and
 * returns sum(x).
 */
static inline int32_t bnn_bit_planes(const uint8_t *x, int n, uint32_t *planes) {
  const int words = BNN_WORDS(n);
  uint8_t *bytes = (uint8_t *)planes;
  for (int b = 0; b < BNN_PLANES; b++) {
    planes[BNN_PLANES * (words - 1) + b] = 0;
  }
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    uint32_t lo = bnn_load_le32(x + i), hi = bnn_load_le32(x + i + 4);
    bnn_transpose8(&lo, &hi);
    /* Byte (i % 32) / 8 of word i / 32 of each plane. */
    uint8_t *dst = bytes + 4 * BNN_PLANES * (i / 32) + (i % 32) / 8;
    for (int b = 0; b < 4; b++) {
      dst[4 * b] = (uint8_t)(lo >> (8 * b));
      dst[4 * (b + 4)] = (uint8_t)(hi >> (8 * b));
    }
  }
  for (; i < n; i++) {
    for (int b = 0; b < BNN_PLANES; b++) {
      planes[BNN_PLANES * (i / 32) + b] |= (uint32_t)((x[i] >> b) & 1) << (i % 32);
    }
  }
  int32_t sum = 0;
  for (int k = 0; k < words; k++) {
    for (int b = 0; b < BNN_PLANES; b++) {
      sum += __builtin_popcount(planes[BNN_PLANES * k + b]) << b;
    }
  }
  return sum;
}

/* Neurons per pass over the bit planes of an 8-bit input. */
#define BNN_U8_ROWS 3

/*
 * dot[m] += sum over the elements i of w_m,i * (bits first..first+3 of x_i), for the `rows`
 * consecutive rows at w (row stride `words`): each plane word is loaded once for all rows, and the
 * rows x 4 counters stay in registers (3 x 8 would not: GCC spills them).
 */
static inline void bnn_dot_planes_half(const uint32_t *planes, int words, const uint32_t *w, int rows, int first,
                                       int32_t *dot) {
  uint32_t c[BNN_U8_ROWS][BNN_PLANES / 2] = {{0}};
  for (int k = 0; k < words; k++) {
    const uint32_t *p = planes + BNN_PLANES * k + first;
    uint32_t wk[BNN_U8_ROWS];
    for (int m = 0; m < rows; m++) {
      wk[m] = w[m * words + k];
    }
    for (int b = 0; b < BNN_PLANES / 2; b++) {
      uint32_t pb = p[b];
      for (int m = 0; m < rows; m++) {
        c[m][b] += __builtin_popcount(wk[m] & pb);
      }
    }
  }
  for (int m = 0; m < rows; m++) {
    for (int b = 0; b < BNN_PLANES / 2; b++) {
      dot[m] += c[m][b] << (first + b);
    }
  }
}

/* dot[m] = sum over i of w_m,i * x_i for `rows` (at most BNN_U8_ROWS) consecutive rows, x as bit planes. */
static inline void bnn_dot_planes(const uint32_t *planes, int words, const uint32_t *w, int rows, int32_t *dot) {
  for (int m = 0; m < rows; m++) {
    dot[m] = 0;
  }
  bnn_dot_planes_half(planes, words, w, rows, 0, dot);
  bnn_dot_planes_half(planes, words, w, rows, BNN_PLANES / 2, dot);
}

/* Neurons per pass over a bipolar input. */
#define BNN_BIPOLAR_ROWS 4

/*
 * Bipolar input: acc[m] = the number of the n valid positions where x and row m agree, for `rows`
 * (at most BNN_BIPOLAR_ROWS) consecutive rows at w, each x word loaded once for all rows. The
 * padding bits of the last word are 0 in both, so they agree: subtract them once.
 */
static inline void bnn_acc_bipolar(const uint32_t *x, int n, const uint32_t *w, int rows, int32_t *acc) {
  const int words = BNN_WORDS(n);
  int32_t a[BNN_BIPOLAR_ROWS] = {0};
  for (int k = 0; k < words; k++) {
    uint32_t xk = x[k];
    for (int m = 0; m < rows; m++) {
      a[m] += __builtin_popcount(~(xk ^ w[m * words + k]));
    }
  }
  for (int m = 0; m < rows; m++) {
    acc[m] = a[m] - (32 * words - n);
  }
}

/* The output bit of a neuron: acc >= t ("ge") or acc <= t ("le"). */
static inline uint32_t bnn_fires(int32_t acc, int32_t t, uint8_t ge) {
  return ge ? acc >= t : acc <= t;
}

/* Collects output bit j in *bits and stores the word when it is full. */
static inline void bnn_put_bit(uint32_t *bits, uint32_t fires, int j, uint32_t *out) {
  *bits |= fires << (j % 32);
  if (j % 32 == 31) {
    out[j / 32] = *bits;
    *bits = 0;
  }
}

/* A hidden layer on 8-bit input: out (packed bits, BNN_WORDS(outputs) words) = thresholds of acc. */
static inline void bnn_dense_u8(const uint8_t *x, int n, const uint32_t *w, int outputs,
                                const int32_t *t, const uint8_t *ge, uint32_t *out) {
  const int words = BNN_WORDS(n);
  uint32_t planes[BNN_PLANES * BNN_WORDS(n)];
  const int32_t sum = bnn_bit_planes(x, n, planes);
  uint32_t bits = 0;
  int32_t dot[BNN_U8_ROWS];
  const int full = outputs - outputs % BNN_U8_ROWS;
  int j = 0;
  for (; j < full; j += BNN_U8_ROWS) {
    bnn_dot_planes(planes, words, w + j * words, BNN_U8_ROWS, dot);
    for (int m = 0; m < BNN_U8_ROWS; m++) {
      bnn_put_bit(&bits, bnn_fires(2 * dot[m] - sum, t[j + m], ge[j + m]), j + m, out);
    }
  }
  for (; j < outputs; j++) {
    bnn_dot_planes(planes, words, w + j * words, 1, dot);
    bnn_put_bit(&bits, bnn_fires(2 * dot[0] - sum, t[j], ge[j]), j, out);
  }
  if (outputs % 32 != 0) {
    out[outputs / 32] = bits;
  }
}

/* A hidden layer on bipolar input. */
static inline void bnn_dense_bipolar(const uint32_t *x, int n, const uint32_t *w, int outputs,
                                     const int32_t *t, const uint8_t *ge, uint32_t *out) {
  const int words = BNN_WORDS(n);
  uint32_t bits = 0;
  int32_t acc[BNN_BIPOLAR_ROWS];
  const int full = outputs - outputs % BNN_BIPOLAR_ROWS;
  int j = 0;
  for (; j < full; j += BNN_BIPOLAR_ROWS) {
    bnn_acc_bipolar(x, n, w + j * words, BNN_BIPOLAR_ROWS, acc);
    for (int m = 0; m < BNN_BIPOLAR_ROWS; m++) {
      bnn_put_bit(&bits, bnn_fires(acc[m], t[j + m], ge[j + m]), j + m, out);
    }
  }
  for (; j < outputs; j++) {
    bnn_acc_bipolar(x, n, w + j * words, 1, acc);
    bnn_put_bit(&bits, bnn_fires(acc[0], t[j], ge[j]), j, out);
  }
  if (outputs % 32 != 0) {
    out[outputs / 32] = bits;
  }
}

/* The scores layer: scores[c] = acc_c + bias[c]. */
static inline void bnn_scores_u8(const uint8_t *x, int n, const uint32_t *w, int classes,
                                 const int32_t *bias, int32_t *scores) {
  const int words = BNN_WORDS(n);
  uint32_t planes[BNN_PLANES * BNN_WORDS(n)];
  const int32_t sum = bnn_bit_planes(x, n, planes);
  int32_t dot[BNN_U8_ROWS];
  const int full = classes - classes % BNN_U8_ROWS;
  int c = 0;
  for (; c < full; c += BNN_U8_ROWS) {
    bnn_dot_planes(planes, words, w + c * words, BNN_U8_ROWS, dot);
    for (int m = 0; m < BNN_U8_ROWS; m++) {
      scores[c + m] = 2 * dot[m] - sum + bias[c + m];
    }
  }
  for (; c < classes; c++) {
    bnn_dot_planes(planes, words, w + c * words, 1, dot);
    scores[c] = 2 * dot[0] - sum + bias[c];
  }
}

static inline void bnn_scores_bipolar(const uint32_t *x, int n, const uint32_t *w, int classes,
                                      const int32_t *bias, int32_t *scores) {
  const int words = BNN_WORDS(n);
  int32_t acc[BNN_BIPOLAR_ROWS];
  const int full = classes - classes % BNN_BIPOLAR_ROWS;
  int c = 0;
  for (; c < full; c += BNN_BIPOLAR_ROWS) {
    bnn_acc_bipolar(x, n, w + c * words, BNN_BIPOLAR_ROWS, acc);
    for (int m = 0; m < BNN_BIPOLAR_ROWS; m++) {
      scores[c + m] = acc[m] + bias[c + m];
    }
  }
  for (; c < classes; c++) {
    bnn_acc_bipolar(x, n, w + c * words, 1, acc);
    scores[c] = acc[0] + bias[c];
  }
}

/* The class: the index of the largest score, the lowest index on ties. */
static inline int bnn_argmax(const int32_t *scores, int classes) {
  int best = 0;
  for (int c = 1; c < classes; c++) {
    if (scores[c] > scores[best]) {
      best = c;
    }
  }
  return best;
}

#endif
