/*
 * cert.h - what the certification lifecycle and the compliance calendar
 * look like outside: JSON shapes for the record, the status, the
 * readiness gates and the calendar, and the calendar as iCalendar
 * (RFC 5545) for any calendar program.
 *
 * Pure functions over what the app layer loaded; strings are borrowed.
 */
#ifndef ISMS_VIEW_CERT_H
#define ISMS_VIEW_CERT_H

#include <jansson.h>

#include "core/cert.h"
#include "core/strbuf.h"

/*
 * The record, every field (null when not recorded), with a "cycle"
 * object: the dates the cycle runs on and which of them were derived.
 */
json_t *json_certification(const struct certification *c, const struct cert_cycle *cycle);
/* The cycle alone: base, expiry, audits, and "derived": [field names]. */
json_t *json_cert_cycle(const struct cert_cycle *cycle);
/*
 * Where the organisation stands: "step" as {number 1..7, name, title},
 * why, certified, next: [{step, what, due|null, overdue}], cycle.
 */
json_t *json_cert_status(const struct cert_status *s, const char *today);
/*
 * The gates before a stage; a contract scripts rely on:
 * {"stage", "on", "judged_on", "ready", "gates": [{"name", "passed",
 * "reason", "fix"}]}.
 */
json_t *json_cert_readiness(const struct cert_readiness *r);
/*
 * One event: uid, kind, date, end, summary, title, owner, done, overdue,
 * and its window from today: "overdue", "30", "60", "90", "later" or
 * "past".
 */
json_t *json_cal_event(const struct cal_event *e, const char *org_slug,
                       const char *today);
/* {today, from, to, events}; from and to may be NULL (null). */
json_t *json_calendar(const struct cal_list *l, const char *org_slug, const char *today,
                      const char *from, const char *to);

/* The iCalendar PRODID: who wrote the file. */
#define ICAL_PRODID_FMT "-//isms//isms %s//EN"

/*
 * The events as one iCalendar VCALENDAR appended to out: an all-day
 * VEVENT per event whose UID (cal_uid()) is the same in every export, so
 * a calendar that imports the file again updates rather than duplicates.
 * `version` goes into the PRODID, `org_name` names the calendar, and
 * `dtstamp` is the UTC time of the export as YYYYMMDDTHHMMSSZ.  Text is
 * escaped by libical.  E_INVALID for a malformed date or timestamp.
 */
int ical_calendar(const struct cal_list *l, const char *org_slug, const char *org_name,
                  const char *version, const char *today, const char *dtstamp,
                  struct strbuf *out);

#endif
