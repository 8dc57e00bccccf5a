# Gap-assessment reports: Markdown, HTML, CSV and JSON, on standard output
# or written whole into a file.

HOSTILE='<script>alert(1)</script>'
CSV_HEADER=ref,title,kind,group,status,maturity,owner,target_date,evidence_valid,evidence_paper,evidence_expired,paper_only,priority,phase,due,effort,action_status,notes,justification

# A realistic assessment: every status, evidence of policy and record kinds,
# actions with owners and due dates, one placed by hand, a written scope
# with an exclusion, and text that would break each format if it were not
# escaped.
report_fixture() {
	fresh_store
	ok org add acme --name "Acme Payroll Ltd"
	export ISMS_ORG=acme
	ok gap new --name Baseline --assessor "J. Smith"
	ok scope statement "Payroll processing for UK clients, run from Leeds."
	ok scope add process Payroll --description "Monthly payroll runs"
	ok scope add location "Paris office"
	ok scope exclude location "Paris office" --reason "Sales only; no client data"
	ok scope add dependency "Cloud hosting" --party AWS
	echo "information security policy" >"$T_DIR/policy.txt"
	ok evidence add "$T_DIR/policy.txt" --kind policy --title "Policy \"v2\" & 'final'" --json
	policy_sha=$(jq -r .sha256 <<<"$out")
	echo "access review, December" >"$T_DIR/review.txt"
	ok evidence add "$T_DIR/review.txt" --kind record --title "Access review" \
		--valid-until 2026-12-31 --json
	record_sha=$(jq -r .sha256 <<<"$out")
	ok evidence link "$policy_sha" A.5.1
	ok evidence link "$record_sha" 4.1
	ok evidence link "$record_sha" A.5.15
	ok gap set 4.1 --status conforming --maturity 3 --owner CISO
	ok gap set A.5.15 --status conforming --maturity 4
	ok gap set A.5.1 --status partial --maturity 2 --owner "$HOSTILE" --note "=cmd|calc"
	ok gap set 6.1.2 --status nonconforming --maturity 1 --owner "Risk lead" \
		--note 'No method yet, "ad hoc" only'
	ok gap set A.8.8 --status nonconforming --note "Scanner licence lapsed $HOSTILE"
	ok gap set A.7.1 --status na --justification "Fully remote company: no offices"
	ok gap action 6.1.2 --owner "Risk lead" --due 2026-02-28 --effort M
	ok gap move A.8.8 --to 1 --reason "Auditor visit in February"
}

# The report straight from the program, byte for byte, into a file.
report_to() {
	local file=$1
	shift
	"$ISMS_BIN" gap report "$@" >"$file" || die "isms gap report $* failed"
}

# csv_get FILE REF COLUMN: one field of the row of REF, unquoted (RFC 4180;
# the fixture's rows have no line breaks).
csv_get() {
	awk -v ref="$2" -v col="$3" '
	function parse(line,    i, c, f, n, q) {
		n = 0; f = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c == "\"") {
					if (substr(line, i + 1, 1) == "\"") { f = f "\""; i++ }
					else q = 0
				} else f = f c
			} else if (c == "\"") q = 1
			else if (c == ",") { F[++n] = f; f = "" }
			else f = f c
		}
		F[++n] = f
		return n
	}
	{
		sub(/\r$/, "")
		if (parse($0) != 19) { print "row " NR " has " parse($0) " fields"; exit 1 }
		if (F[1] == ref) { print F[col]; found = 1 }
	}
	END { if (!found) exit 1 }' "$1"
}

csv_eq() {
	local got
	got=$(csv_get "$1" "$2" "$3") || die "no row $2 in $1: $got"
	[[ $got == "$4" ]] || die "csv $2 column $3 is '$got', expected '$4'"
}

t_report_html() {
	report_fixture
	snapshot
	ok gap report --format html
	unchanged
	[[ $(grep -o '<html' <<<"$out" | wc -l) -eq 1 ]] || die "expected exactly one <html"
	out_has '<!DOCTYPE html>'
	out_has '<meta charset="utf-8">'
	out_has '<title>Gap assessment report: Acme Payroll Ltd'
	out_has '<svg'
	[[ $(grep -o '<svg' <<<"$out" | wc -l) -eq 3 ]] || die "expected three charts"
	out_has '@media print'
	local n theme
	for n in 4 5 6 7 8 9 10; do
		out_has "<tr><td>$n</td>"
	done
	for theme in organizational people physical technological; do
		out_has "$theme"
	done
	out_has "Organizational controls"
	out_has "Technological controls"
	out_has "$policy_sha"
	out_has "$record_sha"
	out_has "planning record"
	out_has "Paris office"
	out_has "Sales only; no client data"
	out_has "Auditor visit in February"
	out_has "Fully remote company: no offices"
	out_has "2026-02-28"
	out_has "(estimated)"
	# Self-contained: nothing runs, nothing is fetched.
	out_lacks "<script"
	out_lacks "http://"
	out_lacks "https://"
	out_lacks "url("
	out_lacks "@import"
	out_lacks "<img"
	out_lacks "<link"
	out_lacks "src="
	# Stored text only ever escaped.
	out_lacks "$HOSTILE"
	out_has "&lt;script&gt;alert(1)&lt;/script&gt;"
	out_has "Policy &quot;v2&quot; &amp; &#39;final&#39;"
	out_lacks "Policy \"v2\""
	# The figures are the score's.
	out_has "Readiness<b>2.0%</b>"
	out_has "not-ready"
}

t_report_markdown() {
	report_fixture
	ok gap report --format md
	out_has "# Gap assessment report: Acme Payroll Ltd"
	out_has "| Record type | gap assessment (planning record, not internal-audit evidence) |"
	out_has "| Clause | Title | Readiness | Coverage | Conforming | Partial | Nonconforming | N/A | Not assessed |"
	out_has "| 4 | Context of the organization | 25.0% | 25.0% | 1 | 0 | 0 | 0 | 3 |"
	out_has "| 6 | Planning | 0.0% | 20.0% | 0 | 0 | 1 | 0 | 4 |"
	out_has "| A.5 organizational | Organizational controls |"
	out_has "| location | Paris office | — | **out** | Sales only; no client data |"
	out_has "| dependency | Cloud hosting | AWS | — |"
	out_has "$policy_sha"
	out_has "| 1 | A.8.8 | Management of technical vulnerabilities | nonconforming | 30 days | 2026-02-14 (estimated) | L | — | open | — | yes: Auditor visit in February |"
	out_has "| 2 | 6.1.2 |"
	out_has "2026-02-28 | M | Risk lead | open |"
	# No raw HTML, and a cell cannot be split by a '|'.
	out_lacks "<script"
	out_has "&lt;script&gt;alert(1)&lt;/script&gt;"
	out_has "Policy \"v2\" &amp; 'final'"
	out_has '\=cmd\|calc'
	out_has "Fully remote company: no offices"
}

t_report_csv() {
	report_fixture
	ok gap report --format csv -o report.csv
	local f=$T_DIR/report.csv
	[[ $(wc -l <"$f") -eq 124 ]] || die "expected 124 lines, got $(wc -l <"$f")"
	[[ $(grep -c $'\r$' "$f") -eq 124 ]] || die "every line should end in CRLF"
	[[ $(head -n 1 "$f") == "$CSV_HEADER"$'\r' ]] || die "header is $(head -n 1 "$f")"
	# Formula injection is defused; commas and quotes are quoted.
	csv_eq "$f" A.5.1 18 "'=cmd|calc"
	csv_eq "$f" A.5.1 7 "$HOSTILE"
	csv_eq "$f" A.5.1 5 partial
	csv_eq "$f" A.5.1 6 2
	csv_eq "$f" A.5.1 10 1
	csv_eq "$f" A.5.1 12 true
	csv_eq "$f" A.5.1 13 3
	csv_eq "$f" A.5.1 14 90
	csv_eq "$f" 6.1.2 18 'No method yet, "ad hoc" only'
	grep -q '^6\.1\.2,.*,"No method yet, ""ad hoc"" only",'$'\r''$' "$f" ||
		die "the note with a comma and quotes is not quoted as RFC 4180 says"
	csv_eq "$f" 6.1.2 13 2
	csv_eq "$f" 6.1.2 14 60
	csv_eq "$f" 6.1.2 15 2026-02-28
	csv_eq "$f" 6.1.2 16 M
	csv_eq "$f" 6.1.2 17 open
	csv_eq "$f" A.8.8 13 1
	csv_eq "$f" A.8.8 15 2026-02-14
	csv_eq "$f" 4.1 9 1
	csv_eq "$f" 4.1 12 false
	csv_eq "$f" 4.1 13 ""
	csv_eq "$f" 4.1 3 clause
	csv_eq "$f" A.7.1 5 na
	csv_eq "$f" A.7.1 19 "Fully remote company: no offices"
	csv_eq "$f" A.8.34 5 not-assessed
	csv_eq "$f" A.8.34 6 ""
	csv_eq "$f" A.8.34 4 technological
}

t_report_json() {
	report_fixture
	ok gap score --json
	local score
	score=$(jq -S 'del(.org, .name, .assessment)' <<<"$out")
	overall=$(jq .overall <<<"$out")
	ok gap report --format json
	jq -e . >/dev/null <<<"$out" || die "not JSON"
	jq_eq '.score.overall' "$overall"
	[[ $(jq -S .score <<<"$out") == "$score" ]] || die "score differs from 'gap score --json'"
	jq_eq '.items | length' 123
	jq_eq '.org.slug' acme
	jq_eq '.assessment.record_type' gap-assessment
	jq_eq '.assessment.assessor' "J. Smith"
	jq_eq '.generated_on' 2026-01-15
	jq_eq '.scope.statement' "Payroll processing for UK clients, run from Leeds."
	jq_eq '.scope.items[] | select(.name == "Paris office") | .exclusion_reason' \
		"Sales only; no client data"
	jq_eq '.items[] | select(.ref == "A.5.1") | .owner' "$HOSTILE"
	jq_eq '[.roadmap[].ref] | join(",")' A.8.8,6.1.2,A.5.1
	jq_eq '.roadmap[0].rank_reason' "Auditor visit in February"
	jq_eq '.evidence[0].sha256' "$policy_sha"
	jq_eq '.evidence[0].linked_to | join(",")' A.5.1
	jq_eq '.evidence[1].linked_to | join(",")' 4.1,A.5.15
	jq_eq '.evidence | length' 2
	# --json alone asks for the JSON report.
	ok gap report --json
	jq_eq '.items | length' 123
	# Another assessment's report, and its own links.
	ok gap new --name "Follow-up" --date 2026-06-01
	ok gap report --format json
	jq_eq '.assessment.name' Follow-up
	jq_eq '.evidence[0].linked_to | length' 0
	jq_eq '.score.counts["not-assessed"]' 123
	ok gap report --format json --assessment 1
	jq_eq '.assessment.name' Baseline
	jq_eq '.evidence[0].linked_to | join(",")' A.5.1
}

t_report_output_file() {
	report_fixture
	mkdir "$T_DIR/out"
	ok gap report --format html -o "$T_DIR/out/report.html"
	[[ -z $out ]] || die "nothing should go to standard output with -o"
	local size
	size=$(wc -c <"$T_DIR/out/report.html")
	[[ $err == "Wrote $T_DIR/out/report.html ($size bytes)." ]] || die "stderr was: $err"
	[[ $(ls -A "$T_DIR/out") == report.html ]] || die "left behind: $(ls -A "$T_DIR/out")"
	report_to "$T_DIR/stdout.html" --format html
	cmp -s "$T_DIR/stdout.html" "$T_DIR/out/report.html" ||
		die "the file differs from standard output"
	# Replaced whole; --json says what was written instead.
	ok gap report --format md --output "$T_DIR/out/report.html" --json
	jq_eq .file "$T_DIR/out/report.html"
	jq_eq .format md
	jq_eq .bytes "$(wc -c <"$T_DIR/out/report.html")"
	[[ -z $err ]] || die "stderr should be empty with --json"
	[[ $(ls -A "$T_DIR/out") == report.html ]] || die "left behind: $(ls -A "$T_DIR/out")"
	# -o - is standard output.
	ok gap report --format csv -o -
	[[ $(wc -l <<<"$out") -eq 124 ]] || die "expected the CSV on standard output"
	[[ -z $err ]] || die "nothing to say on stderr for standard output"
}

t_report_errors() {
	report_fixture
	snapshot
	fails 2 "unknown format 'pdf' (expected md, html, csv or json)" gap report --format pdf
	fails 2 "choose the report's format with --format md|html|csv|json" gap report
	fails 2 "--assessment takes an assessment id" gap report --format md --assessment x
	fails 1 "no assessment 9" gap report --format md --assessment 9
	fails 2 "unexpected argument 'extra'" gap report --format md extra
	fails 1 "cannot write '$T_DIR/missing/report.html': No such file or directory" \
		gap report --format html -o "$T_DIR/missing/report.html"
	[[ ! -e $T_DIR/missing ]] || die "a missing directory was created"
	mkdir "$T_DIR/taken"
	fails 1 "cannot write '$T_DIR/taken'" gap report --format md -o "$T_DIR/taken"
	[[ -z $(ls -A "$T_DIR/taken") ]] || die "left behind in the directory"
	[[ -z $(find "$T_DIR" -name '*.isms-tmp-*') ]] || die "a temporary file was left"
	unchanged
	ok org add beta --name Beta
	fails 1 "no gap assessment yet" --org beta gap report --format md
	ok gap report --help
	out_has "md|html|csv|json"
}

# A report of an assessment with nothing recorded yet still reads.
t_report_empty() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok gap new --name Baseline
	ok gap report --format md
	out_has "No scope statement is written down."
	out_has "No evidence is held for this organisation."
	out_has "Nothing to remediate."
	ok gap report --format html
	out_has "<svg"
	out_has "No control is marked not applicable."
	ok gap report --format csv
	[[ $(wc -l <<<"$out") -eq 124 ]] || die "expected 124 lines"
	ok gap report --format json
	jq_eq '.roadmap | length' 0
	jq_eq '.evidence | length' 0
}
