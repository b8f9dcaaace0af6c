/* Freestanding support for the bench/riscv C programs: output through the write system call,
   the few library functions GCC may call on its own, and a small random number generator.
   Written for brain-blitz; no C library is needed (the programs link with -nostdlib). */
#ifndef SUPPORT_H
#define SUPPORT_H

#include <stddef.h>
#include <stdint.h>

void put_char(int c);
void put_str(const char *s);
void put_uint(uint32_t value);
void put_int(int32_t value);
void put_hex(uint32_t value);
void put_line(const char *label, uint32_t value);
void flush_output(void);

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
char *strcpy(char *dst, const char *src);

/* xorshift32: a deterministic sequence, the same on every target. */
static inline uint32_t next_random(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

#endif
