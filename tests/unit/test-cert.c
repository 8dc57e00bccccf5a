/*
 * test-cert.c - the certification lifecycle's rules: the record's date
 * order, the derived cycle, each readiness gate failing and passing, the
 * seven steps, and the calendar's windows, order and UIDs.
 */
#include "unit.h"

#include "core/cert.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

static void test_months(void **state)
{
	char out[11];

	(void)state;
	date_add_months("2025-01-31", 1, out);
	assert_string_equal(out, "2025-02-28");
	date_add_months("2024-01-31", 1, out);
	assert_string_equal(out, "2024-02-29");
	date_add_months("2026-12-01", 3, out);
	assert_string_equal(out, "2027-03-01");
	date_add_months("2027-03-01", -12, out);
	assert_string_equal(out, "2026-03-01");
	date_add_months("2027-01-15", -3, out);
	assert_string_equal(out, "2026-10-15");
}

static void test_record_order(void **state)
{
	struct certification c = { 0 };

	(void)state;
	assert_ok(cert_check(&c));
	c.stage1_on = "2027-03-01";
	c.stage2_on = "2027-02-01";
	assert_fails(cert_check(&c), E_INVALID,
	             "Stage 2 (2027-02-01) cannot come before Stage 1");
	c.stage2_on = "2027-04-01";
	assert_ok(cert_check(&c));
	c.issued_on = "2027-05-01";
	c.expires_on = "2027-04-30";
	assert_fails(cert_check(&c), E_INVALID,
	             "cannot expire (2027-04-30) before it is issued");
	c.expires_on = "2027-05-01";
	assert_fails(cert_check(&c), E_INVALID, "cannot expire");
	c.expires_on = "2030-06-01";
	assert_fails(cert_check(&c), E_INVALID, "at most 3 years");
	c.expires_on = "2030-05-01"; /* a day longer than three years less a day */
	assert_fails(cert_check(&c), E_INVALID, "expires by 2030-04-30");
	c.expires_on = "2030-04-30";
	assert_ok(cert_check(&c));
	c.issued_on = "2027-03-15";
	assert_fails(cert_check(&c), E_INVALID, "before Stage 2");
	c.issued_on = "2027-05-01";
	c.surveillance1_on = "2027-04-15";
	assert_fails(cert_check(&c), E_INVALID, "first surveillance audit");
	c.surveillance1_on = "2028-04-15";
	c.surveillance2_on = "2028-01-01";
	assert_fails(cert_check(&c), E_INVALID, "second surveillance audit");
	c.surveillance2_on = "2029-04-15";
	c.recertification_on = "2030-06-01";
	assert_fails(cert_check(&c), E_INVALID, "expiry");
	c.recertification_on = "2030-01-15";
	assert_ok(cert_check(&c));
	c.golive_on = "2026-02-30";
	assert_fails(cert_check(&c), E_INVALID, "go-live");
}

static void test_cycle(void **state)
{
	struct certification c = { 0 };
	struct cert_cycle cy;

	(void)state;
	cert_cycle(&c, &cy);
	assert_string_equal(cy.expires_on, "");
	assert_string_equal(cy.surveillance1_on, "");
	c.stage2_on = "2027-04-01";
	cert_cycle(&c, &cy);
	assert_string_equal(cy.base, "2027-04-01");
	assert_string_equal(cy.expires_on, "2030-03-31");
	assert_string_equal(cy.surveillance1_on, "2028-04-01");
	assert_string_equal(cy.surveillance2_on, "2029-04-01");
	assert_string_equal(cy.recertification_on, "2029-12-31");
	assert_true(cy.derived_expiry && cy.derived_s1 && cy.derived_s2 &&
	            cy.derived_recert);
	c.issued_on = "2027-05-10";
	c.surveillance1_on = "2028-03-01";
	cert_cycle(&c, &cy);
	assert_string_equal(cy.expires_on, "2030-05-09");
	assert_string_equal(cy.surveillance1_on, "2028-03-01");
	assert_false(cy.derived_s1);
	assert_true(cert_certified(&c, "2027-05-10"));
	/* A short recorded certificate leaves no derived audit outside it. */
	{
		struct certification t = { .issued_on = "2026-11-23",
			                   .expires_on = "2026-11-30" };

		cert_cycle(&t, &cy);
		assert_string_equal(cy.surveillance1_on, "");
		assert_string_equal(cy.surveillance2_on, "");
		assert_string_equal(cy.recertification_on, "");
		t.expires_on = "2028-05-22";
		cert_cycle(&t, &cy);
		assert_string_equal(cy.surveillance1_on, "2027-11-23");
		assert_string_equal(cy.surveillance2_on, "");
		assert_string_equal(cy.recertification_on, "2028-02-22");
	}
	assert_false(cert_certified(&c, "2027-05-09"));
	assert_false(cert_certified(&c, "2030-05-10"));
}

/* ---- a fixture where every Stage 1 gate passes ---- */

struct fixture {
	struct certification cert;
	char *tested[2];
	struct cert_audit audit;
	const char *required[2];
	struct review review;
	struct review_list reviews;
	struct capa capa;
	struct capa_list capas;
	struct risk risk;
	struct risk_list risks;
	struct cert_evidence evidence;
	struct cert_facts f;
};

static void fixture(struct fixture *x)
{
	memset(x, 0, sizeof(*x));
	x->cert.body = "Certifiers Ltd";
	x->cert.stage1_on = "2027-03-01";
	x->cert.stage2_on = "2027-04-01";
	x->cert.golive_on = "2026-06-01";
	x->tested[0] = "4.1";
	x->tested[1] = "A.5.1";
	x->audit = (struct cert_audit){ .id = 1,
		                        .title = "Whole ISMS",
		                        .start_on = "2026-11-01",
		                        .end_on = "2026-11-05",
		                        .closed_on = "2026-11-10",
		                        .done = true,
		                        .tested = x->tested,
		                        .ntested = 2 };
	x->required[0] = "4.1";
	x->required[1] = "A.5.1";
	x->review = (struct review){
		.id = 1, .title = "MR", .held_on = "2026-11-20", .final = true
	};
	x->reviews = (struct review_list){ .v = &x->review, .n = 1 };
	x->capa = (struct capa){ .id = 1,
		                 .ref = "A.5.1",
		                 .severity = RESULT_MAJOR,
		                 .status = CAPA_IMPLEMENTED,
		                 .due_on = "2026-12-15" };
	x->capas = (struct capa_list){ .v = &x->capa, .n = 1 };
	x->risk = (struct risk){ .id = 1, .owner = "Ann", .accepted_by = "Ann" };
	x->risks = (struct risk_list){ .v = &x->risk, .n = 1 };
	x->evidence = (struct cert_evidence){ .title = "Policy",
		                              .sha256 = "ab",
		                              .ref = "A.5.1",
		                              .valid_until = "2027-06-01" };
	x->f = (struct cert_facts){ .today = "2026-12-01",
		                    .cert = &x->cert,
		                    .gap_id = 1,
		                    .gap_name = "Baseline",
		                    .gap_on = "2026-01-15",
		                    .audits = &x->audit,
		                    .naudits = 1,
		                    .required = x->required,
		                    .nrequired = 2,
		                    .reviews = &x->reviews,
		                    .capas = &x->capas,
		                    .soa_version = 1,
		                    .soa_approved_on = "2026-11-25",
		                    .plan_approved = true,
		                    .risks = &x->risks,
		                    .evidence = &x->evidence,
		                    .nevidence = 1 };
}

static const struct cert_gate *find_gate(const struct cert_readiness *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].name, name))
			return &r->v[i];
	return NULL;
}

/*
 * Judge the stage and check that exactly `failing` fails (NULL: none),
 * with `part` in its reason.
 */
static void expect(const struct fixture *x, int stage, const char *failing,
                   const char *part)
{
	struct cert_readiness r;

	assert_ok(cert_readiness(&x->f, stage, &r));
	for (size_t i = 0; i < r.n; i++) {
		bool should_fail = failing && !strcmp(r.v[i].name, failing);

		if (r.v[i].passed == should_fail)
			fail_msg("stage %d gate %s: passed=%d (%s)", stage, r.v[i].name,
			         r.v[i].passed, r.v[i].reason);
		if (should_fail) {
			assert_non_null(r.v[i].fix);
			if (part && !strstr(r.v[i].reason, part))
				fail_msg("gate %s: '%s' lacks '%s'", failing,
				         r.v[i].reason, part);
		} else {
			assert_null(r.v[i].fix);
		}
	}
	if (failing)
		assert_non_null(find_gate(&r, failing));
	assert_int_equal(r.ready, failing == NULL);
	cert_readiness_release(&r);
}

/* Only that the gate fails with `part` (a cause may fail later gates too). */
static void gate_fails(const struct fixture *x, int stage, const char *name,
                       const char *part)
{
	struct cert_readiness r;
	const struct cert_gate *g;

	assert_ok(cert_readiness(&x->f, stage, &r));
	g = find_gate(&r, name);
	assert_non_null(g);
	if (g->passed || !strstr(g->reason, part))
		fail_msg("gate %s: passed=%d '%s' (wanted '%s')", name, g->passed,
		         g->reason, part);
	assert_false(r.ready);
	cert_readiness_release(&r);
}

static void test_gates_pass(void **state)
{
	struct fixture x;
	struct cert_readiness r;

	(void)state;
	fixture(&x);
	expect(&x, 1, NULL, NULL);
	assert_ok(cert_readiness(&x.f, 1, &r));
	assert_int_equal(r.n, 9);
	assert_string_equal(r.v[0].name, "scheduled");
	assert_string_equal(r.v[1].name, "gap-assessment");
	assert_non_null(strstr(r.v[1].reason, "never internal-audit evidence"));
	assert_string_equal(r.judged_on, "2027-03-01");
	cert_readiness_release(&r);
	/* Stage 2 has no gap-assessment gate and wants verified actions. */
	x.capa.status = CAPA_VERIFIED;
	assert_ok(cert_readiness(&x.f, 2, &r));
	assert_int_equal(r.n, 8);
	assert_null(find_gate(&r, "gap-assessment"));
	assert_true(r.ready);
	cert_readiness_release(&r);
	assert_fails(cert_readiness(&x.f, 3, &r), E_INVALID, "Stage 1 and Stage 2");
}

static void test_gates_fail(void **state)
{
	struct fixture x;

	(void)state;
	fixture(&x);
	x.cert.stage1_on = NULL;
	x.cert.stage2_on = NULL;
	/* Judged as of today without dates: the audit is then only three
	 * weeks old, so keep it out of the way by an older close. */
	x.audit.closed_on = "2026-10-10";
	x.audit.start_on = "2026-10-01";
	x.review.held_on = "2026-11-01";
	x.f.today = "2026-12-01";
	expect(&x, 1, "scheduled", "no Stage 1 date");

	fixture(&x);
	x.f.gap_id = 0;
	expect(&x, 1, "gap-assessment", "no gap assessment");
	x.capa.status = CAPA_VERIFIED;
	expect(&x, 2, NULL, NULL); /* not a Stage 2 gate */

	fixture(&x);
	x.cert.golive_on = NULL;
	expect(&x, 1, "operation", "no go-live date");
	fixture(&x);
	x.cert.golive_on = "2026-10-01"; /* three months: 2027-01-01, so fine */
	expect(&x, 1, NULL, NULL);
	x.cert.golive_on = "2026-12-15"; /* reaches three months after Stage 1 */
	x.audit.start_on = "2026-12-20";
	x.audit.closed_on = "2027-01-10";
	x.review.held_on = "2027-01-15";
	x.f.today = "2027-02-01";
	expect(&x, 1, "operation", "2027-03-15");

	/* The audit closed five weeks before Stage 1: too late. */
	fixture(&x);
	x.audit.closed_on = "2027-01-25";
	x.review.held_on = "2027-01-26";
	x.f.today = "2027-02-01";
	expect(&x, 1, "internal-audit", "less than six weeks");
	/* Closed exactly six weeks before: fine. */
	x.audit.closed_on = "2027-01-18";
	expect(&x, 1, NULL, NULL);
	/* It did not test the whole scope. */
	x.audit.ntested = 1;
	expect(&x, 1, "internal-audit", "left 1 of 2");
	/* Still planned: no completed audit. */
	fixture(&x);
	x.audit.done = false;
	x.audit.closed_on = NULL;
	gate_fails(&x, 1, "internal-audit", "no internal audit");
	gate_fails(&x, 1, "management-review", "no internal audit has been completed");
	/* An audit of the ISMS before it went live does not count. */
	fixture(&x);
	x.audit.start_on = "2026-05-01";
	gate_fails(&x, 1, "internal-audit", "no internal audit of the operating ISMS");

	fixture(&x);
	x.review.final = false;
	expect(&x, 1, "management-review", "still a draft");
	x.review.final = true;
	x.review.held_on = "2026-11-05"; /* before the audit closed */
	expect(&x, 1, "management-review", "no management review");
	x.review.held_on = "2026-12-20"; /* planned, not held yet */
	expect(&x, 1, "management-review", "planned for 2026-12-20");

	fixture(&x);
	x.capa.status = CAPA_IN_PROGRESS;
	expect(&x, 1, "corrective-action", "CAPA-1 (A.5.1) is in-progress");
	x.capa.status = CAPA_IMPLEMENTED;
	expect(&x, 2, "corrective-action", "verified");
	x.capa.severity = RESULT_MINOR; /* minor ones do not hold Stage 2 back */
	x.capa.status = CAPA_OPEN;
	expect(&x, 2, NULL, NULL);

	fixture(&x);
	x.f.soa_version = 0;
	expect(&x, 1, "soa", "never been approved");
	x.f.soa_version = 2;
	x.f.soa_problems = 1;
	x.f.soa_first_problem = "changed-since-approval: A.5.1 differs";
	expect(&x, 1, "soa", "changed-since-approval");

	fixture(&x);
	x.f.plan_approved = false;
	expect(&x, 1, "risk-treatment", "never been approved");
	x.f.plan_approved = true;
	x.f.plan_changed = true;
	expect(&x, 1, "risk-treatment", "changed after its approval");
	x.f.plan_changed = false;
	x.risk.accepted_by = NULL;
	expect(&x, 1, "risk-treatment", "not accepted by their owners: R1");
	x.risks.n = 0;
	expect(&x, 1, "risk-treatment", "no risk is recorded");

	fixture(&x);
	x.evidence.valid_until = "2026-11-30";
	expect(&x, 1, "evidence", "expired on 2026-11-30");
	x.evidence.valid_until = "2027-02-28"; /* valid today, not at Stage 1 */
	expect(&x, 1, "evidence", "expires on 2027-02-28");
	x.evidence.valid_until = "2027-03-01";
	expect(&x, 1, NULL, NULL);
}

static void test_steps(void **state)
{
	struct fixture x;
	struct cert_status s;

	(void)state;
	fixture(&x);
	x.f.gap_id = 0;
	cert_status(&x.f, &s);
	assert_int_equal(s.step, STEP_GAP_ASSESSMENT);
	cert_status_release(&s);

	fixture(&x);
	x.cert.golive_on = "2026-10-01";
	cert_status(&x.f, &s);
	assert_int_equal(s.step, STEP_IMPLEMENT);
	assert_non_null(strstr(s.why, "2027-01-01"));
	cert_status_release(&s);

	fixture(&x);
	x.audit.ntested = 1;
	cert_status(&x.f, &s);
	assert_int_equal(s.step, STEP_INTERNAL_AUDIT);
	/* The audit is due six weeks before Stage 1. */
	for (size_t i = 0; i < s.nnext; i++)
		if (s.next[i].step == STEP_INTERNAL_AUDIT)
			assert_string_equal(s.next[i].due, "2027-01-18");
	cert_status_release(&s);

	fixture(&x);
	x.review.final = false;
	cert_status(&x.f, &s);
	assert_int_equal(s.step, STEP_MANAGEMENT_REVIEW);
	cert_status_release(&s);

	fixture(&x);
	x.capa.status = CAPA_OPEN;
	cert_status(&x.f, &s);
	assert_int_equal(s.step, STEP_CORRECTIVE_ACTION);
	assert_non_null(strstr(s.why, "CAPA-1"));
	cert_status_release(&s);

	fixture(&x);
	cert_status(&x.f, &s);
	assert_int_equal(s.step, STEP_CERTIFICATION);
	assert_false(s.certified);
	cert_status_release(&s);

	fixture(&x);
	x.cert.issued_on = "2027-05-01";
	x.f.today = "2027-06-01";
	cert_status(&x.f, &s);
	assert_int_equal(s.step, STEP_MAINTAIN);
	assert_true(s.certified);
	/* The stage audits took place: never next, never overdue. */
	for (size_t i = 0; i < s.nnext; i++)
		assert_int_not_equal(s.next[i].step, STEP_CERTIFICATION);
	{
		bool s1 = false;

		for (size_t i = 0; i < s.nnext; i++)
			s1 = s1 || (!strcmp(s.next[i].what, "first surveillance audit") &&
			            !strcmp(s.next[i].due, "2028-05-01"));
		assert_true(s1);
	}
	cert_status_release(&s);
	for (int i = 0; i < STEP__COUNT; i++)
		assert_string_not_equal(cert_step_name((enum cert_step)i), "unknown");
}

static void test_calendar(void **state)
{
	struct cal_list l = { 0 };
	struct strbuf sb = STRBUF_INIT;
	struct fixture x;
	enum cal_kind k;

	(void)state;
	cal_add(&l, CAL_CAPA, "3", "2026-11-20", NULL, "A.5.1", "Ann", false);
	cal_add(&l, CAL_CAPA, "4", "2026-11-20", NULL, "A.5.2", NULL, true);
	cal_add(&l, CAL_INTERNAL_AUDIT, "2", "2026-12-10", "2026-12-12", "Audit", NULL,
	        false);
	cal_add(&l, CAL_EVIDENCE_EXPIRY, "ff00", "2027-02-01", NULL, "Log; review, x",
	        NULL, false);
	cal_add(&l, CAL_ROADMAP, "1-A.5.15", "2027-06-01", NULL, "A.5.15", NULL, false);
	cal_sort(&l);
	assert_string_equal(l.v[0].key, "3");
	assert_string_equal(l.v[4].key, "1-A.5.15");
	assert_int_equal(cal_window(&l.v[0], "2026-12-01"), -1);
	assert_true(cal_overdue(&l.v[0], "2026-12-01"));
	assert_int_equal(cal_window(&l.v[1], "2026-12-01"), 0);
	assert_int_equal(cal_window(&l.v[2], "2026-12-01"), 30);
	assert_int_equal(cal_window(&l.v[2], "2026-12-11"), 30); /* under way */
	assert_int_equal(cal_window(&l.v[3], "2026-12-01"), 90);
	assert_int_equal(cal_window(&l.v[4], "2026-12-01"), 365);
	cal_summary(&l.v[0], &sb);
	assert_string_equal(sb.buf, "Corrective action due CAPA-3: A.5.1");
	strbuf_reset(&sb);
	cal_uid(&l.v[4], "acme", &sb);
	assert_string_equal(sb.buf, "roadmap-1-A.5.15@acme.isms");
	strbuf_reset(&sb);
	assert_ok(cal_kind_parse("evidence-expiry", &k));
	assert_int_equal(k, CAL_EVIDENCE_EXPIRY);
	assert_int_equal(cal_kind_parse("party", &k), -1);
	cal_list_release(&l);

	/* The cycle, go-live, the next audit and the SoA review. */
	fixture(&x);
	cal_add_derived(&l, &x.f);
	cal_sort(&l);
	assert_int_equal(l.n, 9);
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].kind == CAL_INTERNAL_AUDIT_DUE)
			assert_string_equal(l.v[i].date, "2027-11-10");
		if (l.v[i].kind == CAL_SOA_REVIEW)
			assert_string_equal(l.v[i].date, "2027-11-25");
		if (l.v[i].kind == CAL_OPERATION)
			assert_true(l.v[i].done);
		if (!strcmp(l.v[i].key, "stage1"))
			assert_string_equal(l.v[i].title, "Stage 1 (Certifiers Ltd)");
	}
	cal_list_release(&l);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_months),     cmocka_unit_test(test_record_order),
		cmocka_unit_test(test_cycle),      cmocka_unit_test(test_gates_pass),
		cmocka_unit_test(test_gates_fail), cmocka_unit_test(test_steps),
		cmocka_unit_test(test_calendar),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
