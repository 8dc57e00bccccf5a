/*
 * fuzz-risk-method.c - libFuzzer target for what a user types to change
 * the risk method (scale labels and the level matrix) and to rate a risk.
 * Whatever parses must keep its promises: scales of 2..10 labels, a
 * matrix of levels 1..4 that never falls as likelihood or impact rises.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/risk.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_matrix(const struct risk_method *m)
{
	for (int l = 1; l <= m->nlikelihood; l++)
		for (int i = 1; i <= m->nimpact; i++) {
			int v = risk_method_level(m, l, i);

			if (v < RISK_LOW || v > RISK_CRITICAL)
				abort();
			if ((l > 1 && v < risk_method_level(m, l - 1, i)) ||
			    (i > 1 && v < risk_method_level(m, l, i - 1)))
				abort();
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct risk_method m;
	struct strbuf sb = STRBUF_INIT;
	char *s = xmalloc(size + 1);
	int v;

	memcpy(s, data, size);
	s[size] = '\0';
	risk_method_default(&m);
	if (risk_scale_parse(&m, true, s, ',') == 0) {
		if (m.nlikelihood < 2 || m.nlikelihood > RISK_SCALE_MAX)
			abort();
		/* Stored and read back, the labels are the same. */
		risk_scale_format(&m, true, '|', &sb);
		if (risk_scale_parse(&m, true, sb.buf, '|'))
			abort();
		risk_matrix_default(&m);
		check_matrix(&m);
	}
	if (risk_matrix_parse(&m, s) == 0) {
		check_matrix(&m);
		strbuf_reset(&sb);
		risk_matrix_format(&m, &sb);
		if (strcmp(sb.buf, s))
			abort();
	}
	if (risk_value_parse(&m, false, "impact", s, &v) == 0 && (v < 1 || v > m.nimpact))
		abort();
	strbuf_release(&sb);
	risk_method_release(&m);
	free(s);
	return 0;
}
