/*
 * A plain C implementation of a binarized network (dense, conv2d, maxpool), written the way a
 * firmware engineer would write it (docs/il.md is the specification; the golden model is
 * ir/.../golden/GoldenModel.java). It is the baseline the generated RISC-V kernels are measured
 * against: no blocking, no unrolling by hand, just loops that GCC -O3 is free to optimize. The generated network.c holds the weights and calls
 * these functions layer by layer with constant sizes.
 *
 * Bits are packed as the IL packs them: element i is bit (i % 32) of word (i / 32); bit 1 = +1.
 */
#ifndef BNN_H
#define BNN_H

#include <stdint.h>

/* Words of a row of n bits. */
#define BNN_WORDS(n) (((n) + 31) / 32)

/* 8-bit input: acc = sum over i of (w_i ? +x_i : -x_i). */
static inline int32_t bnn_acc_u8(const uint8_t *x, int n, const uint32_t *w) {
  int32_t acc = 0;
  for (int i = 0; i < n; i++) {
    if ((w[i / 32] >> (i % 32)) & 1) {
      acc += x[i];
    } else {
      acc -= x[i];
    }
  }
  return acc;
}

/*
 * Bipolar input: acc = the number of the n valid positions where x and w agree. The padding bits
 * of the last word are 0 in both, so they agree: subtract them once.
 */
static inline int32_t bnn_acc_bipolar(const uint32_t *x, int n, const uint32_t *w) {
  int32_t acc = 0;
  for (int k = 0; k < BNN_WORDS(n); k++) {
    acc += __builtin_popcount(~(x[k] ^ w[k]));
  }
  return acc - (32 * BNN_WORDS(n) - n);
}

/* The output bit of a neuron: acc >= t ("ge") or acc <= t ("le"). */
static inline uint32_t bnn_fires(int32_t acc, int32_t t, uint8_t ge) {
  return ge ? acc >= t : acc <= t;
}

/* A hidden layer on 8-bit input: out (packed bits, BNN_WORDS(outputs) words) = thresholds of acc. */
static inline void bnn_dense_u8(const uint8_t *x, int n, const uint32_t *w, int outputs,
                                const int32_t *t, const uint8_t *ge, uint32_t *out) {
  for (int k = 0; k < BNN_WORDS(outputs); k++) {
    out[k] = 0;
  }
  for (int j = 0; j < outputs; j++) {
    int32_t acc = bnn_acc_u8(x, n, w + j * BNN_WORDS(n));
    out[j / 32] |= bnn_fires(acc, t[j], ge[j]) << (j % 32);
  }
}

/* A hidden layer on bipolar input. */
static inline void bnn_dense_bipolar(const uint32_t *x, int n, const uint32_t *w, int outputs,
                                     const int32_t *t, const uint8_t *ge, uint32_t *out) {
  for (int k = 0; k < BNN_WORDS(outputs); k++) {
    out[k] = 0;
  }
  for (int j = 0; j < outputs; j++) {
    int32_t acc = bnn_acc_bipolar(x, n, w + j * BNN_WORDS(n));
    out[j / 32] |= bnn_fires(acc, t[j], ge[j]) << (j % 32);
  }
}

/* The scores layer: scores[c] = acc_c + bias[c]. */
static inline void bnn_scores_u8(const uint8_t *x, int n, const uint32_t *w, int classes,
                                 const int32_t *bias, int32_t *scores) {
  for (int c = 0; c < classes; c++) {
    scores[c] = bnn_acc_u8(x, n, w + c * BNN_WORDS(n)) + bias[c];
  }
}

static inline void bnn_scores_bipolar(const uint32_t *x, int n, const uint32_t *w, int classes,
                                      const int32_t *bias, int32_t *scores) {
  for (int c = 0; c < classes; c++) {
    scores[c] = bnn_acc_bipolar(x, n, w + c * BNN_WORDS(n)) + bias[c];
  }
}

/*
 * Convolutional layers (docs/il.md, "Convolutional layers"). A feature map is packed like a vector:
 * element (y, x, c) of an h x w x c map is element (y * w + x) * c + c, so flatten is no code.
 * Output pixel (oy, ox) reads, for tap (ky, kx), input pixel (oy * s + ky - pad, ox * s + kx - pad);
 * outside the image every channel holds the pad element pad_value. Weights: one row per output
 * channel, column (ky * k + kx) * c + ch.
 */

/* Bit i of packed bits. */
static inline uint32_t bnn_bit(const uint32_t *x, int i) {
  return (x[i / 32] >> (i % 32)) & 1;
}

/* A conv2d on the 8-bit image x (h x w x c): out (packed oh x ow x outputs bits) = thresholds of acc. */
static inline void bnn_conv_u8(const uint8_t *x, int h, int w, int c, int k, int s, int pad, int pad_value,
                               const uint32_t *weights, int outputs, int oh, int ow, const int32_t *t,
                               const uint8_t *ge, uint32_t *out) {
  const int n = k * k * c;
  for (int i = 0; i < BNN_WORDS(oh * ow * outputs); i++) {
    out[i] = 0;
  }
  for (int oy = 0; oy < oh; oy++) {
    for (int ox = 0; ox < ow; ox++) {
      for (int o = 0; o < outputs; o++) {
        int32_t acc = 0;
        for (int ky = 0; ky < k; ky++) {
          for (int kx = 0; kx < k; kx++) {
            int y = oy * s + ky - pad, xx = ox * s + kx - pad;
            for (int ch = 0; ch < c; ch++) {
              int32_t v = y >= 0 && y < h && xx >= 0 && xx < w ? x[(y * w + xx) * c + ch] : pad_value;
              acc += bnn_bit(weights + o * BNN_WORDS(n), (ky * k + kx) * c + ch) ? v : -v;
            }
          }
        }
        int j = (oy * ow + ox) * outputs + o;
        out[j / 32] |= bnn_fires(acc, t[o], ge[o]) << (j % 32);
      }
    }
  }
}

/* A conv2d on a bipolar map: acc = the number of window positions (padded ones included) where x and w agree. */
static inline void bnn_conv_bipolar(const uint32_t *x, int h, int w, int c, int k, int s, int pad, int pad_value,
                                    const uint32_t *weights, int outputs, int oh, int ow, const int32_t *t,
                                    const uint8_t *ge, uint32_t *out) {
  const int n = k * k * c;
  for (int i = 0; i < BNN_WORDS(oh * ow * outputs); i++) {
    out[i] = 0;
  }
  for (int oy = 0; oy < oh; oy++) {
    for (int ox = 0; ox < ow; ox++) {
      for (int o = 0; o < outputs; o++) {
        int32_t acc = 0;
        for (int ky = 0; ky < k; ky++) {
          for (int kx = 0; kx < k; kx++) {
            int y = oy * s + ky - pad, xx = ox * s + kx - pad;
            for (int ch = 0; ch < c; ch++) {
              uint32_t v = y >= 0 && y < h && xx >= 0 && xx < w ? bnn_bit(x, (y * w + xx) * c + ch) : pad_value > 0;
              acc += v == bnn_bit(weights + o * BNN_WORDS(n), (ky * k + kx) * c + ch);
            }
          }
        }
        int j = (oy * ow + ox) * outputs + o;
        out[j / 32] |= bnn_fires(acc, t[o], ge[o]) << (j % 32);
      }
    }
  }
}

/* A max-pool of k x k windows, stride k, of the h x w x c bit map x: the OR of each window's bits. */
static inline void bnn_maxpool(const uint32_t *x, int h, int w, int c, int k, uint32_t *out) {
  const int oh = h / k, ow = w / k;
  for (int i = 0; i < BNN_WORDS(oh * ow * c); i++) {
    out[i] = 0;
  }
  for (int oy = 0; oy < oh; oy++) {
    for (int ox = 0; ox < ow; ox++) {
      for (int ch = 0; ch < c; ch++) {
        uint32_t v = 0;
        for (int ky = 0; ky < k; ky++) {
          for (int kx = 0; kx < k; kx++) {
            v |= bnn_bit(x, ((oy * k + ky) * w + ox * k + kx) * c + ch);
          }
        }
        int j = (oy * ow + ox) * c + ch;
        out[j / 32] |= v << (j % 32);
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
