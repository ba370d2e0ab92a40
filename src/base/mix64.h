/* mix64: MurmurHash3's 64-bit finaliser, which spreads every bit of a key
 * over the whole word.
 *
 * Consumes a 64-bit value; produces its mix (a bijection, so 0 stays 0).
 * Shared by the word list's index (lexindex.c, hashing the text files it
 * was made from) and the near-miss tables (nearmiss.c, a fingerprint of
 * their layout). */
#ifndef RL_MIX64_H
#define RL_MIX64_H

#include <stdint.h>

static inline uint64_t mix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  k ^= k >> 33;
  return k;
}

#endif
