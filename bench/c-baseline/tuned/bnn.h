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
 *  - the threshold's output bits are collected in a register and stored once per 32 neurons;
 *  - conv2d: per output pixel the window is gathered into a vector and the dense loops run on it.
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

/*
 * Convolutional layers (docs/il.md): maps packed like vectors, element (y, x, ch) of an h x w x c
 * map at bit (y * w + x) * c + ch, so flatten is no code. Per output pixel the window is gathered
 * into a small vector in the weights' column order ((ky * k + kx) * c + ch; bytes for an 8-bit
 * image, whole words per tap when c is a multiple of 32) and the dense loops above run on it over
 * all output channels; their bits go to the pixel's place in out.
 */

/* ORs the low `count` (1..32) bits of v into out from bit pos on. */
static inline void bnn_or_bits(uint32_t *out, int pos, uint32_t v, int count) {
  if (count < 32) {
    v &= (1u << count) - 1;
  }
  out[pos / 32] |= v << (pos % 32);
  if (pos % 32 != 0 && pos % 32 + count > 32) {
    out[pos / 32 + 1] |= v >> (32 - pos % 32);
  }
}

/* Copies `count` bits of x from bit from on into out (zeroed) from bit to on. */
static inline void bnn_copy_bits(const uint32_t *x, int from, int last_word, uint32_t *out, int to, int count) {
  for (int i = 0; i < count; i += 32) {
    int bits = count - i < 32 ? count - i : 32;
    int pos = from + i;
    uint32_t v = x[pos / 32] >> (pos % 32);
    if (pos % 32 != 0 && pos % 32 + bits > 32 && pos / 32 < last_word) {
      v |= x[pos / 32 + 1] << (32 - pos % 32);
    }
    bnn_or_bits(out, to + i, v, bits);
  }
}

/* The output bits of one pixel (`outputs` bits in bits[]) into out from bit pos on. */
static inline void bnn_put_pixel(const uint32_t *bits, int outputs, uint32_t *out, int pos) {
  if (pos % 32 == 0 && outputs % 32 == 0) {
    for (int i = 0; i < outputs / 32; i++) {
      out[pos / 32 + i] = bits[i];
    }
    return;
  }
  for (int i = 0; i < outputs; i += 32) {
    bnn_or_bits(out, pos + i, bits[i / 32], outputs - i < 32 ? outputs - i : 32);
  }
}

static inline void bnn_conv_u8(const uint8_t *x, int h, int w, int c, int k, int s, int pad, int pad_value,
                               const uint32_t *weights, int outputs, int oh, int ow, const int32_t *t,
                               const uint8_t *ge, uint32_t *out) {
  const int n = k * k * c;
  uint8_t window[n];
  uint32_t bits[BNN_WORDS(outputs)];
  for (int i = 0; i < BNN_WORDS(oh * ow * outputs); i++) {
    out[i] = 0;
  }
  for (int oy = 0; oy < oh; oy++) {
    for (int ox = 0; ox < ow; ox++) {
      for (int ky = 0; ky < k; ky++) {
        int y = oy * s + ky - pad;
        for (int kx = 0; kx < k; kx++) {
          int xx = ox * s + kx - pad;
          uint8_t *dst = window + (ky * k + kx) * c;
          if (y >= 0 && y < h && xx >= 0 && xx < w) {
            const uint8_t *src = x + (y * w + xx) * c;
            for (int ch = 0; ch < c; ch++) {
              dst[ch] = src[ch];
            }
          } else {
            for (int ch = 0; ch < c; ch++) {
              dst[ch] = (uint8_t)pad_value;
            }
          }
        }
      }
      bnn_dense_u8(window, n, weights, outputs, t, ge, bits);
      bnn_put_pixel(bits, outputs, out, (oy * ow + ox) * outputs);
    }
  }
}

static inline void bnn_conv_bipolar(const uint32_t *x, int h, int w, int c, int k, int s, int pad, int pad_value,
                                    const uint32_t *weights, int outputs, int oh, int ow, const int32_t *t,
                                    const uint8_t *ge, uint32_t *out) {
  const int n = k * k * c;
  const int last_word = (h * w * c - 1) / 32;
  uint32_t window[BNN_WORDS(n)];
  uint32_t bits[BNN_WORDS(outputs)];
  for (int i = 0; i < BNN_WORDS(oh * ow * outputs); i++) {
    out[i] = 0;
  }
  for (int oy = 0; oy < oh; oy++) {
    for (int ox = 0; ox < ow; ox++) {
      if (c % 32 == 0) {
        /* Whole words per tap: copies, no shifts. */
        for (int ky = 0; ky < k; ky++) {
          int y = oy * s + ky - pad;
          for (int kx = 0; kx < k; kx++) {
            int xx = ox * s + kx - pad;
            uint32_t *dst = window + (ky * k + kx) * (c / 32);
            int inside = y >= 0 && y < h && xx >= 0 && xx < w;
            for (int i = 0; i < c / 32; i++) {
              dst[i] = inside ? x[(y * w + xx) * (c / 32) + i] : pad_value > 0 ? ~0u : 0;
            }
          }
        }
      } else {
        for (int i = 0; i < BNN_WORDS(n); i++) {
          window[i] = 0;
        }
        for (int ky = 0; ky < k; ky++) {
          int y = oy * s + ky - pad;
          for (int kx = 0; kx < k; kx++) {
            int xx = ox * s + kx - pad;
            int to = (ky * k + kx) * c;
            if (y >= 0 && y < h && xx >= 0 && xx < w) {
              bnn_copy_bits(x, (y * w + xx) * c, last_word, window, to, c);
            } else if (pad_value > 0) {
              for (int i = 0; i < c; i += 32) {
                bnn_or_bits(window, to + i, ~0u, c - i < 32 ? c - i : 32);
              }
            }
          }
        }
      }
      bnn_dense_bipolar(window, n, weights, outputs, t, ge, bits);
      bnn_put_pixel(bits, outputs, out, (oy * ow + ox) * outputs);
    }
  }
}

/* A max-pool of k x k windows, stride k: the OR of each window's bits (whole words when c allows). */
static inline void bnn_maxpool(const uint32_t *x, int h, int w, int c, int k, uint32_t *out) {
  const int oh = h / k, ow = w / k;
  const int last_word = (h * w * c - 1) / 32;
  for (int i = 0; i < BNN_WORDS(oh * ow * c); i++) {
    out[i] = 0;
  }
  for (int oy = 0; oy < oh; oy++) {
    for (int ox = 0; ox < ow; ox++) {
      for (int i = 0; i < c; i += 32) {
        int bits = c - i < 32 ? c - i : 32;
        uint32_t v = 0;
        for (int ky = 0; ky < k; ky++) {
          for (int kx = 0; kx < k; kx++) {
            int pos = ((oy * k + ky) * w + ox * k + kx) * c + i;
            uint32_t word = x[pos / 32] >> (pos % 32);
            if (pos % 32 != 0 && pos % 32 + bits > 32 && pos / 32 < last_word) {
              word |= x[pos / 32 + 1] << (32 - pos % 32);
            }
            v |= word;
          }
        }
        bnn_or_bits(out, (oy * ow + ox) * c + i, v, bits);
      }
    }
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
