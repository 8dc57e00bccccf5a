/*
 * demo.c - a sample portfolio: realistic organisations, each with a scope,
 * a handful of evidence documents and one complete gap assessment, all
 * derived from a seed so that the same seed gives the same portfolio.
 *
 * Names, scope and documents are made here and go in per organisation;
 * the findings and evidence links are filled set-based by the store
 * (store_demo_findings, store_demo_links).  Everything is one transaction.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "core/text.h"

#define DEMO_PREFIX "demo-"
#define DEMO_EVIDENCE 12
#define DEMO_LINKS 10
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const prefixes[] = {
	"Northwind", "Bluefield",  "Harbourside", "Kestrel", "Alder",     "Meridian",
	"Granite",   "Silverline", "Oakridge",    "Lumen",   "Fenwick",   "Brightwater",
	"Halcyon",   "Ironbridge", "Larkspur",    "Marlowe", "Pinecrest", "Redwood",
	"Thistle",   "Corrib",     "Saltmarsh",   "Wexford", "Calder",    "Juniper",
};

/* A line of business: its name and what its scope holds. */
static const struct sector {
	const char *word;
	const char *process, *process_desc;
	const char *tech, *tech_desc;
	const char *data, *data_desc;
	const char *clients;
} sectors[] = {
	{ "Payroll", "Payroll processing", "Monthly and weekly payroll runs for clients",
	  "Payroll platform", "Hosted payroll application and its database",
	  "Employee payroll data", "Salaries, bank details and tax codes", "employers" },
	{ "Logistics", "Shipment tracking", "Tracking and proof of delivery",
	  "Warehouse management system", "Stock, picking and dispatch",
	  "Customer shipment data", "Addresses and delivery contacts", "retailers" },
	{ "Health", "Appointment booking", "Booking and reminders for patients",
	  "Clinical records system", "Patient records and clinical notes",
	  "Patient health records", "Special category personal data", "clinics" },
	{ "Analytics", "Client data analysis", "Analysis and reporting on client data",
	  "Data warehouse", "Cloud data warehouse and reporting tools", "Client datasets",
	  "Customer and sales data supplied by clients", "retail and media companies" },
	{ "Insurance", "Claims handling", "Notification, assessment and settlement",
	  "Policy administration system", "Policies, premiums and claims",
	  "Policyholder data", "Personal and financial data of policyholders",
	  "brokers and policyholders" },
	{ "Software", "Software development and hosting",
	  "Building and running the customer platform", "SaaS platform",
	  "Multi-tenant application in the cloud", "Customer account data",
	  "Users, contacts and usage data", "business customers" },
	{ "Energy", "Metering and billing", "Meter readings, tariffs and invoices",
	  "Billing system", "Billing and customer accounts", "Customer meter readings",
	  "Consumption data and payment details", "households and businesses" },
	{ "Legal", "Case management", "Matters, documents and deadlines",
	  "Document management system", "Case files and correspondence",
	  "Client case files", "Confidential and privileged client information",
	  "corporate clients" },
	{ "Retail", "Online order fulfilment", "Orders, payments and returns",
	  "E-commerce platform", "Web shop, payment and order systems",
	  "Customer order data", "Names, addresses and order history", "consumers" },
	{ "Finance", "Loan servicing", "Repayments, arrears and statements",
	  "Core lending system", "Loan accounts and payment schedules",
	  "Borrower financial data", "Income, credit and bank details",
	  "small businesses" },
};

/* Where an organisation is: its legal form and its offices. */
static const struct place {
	const char *form, *city, *branch;
} places[] = {
	{ "Ltd", "Leeds", "Glasgow" },     { "GmbH", "Munich", "Hamburg" },
	{ "SAS", "Lyon", "Lille" },        { "B.V.", "Utrecht", "Eindhoven" },
	{ "AB", "Gothenburg", "Malmo" },   { "Oy", "Tampere", "Oulu" },
	{ "S.L.", "Valencia", "Seville" }, { "plc", "Bristol", "Cardiff" },
	{ "ApS", "Aarhus", "Odense" },     { "Ltd", "Dublin", "Cork" },
	{ "S.r.l.", "Turin", "Bologna" },  { "Sp. z o.o.", "Krakow", "Gdansk" },
};

static const char *const clouds[] = { "Amazon Web Services", "Microsoft Azure",
	                              "Google Cloud", "OVHcloud", "Hetzner" };

static const char *const assessors[] = { "A. Patel",     "M. Novak",  "J. Okafor",
	                                 "S. Lindqvist", "C. Moreau", "R. Costa" };

/*
 * The documents each organisation holds.  Every window of DEMO_LINKS of
 * them in this order (cyclically) holds at least one that is neither paper
 * nor ever expires, so that every item may be conforming.
 */
static const struct doc {
	const char *title, *file;
	enum evidence_kind kind;
	int age;   /* collected this many days ago */
	int valid; /* valid for this many days; 0: does not expire */
	const char *body;
} docs[DEMO_EVIDENCE] = {
	{ "Information security policy", "information-security-policy.txt", EV_POLICY, 40,
	  365,
	  "Approved by top management. Sets the objectives of the ISMS and the\n"
	  "commitment to meet applicable requirements and to improve continually.\n" },
	{ "Access control procedure", "access-control-procedure.txt", EV_PROCEDURE, 75,
	  365,
	  "Access is requested, approved by the asset owner and reviewed every\n"
	  "quarter; privileged access uses named accounts only.\n" },
	{ "Risk assessment and treatment plan", "risk-treatment-plan.txt", EV_RECORD, 60,
	  365,
	  "Risks to confidentiality, integrity and availability with owners,\n"
	  "treatment decisions and the statement of applicability.\n" },
	{ "Backup job log", "backup-log.txt", EV_LOG, 3, 0,
	  "Nightly backups of production databases and file shares; the last 30\n"
	  "runs succeeded and the monthly restore test passed.\n" },
	{ "Firewall rule set export", "firewall-rules.txt", EV_CONFIG, 14, 0,
	  "Inbound traffic denied by default; administration only from the\n"
	  "management network; rule set reviewed every six months.\n" },
	{ "MFA enforcement settings", "mfa-settings.txt", EV_SCREENSHOT, 21, 0,
	  "Multi-factor authentication enforced for every account of the identity\n"
	  "provider; legacy authentication blocked.\n" },
	{ "Security awareness training records", "training-records.txt", EV_RECORD, 30,
	  180,
	  "Completion of the annual security awareness course; new joiners are\n"
	  "trained within their first month.\n" },
	{ "Interview notes: IT operations", "interview-it-operations.txt", EV_INTERVIEW,
	  7, 0,
	  "Walk-through of change, patch and incident handling with the IT\n"
	  "Manager, with sampled tickets.\n" },
	{ "Acceptable use policy", "acceptable-use-policy.txt", EV_POLICY, 120, 365,
	  "Rules for the use of information and devices, acknowledged by every\n"
	  "member of staff.\n" },
	{ "Internal audit report", "internal-audit-report.txt", EV_RECORD, 420, 365,
	  "Findings of last year's internal audit of the ISMS and the agreed\n"
	  "corrective actions.\n" },
	{ "Endpoint protection configuration", "endpoint-protection.txt", EV_CONFIG, 10,
	  0,
	  "Anti-malware on every managed laptop and server, disk encryption\n"
	  "enforced, definitions updated daily.\n" },
	{ "Supplier security review", "supplier-review.txt", EV_RECORD, 450, 365,
	  "Review of the security commitments and certifications of the main\n"
	  "suppliers.\n" },
};

/* A 64-bit mix (splitmix64): what each organisation is made of. */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15u;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
	return x ^ (x >> 31);
}

static size_t pick(uint32_t seed, int n, unsigned salt, size_t count)
{
	return (size_t)(mix(((uint64_t)seed << 32) ^ ((uint64_t)n << 8) ^ salt) % count);
}

/* date plus days (may be negative), both YYYY-MM-DD. */
static void add_days(const char *date, int days, char out[11])
{
	struct tm tm = { 0 };
	time_t t;

	tm.tm_year = (int)strtol(date, NULL, 10) - 1900;
	tm.tm_mon = (int)strtol(date + 5, NULL, 10) - 1;
	tm.tm_mday = (int)strtol(date + 8, NULL, 10) + days;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Store text as content through a pipe, as any evidence file is stored. */
static int put_text(struct store *st, const char *text, struct evidence *e)
{
	size_t len = strlen(text), done = 0;
	int fds[2], rc;

	if (pipe(fds) != 0)
		return error_set(E_IO, "cannot create a pipe: %s", strerror(errno));
	/* Far below a pipe's capacity: written whole before it is read. */
	while (done < len) {
		ssize_t n = write(fds[1], text + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fds[0]);
			close(fds[1]);
			return error_set(E_IO, "cannot write to a pipe: %s",
			                 strerror(errno));
		}
		done += (size_t)n;
	}
	close(fds[1]);
	rc = store_blob_put(st, fds[0], e->sha256, &e->size, NULL);
	close(fds[0]);
	return rc;
}

struct demo_texts {
	char slug[32], name[160], statement[600];
	char location[80], branch[80], assessment[40];
	char collected[DEMO_EVIDENCE][11], valid_until[DEMO_EVIDENCE][11];
};

static int add_org(struct store *st, int n, uint32_t seed, const char *today,
                   struct demo_texts *t)
{
	const struct sector *sec = &sectors[pick(seed, n, 1, NELEM(sectors))];
	const struct place *pl = &places[pick(seed, n, 2, NELEM(places))];
	const char *cloud = clouds[pick(seed, n, 3, NELEM(clouds))];
	struct demo_scope_item items[5];
	struct demo_iface ifaces[2];
	struct evidence ev[DEMO_EVIDENCE];
	struct strbuf text = STRBUF_INIT;
	struct demo_org o = { 0 };
	int rc = 0;

	snprintf(t->slug, sizeof(t->slug), DEMO_PREFIX "%04d", n);
	snprintf(t->name, sizeof(t->name), "%s %s %s",
	         prefixes[pick(seed, n, 0, NELEM(prefixes))], sec->word, pl->form);
	snprintf(t->statement, sizeof(t->statement),
	         "%s for %s, run from the %s office, with the people, systems and "
	         "suppliers that support it.",
	         sec->process, sec->clients, pl->city);
	snprintf(t->location, sizeof(t->location), "%s office", pl->city);
	snprintf(t->branch, sizeof(t->branch), "%s sales office", pl->branch);
	snprintf(t->assessment, sizeof(t->assessment), "Baseline %.4s", today);
	items[0] = (struct demo_scope_item){ SCOPE_PROCESS, sec->process,
		                             sec->process_desc, NULL };
	items[1] = (struct demo_scope_item){ SCOPE_LOCATION, t->location,
		                             "Head office and operations", NULL };
	items[2] = (struct demo_scope_item){ SCOPE_TECHNOLOGY, sec->tech, sec->tech_desc,
		                             NULL };
	items[3] = (struct demo_scope_item){ SCOPE_DATA_TYPE, sec->data, sec->data_desc,
		                             NULL };
	items[4] = (struct demo_scope_item){
		SCOPE_LOCATION, t->branch, "Sales and account management",
		"Sales only: no access to client data or production systems"
	};
	ifaces[0] = (struct demo_iface){ IFACE_DEPENDENCY, "Cloud hosting", cloud,
		                         "Production and backup infrastructure" };
	ifaces[1] =
	        (struct demo_iface){ IFACE_INTERFACE, "Client file exchange", "Clients",
		                     "Encrypted transfer of input and "
		                     "output files" };
	rc = org_validate(t->slug, t->name);
	if (!rc)
		rc = scope_statement_validate(t->statement);
	for (size_t i = 0; !rc && i < NELEM(items); i++) {
		rc = scope_item_validate(items[i].name, items[i].description);
		if (!rc && items[i].reason)
			rc = scope_exclusion_validate(items[i].reason);
	}
	for (size_t i = 0; !rc && i < NELEM(ifaces); i++)
		rc = scope_iface_validate(ifaces[i].name, ifaces[i].party,
		                          ifaces[i].description);
	strbuf_init(&text, 4096);
	for (size_t i = 0; !rc && i < DEMO_EVIDENCE; i++) {
		const struct doc *d = &docs[i];

		memset(&ev[i], 0, sizeof(ev[i]));
		add_days(today, -d->age, t->collected[i]);
		add_days(t->collected[i], d->valid, t->valid_until[i]);
		ev[i].title = (char *)d->title;
		ev[i].kind = d->kind;
		ev[i].filename = (char *)d->file;
		ev[i].collected_on = t->collected[i];
		ev[i].valid_until = d->valid ? t->valid_until[i] : NULL;
		rc = evidence_validate(ev[i].title, ev[i].collected_on,
		                       ev[i].valid_until);
		strbuf_reset(&text);
		if (!rc)
			rc = strbuf_addf(&text, "%s\n%s\n\nCollected on %s.\n\n%s",
			                 t->name, d->title, t->collected[i], d->body);
		if (!rc)
			rc = put_text(st, text.buf, &ev[i]);
	}
	strbuf_release(&text);
	if (rc)
		return rc;
	o.framework = CATALOG_DEFAULT_FRAMEWORK;
	o.slug = t->slug;
	o.name = t->name;
	o.statement = t->statement;
	o.items = items;
	o.nitems = NELEM(items);
	o.ifaces = ifaces;
	o.nifaces = NELEM(ifaces);
	o.assessment = t->assessment;
	o.assessed_on = today;
	o.assessor = assessors[pick(seed, n, 4, NELEM(assessors))];
	o.evidence = ev;
	o.nevidence = DEMO_EVIDENCE;
	return store_demo_org(st, &o);
}

static void progress(const struct demo_options *opts, const char *phase, int64_t n)
{
	if (opts->progress)
		opts->progress(opts->ctx, phase, n);
}

int app_demo(struct store *st, const struct demo_options *opts, struct demo_report *out)
{
	struct demo_texts t;
	struct demo_fill f = { 0 };
	char today[11], due[2][11];
	int64_t held = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (opts->orgs < 1 || opts->orgs > DEMO_ORGS_MAX)
		return error_set(E_INVALID, "the number of organisations must be 1 to %d",
		                 DEMO_ORGS_MAX);
	store_today(today);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_demo_count(st, DEMO_PREFIX, &held);
	if (!rc && held)
		rc = error_set(E_EXISTS,
		               "the store already holds %lld demo organisation%s "
		               "(" DEMO_PREFIX "...): remove them first",
		               (long long)held, held == 1 ? "" : "s");
	for (int n = 1; !rc && n <= opts->orgs; n++)
		rc = add_org(st, n, opts->seed, today, &t);
	if (!rc) {
		out->orgs = opts->orgs;
		out->evidence = (int64_t)opts->orgs * DEMO_EVIDENCE;
		progress(opts, "organisations with scope and evidence", out->orgs);
		add_days(today, 90, due[0]);
		add_days(today, 60, due[1]);
		f.prefix = DEMO_PREFIX;
		f.seed = opts->seed;
		f.note[0] = "Partly in place: see the gaps noted in the workpapers.";
		f.note[1] = "Not in place yet.";
		f.due[0] = due[0];
		f.due[1] = due[1];
		f.na_physical = "Fully remote for this activity: no premises of its own "
		                "in scope.";
		f.na_other = "No such activity within the scope of the ISMS.";
		f.evidence = DEMO_EVIDENCE;
		f.links = DEMO_LINKS;
		rc = store_demo_findings(st, &f, &out->items);
	}
	if (!rc) {
		progress(opts, "findings", out->items);
		rc = store_demo_links(st, &f, &out->links);
	}
	if (!rc)
		progress(opts, "evidence links", out->links);
	return store_end(st, rc);
}
