#include "hash.h"

#include <openssl/evp.h>

#include "error.h"

struct sha256_ctx *sha256_new(void)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	if (!md || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1)
		BUG("cannot initialise SHA-256");
	/* The context is the EVP one; the wrapper type keeps OpenSSL out of
	 * every other header. */
	return (struct sha256_ctx *)md;
}

void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len)
{
	if (len && EVP_DigestUpdate((EVP_MD_CTX *)ctx, data, len) != 1)
		BUG("SHA-256 update failed");
}

void sha256_final_hex(struct sha256_ctx *ctx, char out[SHA256_HEX_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_DigestFinal_ex((EVP_MD_CTX *)ctx, md, &n) != 1 || n != 32)
		BUG("SHA-256 final failed");
	EVP_MD_CTX_free((EVP_MD_CTX *)ctx);
	for (unsigned int i = 0; i < n; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[SHA256_HEX_LEN] = '\0';
}

void sha256_hex(const void *data, size_t len, char out[SHA256_HEX_LEN + 1])
{
	struct sha256_ctx *ctx = sha256_new();

	sha256_update(ctx, data, len);
	sha256_final_hex(ctx, out);
}
