# Importing assets and risks from CSV files: all rows or none.

# The required columns of a risk file.
RISK_HEADER="title,assets,threat,vulnerability,likelihood,impact,treatment"

import_org() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
}

# csv NAME: standard input into $T_DIR/NAME.
csv() {
	cat >"$T_DIR/$1"
}

# An organisation with two assets and one risk, for the refused imports.
import_base() {
	import_org
	ok asset add "Customer DB" --type information --owner Alice
	ok asset add "Web shop" --type software --owner Bob
	ok risk add --title "Database breach" --asset "Customer DB" --threat "Attacker" \
		--vulnerability "Unpatched" --likelihood 2 --impact 2 --treatment modify
}

t_import_assets() {
	import_org
	# A byte order mark, CR LF line ends, a header in another case and
	# spelling, quoted cells with commas, quotes and a line break, and a
	# blank row.
	printf '\xef\xbb\xbfName,TYPE,owner,Description,Confidentiality,integrity,availability,In-Scope,classification\r\n' >"$T_DIR/assets.csv"
	printf '"Customer DB",information,"Smith, Alice","Orders and ""payment"" data,\r\nkept for 7 years",5,4,3,yes,confidential\r\n' >>"$T_DIR/assets.csv"
	printf ',,,,,,,,\r\n' >>"$T_DIR/assets.csv"
	printf 'Web shop,software,Bob,,,,,no,\r\n' >>"$T_DIR/assets.csv"
	printf '"Leeds office",site,,,,,,,' >>"$T_DIR/assets.csv"
	ok asset import "$T_DIR/assets.csv"
	out_has "Imported 3 assets."
	ok asset list --json
	jq_eq 'length' 3
	jq_eq '.[0].name' "Customer DB"
	jq_eq '.[0].owner' "Smith, Alice"
	jq_eq '.[0].confidentiality' 5
	jq_eq '.[0].availability' 3
	jq_eq '.[0].classification' confidential
	jq_eq '.[0].in_scope' true
	jq_eq '.[1].name' "Leeds office"
	jq_eq '.[1].type' site
	jq_eq '.[1].in_scope' true
	jq_eq '.[2].name' "Web shop"
	jq_eq '.[2].in_scope' false
	jq_eq '.[2].description' null
	ok asset show "Customer DB" --json
	jq_eq .description $'Orders and "payment" data,\nkept for 7 years'
	# Standard input, with --json.
	printf 'name,type\nBackup,hardware\n' >"$T_DIR/more.csv"
	ok asset import - --json <"$T_DIR/more.csv"
	jq_eq .imported 1
	ok asset show Backup --json
	jq_eq .type hardware
}

t_import_risks() {
	import_org
	ok asset add "Customer DB" --type information
	ok asset add "Web shop" --type software
	# The organisation's own matrix: 3 x 4 is critical here, high by default.
	ok risk method --by CISO --matrix 11122/12233/12444/23444/24444
	printf '\xef\xbb\xbf%s,controls,residual_likelihood,residual_impact,owner,review,consequence,other_controls\r\n' \
		"$RISK_HEADER" >"$T_DIR/risks.csv"
	printf '"Customer data stolen","Customer DB, Web shop","External attacker, organised","Unpatched\r\nweb server",4,5,modify,"A.8.8, a.8.9",2,3,Alice,2026-06-30,"Fines, lost trust",\r\n' >>"$T_DIR/risks.csv"
	printf 'Hosting outage,Web shop,Provider failure,Single region,3,4,retain,,,,Bob,,,"Contract, SLA"\r\n' >>"$T_DIR/risks.csv"
	printf 'Typo in a report,Customer DB,Staff error,No review,1,2,avoid,,,,,,,\r\n' >>"$T_DIR/risks.csv"
	ok risk import "$T_DIR/risks.csv"
	out_has "Imported 3 risks."
	ok risk list --json
	jq_eq 'length' 3
	jq_eq '.[0].ref' R1
	jq_eq '.[0].title' "Customer data stolen"
	jq_eq '.[0].assets | join("|")' "Customer DB|Web shop"
	jq_eq '.[0].threat' "External attacker, organised"
	jq_eq '.[0].vulnerability' $'Unpatched\nweb server'
	jq_eq '.[0].controls | join(",")' "A.8.8,A.8.9"
	jq_eq '.[0].inherent_level' critical
	jq_eq '.[0].residual_likelihood' 2
	jq_eq '.[0].residual_level' medium
	jq_eq '.[0].owner' Alice
	jq_eq '.[1].treatment' retain
	jq_eq '.[1].inherent_level' critical
	# Residual values default to the inherent ones.
	jq_eq '.[1].residual_impact' 4
	jq_eq '.[1].residual_level' critical
	jq_eq '.[2].inherent_level' low
	jq_eq '.[2].owner' null
	ok risk show R1 --json
	jq_eq .review_on 2026-06-30
	ok risk show R2 --json
	jq_eq .other_controls "Contract, SLA"
	# The selected controls reach the SoA as its reasons.
	ok soa show A.8.9 --json
	out_has "R1"
}

t_import_refuses_malformed_files() {
	import_base
	csv bad.csv <<EOF
$RISK_HEADER
Leak,Customer DB,t,v,1,1,modify
"Open quote,Customer DB,t,v,1,1,modify
Other,Customer DB,t,v,1,1,modify
EOF
	fails_unchanged 2 "bad.csv:3: unterminated quoted field" risk import "$T_DIR/bad.csv"
	csv bad.csv <<EOF
$RISK_HEADER
Leak,Customer DB,t,v,1,1,modify,extra
EOF
	fails_unchanged 2 "bad.csv:2: 8 fields, but the header (line 1) has 7" \
		risk import "$T_DIR/bad.csv"
	csv bad.csv <<EOF
$RISK_HEADER,colour
Leak,Customer DB,t,v,1,1,modify,red
EOF
	fails_unchanged 2 "bad.csv:1: unknown column 'colour'" risk import "$T_DIR/bad.csv"
	csv bad.csv <<EOF
$RISK_HEADER,Title
Leak,Customer DB,t,v,1,1,modify,Leak
EOF
	fails_unchanged 2 "bad.csv:1: column 'title' appears twice" risk import "$T_DIR/bad.csv"
	csv bad.csv <<EOF
title,assets,threat,vulnerability,likelihood,impact
Leak,Customer DB,t,v,1,1
EOF
	fails_unchanged 2 "bad.csv:1: missing required column 'treatment'" \
		risk import "$T_DIR/bad.csv"
	printf '%s\nCaf\xe9 leak,Customer DB,t,v,1,1,modify\n' "$RISK_HEADER" >"$T_DIR/bad.csv"
	fails_unchanged 2 "bad.csv:2: field 1 is not valid UTF-8" risk import "$T_DIR/bad.csv"
	printf 'name,type\nX,"a\0b"\n' >"$T_DIR/bad.csv"
	fails_unchanged 2 "bad.csv:2: field 2 contains a NUL byte" asset import "$T_DIR/bad.csv"
	: >"$T_DIR/empty.csv"
	fails_unchanged 2 "empty.csv: no rows to import" risk import "$T_DIR/empty.csv"
	printf '%s\r\n,,,,,,\r\n' "$RISK_HEADER" >"$T_DIR/header.csv"
	fails_unchanged 2 "header.csv: no rows to import" risk import "$T_DIR/header.csv"
	fails_unchanged 2 "no rows to import" asset import - </dev/null
	fails_unchanged 1 "cannot read $T_DIR/nope.csv" risk import "$T_DIR/nope.csv"
	fails_unchanged 2 "isms asset import: missing argument" asset import
}

t_import_refuses_bad_rows() {
	import_base
	# Good rows first (one spanning lines 3 and 4), then the bad one on
	# line 5: nothing at all is imported.
	csv bad.csv <<EOF
$RISK_HEADER
Leak,Customer DB,t,v,1,1,modify
Outage,Web shop,"Provider
failure",v,2,2,retain
Theft,Customer DB,t,v,6,1,modify
EOF
	fails_unchanged 2 "bad.csv:5: likelihood must be a whole number from 1 to 5" \
		risk import "$T_DIR/bad.csv"
	csv bad.csv <<EOF
$RISK_HEADER,controls
Leak,Customer DB,t,v,1,1,modify,"A.5.1,A.12.4.1"
EOF
	fails_unchanged 1 "bad.csv:2: no control 'A.12.4.1'" risk import "$T_DIR/bad.csv"
	csv bad.csv <<EOF
$RISK_HEADER
Leak,Customer DB,t,v,1,1,modify
Crash,"Customer DB,Mainframe",t,v,1,1,modify
EOF
	fails_unchanged 1 "bad.csv:3: no asset 'Mainframe'" risk import "$T_DIR/bad.csv"
	csv bad.csv <<EOF
$RISK_HEADER
Leak,Customer DB,t,v,1,1,transfer
EOF
	fails_unchanged 2 "bad.csv:2: unknown treatment 'transfer'" risk import "$T_DIR/bad.csv"
	csv bad.csv <<EOF
$RISK_HEADER
Leak,Customer DB,t,v,1,1,modify
Database breach,Customer DB,t,v,1,1,modify
EOF
	fails_unchanged 1 "bad.csv:3: a risk titled 'Database breach' already exists" \
		risk import "$T_DIR/bad.csv"
	# The same title twice in one file.
	csv bad.csv <<EOF
$RISK_HEADER
Leak,Customer DB,t,v,1,1,modify
Leak,Web shop,t,v,1,1,modify
EOF
	fails_unchanged 1 "bad.csv:3: a risk titled 'Leak' already exists" \
		risk import "$T_DIR/bad.csv"
	csv bad.csv <<EOF
$RISK_HEADER
Leak,Customer DB,,v,1,1,modify
EOF
	fails_unchanged 2 "bad.csv:2: the required column 'threat' is empty" \
		risk import "$T_DIR/bad.csv"
	csv bad.csv <<EOF
name,type,confidentiality
Laptop,hardware,2
Phone,gadget,1
EOF
	fails_unchanged 2 "bad.csv:3: unknown asset type 'gadget'" asset import "$T_DIR/bad.csv"
	csv bad.csv <<EOF
name,type
Laptop,hardware
Customer DB,information
EOF
	fails_unchanged 1 "bad.csv:3: " asset import "$T_DIR/bad.csv"
	out=$err
	out_has "already exists"
	csv bad.csv <<EOF
name,type,confidentiality
Laptop,hardware,7
EOF
	fails_unchanged 2 "bad.csv:2: confidentiality must be a number from 1 to 5" \
		asset import "$T_DIR/bad.csv"
	ok risk list --json
	jq_eq 'length' 1
	ok asset list --json
	jq_eq 'length' 2
}
