/*
 * hash.h - SHA-256 through OpenSSL's EVP interface, which uses the CPU's
 * SHA instructions where present.
 */
#ifndef ISMS_HASH_H
#define ISMS_HASH_H

#include <stddef.h>

#define SHA256_HEX_LEN 64

struct sha256_ctx;

struct sha256_ctx *sha256_new(void);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
/* Write the lower-case hex digest and a NUL to out, and free ctx. */
void sha256_final_hex(struct sha256_ctx *ctx, char out[SHA256_HEX_LEN + 1]);

/* One-shot digest of a buffer. */
void sha256_hex(const void *data, size_t len, char out[SHA256_HEX_LEN + 1]);

#endif
