/*
 * log.h - what the change log and its verification look like outside,
 * shared by the command line's --json ('isms log', 'isms verify') and the
 * HTTP API.  Each function returns a new reference.
 */
#ifndef ISMS_VIEW_LOG_H
#define ISMS_VIEW_LOG_H

#include <jansson.h>

#include "app/app.h"

/*
 * One block: {block, at, actor, entries, sha256, changes}; "changes" is
 * an empty array for the block's entries (json_log_entry) to go into.
 */
json_t *json_log_block(const struct store_log_block *b);
/* One entry: {id, table, op, key, before, after}, the images as objects
 * (null when none). */
json_t *json_log_entry(const struct store_log_entry *e);
/*
 * What verify found: {ok, blocks, entries, records, blobs, head,
 * problems_total, problems: [{kind, message, table, key, block}]}.
 */
json_t *json_verify_report(const struct verify_report *r);

#endif
