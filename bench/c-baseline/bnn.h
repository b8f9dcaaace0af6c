/*
 * A plain C implementation of a binarized MLP, written the way a firmware engineer would write it
 * (docs/il.md is the specification; the golden model is ir/.../golden/GoldenModel.java). It is the
 * baseline the generated RISC-V kernels are measured against: no blocking, no unrolling by hand,
 * just loops that GCC -O3 is free to optimize. The generated network.c holds the weights and calls
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
