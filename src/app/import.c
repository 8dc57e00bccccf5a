/*
 * import.c - assets and risks from CSV files (spreadsheet exports).
 *
 * Each row is a call of app_asset_add() or app_risk_add() with the row's
 * cells as the options, so an imported record obeys exactly the rules of
 * one added by hand.  All rows go in one transaction: a file is imported
 * whole or not at all, and the first row that fails names its line.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/error.h"
#include "core/text.h"
#include "parse/csv.h"

#define IMPORT_COLS_MAX 16

_Static_assert(IMPORT_FILE_MAX <= CSV_FILE_MAX, "an import file must fit the parser");

/* A kind of record: its columns and how one row's cells are added. */
struct import_kind {
	const struct csv_column *cols;
	size_t ncols;
	/* cell[i] is the value of cols[i], NULL when not given. */
	int (*add)(struct store *st, const struct org *org, const char *const *cell);
};

/* ---- assets ---- */

enum {
	A_NAME,
	A_TYPE,
	A_OWNER,
	A_LOCATION,
	A_CLASSIFICATION,
	A_DESCRIPTION,
	A_CONFIDENTIALITY,
	A_INTEGRITY,
	A_AVAILABILITY,
	A_IN_SCOPE,
	A__COUNT
};

static const struct csv_column asset_cols[A__COUNT] = {
	[A_NAME] = { "name", true },
	[A_TYPE] = { "type", true },
	[A_OWNER] = { "owner", false },
	[A_LOCATION] = { "location", false },
	[A_CLASSIFICATION] = { "classification", false },
	[A_DESCRIPTION] = { "description", false },
	[A_CONFIDENTIALITY] = { "confidentiality", false },
	[A_INTEGRITY] = { "integrity", false },
	[A_AVAILABILITY] = { "availability", false },
	[A_IN_SCOPE] = { "in_scope", false },
};

static int asset_row(struct store *st, const struct org *org, const char *const *cell)
{
	const struct asset_update u = {
		.type = cell[A_TYPE],
		.owner = cell[A_OWNER],
		.location = cell[A_LOCATION],
		.classification = cell[A_CLASSIFICATION],
		.description = cell[A_DESCRIPTION],
		.confidentiality = cell[A_CONFIDENTIALITY],
		.integrity = cell[A_INTEGRITY],
		.availability = cell[A_AVAILABILITY],
		.in_scope = cell[A_IN_SCOPE],
	};

	return app_asset_add(st, org, cell[A_NAME], &u, NULL);
}

static const struct import_kind asset_kind = { asset_cols, A__COUNT, asset_row };

/* ---- risks ---- */

enum {
	R_TITLE,
	R_ASSETS,
	R_THREAT,
	R_VULNERABILITY,
	R_LIKELIHOOD,
	R_IMPACT,
	R_TREATMENT,
	R_CONSEQUENCE,
	R_CONTROLS,
	R_OTHER_CONTROLS,
	R_RESIDUAL_LIKELIHOOD,
	R_RESIDUAL_IMPACT,
	R_OWNER,
	R_REVIEW,
	R__COUNT
};

static const struct csv_column risk_cols[R__COUNT] = {
	[R_TITLE] = { "title", true },
	[R_ASSETS] = { "assets", true },
	[R_THREAT] = { "threat", true },
	[R_VULNERABILITY] = { "vulnerability", true },
	[R_LIKELIHOOD] = { "likelihood", true },
	[R_IMPACT] = { "impact", true },
	[R_TREATMENT] = { "treatment", true },
	[R_CONSEQUENCE] = { "consequence", false },
	[R_CONTROLS] = { "controls", false },
	[R_OTHER_CONTROLS] = { "other_controls", false },
	[R_RESIDUAL_LIKELIHOOD] = { "residual_likelihood", false },
	[R_RESIDUAL_IMPACT] = { "residual_impact", false },
	[R_OWNER] = { "owner", false },
	[R_REVIEW] = { "review", false },
};

static int risk_row(struct store *st, const struct org *org, const char *const *cell)
{
	const struct risk_update u = {
		.title = cell[R_TITLE],
		.assets = cell[R_ASSETS],
		.threat = cell[R_THREAT],
		.vulnerability = cell[R_VULNERABILITY],
		.consequence = cell[R_CONSEQUENCE],
		.likelihood = cell[R_LIKELIHOOD],
		.impact = cell[R_IMPACT],
		.treatment = cell[R_TREATMENT],
		.controls = cell[R_CONTROLS],
		.other_controls = cell[R_OTHER_CONTROLS],
		.residual_likelihood = cell[R_RESIDUAL_LIKELIHOOD],
		.residual_impact = cell[R_RESIDUAL_IMPACT],
		.owner = cell[R_OWNER],
		.review_on = cell[R_REVIEW],
	};

	return app_risk_add(st, org, &u, NULL);
}

static const struct import_kind risk_kind = { risk_cols, R__COUNT, risk_row };

/* ---- the import ---- */

/* Add one row: its cells by column, checked for the required ones. */
static int import_row(struct store *st, const struct org *org, const char *name,
                      const struct import_kind *k, const int *index,
                      const struct csv_row *row)
{
	const char *cell[IMPORT_COLS_MAX];
	int rc;

	for (size_t i = 0; i < k->ncols; i++) {
		const char *v = index[i] >= 0 ? row->fields[index[i]] : NULL;

		cell[i] = v && !text_blank(v) ? v : NULL;
		if (!cell[i] && k->cols[i].required)
			return error_set(E_INVALID,
			                 "%s:%zu: the required column '%s' is empty",
			                 name, row->line, k->cols[i].name);
	}
	rc = k->add(st, org, cell);
	if (rc)
		return error_wrap("%s:%zu", name, row->line);
	return 0;
}

static int import(struct store *st, const struct org *org, const char *name,
                  const char *buf, size_t len, const struct import_kind *k, size_t *count)
{
	struct csv_table t;
	int index[IMPORT_COLS_MAX];
	size_t rows = 0, n = 0;
	int rc;

	if (k->ncols > IMPORT_COLS_MAX)
		BUG("%zu import columns", k->ncols);
	*count = 0;
	rc = csv_table_parse(name, buf, len, &t);
	if (!rc && !t.n)
		rc = error_set(E_INVALID, "%s: no rows to import (the file is empty)",
		               name);
	if (!rc)
		rc = csv_header_map(name, &t.rows[0], k->cols, k->ncols, index);
	for (size_t r = 1; !rc && r < t.n; r++)
		rows += !csv_row_blank(&t.rows[r]);
	if (!rc && !rows)
		rc = error_set(E_INVALID, "%s: no rows to import (only a header)", name);
	if (!rc && !(rc = store_begin(st))) {
		for (size_t r = 1; !rc && r < t.n; r++) {
			if (csv_row_blank(&t.rows[r]))
				continue;
			rc = import_row(st, org, name, k, index, &t.rows[r]);
			n += !rc;
		}
		rc = store_end(st, rc);
	}
	csv_table_release(&t);
	if (!rc)
		*count = n;
	return rc;
}

int app_asset_import(struct store *st, const struct org *org, const char *name,
                     const char *buf, size_t len, size_t *count)
{
	return import(st, org, name, buf, len, &asset_kind, count);
}

int app_risk_import(struct store *st, const struct org *org, const char *name,
                    const char *buf, size_t len, size_t *count)
{
	return import(st, org, name, buf, len, &risk_kind, count);
}
