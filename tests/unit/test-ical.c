/*
 * test-ical.c - the compliance calendar as iCalendar (view/ical.c), read
 * back with libical: hostile text, folding of long UTF-8 lines, all-day
 * DTEND across month and year ends and 29 February, the empty calendar,
 * stable UIDs, and what the export refuses.  No store: the events are
 * built by hand.
 */
#include "unit.h"

#include <libical/ical.h>

#include "core/cert.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "view/cert.h"

#define STAMP "20261201T100000Z"
#define TODAY "2026-12-01"

/* Export the list as "acme" and parse it back; the caller frees it. */
static icalcomponent *export_parse(const struct cal_list *l, const char *org_name,
                                   struct strbuf *text)
{
	icalcomponent *cal;

	assert_ok(ical_calendar(l, "acme", org_name, "9.9.9", TODAY, STAMP, text));
	cal = icalparser_parse_string(text->buf);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	/* libical marks what it cannot read with X-LIC-ERROR properties. */
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	return cal;
}

static size_t count_events(icalcomponent *cal)
{
	size_t n = 0;

	for (icalcomponent *ev =
	             icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		n++;
	return n;
}

/* The VEVENT with that UID; fails the test when there is none or two. */
static icalcomponent *find_event(icalcomponent *cal, const char *uid)
{
	icalcomponent *found = NULL;

	for (icalcomponent *ev =
	             icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		const char *u = icalcomponent_get_uid(ev);

		if (u && !strcmp(u, uid)) {
			assert_null(found);
			found = ev;
		}
	}
	if (!found)
		fail_msg("no VEVENT with UID %s", uid);
	return found;
}

/* An all-day date as YYYY-MM-DD; fails for a date-time. */
static void assert_date(struct icaltimetype t, const char *want)
{
	char got[16];

	assert_false(icaltime_is_null_time(t));
	assert_true(icaltime_is_date(t));
	snprintf(got, sizeof(got), "%04d-%02d-%02d", t.year, t.month, t.day);
	assert_string_equal(got, want);
}

/*
 * The event's DTSTART or DTEND as written: libical's icalcomponent_get_dtend()
 * would make one up from DTSTART when the property is missing or unreadable.
 */
static struct icaltimetype prop_time(icalcomponent *ev, icalproperty_kind kind)
{
	icalproperty *p = icalcomponent_get_first_property(ev, kind);

	if (!p)
		fail_msg("the event %s lacks %s", icalcomponent_get_uid(ev),
		         icalproperty_kind_to_string(kind));
	return kind == ICAL_DTSTART_PROPERTY ? icalproperty_get_dtstart(p)
	                                     : icalproperty_get_dtend(p);
}

static void assert_has(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("'%s' not found in:\n%s", part, text);
}

static void test_hostile_text(void **state)
{
	/* Everything RFC 5545 escapes, a literal backslash-n, HTML, UTF-8. */
	static const char title[] =
	        "Comma, semicolon; colon: \"double\" 'single' <script>alert(1)</script> "
	        "& back\\slash, literal \\n, double \\\\, escaped-looking \\, \\; "
	        "line\nbreak \xc3\x9c"
	        "n\xc3\xaf"
	        "c\xc3\xb6"
	        "d\xc3\xa9 \xe2\x9c\x93 "
	        "\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x99\x82 end";
	static const char owner[] = "O'Brien, \"Pat\"; \\ Team";
	static const char org_name[] = "Acme, Inc; \"R&D\" back\\slash: \xc3\x9c";
	struct cal_list l = { 0 };
	struct strbuf text = STRBUF_INIT, want = STRBUF_INIT, uid = STRBUF_INIT;
	icalcomponent *cal, *ev;
	icalproperty *p;

	(void)state;
	cal_add(&l, CAL_TREATMENT, "7", "2026-12-20", NULL, title, owner, false);
	cal_add(&l, CAL_INTERNAL_AUDIT, "3", "2027-01-05", "2027-01-06", title, NULL,
	        false);
	cal = export_parse(&l, org_name, &text);
	assert_int_equal(count_events(cal), 2);
	for (size_t i = 0; i < l.n; i++) {
		strbuf_reset(&uid);
		cal_uid(&l.v[i], "acme", &uid);
		ev = find_event(cal, uid.buf);
		strbuf_reset(&want);
		cal_summary(&l.v[i], &want);
		assert_string_equal(icalcomponent_get_summary(ev), want.buf);
		assert_has(want.buf, title);
		/* The description carries the title and owner unchanged too. */
		strbuf_reset(&want);
		strbuf_addf(&want, "About: %s\n", title);
		assert_has(icalcomponent_get_description(ev), want.buf);
		p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY);
		assert_non_null(p);
		assert_string_equal(icalproperty_get_categories(p),
		                    cal_kind_name(l.v[i].kind));
	}
	ev = find_event(cal, "treatment-7@acme.isms");
	strbuf_reset(&want);
	strbuf_addf(&want, "Owner: %s\n", owner);
	assert_has(icalcomponent_get_description(ev), want.buf);
	/* The calendar's name, an X- property, round-trips as well. */
	p = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY);
	assert_non_null(p);
	assert_string_equal(icalproperty_get_x_name(p), "X-WR-CALNAME");
	strbuf_reset(&want);
	strbuf_addf(&want, "%s: ISMS compliance calendar", org_name);
	assert_string_equal(icalproperty_get_x(p), want.buf);
	/* In the file: commas and semicolons escaped, markup as it was. */
	assert_has(text.buf, "<script>alert(1)</script>");
	assert_has(text.buf, "Comma\\, semicolon\\; colon:");

	icalcomponent_free(cal);
	strbuf_release(&text);
	strbuf_release(&want);
	strbuf_release(&uid);
	cal_list_release(&l);
}

/* The length of a valid UTF-8 sequence at p (at most n bytes), or 0. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	size_t len;

	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0)
		len = 2;
	else if ((p[0] & 0xf0) == 0xe0)
		len = 3;
	else if ((p[0] & 0xf8) == 0xf0)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

static void test_folding_long_utf8(void **state)
{
	struct cal_list l = { 0 };
	struct strbuf title = STRBUF_INIT, text = STRBUF_INIT, want = STRBUF_INIT;
	icalcomponent *cal, *ev;
	const char *line;
	size_t folded = 0;

	(void)state;
	/* Characters of 1 to 4 bytes, so that some straddle every fold. */
	strbuf_addstr(&title, "Zugriffsrechte pr\xc3\xbc"
	                      "fen:");
	for (int i = 0; i < 40; i++)
		strbuf_addstr(&title, " \xc3\xa9\xe2\x9c\x93\xf0\x9f\x94\x92x");
	strbuf_addstr(&title, " Ende");
	assert_true(title.len > 300);
	cal_add(&l, CAL_REVIEW_ACTION, "12", "2027-01-15", NULL, title.buf, "Bob", false);
	cal = export_parse(&l, "Acme Ltd", &text);

	/* Every line ends in CRLF, holds at most 75 octets and whole
	 * characters: a fold never splits a UTF-8 sequence. */
	for (line = text.buf; *line;) {
		const char *end = strstr(line, "\r\n");
		size_t n;

		assert_non_null(end);
		n = (size_t)(end - line);
		if (n > 75)
			fail_msg("a line of %zu octets: %.*s", n, (int)n, line);
		if (*line == ' ')
			folded++;
		for (size_t i = 0; i < n;) {
			size_t k = utf8_seq((const unsigned char *)line + i, n - i);

			if (!k)
				fail_msg("a fold splits a character: %.*s", (int)n, line);
			i += k;
		}
		line = end + 2;
	}
	assert_true(folded >= 4);

	ev = find_event(cal, "review-action-12@acme.isms");
	cal_summary(&l.v[0], &want);
	assert_string_equal(icalcomponent_get_summary(ev), want.buf);
	icalcomponent_free(cal);
	strbuf_release(&title);
	strbuf_release(&text);
	strbuf_release(&want);
	cal_list_release(&l);
}

static void test_dtend_exclusive(void **state)
{
	static const struct {
		const char *key, *date, *end, *dtstart, *dtend;
	} cases[] = {
		{ "month-end", "2026-01-31", NULL, "2026-01-31", "2026-02-01" },
		{ "april", "2026-04-30", NULL, "2026-04-30", "2026-05-01" },
		{ "year-end", "2026-12-31", NULL, "2026-12-31", "2027-01-01" },
		{ "across-year", "2026-12-30", "2027-01-02", "2026-12-30", "2027-01-03" },
		{ "to-year-end", "2026-12-29", "2026-12-31", "2026-12-29", "2027-01-01" },
		{ "leap-28", "2028-02-28", NULL, "2028-02-28", "2028-02-29" },
		{ "leap-29", "2028-02-29", NULL, "2028-02-29", "2028-03-01" },
		{ "leap-span", "2028-02-27", "2028-02-29", "2028-02-27", "2028-03-01" },
		{ "common-28", "2027-02-28", NULL, "2027-02-28", "2027-03-01" },
		{ "century", "2100-02-28", NULL, "2100-02-28", "2100-03-01" },
		{ "400-years", "2000-02-28", NULL, "2000-02-28", "2000-02-29" },
		{ "same-day", "2026-05-05", "2026-05-05", "2026-05-05", "2026-05-06" },
	};
	struct cal_list l = { 0 };
	struct strbuf text = STRBUF_INIT, want = STRBUF_INIT;
	icalcomponent *cal, *ev;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cal_add(&l, CAL_INTERNAL_AUDIT, cases[i].key, cases[i].date, cases[i].end,
		        "Audit", NULL, false);
	cal = export_parse(&l, "Acme Ltd", &text);
	assert_int_equal(count_events(cal), sizeof(cases) / sizeof(cases[0]));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct icaltimetype stamp;

		strbuf_reset(&want);
		strbuf_addf(&want, "internal-audit-%s@acme.isms", cases[i].key);
		ev = find_event(cal, want.buf);
		assert_date(prop_time(ev, ICAL_DTSTART_PROPERTY), cases[i].dtstart);
		assert_date(prop_time(ev, ICAL_DTEND_PROPERTY), cases[i].dtend);
		stamp = icalcomponent_get_dtstamp(ev);
		assert_true(icaltime_is_utc(stamp));
		assert_string_equal(icaltime_as_ical_string(stamp), STAMP);
	}
	/* As the file says it: all-day dates, no times. */
	assert_has(text.buf, "\r\nDTSTART;VALUE=DATE:20261230\r\n"
	                     "DTEND;VALUE=DATE:20270103\r\n");
	assert_has(text.buf, "\r\nDTSTART;VALUE=DATE:20280229\r\n"
	                     "DTEND;VALUE=DATE:20280301\r\n");
	icalcomponent_free(cal);
	strbuf_release(&text);
	strbuf_release(&want);
	cal_list_release(&l);
}

static void test_empty(void **state)
{
	struct cal_list l = { 0 };
	struct strbuf text = STRBUF_INIT;
	icalcomponent *cal;
	icalproperty *p;

	(void)state;
	cal = export_parse(&l, "Acme Ltd", &text);
	assert_int_equal(count_events(cal), 0);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_ANY_COMPONENT), 0);
	p = icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY);
	assert_non_null(p);
	assert_string_equal(icalproperty_get_version(p), "2.0");
	p = icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY);
	assert_non_null(p);
	assert_string_equal(icalproperty_get_prodid(p), "-//isms//isms 9.9.9//EN");
	icalcomponent_free(cal);
	assert_true(!strncmp(text.buf, "BEGIN:VCALENDAR\r\n", 17));
	assert_true(text.len > 15 &&
	            !strcmp(text.buf + text.len - 15, "END:VCALENDAR\r\n"));

	/* Without a name, the calendar is named after the slug. */
	strbuf_reset(&text);
	cal = export_parse(&l, NULL, &text);
	p = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY);
	assert_non_null(p);
	assert_string_equal(icalproperty_get_x(p), "acme: ISMS compliance calendar");
	icalcomponent_free(cal);
	strbuf_release(&text);
}

#define MAX_EVENTS 8

static void test_uids_stable(void **state)
{
	struct cal_list l = { 0 };
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, uid = STRBUF_INIT;
	icalcomponent *ca, *cb, *ea, *eb, *va[MAX_EVENTS], *vb[MAX_EVENTS];
	size_t n = 0;

	(void)state;
	/* The same key under different kinds, and a key with odd characters. */
	cal_add(&l, CAL_CAPA, "1", "2026-12-05", NULL, "A.5.15", "Ann", false);
	cal_add(&l, CAL_TREATMENT, "1", "2026-12-05", NULL, "Encrypt", NULL, false);
	cal_add(&l, CAL_REVIEW, "1", "2026-11-20", NULL, "Review", "Bob", true);
	cal_add(&l, CAL_ROADMAP, "3-A.5.15", "2027-01-10", NULL, "A.5.15", NULL, false);
	cal_add(&l, CAL_RISK_REVIEW, "a b/c", "2027-04-01", NULL, "Odd", NULL, false);
	cal_sort(&l);

	ca = export_parse(&l, "Acme Ltd", &a);
	/* Another day, another time stamp: the same UIDs, in the same order. */
	assert_ok(ical_calendar(&l, "acme", "Acme Ltd", "9.9.9", "2027-03-01",
	                        "20270301T235959Z", &b));
	cb = icalparser_parse_string(b.buf);
	assert_non_null(cb);
	assert_int_equal(count_events(ca), l.n);
	assert_int_equal(count_events(cb), l.n);
	/* Collected first: find_event() moves libical's iterator. */
	ea = icalcomponent_get_first_component(ca, ICAL_VEVENT_COMPONENT);
	eb = icalcomponent_get_first_component(cb, ICAL_VEVENT_COMPONENT);
	for (; ea && eb && n < MAX_EVENTS; n++) {
		va[n] = ea;
		vb[n] = eb;
		ea = icalcomponent_get_next_component(ca, ICAL_VEVENT_COMPONENT);
		eb = icalcomponent_get_next_component(cb, ICAL_VEVENT_COMPONENT);
	}
	assert_null(ea);
	assert_null(eb);
	for (size_t i = 0; i < n; i++) {
		strbuf_reset(&uid);
		cal_uid(&l.v[i], "acme", &uid);
		assert_string_equal(icalcomponent_get_uid(va[i]), uid.buf);
		assert_string_equal(icalcomponent_get_uid(vb[i]), uid.buf);
		assert_string_equal(
		        icaltime_as_ical_string(icalcomponent_get_dtstamp(vb[i])),
		        "20270301T235959Z");
		/* Unique: no other event of the export has it. */
		assert_ptr_equal(find_event(ca, uid.buf), va[i]);
	}
	assert_int_equal(n, l.n);
	find_event(ca, "capa-1@acme.isms");
	find_event(ca, "treatment-1@acme.isms");
	find_event(ca, "review-1@acme.isms");
	find_event(ca, "roadmap-3-A.5.15@acme.isms");
	find_event(ca, "risk-review-a_b_c@acme.isms");
	/* The status in the description is as of the export's day. */
	assert_has(icalcomponent_get_description(find_event(ca, "capa-1@acme.isms")),
	           "Status: not done (as of 2026-12-01)");
	assert_has(icalcomponent_get_description(find_event(cb, "capa-1@acme.isms")),
	           "Status: overdue (as of 2027-03-01)");
	assert_has(icalcomponent_get_description(find_event(cb, "review-1@acme.isms")),
	           "Status: done (as of 2027-03-01)");
	icalcomponent_free(ca);
	icalcomponent_free(cb);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&uid);
	cal_list_release(&l);
}

static void test_refused(void **state)
{
	static const char *bad_stamps[] = {
		"2026-12-01T10:00:00Z", "20261201T100000",   "20261201100000Z",
		"2026120T100000Z",      "20261201T100000ZZ", "",
	};
	struct cal_list l = { 0 };
	struct strbuf text = STRBUF_INIT;

	(void)state;
	cal_add(&l, CAL_CAPA, "1", "2026-12-05", NULL, "A.5.15", NULL, false);
	strbuf_addstr(&text, "kept");
	for (size_t i = 0; i < sizeof(bad_stamps) / sizeof(bad_stamps[0]); i++) {
		assert_fails(ical_calendar(&l, "acme", "Acme", "1", TODAY, bad_stamps[i],
		                           &text),
		             E_INVALID, "is not a UTC time");
		assert_string_equal(text.buf, "kept");
	}
	assert_fails(ical_calendar(&l, "acme", "Acme", "1", TODAY, NULL, &text),
	             E_INVALID, "is not a UTC time");
	cal_list_release(&l);

	/* A malformed date names the event and writes nothing. */
	cal_add(&l, CAL_CAPA, "1", "2026-12-05", NULL, "A.5.15", NULL, false);
	cal_add(&l, CAL_CAPA, "2", "2026-02-30", NULL, "A.5.16", NULL, false);
	assert_fails(ical_calendar(&l, "acme", "Acme", "1", TODAY, STAMP, &text),
	             E_INVALID, "calendar event capa-2@acme.isms");
	assert_string_equal(text.buf, "kept");
	cal_list_release(&l);
	cal_add(&l, CAL_INTERNAL_AUDIT, "4", "2026-03-03", "2026-03-01", "Audit", NULL,
	        false);
	assert_fails(ical_calendar(&l, "acme", "Acme", "1", TODAY, STAMP, &text),
	             E_INVALID, "ends (2026-03-01) before it starts (2026-03-03)");
	assert_string_equal(text.buf, "kept");
	cal_list_release(&l);
	strbuf_release(&text);
}

/* Shaped right, but no time there is: refused as well. */
static void test_refused_impossible_stamp(void **state)
{
	static const char *bad_stamps[] = {
		"20261301T100000Z", /* month 13 */
		"20260230T100000Z", /* 30 February */
		"20261201T256100Z", /* 25:61 */
	};
	struct cal_list l = { 0 };

	(void)state;
	cal_add(&l, CAL_CAPA, "1", "2026-12-05", NULL, "A.5.15", NULL, false);
	for (size_t i = 0; i < sizeof(bad_stamps) / sizeof(bad_stamps[0]); i++) {
		struct strbuf text = STRBUF_INIT;
		int rc = ical_calendar(&l, "acme", "Acme", "1", TODAY, bad_stamps[i],
		                       &text);

		if (rc != -E_INVALID || text.len)
			fail_msg("time stamp %s: expected E_INVALID and nothing written, "
			         "got %d:\n%s",
			         bad_stamps[i], rc, text.buf);
		strbuf_release(&text);
	}
	cal_list_release(&l);
}

/*
 * Dates the rest of the program accepts (date_check() takes years up to
 * DATE_YEAR_MAX) must come out as the same all-day dates, or the export
 * must refuse them; never a file with a mangled DTSTART or DTEND.  Later
 * dates are refused on input; the export must refuse them too.
 */
static void test_far_future_dates(void **state)
{
	static const struct {
		const char *date, *dtend;
	} cases[] = {
		{ "2999-12-31", "3000-01-01" },
		{ "3000-12-31", "3001-01-01" },
		{ "3001-01-01", "3001-01-02" },
		{ "9999-12-30", "9999-12-31" },
		/* No day after it can be written: only a refusal will do. */
		{ "9999-12-31", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cal_list l = { 0 };
		struct strbuf text = STRBUF_INIT;
		icalcomponent *cal, *ev;
		int rc;

		if (date_check("the date", cases[i].date)) {
			assert_true(atoi(cases[i].date) > DATE_YEAR_MAX);
			error_clear();
		}
		cal_add(&l, CAL_CAPA, "1", cases[i].date, NULL, "A.5.15", NULL, false);
		rc = ical_calendar(&l, "acme", "Acme", "1", TODAY, STAMP, &text);
		if (rc) {
			assert_int_equal(rc, -E_INVALID);
			assert_int_equal(text.len, 0);
		} else {
			if (!cases[i].dtend)
				fail_msg("%s: exported, though no DTEND can follow "
				         "it:\n%s",
				         cases[i].date, text.buf);
			cal = icalparser_parse_string(text.buf);
			assert_non_null(cal);
			ev = find_event(cal, "capa-1@acme.isms");
			if (!strstr(text.buf, "DTSTART;VALUE=DATE:") ||
			    !strstr(text.buf, "DTEND;VALUE=DATE:"))
				fail_msg("%s: the export's DTSTART or DTEND is no "
				         "date:\n%s",
				         cases[i].date, text.buf);
			assert_date(prop_time(ev, ICAL_DTSTART_PROPERTY), cases[i].date);
			assert_date(prop_time(ev, ICAL_DTEND_PROPERTY), cases[i].dtend);
			icalcomponent_free(cal);
		}
		strbuf_release(&text);
		cal_list_release(&l);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_folding_long_utf8),
		cmocka_unit_test(test_dtend_exclusive),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_uids_stable),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_refused_impossible_stamp),
		cmocka_unit_test(test_far_future_dates),
	};

	return cmocka_run_group_tests_name("ical", tests, NULL, NULL);
}
