/*
 * cert.c - the certification record, its cycle, the seven steps and the
 * readiness gates (cert.h).  The calendar's events are in calendar.c.
 */
#include "cert.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "text.h"
#include "xalloc.h"

void certification_release(struct certification *c)
{
	free(c->body);
	free(c->stage1_on);
	free(c->stage2_on);
	free(c->golive_on);
	free(c->number);
	free(c->issued_on);
	free(c->expires_on);
	free(c->surveillance1_on);
	free(c->surveillance2_on);
	free(c->recertification_on);
	free(c->updated_at);
	memset(c, 0, sizeof(*c));
}
