/*
 * test-risk.c - the risk method, risk levels and acceptance, and the SoA:
 * how it is built, how it is checked and how versions compare.
 */
#include "unit.h"

#include "core/risk.h"
#include "core/soa.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

static void test_default_method(void **state)
{
	struct risk_method m;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	risk_method_default(&m);
	assert_int_equal(m.nlikelihood, 5);
	assert_int_equal(m.nimpact, 5);
	assert_string_equal(m.likelihood[4], "Almost certain");
	/* By likelihood x impact: 1-3 low, 4-6 medium, 8-12 high, 15-25 critical. */
	assert_int_equal(risk_method_level(&m, 1, 3), RISK_LOW);
	assert_int_equal(risk_method_level(&m, 2, 2), RISK_MEDIUM);
	assert_int_equal(risk_method_level(&m, 2, 3), RISK_MEDIUM);
	assert_int_equal(risk_method_level(&m, 2, 4), RISK_HIGH);
	assert_int_equal(risk_method_level(&m, 3, 4), RISK_HIGH);
	assert_int_equal(risk_method_level(&m, 3, 5), RISK_CRITICAL);
	assert_int_equal(risk_method_level(&m, 5, 5), RISK_CRITICAL);
	assert_int_equal(risk_method_level(&m, 0, 5), 0);
	assert_int_equal(risk_method_level(&m, 6, 1), 0);
	assert_int_equal(m.accept_max, RISK_MEDIUM);
	risk_matrix_format(&m, &sb);
	assert_string_equal(sb.buf, "11122/12233/12334/23344/23444");
	strbuf_release(&sb);
	risk_method_release(&m);
}

static void test_scales_and_matrix(void **state)
{
	struct risk_method m;
	struct strbuf sb = STRBUF_INIT;
	int v;

	(void)state;
	risk_method_default(&m);
	assert_ok(risk_scale_parse(&m, true, " Low , Medium,High ", ','));
	assert_int_equal(m.nlikelihood, 3);
	assert_string_equal(m.likelihood[0], "Low");
	assert_null(m.likelihood[3]);
	risk_scale_format(&m, true, '|', &sb);
	assert_string_equal(sb.buf, "Low|Medium|High");
	assert_fails(risk_scale_parse(&m, true, "One", ','), E_INVALID,
	             "at least 2 levels");
	assert_fails(risk_scale_parse(&m, false, "a,,b", ','), E_INVALID, "empty label");
	assert_fails(risk_scale_parse(&m, false, "a|b,c", ','), E_INVALID, "'|'");
	assert_fails(risk_scale_parse(&m, false, "1,2,3,4,5,6,7,8,9,10,11", ','),
	             E_INVALID, "more than 10");
	/* The failed parses left the scales as they were. */
	assert_int_equal(m.nlikelihood, 3);
	assert_int_equal(m.nimpact, 5);
	assert_fails(risk_matrix_parse(&m, "11122/12233"), E_INVALID, "2 rows");
	assert_fails(risk_matrix_parse(&m, "1112/12233/12334"), E_INVALID, "row 1 has 4");
	assert_fails(risk_matrix_parse(&m, "21122/12233/12334"), E_INVALID, "only rise");
	assert_fails(risk_matrix_parse(&m, "11122/11233/11332"), E_INVALID, "only rise");
	assert_fails(risk_matrix_parse(&m, "11122/12233/12335"), E_INVALID, "'5'");
	assert_ok(risk_matrix_parse(&m, "11223/22334/33444"));
	assert_int_equal(risk_method_level(&m, 3, 5), RISK_CRITICAL);
	assert_ok(risk_value_parse(&m, true, "likelihood", "3", &v));
	assert_int_equal(v, 3);
	assert_fails(risk_value_parse(&m, true, "likelihood", "4", &v), E_INVALID,
	             "from 1 to 3");
	assert_fails(risk_value_parse(&m, false, "impact", "2.5", &v), E_INVALID,
	             "whole number");
	assert_fails(risk_value_parse(&m, false, "impact", "", &v), E_INVALID,
	             "whole number");
	strbuf_release(&sb);
	risk_method_release(&m);
}

static void test_acceptance(void **state)
{
	struct risk r = { .id = 4, .owner = "Alice Smith" };

	(void)state;
	assert_ok(risk_accept_check(&r, "alice smith"));
	assert_fails(risk_accept_check(&r, "Bob"), E_CONFLICT,
	             "only the risk owner (Alice Smith) may accept risk R4, not Bob");
	r.owner = NULL;
	assert_fails(risk_accept_check(&r, "Bob"), E_CONFLICT, "has no owner");
}

/* A small catalogue of three controls for SoA tests. */
static const struct soa_control controls[] = {
	{ .ref = "A.5.1",
	  .title = "Policies",
	  .theme = "organizational",
	  .gap = GAP_CONFORMING },
	{ .ref = "A.7.4", .title = "Physical monitoring", .theme = "physical" },
	{ .ref = "A.8.8",
	  .title = "Vulnerabilities",
	  .theme = "technological",
	  .gap = GAP_NONCONFORMING },
};

static char *controls_of_r1[] = { "A.8.8" };

static void one_risk(struct risk_list *l, struct risk *r, struct risk_method *m)
{
	memset(r, 0, sizeof(*r));
	r->id = 1;
	r->title = "Breach";
	r->likelihood = r->residual_likelihood = 4;
	r->impact = r->residual_impact = 5;
	r->treatment = TREAT_MODIFY;
	r->controls = controls_of_r1;
	r->ncontrols = 1;
	risk_evaluate(r, m);
	*l = (struct risk_list){ .v = r, .n = 1 };
}

static bool has(const struct soa_problems *p, const char *code, const char *ref)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].code, code) && !strcmp(p->v[i].ref, ref))
			return true;
	return false;
}

static void test_soa_build_and_check(void **state)
{
	struct risk_method m;
	struct risk r;
	struct risk_list risks;
	struct soa_decision d = { .ref = "A.7.4", .applicable = 0, .status = -1 };
	struct soa_decision_list decisions = { .v = &d, .n = 1 };
	struct soa s, approved;
	struct soa_problems p;
	struct treatment_action act = {
		.id = 1, .risk_id = 1, .title = "Patch", .status = "open"
	};

	(void)state;
	risk_method_default(&m);
	one_risk(&risks, &r, &m);
	soa_build(controls, 3, &decisions, &risks, &s);
	assert_int_equal(s.n, 3);
	assert_true(s.v[0].applicable);
	assert_int_equal(s.v[0].status, SOA_IMPLEMENTED);
	assert_false(s.v[1].applicable);
	assert_int_equal(s.v[2].nrisks, 1);
	assert_string_equal(s.v[2].reason[SOA_REASON_RISK], "R1 Breach");
	assert_int_equal(s.v[2].status, SOA_NOT_IMPLEMENTED);
	soa_check(&s, &risks, &m, NULL, &p);
	assert_true(has(&p, "exclusion-unjustified", "A.7.4"));
	assert_true(has(&p, "not-implemented-untreated", "A.8.8"));
	assert_true(has(&p, "never-approved", ""));
	assert_false(has(&p, "risk-untreated", "R1"));
	assert_int_equal(soa_problems_blocking(&p), 2);
	soa_problems_release(&p);
	soa_release(&s);

	/* An open action of the risk plans its controls; a justified exclusion. */
	r.actions = &act;
	r.nactions = 1;
	d.exclusion = "No premises";
	soa_build(controls, 3, &decisions, &risks, &s);
	assert_int_equal(s.v[2].status, SOA_PLANNED);
	soa_build(controls, 3, &decisions, &risks, &approved);
	soa_check(&s, &risks, &m, &approved, &p);
	assert_int_equal(p.n, 0);
	soa_problems_release(&p);
	soa_release(&s);

	/* Excluding what a risk selects, and retaining above the criterion. */
	d.ref = "A.8.8";
	r.treatment = TREAT_RETAIN;
	soa_build(controls, 3, &decisions, &risks, &s);
	soa_check(&s, &risks, &m, &approved, &p);
	assert_true(has(&p, "excluded-but-selected", "A.8.8"));
	assert_true(has(&p, "retained-unaccepted", "R1"));
	assert_true(has(&p, "changed-since-approval", "A.7.4"));
	assert_true(has(&p, "changed-since-approval", "A.8.8"));
	soa_problems_release(&p);
	soa_release(&s);

	/* An untreated risk, and controls the catalogue lacks. */
	r.treatment = TREAT_MODIFY;
	r.nactions = 0;
	r.ncontrols = 0;
	r.other_controls = "see A.12.4.1 and A.5.1";
	soa_build(controls, 3, NULL, &risks, &s);
	soa_check(&s, &risks, &m, NULL, &p);
	assert_true(has(&p, "risk-untreated", "R1") == false); /* other controls count */
	assert_true(has(&p, "unknown-control", "A.12.4.1"));
	assert_false(has(&p, "unknown-control", "A.5.1"));
	soa_problems_release(&p);
	r.other_controls = NULL;
	soa_check(&s, &risks, &m, NULL, &p);
	assert_true(has(&p, "risk-untreated", "R1"));
	soa_problems_release(&p);
	soa_release(&s);
	soa_release(&approved);
	risk_method_release(&m);
}

static void test_soa_diff(void **state)
{
	struct soa a, b;
	struct soa_diff d;
	struct soa_decision dec = { .ref = "A.5.1",
		                    .applicable = 1,
		                    .status = SOA_PARTIAL,
		                    .override_reason = "Half the sites" };
	struct soa_decision_list decisions = { .v = &dec, .n = 1 };
	struct risk_list none = { 0 };
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	soa_build(controls, 3, NULL, &none, &a);
	soa_build(controls, 2, &decisions, &none, &b);
	soa_diff(&a, &b, &d);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].ref, "A.5.1");
	assert_int_equal(d.v[0].what, SOA_DIFF_STATUS);
	assert_string_equal(d.v[1].ref, "A.8.8");
	assert_int_equal(d.v[1].what, SOA_DIFF_REMOVED);
	soa_diff_describe(SOA_DIFF_APPLICABLE | SOA_DIFF_STATUS, &sb);
	assert_string_equal(sb.buf, "applicability, implementation status");
	strbuf_release(&sb);
	soa_diff_release(&d);
	soa_release(&a);
	soa_release(&b);
}

static void test_plan_text_ignores_progress(void **state)
{
	struct risk_method m;
	struct risk r;
	struct risk_list risks;
	struct treatment_action act = { .id = 1, .title = "Patch", .status = "open" };
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;

	(void)state;
	risk_method_default(&m);
	one_risk(&risks, &r, &m);
	r.actions = &act;
	r.nactions = 1;
	treatment_plan_text(&risks, &before);
	act.status = "done";
	r.accepted_by = "Alice";
	treatment_plan_text(&risks, &after);
	assert_string_equal(before.buf, after.buf);
	strbuf_reset(&after);
	act.due_on = "2027-01-01";
	treatment_plan_text(&risks, &after);
	assert_string_not_equal(before.buf, after.buf);
	strbuf_release(&before);
	strbuf_release(&after);
	risk_method_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_method),
		cmocka_unit_test(test_scales_and_matrix),
		cmocka_unit_test(test_acceptance),
		cmocka_unit_test(test_soa_build_and_check),
		cmocka_unit_test(test_soa_diff),
		cmocka_unit_test(test_plan_text_ignores_progress),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
