/*
 * test-audit.c - the internal audit's rules: independence, what a result
 * may claim, gap-assessment material refused as evidence, when an audit
 * may close, the summary's conclusions and corrective-action states.
 */
#include "unit.h"

#include "core/audit.h"
#include "core/catalog.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

static void test_names_round_trip(void **state)
{
	enum audit_result r;
	enum audit_method m;
	enum capa_status c;
	enum nc_kind k;

	(void)state;
	for (int i = 0; i < RESULT__COUNT; i++) {
		assert_ok(
		        audit_result_parse(audit_result_name((enum audit_result)i), &r));
		assert_int_equal(r, i);
		assert_non_null(strchr(audit_result_definition(r), ' '));
	}
	for (int i = 0; i < METHOD__COUNT; i++) {
		assert_ok(
		        audit_method_parse(audit_method_name((enum audit_method)i), &m));
		assert_int_equal(m, i);
	}
	for (int i = 0; i < CAPA__COUNT; i++) {
		assert_ok(capa_status_parse(capa_status_name((enum capa_status)i), &c));
		assert_int_equal(c, i);
	}
	assert_fails(audit_result_parse("fine", &r), E_INVALID, "conforming, major");
	assert_fails(audit_method_parse("guess", &m), E_INVALID, "technical-test");
	assert_fails(nc_kind_parse("broken", &k), E_INVALID, "not-functioning");
	assert_int_equal(audit_method_default_test(METHOD_INTERVIEW), TEST_COMPLIANCE);
	assert_int_equal(audit_method_default_test(METHOD_INSPECTION), TEST_COMPLIANCE);
	assert_int_equal(audit_method_default_test(METHOD_REPERFORMANCE),
	                 TEST_SUBSTANTIVE);
	assert_int_equal(audit_method_default_test(METHOD_TECHNICAL_TEST),
	                 TEST_SUBSTANTIVE);
}

static void test_independence(void **state)
{
	struct responsibility_list resp = { 0 };
	const char *scope[] = { "A.5.15", "9.2.2", "process:Payroll" };
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	responsibility_add(&resp, "Alice", "A.5.15", ROLE_OWNS, "gap assessment");
	responsibility_add(&resp, "alice ", "process:Payroll", ROLE_OPERATES,
	                   "person record");
	responsibility_add(&resp, "Alice", "A.8.5", ROLE_DESIGNS, "risk R2");
	responsibility_add(&resp, "Bob", "9.2.2", ROLE_OWNS, "person record");
	/* Names match whatever their case and surrounding blanks. */
	assert_int_equal(audit_conflicts(" ALICE", scope, 3, &resp, &sb), 2);
	assert_non_null(strstr(sb.buf, "owns A.5.15 (gap assessment)"));
	assert_non_null(strstr(sb.buf, "operates process:Payroll (person record)"));
	assert_null(strstr(sb.buf, "A.8.5"));
	strbuf_reset(&sb);
	assert_int_equal(audit_conflicts("Carol", scope, 3, &resp, &sb), 0);
	assert_int_equal(audit_conflicts("Bob", scope, 2, &resp, &sb), 1);
	assert_false(person_same("Al", "Alice"));
	assert_false(person_same("", ""));
	strbuf_release(&sb);
	responsibility_list_release(&resp);
}

static void test_result_rules(void **state)
{
	struct audit_evidence gap = { .title = "Interview notes", .origin = ORIGIN_GAP };
	struct audit_evidence own = { .title = "Access log",
		                      .origin = ORIGIN_ORGANISATION };

	(void)state;
	assert_fails(audit_result_check("A.8.5", RESULT_MAJOR, NC_NONE), E_INVALID,
	             "needs its kind");
	assert_fails(audit_result_check("A.8.5", RESULT_MINOR, NC_NONE), E_INVALID,
	             "needs its kind");
	assert_fails(audit_result_check("A.8.5", RESULT_CONFORMING, NC_MISSING),
	             E_INVALID, "only for nonconformities");
	assert_ok(audit_result_check("A.8.5", RESULT_MAJOR, NC_NOT_FUNCTIONING));
	assert_ok(audit_result_check("A.8.5", RESULT_OFI, NC_NONE));
	memcpy(gap.sha256, "ab12", 5);
	assert_fails(audit_evidence_check(&gap), E_CONFLICT, "gap assessment");
	assert_ok(audit_evidence_check(&own));
}

static void add_test(struct audit *a, const char *ref, const char *group,
                     enum test_type type, enum audit_result r)
{
	struct audit_test *t;

	ALLOC_GROW(a->tests, a->ntests + 1, a->alloc_tests);
	t = &a->tests[a->ntests++];
	memset(t, 0, sizeof(*t));
	t->ref = xstrdup(ref);
	t->group = xstrdup(group);
	t->group_title = xstrdup(group);
	t->type = type;
	t->result = r;
	t->method = r == RESULT_NONE ? METHOD_NONE : METHOD_INSPECTION;
	t->nc = audit_result_is_nc(r) ? NC_MISSING : NC_NONE;
	t->sample_size = -1;
}

static void test_close_and_summary(void **state)
{
	struct audit a = { .id = 4, .status = AUDIT_PLANNED };
	struct audit_summary s;

	(void)state;
	add_test(&a, "A.5.15", "organizational", TEST_COMPLIANCE, RESULT_CONFORMING);
	add_test(&a, "A.5.15", "organizational", TEST_SUBSTANTIVE, RESULT_NONE);
	add_test(&a, "9.2.1", "9", TEST_COMPLIANCE, RESULT_MINOR);
	add_test(&a, "9.2.1", "9", TEST_SUBSTANTIVE, RESULT_NONE);
	assert_fails(audit_close_check(&a), E_CONFLICT, "no lead auditor");
	a.members = xcalloc(1, sizeof(*a.members));
	a.nmembers = a.alloc_members = 1;
	a.members[0].name = xstrdup("Bob");
	a.members[0].lead = true;
	/* Paper only: no substantive test was performed. */
	assert_fails(audit_close_check(&a), E_CONFLICT, "substantive");
	audit_summarise(&a, &s);
	assert_int_equal(s.nareas, 2);
	assert_int_equal(s.tested, 2);
	assert_int_equal(s.substantive, 0);
	assert_false(s.conforms);
	assert_false(s.effective);
	audit_summary_release(&s);

	a.tests[1].result = RESULT_CONFORMING;
	assert_ok(audit_close_check(&a));
	audit_summarise(&a, &s);
	assert_int_equal(s.areas[0].substantive, 1);
	assert_int_equal(s.areas[1].substantive, 0);
	/* One area's effectiveness untested: no conclusion on 9.2.1 b. */
	assert_false(s.effective);
	audit_summary_release(&s);
	a.tests[3].result = RESULT_CONFORMING;
	a.tests[2].result = RESULT_OFI;
	a.tests[2].nc = NC_NONE;
	audit_summarise(&a, &s);
	assert_true(s.conforms);
	assert_true(s.effective);
	audit_summary_release(&s);

	a.status = AUDIT_ISSUED;
	assert_fails(audit_editable_check(&a, "record a result"), E_CONFLICT,
	             "never changes");
	audit_release(&a);
}

static void test_checklist_text(void **state)
{
	struct item_attr attr = { .type = "control_type", .value = "detective" };
	struct catalog_item control = { .ref = "A.8.16",
		                        .kind = "control",
		                        .title = "Monitoring activities",
		                        .attrs = &attr,
		                        .nattrs = 1 };
	struct catalog_item clause = { .ref = "9.3.2",
		                       .kind = "clause",
		                       .title = "Inputs" };
	struct strbuf step = STRBUF_INIT, expected = STRBUF_INIT;

	(void)state;
	audit_checklist_text(&control, TEST_SUBSTANTIVE, &step, &expected);
	assert_non_null(strstr(step.buf, "A.8.16"));
	assert_non_null(strstr(step.buf, "detected"));
	assert_true(expected.len > 20);
	strbuf_reset(&step);
	strbuf_reset(&expected);
	audit_checklist_text(&control, TEST_COMPLIANCE, &step, &expected);
	assert_non_null(strstr(step.buf, "policy or procedure"));
	strbuf_reset(&step);
	strbuf_reset(&expected);
	audit_checklist_text(&clause, TEST_SUBSTANTIVE, &step, &expected);
	assert_non_null(strstr(step.buf, "9.3.2"));
	assert_non_null(strstr(expected.buf, "operating"));
	strbuf_release(&step);
	strbuf_release(&expected);
}

static void test_capa_states(void **state)
{
	struct capa c = { .id = 7, .status = CAPA_OPEN, .due_on = "2026-01-10" };

	(void)state;
	assert_fails(capa_transition_check(&c, CAPA_CLOSED), E_CONFLICT, "verified");
	assert_fails(capa_transition_check(&c, CAPA_VERIFIED), E_CONFLICT, "capa verify");
	assert_ok(capa_transition_check(&c, CAPA_IMPLEMENTED));
	assert_true(capa_overdue(&c, "2026-01-15"));
	assert_false(capa_overdue(&c, "2026-01-10"));
	c.status = CAPA_IMPLEMENTED;
	assert_false(capa_overdue(&c, "2026-01-15"));
	c.verified_by = "Bob";
	c.verified_on = "2026-01-12";
	assert_ok(capa_transition_check(&c, CAPA_VERIFIED));
	c.status = CAPA_VERIFIED;
	assert_fails(capa_transition_check(&c, CAPA_OPEN), E_CONFLICT, "only close");
	assert_ok(capa_transition_check(&c, CAPA_CLOSED));
	c.status = CAPA_CLOSED;
	assert_fails(capa_transition_check(&c, CAPA_CLOSED), E_CONFLICT, "is closed");
}

static void test_people_and_scope_objects(void **state)
{
	char *canon = NULL;
	struct competence expired = { .title = "Lead Auditor",
		                      .expires_on = "2025-12-31" };
	struct person p = { .name = "Bob", .competence = &expired, .ncompetence = 1 };

	(void)state;
	assert_int_equal(scope_object_parse("Process:Payroll", &canon), 1);
	assert_string_equal(canon, "process:Payroll");
	free(canon);
	assert_int_equal(scope_object_parse("A.5.15", &canon), 0);
	assert_null(canon);
	assert_int_equal(scope_object_parse("asset:", &canon), -E_INVALID);
	assert_ok(person_email_check("bob@example.org"));
	assert_fails(person_email_check("bob@"), E_INVALID, "not an e-mail");
	assert_fails(person_email_check("bob smith@example.org"), E_INVALID,
	             "not an e-mail");
	assert_fails(person_name_check(" "), E_INVALID, "name");
	assert_false(person_competent(&p, "2026-01-15"));
	assert_true(person_competent(&p, "2025-06-01"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_independence),
		cmocka_unit_test(test_result_rules),
		cmocka_unit_test(test_close_and_summary),
		cmocka_unit_test(test_checklist_text),
		cmocka_unit_test(test_capa_states),
		cmocka_unit_test(test_people_and_scope_objects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
