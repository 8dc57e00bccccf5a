# The ISO/IEC 27001:2022 catalogue and catalogue files.

# The 123 assessable items, written out independently of the data file:
# "ref kind group" per line.
expected_items() {
	local c
	for c in 4.1 4.2 4.3 4.4 5.1 5.2 5.3 6.1.1 6.1.2 6.1.3 6.2 6.3 7.1 7.2 \
		7.3 7.4 7.5.1 7.5.2 7.5.3 8.1 8.2 8.3 9.1 9.2.1 9.2.2 9.3.1 9.3.2 \
		9.3.3 10.1 10.2; do
		echo "$c clause ${c%%.*}"
	done
	for i in $(seq 1 37); do echo "A.5.$i control organizational"; done
	for i in $(seq 1 8); do echo "A.6.$i control people"; done
	for i in $(seq 1 14); do echo "A.7.$i control physical"; done
	for i in $(seq 1 34); do echo "A.8.$i control technological"; done
}

t_list_json_is_exactly_the_123_items() {
	fresh_store
	ok catalog list --json
	jq_eq length 123
	jq -r '.[] | "\(.ref) \(.kind) \(if .kind == "control" then .theme else .clause end)"' \
		<<<"$out" >"$T_DIR/got"
	expected_items >"$T_DIR/want"
	diff "$T_DIR/want" "$T_DIR/got" || die "catalogue differs from the standard's structure"
	jq_eq '[.[] | select(.title == "" or .title == null)] | length' 0
	jq_eq '[.[] | select(.kind == "control" and (.attributes | keys | length) != 5)] | length' 0
	jq_eq '[.[] | select(.kind == "clause" and has("theme"))] | length' 0
}

t_titles_are_official() {
	fresh_store
	ok catalog list --json
	while IFS='|' read -r ref title; do
		jq_eq ".[] | select(.ref == \"$ref\") | .title" "$title"
	done <<'EOF2'
4.3|Determining the scope of the information security management system
5.2|Policy
6.1.2|Information security risk assessment
6.3|Planning of changes
7.5.3|Control of documented information
9.2.2|Internal audit programme
9.3.2|Management review inputs
10.2|Nonconformity and corrective action
A.5.1|Policies for information security
A.5.7|Threat intelligence
A.5.23|Information security for use of cloud services
A.5.30|ICT readiness for business continuity
A.5.37|Documented operating procedures
A.6.1|Screening
A.6.8|Information security event reporting
A.7.4|Physical security monitoring
A.7.14|Secure disposal or re-use of equipment
A.8.1|User end point devices
A.8.12|Data leakage prevention
A.8.16|Monitoring activities
A.8.28|Secure coding
A.8.34|Protection of information systems during audit testing
EOF2
}

t_attributes_follow_iso27002() {
	fresh_store
	ok catalog show A.5.7 --json
	jq_eq '.attributes.control_type | join(",")' "preventive,detective,corrective"
	jq_eq '.attributes.cybersecurity_concepts | join(",")' "identify,detect,respond"
	jq_eq '.attributes.operational_capabilities | join(",")' "threat_and_vulnerability_management"
	ok catalog show A.8.13 --json
	jq_eq '.attributes.control_type | join(",")' "corrective"
	jq_eq '.attributes.security_properties | join(",")' "integrity,availability"
	jq_eq '.attributes.cybersecurity_concepts | join(",")' "recover"
}

t_filters() {
	fresh_store
	for pair in organizational:37 people:8 physical:14 technological:34 A.8:34 a.6:8; do
		ok catalog list --theme "${pair%%:*}" --json
		jq_eq length "${pair##*:}"
	done
	ok catalog list --clause 9 --json
	jq_eq 'map(.ref) | join(" ")' "9.1 9.2.1 9.2.2 9.3.1 9.3.2 9.3.3"
	ok catalog list --kind control --json
	jq_eq length 93
	ok catalog list --kind clause --json
	jq_eq length 30
	ok catalog list --framework all --json
	jq_eq length 123
}

t_text_listing() {
	fresh_store
	ok catalog list --theme people
	out_has "People controls"
	out_has "A.6.3    Information security awareness, education and training"
	out_has "8 items"
	ok catalog list --clause 6
	out_has "Actions to address risks and opportunities: General"
}

t_show_one_item() {
	fresh_store
	ok catalog show 9.2.2 --json
	jq_eq .ref 9.2.2
	jq_eq .kind clause
	jq_eq .clause 9
	jq_eq .section "Internal audit"
	ok catalog show a.8.28 --json
	jq_eq .title "Secure coding"
	jq_eq .theme technological
	ok catalog show "Clause 4.1"
	out_has "Understanding the organization and its context"
}

t_unknown_reference() {
	fresh_store
	fails 1 "no item 'A.9.1' in iso27001-2022" catalog show A.9.1
	fails 1 "no item 'A.9.1'" catalog show A.9.1 --json
	[[ -z $out ]] || die "output on failure"
	fails 2 "reference must not be empty" catalog show ""
}

t_unknown_filters() {
	fresh_store
	fails 2 "framework 'iso27001-2022' has no group 'legal'" catalog list --theme legal
	fails 1 "unknown framework 'nist-csf'" catalog list --framework nist-csf
	fails 1 "unknown framework 'nist-csf'" catalog show A.5.1 --framework nist-csf
	fails 2 "unknown kind 'policy'" catalog list --kind policy
	fails 2 "give --theme or --clause, not both" catalog list --theme people --clause 5
}

t_frameworks() {
	fresh_store
	ok catalog frameworks --json
	jq_eq '.[0].id' iso27001-2022
	jq_eq '.[0].items' 123
	jq_eq '[.[0].groups[] | select(.kind == "theme") | "\(.ref)=\(.items)"] | join(" ")' \
		"A.5=37 A.6=8 A.7=14 A.8=34"
	jq_eq '.[0].attributes | length' 5
}

write_framework() {
	cat >"$1" <<'EOF2'
framework:
  id: demo-fw
  name: "Demo framework"
  version: "1"
groups:
  - id: access
    kind: family
    title: "Access control"
items:
  - ref: "AC-1"
    kind: requirement
    group: access
    title: "Access policy"
    description: "Have one."
  - ref: "AC-2"
    kind: requirement
    group: access
    title: "Account management"
    description: "Manage accounts."
EOF2
}

t_import_a_new_framework() {
	fresh_store
	write_framework "$T_DIR/fw.yaml"
	ok catalog import "$T_DIR/fw.yaml"
	out_has "Framework demo-fw loaded."
	ok catalog import "$T_DIR/fw.yaml" --json
	jq_eq .changed false
	ok catalog list --framework demo-fw --json
	jq_eq 'map(.ref) | join(" ")' "AC-1 AC-2"
	ok catalog list --json
	jq_eq length 123
	ok catalog list --framework all --json
	jq_eq length 125
}

t_import_refuses_to_drop_items() {
	fresh_store
	write_framework "$T_DIR/fw.yaml"
	ok catalog import "$T_DIR/fw.yaml"
	head -n 14 "$T_DIR/fw.yaml" >"$T_DIR/fewer.yaml"
	fails_unchanged 1 "the new catalogue drops item AC-2" catalog import "$T_DIR/fewer.yaml"
}

t_import_malformed_files() {
	fresh_store
	write_framework "$T_DIR/fw.yaml"
	printf 'framework: [unclosed\n' >"$T_DIR/bad1.yaml"
	fails_unchanged 2 "bad1.yaml:2:1:" catalog import "$T_DIR/bad1.yaml"
	sed 's/kind: requirement/kind: wish/' "$T_DIR/fw.yaml" >"$T_DIR/bad2.yaml"
	fails_unchanged 2 "kind 'wish' is not one of clause, control, requirement" \
		catalog import "$T_DIR/bad2.yaml"
	sed 's/title: "Access policy"/titel: "Access policy"/' "$T_DIR/fw.yaml" >"$T_DIR/bad3.yaml"
	fails_unchanged 2 "bad3.yaml:13: unknown key 'titel' in an item" \
		catalog import "$T_DIR/bad3.yaml"
	sed 's/"AC-2"/"AC-1"/' "$T_DIR/fw.yaml" >"$T_DIR/bad4.yaml"
	fails_unchanged 2 "item 2 (AC-1): reference is used twice" catalog import "$T_DIR/bad4.yaml"
	sed 's/group: access$/group: nowhere/' "$T_DIR/fw.yaml" >"$T_DIR/bad5.yaml"
	fails_unchanged 2 "unknown group 'nowhere'" catalog import "$T_DIR/bad5.yaml"
	printf 'framework:\n  id: x\n  name: "\\u0007bell"\n  version: "1"\ngroups: []\nitems: []\n' >"$T_DIR/bad6.yaml"
	fails_unchanged 2 "framework name contains a control character" catalog import "$T_DIR/bad6.yaml"
	: >"$T_DIR/empty.yaml"
	fails_unchanged 2 "the file is empty" catalog import "$T_DIR/empty.yaml"
	fails_unchanged 1 "cannot read $T_DIR/missing.yaml" catalog import "$T_DIR/missing.yaml"
	head -c 9000000 /dev/zero | tr '\0' '#' >"$T_DIR/huge.yaml"
	fails_unchanged 2 "is too large" catalog import "$T_DIR/huge.yaml"
}

t_import_bad_attribute_value() {
	fresh_store
	sed 's/control_type: \[preventive\]/control_type: [preventative]/' \
		"$ISMS_SRC/data/frameworks/iso27001-2022.yaml" |
		sed 's/id: iso27001-2022/id: copy/' >"$T_DIR/bad.yaml"
	fails_unchanged 2 "attribute 'control_type' has no value 'preventative'" \
		catalog import "$T_DIR/bad.yaml"
}
