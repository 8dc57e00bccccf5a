# The compliance calendar: which records become which events, the default
# view (overdue and the next 90 days by 30, 60 and 90 days), ranges, the
# iCalendar export read back by a second, independent parser (python3's
# icalendar module), UIDs that stay the same from one export to the next,
# and what bad input gets.  Ids always come from the program's own --json
# output.

export ISMS_NOW=2026-12-01T10:00:00Z

# A title with what iCalendar escapes (commas, semicolons, a backslash),
# quotes, markup and UTF-8 of two to four bytes.  No backslash before an
# "n" and no two backslashes in a row: python3-icalendar 4.0.3 unescapes
# those wrongly (the C test in tests/unit/test-store.c covers them with
# libical).
HOSTILE='Café, "quoted"; <script>alert(1)</script> back\slash 日本語 ✓ 🔒'

controls() {
	run catalog list --kind control --json
	jq -r '.[].ref' <<<"$out"
}

# One record of every dated kind, around "today" (2026-12-01):
#
#   2026-09-01             three months of operation (go-live 2026-06-01), done
#   2026-10-05..2026-10-07 audit $closed, closed today with a nonconformity
#   2026-11-20             management review $mr, a draft: overdue
#   2026-11-25             its action $act: overdue
#   2026-12-10             Stage 1
#   2026-12-20             treatment action $tid of risk $rref (the hostile title)
#   2026-12-30..2027-01-02 audit $planned, planned over the turn of the year
#   2026-12-31             competence record $comp of Lena
#   2027-01-10             remediation action of A.8.8 in gap assessment $gid
#   2027-01-20             Stage 2
#   2027-01-31             evidence $sha, linked in the assessment
#   2027-02-01             the SoA's yearly review (approved 2026-02-01)
#   2027-02-15             corrective action $cid
#   2027-04-01             risk $rref's review
#   2027-12-01             the next internal audit, a year after $closed
#   2028-01-20 ...         surveillance audits, recertification and expiry,
#                          derived from Stage 2
dated_org() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	ok asset add "Customer DB" --type information --owner Alice
	mapfile -t all < <(controls)
	[[ ${#all[@]} -eq 93 ]] || die "expected 93 Annex A controls, got ${#all[@]}"
	ok soa set "${all[@]}" --status implemented --status-reason "Confirmed in the walkthrough"
	ok soa approve --by "Managing Director" --date 2026-02-01
	ok cert set --body "Cert Body Ltd" --golive 2026-06-01 --stage1 2026-12-10 \
		--stage2 2027-01-20
	ok person add Lena
	ok person competence Lena --kind certification --title "ISO/IEC 27001 Lead Auditor" \
		--expires 2026-12-31 --json
	comp=$(jq -r .id <<<"$out")
	ok audit new --title "Autumn audit" --scope A.5.15 --start 2026-10-05 --end 2026-10-07 --json
	closed=$(jq -r .id <<<"$out")
	ok audit assign "$closed" Lena --lead
	ok audit result "$closed" A.5.15 --result minor --kind not-functioning \
		--method reperformance --note "Leaver accounts still active" --json
	cid=$(jq -r .capa <<<"$out")
	[[ $cid =~ ^[0-9]+$ ]] || die "the nonconformity opened no corrective action: $out"
	ok audit close "$closed"
	ok capa set "$cid" --due 2027-02-15 --owner "IT Ops"
	ok audit new --title "Year-end audit" --scope A.5.15 --start 2026-12-30 \
		--end 2027-01-02 --json
	planned=$(jq -r .id <<<"$out")
	ok review new --chair "Jane Doe" --attendees "Jane Doe, Bob Smith" --date 2026-11-20 --json
	mr=$(jq -r .id <<<"$out")
	ok review action "$mr" "Automate access reviews" --owner "Bob Smith" --due 2026-11-25 --json
	act=$(jq -r .id <<<"$out")
	ok gap new --name Baseline --date 2026-09-01 --json
	gid=$(jq -r .id <<<"$out")
	ok gap set A.8.8 --status nonconforming
	ok gap action A.8.8 --owner "IT Ops" --due 2027-01-10
	ok risk add --title Ransomware --asset "Customer DB" --threat Malware \
		--vulnerability "No EDR" --likelihood 3 --impact 3 --treatment modify \
		--controls A.8.7 --review 2027-04-01 --json
	rid=$(jq -r .id <<<"$out")
	rref=$(jq -r .ref <<<"$out")
	ok risk action "$rref" --title "$HOSTILE" --owner "IT Ops" --due 2026-12-20 --json
	tid=$(jq -r .id <<<"$out")
	echo "pentest findings" >"$T_DIR/pentest.txt"
	ok evidence add "$T_DIR/pentest.txt" --kind record --title "Pentest report" \
		--valid-until 2027-01-31 --json
	sha=$(jq -r .sha256 <<<"$out")
	ok evidence link "$sha" A.8.8
	for v in comp closed cid planned mr act gid rid tid; do
		[[ ${!v} =~ ^[0-9]+$ ]] || die "no id for $v: '${!v}'"
	done
}

# Every event dated_org makes: UID and dates, in the calendar's order.
all_events() {
	cat <<EOF
operation-golive@acme.isms 2026-09-01
internal-audit-$closed@acme.isms 2026-10-05..2026-10-07
review-$mr@acme.isms 2026-11-20
review-action-$act@acme.isms 2026-11-25
certification-audit-stage1@acme.isms 2026-12-10
treatment-$tid@acme.isms 2026-12-20
internal-audit-$planned@acme.isms 2026-12-30..2027-01-02
competence-expiry-$comp@acme.isms 2026-12-31
roadmap-$gid-A.8.8@acme.isms 2027-01-10
certification-audit-stage2@acme.isms 2027-01-20
evidence-expiry-$sha@acme.isms 2027-01-31
soa-review-soa@acme.isms 2027-02-01
capa-$cid@acme.isms 2027-02-15
risk-review-$rid@acme.isms 2027-04-01
internal-audit-due-next@acme.isms 2027-12-01
certification-audit-surveillance1@acme.isms 2028-01-20
certification-audit-surveillance2@acme.isms 2029-01-20
certification-audit-recertification@acme.isms 2029-10-19
certificate-expiry-expiry@acme.isms 2030-01-19
EOF
}

# The events of a `calendar --json` in $out as "UID DATE[..END]" lines.
event_lines() {
	jq -r '.events[] | "\(.uid) \(.date)\(if .end then ".." + .end else "" end)"' <<<"$out"
}

# events_are LINE...: the calendar in $out lists exactly these, in order.
events_are() {
	local want got
	want=$(printf '%s\n' "$@")
	got=$(event_lines)
	[[ $got == "$want" ]] || die "the calendar lists:
$got
expected:
$want"
}

# The python3 that has the icalendar module (python3-icalendar): the first
# python3 on the PATH may be another installation without it.
ics_python() {
	local py
	for py in python3 /usr/bin/python3; do
		if command -v "$py" >/dev/null && "$py" -c 'import icalendar' 2>/dev/null; then
			echo "$py"
			return 0
		fi
	done
	die "no python3 with the icalendar module (install python3-icalendar)"
}

# ics_read FILE: read an iCalendar file with python3's icalendar, leaving
# JSON in $out: the file's shape (CRLF line ends, the longest line in
# octets) and every VEVENT's UID, SUMMARY, DTSTART, the last day (DTEND
# less one day), whether both are dates, DTSTAMP and CATEGORIES.  A
# property the parser cannot read comes out null.
ics_read() {
	local py
	py=$(ics_python)
	out=$("$py" - "$1" <<'EOF'
import datetime, json, sys
import icalendar

raw = open(sys.argv[1], 'rb').read()
lines = raw.split(b'\r\n')
cal = icalendar.Calendar.from_ical(raw)

def day(v):
    return v.dt if v is not None and hasattr(v, 'dt') else None

def cats(v):
    if v is None:
        return None
    return [str(c) for c in getattr(v, 'cats', [v])]

events = []
for ev in cal.walk('VEVENT'):
    start, end = day(ev.get('DTSTART')), day(ev.get('DTEND'))
    dates = type(start) is datetime.date and type(end) is datetime.date
    stamp = day(ev.get('DTSTAMP'))
    events.append({
        'uid': str(ev['UID']) if 'UID' in ev else None,
        'summary': str(ev['SUMMARY']) if 'SUMMARY' in ev else None,
        'description': str(ev['DESCRIPTION']) if 'DESCRIPTION' in ev else None,
        'start': start.isoformat() if dates else None,
        'last': (end - datetime.timedelta(days=1)).isoformat() if dates else None,
        'all_day': dates,
        'stamp': stamp.strftime('%Y%m%dT%H%M%SZ') if stamp else None,
        'categories': cats(ev.get('CATEGORIES')),
    })
print(json.dumps({
    'name': cal.name,
    'version': str(cal.get('VERSION')),
    'prodid': str(cal.get('PRODID')),
    'crlf': raw.endswith(b'\r\n') and b'\n' not in raw.replace(b'\r\n', b''),
    'longest': max(len(l) for l in lines),
    'events': events,
}, ensure_ascii=False))
EOF
	) || die "python3's icalendar cannot read $1"
}

t_default_view() {
	dated_org
	ok calendar --json
	jq_eq .today 2026-12-01
	jq_eq .from null
	jq_eq .to 2027-03-01
	# Overdue, then the next 90 days; nothing done, nothing later.
	events_are "review-$mr@acme.isms 2026-11-20" \
		"review-action-$act@acme.isms 2026-11-25" \
		"certification-audit-stage1@acme.isms 2026-12-10" \
		"treatment-$tid@acme.isms 2026-12-20" \
		"internal-audit-$planned@acme.isms 2026-12-30..2027-01-02" \
		"competence-expiry-$comp@acme.isms 2026-12-31" \
		"roadmap-$gid-A.8.8@acme.isms 2027-01-10" \
		"certification-audit-stage2@acme.isms 2027-01-20" \
		"evidence-expiry-$sha@acme.isms 2027-01-31" \
		"soa-review-soa@acme.isms 2027-02-01" \
		"capa-$cid@acme.isms 2027-02-15"
	jq_eq '[.events[].kind] | join(",")' \
		review,review-action,certification-audit,treatment,internal-audit,competence-expiry,roadmap,certification-audit,evidence-expiry,soa-review,capa
	jq_eq '[.events[].window] | join(",")' overdue,overdue,30,30,30,30,60,60,90,90,90
	jq_eq '[.events[] | select(.overdue) | .kind] | join(",")' review,review-action
	jq_eq '[.events[] | select(.done)] | length' 0
	# Sorted by date; every UID KIND-KEY@SLUG.isms.
	jq_eq '[.events[].date] == ([.events[].date] | sort)' true
	jq_eq 'all(.events[]; .uid | test("^[a-z-]+-[A-Za-z0-9._-]+@acme[.]isms$"))' true
	jq_eq 'all(.events[]; (.kind + "-") as $k | .uid | startswith($k))' true
	jq_eq '[.events[].uid] | unique | length' 11
	# What each event says.
	jq_eq ".events[] | select(.uid == \"treatment-$tid@acme.isms\") | .summary" \
		"Risk treatment action due: $HOSTILE"
	jq_eq ".events[] | select(.uid == \"treatment-$tid@acme.isms\") | .owner" "IT Ops"
	jq_eq ".events[] | select(.kind == \"capa\") | .summary" \
		"Corrective action due CAPA-$cid: A.5.15, Leaver accounts still active"
	jq_eq ".events[] | select(.kind == \"internal-audit\") | .end" 2027-01-02
	jq_eq ".events[] | select(.kind == \"review-action\") | .owner" "Bob Smith"

	# The text groups them under headings, in order.
	ok calendar
	[[ $(grep -E '^[A-Z0-9].*:$' <<<"$out" | paste -sd '|') == \
		"Overdue:|Next 30 days:|31 to 60 days:|61 to 90 days:" ]] ||
		die "unexpected headings: $out"
	out_has "  2026-12-30..2027-01-02  Internal audit A$planned: Year-end audit"
	out_has "Risk treatment action due: $HOSTILE  (IT Ops)"
	out_has "Management review action due: Automate access reviews  (Bob Smith)"
	out_lacks "After 90 days"
	out_lacks "Done:"
	[[ $(grep -c '^  [0-9]' <<<"$out") -eq 11 ]] || die "expected 11 events: $out"

	# --days 30: overdue and the next 30 days.
	ok calendar --days 30 --json
	jq_eq .to 2026-12-31
	jq_eq '.events | length' 6
	jq_eq '.events[-1].uid' "competence-expiry-$comp@acme.isms"
	ok calendar --days 30
	out_has "Overdue:"
	out_has "Next 30 days:"
	out_lacks "31 to 60 days"
	out_lacks "Remediation action due"
	out_lacks "Stage 2"
	# The longest look ahead still leaves out what is done and past.
	ok calendar --days 3660 --json
	jq_eq '.events | length' 17
	jq_eq '[.events[] | select(.window == "later") | .kind] | length' 6
	ok calendar --days 3660
	out_has "After 90 days:"
}

t_ranges() {
	dated_org
	# From the beginning: everything, done or not.
	ok calendar --from 1900-01-01 --json
	jq_eq .from 1900-01-01
	jq_eq .to null
	mapfile -t expected < <(all_events)
	events_are "${expected[@]}"
	jq_eq '[.events[] | select(.done) | .kind] | join(",")' operation,internal-audit
	jq_eq '[.events[] | select(.window == "past") | .kind] | join(",")' operation,internal-audit
	jq_eq '[.events[].date] == ([.events[].date] | sort)' true
	# A range holds every event touching it, done ones too.
	ok calendar --from 2026-10-01 --to 2026-12-31 --json
	jq_eq .to 2026-12-31
	events_are "internal-audit-$closed@acme.isms 2026-10-05..2026-10-07" \
		"review-$mr@acme.isms 2026-11-20" \
		"review-action-$act@acme.isms 2026-11-25" \
		"certification-audit-stage1@acme.isms 2026-12-10" \
		"treatment-$tid@acme.isms 2026-12-20" \
		"internal-audit-$planned@acme.isms 2026-12-30..2027-01-02" \
		"competence-expiry-$comp@acme.isms 2026-12-31"
	jq_eq '.events[0].done' true
	jq_eq '.events[0].overdue' false
	ok calendar --from 2026-10-06 --to 2026-10-06 --json
	events_are "internal-audit-$closed@acme.isms 2026-10-05..2026-10-07"
	ok calendar --from 2027-01-01 --to 2027-01-01 --json
	events_are "internal-audit-$planned@acme.isms 2026-12-30..2027-01-02"
	ok calendar --to 2026-09-30 --json
	jq_eq .from null
	events_are "operation-golive@acme.isms 2026-09-01"
	ok calendar --from 2029-01-01 --json
	events_are "certification-audit-surveillance2@acme.isms 2029-01-20" \
		"certification-audit-recertification@acme.isms 2029-10-19" \
		"certificate-expiry-expiry@acme.isms 2030-01-19"
	# As text: one list, overdue and done ones marked, no headings.
	ok calendar --from 2026-10-01 --to 2026-11-30
	out_has "  2026-10-05..2026-10-07  Internal audit A$closed: Autumn audit  [done]"
	out_has "  2026-11-20              Management review MR$mr: Management review 2026-11-20  (Jane Doe)  OVERDUE"
	out_lacks "Overdue:"
	[[ $(wc -l <<<"$out") -eq 3 ]] || die "expected three events: $out"
	ok calendar --from 2031-01-01
	[[ $out == "Nothing due." ]] || die "expected 'Nothing due.', got: $out"
}

t_export_parses_back() {
	dated_org
	ok calendar --from 1900-01-01 --json
	listed=$out
	ok calendar export -o "$T_DIR/acme.ics"
	[[ $err == "Wrote 19 events to $T_DIR/acme.ics." ]] || die "unexpected message: $err"
	ics_read "$T_DIR/acme.ics"
	ics=$out
	jq_eq .name VCALENDAR
	jq_eq .version 2.0
	jq_eq '.prodid | startswith("-//isms//isms ")' true
	jq_eq .crlf true
	jq_eq '.longest <= 75' true
	# As many events as the calendar lists, each once, with its dates.
	jq_eq '.events | length' "$(jq '.events | length' <<<"$listed")"
	jq_eq '.events | length' 19
	jq_eq '[.events[].uid] | unique | length' 19
	jq_eq 'all(.events[]; .all_day and .stamp == "20261201T100000Z")' true
	got=$(jq -r '.events[] | "\(.uid) \(.start)\(if .last != .start then ".." + .last else "" end)"' \
		<<<"$ics" | sort)
	want=$(all_events | sort)
	[[ $got == "$want" ]] || die "the export holds:
$got
expected:
$want"
	# Every summary and category as the calendar has them.
	jq -e --argjson l "$listed" '
		(.events | map({key: .uid, value: [.summary, .categories]}) | from_entries) ==
		($l.events | map({key: .uid, value: [.summary, [.kind]]}) | from_entries)' \
		<<<"$ics" >/dev/null || die "summaries or categories differ: $ics"
	# DTEND is exclusive: the day after the last, across the year's end.
	grep -q $'^DTSTART;VALUE=DATE:20261230\r$' "$T_DIR/acme.ics" ||
		die "no all-day DTSTART for the year-end audit"
	grep -q $'^DTEND;VALUE=DATE:20270103\r$' "$T_DIR/acme.ics" ||
		die "no exclusive DTEND for the year-end audit"
	jq_eq ".events[] | select(.uid == \"internal-audit-$planned@acme.isms\") | .start" 2026-12-30
	jq_eq ".events[] | select(.uid == \"internal-audit-$planned@acme.isms\") | .last" 2027-01-02
	jq_eq ".events[] | select(.uid == \"internal-audit-$closed@acme.isms\") | .last" 2026-10-07
	# The hostile title comes back as it went in.
	jq_eq ".events[] | select(.uid == \"treatment-$tid@acme.isms\") | .summary" \
		"Risk treatment action due: $HOSTILE"
	jq -e --arg uid "treatment-$tid@acme.isms" --arg about "About: $HOSTILE"$'\nOwner: IT Ops\n' \
		'.events[] | select(.uid == $uid) | .description | contains($about)' <<<"$ics" >/dev/null ||
		die "the description lacks the title and owner: $ics"
	jq_eq ".events[] | select(.uid == \"review-$mr@acme.isms\") | .description | endswith(\"Status: overdue (as of 2026-12-01)\")" true

	# Standard output (no -o, or -o -) gets the same file; --json reports it.
	run calendar export
	[[ $status -eq 0 && -z $err ]] || die "export to standard output failed: $err"
	cmp -s <("$ISMS_BIN" calendar export) "$T_DIR/acme.ics" ||
		die "the export to standard output differs from the file"
	cmp -s <("$ISMS_BIN" calendar export -o -) "$T_DIR/acme.ics" ||
		die "the export to '-' differs from the file"
	ok calendar export -o "$T_DIR/again.ics" --json
	jq_eq .events 19
	jq_eq .bytes "$(wc -c <"$T_DIR/acme.ics")"
	cmp -s "$T_DIR/again.ics" "$T_DIR/acme.ics" || die "two exports of the same store differ"

	# A range exports what the calendar lists for it.
	ok calendar --from 2026-12-01 --to 2027-01-31 --json
	listed=$out
	ok calendar export --from 2026-12-01 --to 2027-01-31 -o "$T_DIR/range.ics"
	ics_read "$T_DIR/range.ics"
	jq_eq '.events | length' 7
	jq_eq '[.events[].uid] | sort' "$(jq -r '[.events[].uid] | sort' <<<"$listed")"
}

t_export_uids_stable() {
	dated_org
	ok calendar export -o "$T_DIR/first.ics"
	ics_read "$T_DIR/first.ics"
	first=$out
	# Two weeks on: a corrective action's due date moves and an unrelated
	# action is added.
	export ISMS_NOW=2026-12-15T08:30:00Z
	ok capa set "$cid" --due 2027-03-01
	ok review action "$mr" "Budget for a SOC" --owner "Jane Doe" --due 2027-01-05 --json
	act2=$(jq -r .id <<<"$out")
	ok calendar export -o "$T_DIR/second.ics"
	ics_read "$T_DIR/second.ics"
	second=$out
	jq_eq '.events | length' 20
	jq_eq 'all(.events[]; .stamp == "20261215T083000Z")' true
	# Every UID of the first export is in the second, and only the new
	# record's is new.
	jq -e --argjson f "$first" \
		'([.events[].uid] - [$f.events[].uid]) == ["review-action-'"$act2"'@acme.isms"] and
		 ([$f.events[].uid] - [.events[].uid]) == []' <<<"$second" >/dev/null ||
		die "the UIDs changed: $(jq -c '[.events[].uid]' <<<"$first") then $(jq -c '[.events[].uid]' <<<"$second")"
	# The moved due date keeps its UID with the new date; nothing else moved.
	jq_eq ".events[] | select(.uid == \"capa-$cid@acme.isms\") | .start" 2027-03-01
	out=$first
	jq_eq ".events[] | select(.uid == \"capa-$cid@acme.isms\") | .start" 2027-02-15
	jq -e --argjson s "$second" '
		([.events[] | select(.uid | startswith("capa-") | not) | [.uid, .start, .last]] | sort) ==
		([$s.events[] | select(.uid | startswith("capa-") or startswith("review-action-'"$act2"'@") | not) |
		  [.uid, .start, .last]] | sort)' <<<"$first" >/dev/null ||
		die "dates other than the corrective action's changed"
	# The status in the description is as of the export.
	out=$second
	jq_eq ".events[] | select(.uid == \"certification-audit-stage1@acme.isms\") | .description | endswith(\"Status: done (as of 2026-12-15)\")" true
}

t_bad_input() {
	dated_org
	fails_unchanged 2 "--from '2026-02-30' is not a valid date" calendar --from 2026-02-30
	fails_unchanged 2 "--to '2026-1-31' is not a valid date" calendar --to 2026-1-31
	fails_unchanged 2 "--to (2026-01-01) is before --from (2026-02-01)" \
		calendar --from 2026-02-01 --to 2026-01-01
	fails_unchanged 2 "looks 1 to 3660 days ahead, not 0" calendar --days 0
	fails_unchanged 2 "looks 1 to 3660 days ahead, not -5" calendar --days -5
	fails_unchanged 2 "looks 1 to 3660 days ahead, not 3661" calendar --days 3661
	fails_unchanged 2 "--days takes a number of days" calendar --days abc
	fails_unchanged 2 "--days takes a number of days" calendar --days 30d
	fails_unchanged 2 "--days takes a number of days" calendar --days ""
	fails_unchanged 2 "--days counts from today; give it or --from/--to" \
		calendar --days 30 --from 2026-01-01
	fails_unchanged 2 "--days counts from today" calendar --to 2026-12-31 --days 30
	fails_unchanged 2 "'bogus'" calendar bogus
	# The export refuses the same, and writes nothing.
	fails_unchanged 2 "--from '2026-13-01' is not a valid date" \
		calendar export --from 2026-13-01 -o "$T_DIR/bad.ics"
	fails_unchanged 2 "--to (2026-01-01) is before --from (2026-02-01)" \
		calendar export --from 2026-02-01 --to 2026-01-01 -o "$T_DIR/bad.ics"
	fails_unchanged 2 "unknown option '--days'" calendar export --days 30 -o "$T_DIR/bad.ics"
	fails_unchanged 2 "-o needs a file name" calendar export -o ""
	[[ ! -e $T_DIR/bad.ics ]] || die "a refused export left a file"
	fails_unchanged 1 "cannot write '$T_DIR/missing/acme.ics': No such file or directory" \
		calendar export -o "$T_DIR/missing/acme.ics"
	[[ ! -e $T_DIR/missing ]] || die "the export created a directory"
	mkdir "$T_DIR/adir"
	fails_unchanged 1 "cannot write '$T_DIR/adir': Is a directory" \
		calendar export -o "$T_DIR/adir"
	[[ -z $(ls -A "$T_DIR/adir") ]] || die "the export wrote into the directory"
	# A refused export leaves an earlier file as it was.
	ok calendar export -o "$T_DIR/kept.ics"
	cp "$T_DIR/kept.ics" "$T_DIR/kept.orig"
	fails_unchanged 2 "is not a valid date" calendar export --to 2026-02-29 -o "$T_DIR/kept.ics"
	cmp -s "$T_DIR/kept.ics" "$T_DIR/kept.orig" || die "a refused export changed the file"
	# No partial or temporary file anywhere.
	leftovers=$(find "$T_DIR" -name '*.isms-tmp-*' -o -name 'bad.ics*' -o -name 'acme.ics*')
	[[ -z $leftovers ]] || die "files left behind: $leftovers"
}

t_nothing_dated() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	# Records without dates make no events.
	ok asset add "Customer DB" --type information
	ok risk add --title Ransomware --asset "Customer DB" --threat Malware \
		--vulnerability "No EDR" --likelihood 3 --impact 3 --treatment modify
	ok risk action R1 --title "Roll out EDR" --owner "IT Ops"
	ok person add Lena
	ok person competence Lena --kind training --title "Awareness"
	echo "policy" >"$T_DIR/policy.txt"
	ok evidence add "$T_DIR/policy.txt" --kind policy --title "Policy"
	ok calendar
	[[ $out == "Nothing due." ]] || die "expected 'Nothing due.', got: $out"
	[[ -z $err ]] || die "unexpected stderr: $err"
	ok calendar --from 1900-01-01
	[[ $out == "Nothing due." ]] || die "expected 'Nothing due.', got: $out"
	ok calendar --json
	jq_eq '.events | length' 0
	ok calendar export -o "$T_DIR/empty.ics"
	[[ $err == "Wrote 0 events to $T_DIR/empty.ics." ]] || die "unexpected message: $err"
	ics_read "$T_DIR/empty.ics"
	jq_eq .name VCALENDAR
	jq_eq '.events | length' 0
}

# Dates the program accepts (years up to 9999) must reach the file as the
# same all-day dates, or the export must refuse them with a message: never
# a file with a mangled DTSTART or DTEND.  (Refusing such dates on input
# with a clear message would do as well.)
t_export_far_future_dates() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	ok asset add "Customer DB" --type information
	ok risk add --title Meteor --asset "Customer DB" --threat Meteor --vulnerability Sky \
		--likelihood 1 --impact 5 --treatment retain --json
	rid=$(jq -r .id <<<"$out")
	ok risk action R1 --title "Build a dome" --json
	tid=$(jq -r .id <<<"$out")
	# The last day whose next day is in year 3001, and a day in 3001.
	far_date risk set R1 --review 3000-12-31 && review=1 || review=
	far_date risk action "T$tid" --due 3001-01-01 && due=1 || due=
	run calendar export -o "$T_DIR/far.ics"
	if [[ $status -ne 0 ]]; then
		[[ $(wc -l <<<"$err") -eq 1 && -n $err ]] || die "expected one line on stderr"
		[[ ! -e $T_DIR/far.ics ]] || die "a refused export left a file"
		return 0
	fi
	ics_read "$T_DIR/far.ics"
	if [[ -n $review ]]; then
		jq_eq ".events[] | select(.uid == \"risk-review-$rid@acme.isms\") | [.all_day, .start, .last] | join(\",\")" \
			"true,3000-12-31,3000-12-31"
	fi
	if [[ -n $due ]]; then
		jq_eq ".events[] | select(.uid == \"treatment-$tid@acme.isms\") | [.all_day, .start, .last] | join(\",\")" \
			"true,3001-01-01,3001-01-01"
	fi
}

# far_date ARGS...: a command setting a far date succeeds, or is refused
# as a usage error with a clear message (then it returns 1).
far_date() {
	run "$@"
	[[ $status -eq 0 ]] && return 0
	[[ $status -eq 2 && $(wc -l <<<"$err") -eq 1 && $err == *date* ]] ||
		die "isms $* failed without a clear message (status $status): $err"
	return 1
}
