/* See support.h. Compiled like the programs; GCC must not turn these loops back into calls to
   themselves, so the Makefile and the tests add -fno-builtin -fno-tree-loop-distribute-patterns. */
#include "support.h"

static long system_call(long number, long a0, long a1, long a2) {
  register long r0 __asm__("a0") = a0;
  register long r1 __asm__("a1") = a1;
  register long r2 __asm__("a2") = a2;
  register long r7 __asm__("a7") = number;
  __asm__ volatile("ecall" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
  return r0;
}

static char buffer[256];
static unsigned used;

void flush_output(void) {
  if (used > 0) {
    system_call(64, 1, (long) buffer, used);
    used = 0;
  }
}

void put_char(int c) {
  buffer[used++] = (char) c;
  if (used == sizeof buffer || c == '\n') {
    flush_output();
  }
}

void put_str(const char *s) {
  while (*s) {
    put_char(*s++);
  }
}

void put_uint(uint32_t value) {
  char digits[10];
  int n = 0;
  do {
    digits[n++] = (char) ('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) {
    put_char(digits[--n]);
  }
}

void put_int(int32_t value) {
  if (value < 0) {
    put_char('-');
    put_uint(0u - (uint32_t) value);
  } else {
    put_uint((uint32_t) value);
  }
}

void put_hex(uint32_t value) {
  put_str("0x");
  for (int shift = 28; shift >= 0; shift -= 4) {
    put_char("0123456789abcdef"[(value >> shift) & 15]);
  }
}

void put_line(const char *label, uint32_t value) {
  put_str(label);
  put_str(": ");
  put_uint(value);
  put_str(" (");
  put_hex(value);
  put_str(")\n");
}

/* Called by crt0.S with main's result: flush, then exit through the exit system call. */
void finish(int status) {
  flush_output();
  system_call(93, status, 0, 0);
  for (;;) {
  }
}

void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  while (n--) {
    *d++ = *s++;
  }
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (d < s) {
    while (n--) {
      *d++ = *s++;
    }
  } else {
    while (n--) {
      d[n] = s[n];
    }
  }
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  unsigned char *d = dst;
  while (n--) {
    *d++ = (unsigned char) c;
  }
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a;
  const unsigned char *y = b;
  for (; n--; x++, y++) {
    if (*x != *y) {
      return *x - *y;
    }
  }
  return 0;
}

size_t strlen(const char *s) {
  size_t n = 0;
  while (s[n]) {
    n++;
  }
  return n;
}

int strcmp(const char *a, const char *b) {
  while (*a && *a == *b) {
    a++;
    b++;
  }
  return (unsigned char) *a - (unsigned char) *b;
}

char *strcpy(char *dst, const char *src) {
  char *d = dst;
  while ((*d++ = *src++) != 0) {
  }
  return dst;
}

/* What GCC calls for the bit builtins when the target has no Zbb. */
int __popcountsi2(unsigned x) {
  int n = 0;
  for (; x; x &= x - 1) {
    n++;
  }
  return n;
}

int __clzsi2(unsigned x) {
  int n = 0;
  for (unsigned bit = 0x80000000u; bit && !(x & bit); bit >>= 1) {
    n++;
  }
  return n;
}

int __ctzsi2(unsigned x) {
  int n = 0;
  for (unsigned bit = 1; bit && !(x & bit); bit <<= 1) {
    n++;
  }
  return n;
}

unsigned __bswapsi2(unsigned x) {
  return x >> 24 | (x >> 8 & 0xff00) | (x << 8 & 0xff0000) | x << 24;
}
