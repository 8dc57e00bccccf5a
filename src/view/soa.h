/*
 * soa.h - the Statement of Applicability and the risk report as documents.
 *
 * The SoA exports as XLSX (what auditors open: one row per control, a
 * second sheet with the risk register), CSV, JSON, Markdown or a single
 * self-contained HTML file; the risk report as HTML, Markdown or JSON, with
 * SVG heat maps of inherent and residual risk and the treatment plan.
 *
 * Pure functions over what the app layer loaded, except the XLSX writer,
 * which writes the file it is given.  Stored text is escaped for the
 * format it lands in; in spreadsheets, text that a spreadsheet would read
 * as a formula (= + - @ first) is written as plain text.
 */
#ifndef ISMS_VIEW_SOA_H
#define ISMS_VIEW_SOA_H

#include <jansson.h>

#include "core/org.h"
#include "core/risk.h"
#include "core/soa.h"
#include "core/strbuf.h"

/* Everything the documents show; all borrowed. */
struct soa_doc {
	const struct org *org;
	const struct soa *soa;
	const struct risk_list *risks;
	const struct risk_method *method;
	const struct treatment_plan *plan;
	const struct soa_problems *problems;
	const struct soa_version *approved; /* newest approved, or NULL */
	const char *today;                  /* YYYY-MM-DD */
};

enum soa_format { SOA_XLSX, SOA_CSV, SOA_JSON, SOA_MD, SOA_HTML };

/* "xlsx", "csv", "json", "md", "html" */
int soa_format_parse(const char *s, enum soa_format *out);
const char *soa_format_name(enum soa_format f);

/* A text format of the SoA (not SOA_XLSX) appended to out. */
int soa_render(const struct soa_doc *d, enum soa_format f, struct strbuf *out);
/* The XLSX workbook written to path (created or replaced). */
int soa_render_xlsx(const struct soa_doc *d, const char *path);

/*
 * A row's cells as every SoA format words them, appended to out as plain
 * text (the caller escapes): the justification ("legal: ..." per line, or
 * "Excluded: ..."), the status (with " (override: reason)"), the risks
 * ("R1, R4") and the evidence (one per line).
 */
int soa_row_justification(const struct soa_row *r, struct strbuf *out);
int soa_row_status_text(const struct soa_row *r, struct strbuf *out);
int soa_row_risks_text(const struct soa_row *r, struct strbuf *out);
int soa_row_evidence_text(const struct soa_row *r, struct strbuf *out);

/* The risk report: REPORT-like formats md, html or json. */
enum risk_report_format { RISK_REPORT_MD, RISK_REPORT_HTML, RISK_REPORT_JSON };
int risk_report_format_parse(const char *s, enum risk_report_format *out);
int risk_report_render(const struct soa_doc *d, enum risk_report_format f,
                       struct strbuf *out);

/*
 * An SVG heat map (likelihood rows, impact columns, each cell coloured by
 * its level and showing how many risks sit there), residual or inherent.
 * The same drawing serves the HTML reports and the web pages.
 */
int risk_heatmap_svg(const struct risk_method *m, const struct risk_list *risks,
                     bool residual, struct strbuf *out);

/* ---- JSON shapes, shared by --json and the API ---- */
json_t *json_asset(const struct asset *a);
json_t *json_asset_list(const struct asset_list *l);
json_t *json_data_flow(const struct data_flow *f);
json_t *json_risk_method(const struct risk_method *m);
json_t *json_treatment_action(const struct treatment_action *t);
json_t *json_risk_method_history(const struct risk_method_history *h);
json_t *json_risk(const struct risk *r, const struct risk_method *m);
json_t *json_risk_list(const struct risk_list *l, const struct risk_method *m);
json_t *json_treatment_plan(const struct treatment_plan *p);
/* The plan's approval with every risk's treatment actions ("actions"). */
json_t *json_treatment_plan_actions(const struct treatment_plan *p,
                                    const struct risk_list *l);
/* {"imported": n} of an asset or risk import. */
json_t *json_imported(size_t n);
json_t *json_soa_row(const struct soa_row *r);
/* {"version":..., "controls":[...]} of a whole SoA document. */
json_t *json_soa(const struct soa_doc *d);
json_t *json_soa_problems(const struct soa_problems *p);
json_t *json_soa_diff(const struct soa_diff *d);
/* An approved version without its controls. */
json_t *json_soa_version(const struct soa_version *v);
/* {"updated": [refs]} of a change to several controls. */
json_t *json_soa_updated(const char *const *refs, size_t n);

#endif
