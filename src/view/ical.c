/*
 * ical.c - the compliance calendar as iCalendar (RFC 5545), built with
 * libical so that escaping, line folding and the VALUE=DATE parameters
 * are the library's, not ours: a title with commas, semicolons,
 * backslashes or line breaks comes back unchanged in any reader.
 *
 * Every event is an all-day VEVENT.  Its UID depends only on the record
 * it comes from (cal_uid()), so importing a newer export updates the
 * events already in a calendar instead of adding them twice.
 */
#include "view/cert.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/text.h"

/* A valid YYYY-MM-DD date (date_check() first) as a libical DATE. */
static struct icaltimetype ical_date(const char *s)
{
	struct icaltimetype t = icaltime_null_date();

	t.year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	         (s[3] - '0');
	t.month = (s[5] - '0') * 10 + (s[6] - '0');
	t.day = (s[8] - '0') * 10 + (s[9] - '0');
	return t;
}

/* "20260115T090000Z" exactly: a UTC date-time, as DTSTAMP must be. */
static int ical_stamp(const char *s, struct icaltimetype *out)
{
	size_t n = s ? strlen(s) : 0;
	bool shape = n == 16 && s[8] == 'T' && s[15] == 'Z';

	for (size_t i = 0; shape && i < 15; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			shape = false;
	if (shape) {
		char date[11];
		int hh = (s[9] - '0') * 10 + (s[10] - '0');
		int mm = (s[11] - '0') * 10 + (s[12] - '0');
		int ss = (s[13] - '0') * 10 + (s[14] - '0');

		/* A real day and time: libical takes digits as they come. */
		snprintf(date, sizeof(date), "%.4s-%.2s-%.2s", s, s + 4, s + 6);
		shape = !date_check("the time stamp", date) && hh < 24 && mm < 60 &&
		        ss <= 60;
		error_clear();
	}
	if (shape)
		*out = icaltime_from_string(s);
	if (!shape || icaltime_is_null_time(*out) || !icaltime_is_valid_time(*out) ||
	    !icaltime_is_utc(*out))
		return error_set(E_INVALID,
		                 "the calendar's time stamp '%s' is not a UTC time "
		                 "(expected YYYYMMDDTHHMMSSZ)",
		                 s ? s : "");
	return 0;
}

/* What a calendar program shows under the summary. */
static void describe(const struct cal_event *e, const char *today, struct strbuf *out)
{
	const char *status = e->done                 ? "done"
	                     : cal_overdue(e, today) ? "overdue"
	                                             : "not done";

	strbuf_addf(out, "Kind: %s\n", cal_kind_name(e->kind));
	if (*e->title)
		strbuf_addf(out, "About: %s\n", e->title);
	if (e->owner)
		strbuf_addf(out, "Owner: %s\n", e->owner);
	if (*e->end)
		strbuf_addf(out, "Dates: %s to %s\n", e->date, e->end);
	else
		strbuf_addf(out, "Date: %s\n", e->date);
	strbuf_addf(out, "Status: %s (as of %s)", status, today);
}

static int add_event(icalcomponent *cal, const struct cal_event *e, const char *org_slug,
                     const char *today, struct icaltimetype stamp)
{
	struct strbuf uid = STRBUF_INIT, text = STRBUF_INIT;
	icalcomponent *ev;
	char after[11];
	int rc;

	cal_uid(e, org_slug, &uid);
	rc = date_check("the event's date", e->date);
	if (!rc && *e->end)
		rc = date_check("the event's last day", e->end);
	if (!rc && *e->end && strcmp(e->end, e->date) < 0)
		rc = error_set(E_INVALID, "the event ends (%s) before it starts (%s)",
		               e->end, e->date);
	if (rc) {
		rc = error_wrap("calendar event %s", uid.buf);
		strbuf_release(&uid);
		return rc;
	}
	/* DTEND of an all-day event is exclusive: the day after the last. */
	date_add_days(*e->end ? e->end : e->date, 1, after);

	ev = icalcomponent_new_vevent();
	icalcomponent_add_property(ev, icalproperty_new_uid(uid.buf));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(ical_date(e->date)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(ical_date(after)));
	cal_summary(e, &text);
	icalcomponent_add_property(ev, icalproperty_new_summary(text.buf));
	strbuf_reset(&text);
	describe(e, today, &text);
	icalcomponent_add_property(ev, icalproperty_new_description(text.buf));
	icalcomponent_add_property(ev,
	                           icalproperty_new_categories(cal_kind_name(e->kind)));
	/* Deadlines and audits inform; they do not block anyone's time. */
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	/* Done or not, the date happened or will: the event stands
	 * (DESCRIPTION says whether it is done). */
	icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
	icalcomponent_add_component(cal, ev);
	strbuf_release(&uid);
	strbuf_release(&text);
	return 0;
}

int ical_calendar(const struct cal_list *l, const char *org_slug, const char *org_name,
                  const char *version, const char *today, const char *dtstamp,
                  struct strbuf *out)
{
	struct strbuf text = STRBUF_INIT;
	struct icaltimetype stamp;
	icalcomponent *cal;
	icalproperty *name;
	char *ics;
	int rc = ical_stamp(dtstamp, &stamp);

	if (rc)
		return rc;
	cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	strbuf_addf(&text, ICAL_PRODID_FMT, version);
	icalcomponent_add_property(cal, icalproperty_new_prodid(text.buf));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	/* The name calendar programs show for a subscribed or imported file. */
	strbuf_reset(&text);
	strbuf_addf(&text, "%s: ISMS compliance calendar",
	            org_name && *org_name ? org_name : org_slug);
	name = icalproperty_new_x(text.buf);
	icalproperty_set_x_name(name, "X-WR-CALNAME");
	icalcomponent_add_property(cal, name);
	strbuf_release(&text);

	for (size_t i = 0; !rc && i < l->n; i++)
		rc = add_event(cal, &l->v[i], org_slug, today, stamp);
	if (!rc) {
		/* The _r form hands the buffer to us rather than to libical's
		 * ring of temporary buffers. */
		ics = icalcomponent_as_ical_string_r(cal);
		if (!ics)
			rc = error_set(E_INTERNAL, "could not write the calendar: %s",
			               icalerror_strerror(icalerrno));
		else
			rc = strbuf_addstr(out, ics);
		icalmemory_free_buffer(ics);
	}
	icalcomponent_free(cal);
	return rc;
}
