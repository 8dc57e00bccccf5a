/*
 * test-gap.c - the gap assessment's rules: what a status may claim, the
 * readiness formula, flags, verdict and remediation order.
 */
#include "unit.h"

#include "core/gap.h"

static const struct gap_evidence_facts none = { 0, 0, 0 };
static const struct gap_evidence_facts one_record = { 1, 0, 0 };
static const struct gap_evidence_facts only_policy = { 1, 1, 0 };
static const struct gap_evidence_facts expired = { 0, 0, 2 };

static void test_status_names(void **state)
{
	enum gap_status s;

	(void)state;
	for (int i = 0; i < GAP__COUNT; i++) {
		assert_ok(gap_status_parse(gap_status_name((enum gap_status)i), &s));
		assert_int_equal(s, i);
	}
	assert_fails(gap_status_parse("compliant", &s), E_INVALID,
	             "unknown status 'compliant'");
}

static void test_status_rules(void **state)
{
	(void)state;
	assert_ok(gap_check_status("A.5.1", false, GAP_CONFORMING, NULL, 3, &one_record));
	assert_ok(gap_check_status("A.5.1", false, GAP_PARTIAL, NULL, -1, &none));
	/* paper counts as evidence for the status; the score flags it */
	assert_ok(
	        gap_check_status("A.5.1", false, GAP_CONFORMING, NULL, 2, &only_policy));
	assert_ok(gap_check_status("4.1", true, GAP_NONCONFORMING, NULL, 0, &none));
	assert_fails(gap_check_status("A.5.1", false, GAP_CONFORMING, NULL, -1, &none),
	             E_CONFLICT, "A.5.1 cannot be conforming without evidence");
	assert_fails(gap_check_status("A.5.1", false, GAP_CONFORMING, NULL, -1, &expired),
	             E_CONFLICT, "unexpired evidence");
	assert_fails(gap_check_status("6.1.2", true, GAP_NA, "small org", -1, &none),
	             E_INVALID, "6.1.2: a management-system requirement");
	assert_fails(gap_check_status("A.7.1", false, GAP_NA, "  ", -1, &none), E_INVALID,
	             "'na' needs a justification");
	assert_ok(gap_check_status("A.7.1", false, GAP_NA, "No premises: fully remote",
	                           -1, &none));
	assert_fails(gap_check_status("A.5.1", false, GAP_PARTIAL, NULL, 6, &none),
	             E_INVALID, "maturity must be 0 to 5");
	assert_fails(gap_check_status("A.5.1", false, GAP_PARTIAL, NULL, -2, &none),
	             E_INVALID, "maturity must be 0 to 5");
}

static void test_formula(void **state)
{
	struct gap_tally t = { 0 };

	(void)state;
	/* 2 conforming, 2 partial, 1 nonconforming, 1 not assessed, 2 na:
	 * 100 x (2 + 0.5 x 2) / (8 - 2) = 50; coverage 7/8. */
	gap_tally_add(&t, GAP_CONFORMING);
	gap_tally_add(&t, GAP_CONFORMING);
	gap_tally_add(&t, GAP_PARTIAL);
	gap_tally_add(&t, GAP_PARTIAL);
	gap_tally_add(&t, GAP_NONCONFORMING);
	gap_tally_add(&t, GAP_NOT_ASSESSED);
	gap_tally_add(&t, GAP_NA);
	gap_tally_add(&t, GAP_NA);
	gap_tally_finish(&t);
	assert_true(t.readiness > 49.999 && t.readiness < 50.001);
	assert_true(t.coverage > 87.49 && t.coverage < 87.51);

	memset(&t, 0, sizeof(t));
	gap_tally_add(&t, GAP_NA);
	gap_tally_finish(&t);
	assert_true(t.readiness == 0.0);
}

static const struct gap_flag *find_flag(const struct gap_score *s, const char *code)
{
	for (size_t i = 0; i < s->nflags; i++)
		if (!strcmp(s->flags[i].code, code))
			return &s->flags[i];
	return NULL;
}

static void test_flags_and_verdict(void **state)
{
	struct gap_fact facts[] = {
		{ "4.1", "4", true, GAP_CONFORMING, { 1, 0, 0 } },
		{ "4.2", "4", true, GAP_NOT_ASSESSED, { 0, 0, 0 } },
		{ "A.5.1", "organizational", false, GAP_CONFORMING, { 1, 1, 0 } },
		{ "A.5.2", "organizational", false, GAP_CONFORMING, { 0, 0, 1 } },
		{ "A.6.1", "people", false, GAP_NA, { 0, 0, 0 } },
	};
	struct gap_score s;
	const struct gap_flag *f;

	(void)state;
	gap_score_compute(facts, 5, 1, false, &s);
	assert_int_equal(s.ngroups, 3);
	assert_string_equal(s.groups[0].group, "4");
	assert_true(s.groups[0].tally.readiness > 49.99 &&
	            s.groups[0].tally.readiness < 50.01);
	assert_int_equal(s.all.counts[GAP_CONFORMING], 3);
	f = find_flag(&s, "clauses-unassessed");
	assert_non_null(f);
	assert_int_equal(f->nrefs, 1);
	assert_string_equal(f->refs[0], "4.2");
	f = find_flag(&s, "paper-only");
	assert_non_null(f);
	assert_string_equal(f->refs[0], "A.5.1");
	f = find_flag(&s, "conforming-without-evidence");
	assert_non_null(f);
	assert_string_equal(f->refs[0], "A.5.2");
	assert_non_null(find_flag(&s, "unjustified-exclusions"));
	assert_non_null(find_flag(&s, "no-scope-statement"));
	assert_int_equal(s.verdict, VERDICT_NOT_READY);
	assert_string_equal(
	        s.reasons[0],
	        "1 management-system requirement (clauses 4-10) is not assessed");
	gap_score_release(&s);
}

static void test_ready(void **state)
{
	struct gap_fact facts[] = {
		{ "4.1", "4", true, GAP_CONFORMING, { 1, 0, 0 } },
		{ "A.5.1", "organizational", false, GAP_CONFORMING, { 2, 1, 0 } },
		{ "A.7.1", "physical", false, GAP_NA, { 0, 0, 0 } },
	};
	struct gap_score s;

	(void)state;
	gap_score_compute(facts, 3, 0, true, &s);
	assert_int_equal(s.nflags, 0);
	assert_int_equal(s.verdict, VERDICT_READY);
	assert_true(s.all.readiness > 99.99);
	gap_score_release(&s);

	facts[1].status = GAP_PARTIAL;
	gap_score_compute(facts, 3, 0, true, &s);
	/* 100 x 1.5 / 2 = 75: between the thresholds */
	assert_int_equal(s.verdict, VERDICT_READY_WITH_GAPS);
	gap_score_release(&s);

	facts[0].status = GAP_NONCONFORMING;
	gap_score_compute(facts, 3, 0, true, &s);
	assert_int_equal(s.verdict, VERDICT_NOT_READY);
	gap_score_release(&s);
}

static void test_action_order(void **state)
{
	struct gap_action_key k[] = {
		{ "A.5.1", 30, false, GAP_PARTIAL, 0, EFFORT_M, 0 },
		{ "A.5.2", 31, false, GAP_NONCONFORMING, 0, EFFORT_L, 0 },
		{ "4.1", 0, true, GAP_PARTIAL, 0, EFFORT_M, 0 },
		{ "A.5.3", 32, false, GAP_NONCONFORMING, 3, EFFORT_XL, 0 },
		{ "A.5.4", 33, false, GAP_NONCONFORMING, 0, EFFORT_S, 0 },
	};
	size_t order[5];

	(void)state;
	gap_actions_order(k, 5, order);
	/* clause first; then NC with risk 3; then NC by effort; then partial */
	assert_string_equal(k[order[0]].ref, "4.1");
	assert_string_equal(k[order[1]].ref, "A.5.3");
	assert_string_equal(k[order[2]].ref, "A.5.4");
	assert_string_equal(k[order[3]].ref, "A.5.2");
	assert_string_equal(k[order[4]].ref, "A.5.1");

	/* pin the last one to position 2 */
	k[0].manual_rank = 2;
	gap_actions_order(k, 5, order);
	assert_string_equal(k[order[0]].ref, "4.1");
	assert_string_equal(k[order[1]].ref, "A.5.1");
	assert_string_equal(k[order[2]].ref, "A.5.3");

	/* a rank past the end lands last */
	k[0].manual_rank = 99;
	gap_actions_order(k, 5, order);
	assert_string_equal(k[order[4]].ref, "A.5.1");
}

static void test_roadmap(void **state)
{
	struct gap_row rows[5] = { 0 };
	struct roadmap rm;
	const char *refs[] = { "4.1", "A.5.1", "A.5.2", "A.5.3", "A.5.4" };
	const enum gap_status st[] = { GAP_PARTIAL, GAP_CONFORMING, GAP_NONCONFORMING,
		                       GAP_PARTIAL, GAP_NONCONFORMING };

	(void)state;
	for (int i = 0; i < 5; i++) {
		rows[i].ref = (char *)refs[i];
		rows[i].position = i;
		rows[i].is_clause = i == 0;
		rows[i].status = st[i];
		rows[i].effort = -1;
		rows[i].owner = (char *)"Item owner";
	}
	rows[4].due_on = (char *)"2026-09-01";
	rows[4].action_owner = (char *)"Action owner";
	rows[3].effort = EFFORT_S;
	gap_roadmap_build(rows, 5, "2026-01-15", &rm);
	assert_int_equal(rm.n, 4); /* the conforming item has no action */
	assert_string_equal(rm.v[0].row->ref, "4.1");
	assert_string_equal(rm.v[1].row->ref, "A.5.2");
	assert_string_equal(rm.v[2].row->ref, "A.5.4");
	assert_string_equal(rm.v[3].row->ref, "A.5.3");
	assert_int_equal(rm.v[0].priority, 1);
	assert_string_equal(rm.v[0].due, "2026-02-14"); /* first third: +30 */
	assert_true(rm.v[0].due_estimated);
	assert_string_equal(rm.v[0].phase, "30");
	assert_string_equal(rm.v[2].due, "2026-09-01");
	assert_false(rm.v[2].due_estimated);
	assert_string_equal(rm.v[2].phase, "later");
	assert_string_equal(rm.v[2].owner, "Action owner");
	assert_string_equal(rm.v[3].owner, "Item owner");
	assert_string_equal(rm.v[3].due, "2026-04-15"); /* last third: +90 */
	assert_string_equal(rm.v[3].phase, "90");
	assert_int_equal(rm.v[3].effort, EFFORT_S);
	assert_int_equal(rm.v[1].effort, EFFORT_L); /* nonconforming default */
	assert_string_equal(rm.v[1].status, "open");
	gap_roadmap_release(&rm);
	assert_ok(gap_action_status_check("in-progress"));
	assert_fails(gap_action_status_check("started"), E_INVALID,
	             "unknown action status");
}

static void test_change(void **state)
{
	(void)state;
	assert_int_equal(gap_change_of(GAP_PARTIAL, GAP_PARTIAL), CHANGE_SAME);
	assert_int_equal(gap_change_of(GAP_NONCONFORMING, GAP_PARTIAL), CHANGE_IMPROVED);
	assert_int_equal(gap_change_of(GAP_PARTIAL, GAP_CONFORMING), CHANGE_IMPROVED);
	assert_int_equal(gap_change_of(GAP_CONFORMING, GAP_NONCONFORMING),
	                 CHANGE_REGRESSED);
	assert_int_equal(gap_change_of(GAP_NOT_ASSESSED, GAP_NONCONFORMING), CHANGE_NEW);
	assert_int_equal(gap_change_of(GAP_CONFORMING, GAP_NOT_ASSESSED), CHANGE_DROPPED);
	assert_int_equal(gap_change_of(GAP_NA, GAP_CONFORMING), CHANGE_APPLICABILITY);
	assert_int_equal(gap_change_of(GAP_NOT_ASSESSED, GAP_NA), CHANGE_APPLICABILITY);
	assert_string_equal(gap_change_name(CHANGE_REGRESSED), "regressed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_status_rules),
		cmocka_unit_test(test_formula),
		cmocka_unit_test(test_flags_and_verdict),
		cmocka_unit_test(test_ready),
		cmocka_unit_test(test_action_order),
		cmocka_unit_test(test_roadmap),
		cmocka_unit_test(test_change),
	};

	return cmocka_run_group_tests_name("gap", tests, NULL, NULL);
}
