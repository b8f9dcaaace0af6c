/* tiny_infer: the network 'tiny' lowered by brain-blitz for rv32im_xbnn. */
#ifndef TINY_INFER_H
#define TINY_INFER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TINY_INPUT_BYTES 4
#define TINY_CLASSES 2
#define TINY_STACK_BYTES 80

/*
 * Runs the network on one input and returns its class (the index of the largest score, the
 * lowest on ties); writes the 2 integer scores to scores[].
 * input: 5 bipolar elements packed little-endian into 32-bit words (element i is bit
 *   i mod 32 of word i / 32; unused high bits 0), 4-byte aligned.
 * Uses 80 bytes of stack and no other memory; reentrant. ISA: rv32im_xbnn.
 */
int tiny_infer(const uint8_t *input, int32_t *scores);

#ifdef __cplusplus
}
#endif

#endif /* TINY_INFER_H */
