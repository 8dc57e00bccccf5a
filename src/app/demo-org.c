/*
 * demo-org.c - the worked example organisation (isms demo): Kittiwake
 * Payments Ltd, a fictional 120-person company selling a payment
 * orchestration platform as a service, some weeks before its Stage 1
 * certification audit.
 *
 * The content is data: the tables below.  The code walks them and puts
 * every record in through the same operations the command line uses, so
 * each rule applies (evidence before conforming, justified exclusions,
 * independent auditors, verification before closing ...), and all of it
 * in one transaction.  Dates are days from the store's today, so the
 * example always reads as current:
 *
 *   baseline gap assessment  -290    SoA and treatment plan v1  -120
 *   ISMS in operation        -210    internal audit        -60 .. -55
 *   audit closed, issued  -53, -50   management review          -35
 *   SoA and plan v2 (a risk)  -28    Stage 1 +24, Stage 2       +66
 *
 * What it leaves for a newcomer to find: Stage 1 readiness fails two
 * gates on purpose.  The risk added after the management review is not
 * yet accepted by its owner (risk-treatment), and the penetration test
 * report linked to three controls expires before Stage 1 (evidence).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define ORG_NAME "Kittiwake Payments Ltd"

/* The timeline, in days from today. */
#define D_BASELINE (-290)
#define D_GOLIVE (-210)
#define D_APPROVE1 (-120)
#define D_AUDIT_START (-60)
#define D_AUDIT_END (-55)
#define D_AUDIT_CLOSE (-53)
#define D_AUDIT_ISSUE (-50)
#define D_REVIEW (-35)
#define D_APPROVE2 (-28)
#define D_STAGE1 24
#define D_STAGE2 66

/* ---- people ---- */

#define CEO "Helen Marsh"
#define CTO "Daniel Okoro"
#define ISMS "Sofia Brandt"
#define ITM "Marcus Reid"
#define ENG "Aisha Khan"
#define HR "Tom Hargreaves"
#define FAC "Laura Pereira"
#define SEC "Ben Castillo"
#define DPO "Grace Adeyemi"
#define OPS "Priya Nair"
#define SALES "Niamh Byrne"
/* The internal auditors: the finance department's audit team, who design,
 * own and operate nothing in the ISMS. */
#define LEAD "Ruth Lindgren"
#define AUDITOR "Oliver Chen"

static const struct person_row {
	const char *name, *email;
} people[] = {
	{ CEO, "helen.marsh@kittiwake.example" },
	{ CTO, "daniel.okoro@kittiwake.example" },
	{ ISMS, "sofia.brandt@kittiwake.example" },
	{ ITM, "marcus.reid@kittiwake.example" },
	{ ENG, "aisha.khan@kittiwake.example" },
	{ HR, "tom.hargreaves@kittiwake.example" },
	{ FAC, "laura.pereira@kittiwake.example" },
	{ SEC, "ben.castillo@kittiwake.example" },
	{ DPO, "grace.adeyemi@kittiwake.example" },
	{ OPS, "priya.nair@kittiwake.example" },
	{ SALES, "niamh.byrne@kittiwake.example" },
	{ LEAD, "ruth.lindgren@kittiwake.example" },
	{ AUDITOR, "oliver.chen@kittiwake.example" },
};

/* Competence records; expires 0: does not expire.  evidence: a doc key. */
static const struct competence_row {
	const char *person, *kind, *title;
	int obtained, expires;
	const char *evidence, *note;
} competences[] = {
	{ CEO, "training", "Information security leadership briefing", -280, 0, NULL,
	  "Chief Executive Officer; chairs the management review." },
	{ CTO, "experience", "Technology leadership of regulated payment services", -2900,
	  0, NULL, "Chief Technology Officer; top management." },
	{ ISMS, "certification", "ISO/IEC 27001:2022 Lead Implementer", -800, 0, NULL,
	  "ISMS Manager: runs the ISMS and the audit programme." },
	{ ITM, "training", "Identity and access management administration", -400, 0, NULL,
	  "IT and Infrastructure Manager." },
	{ ENG, "training", "Secure coding for payment applications", -300, 0, NULL,
	  "Head of Engineering." },
	{ HR, "training", "Pre-employment screening and HR security controls", -350, 0,
	  NULL, "Head of People." },
	{ FAC, "training", "Physical security for offices", -420, 0, NULL,
	  "Office and Facilities Manager, Bristol and Lisbon." },
	{ SEC, "certification", "Cloud security professional certification", -1030, 60,
	  NULL, "Security Engineer; renewal booked." },
	{ DPO, "certification", "Certified data protection practitioner", -900, 0, NULL,
	  "Legal Counsel and Data Protection Officer." },
	{ OPS, "experience", "Merchant operations in card payments", -1800, 0, NULL,
	  "Head of Merchant Operations." },
	{ LEAD, "certification", "ISO/IEC 27001:2022 Lead Auditor", -700, 400,
	  "auditor-cert",
	  "Internal Audit Manager (Finance); independent of the ISMS's design and "
	  "operation." },
	{ LEAD, "experience", "Internal audit, nine years (financial and IT audits)",
	  -3300, 0, NULL, NULL },
	{ AUDITOR, "training", "ISO/IEC 27001:2022 internal auditor course (3 days)",
	  -120, 0, NULL,
	  "Risk and Compliance Analyst (Finance); two ISMS audits shadowed." },
};

/* What each person designs, owns or operates beyond the records naming
 * them as owners (gap findings, risks, assets, actions). */
static const struct owns_row {
	const char *person, *role;
	const char *refs[3];
} owns[] = {
	{ CEO, "owns", { "5.1", "9.3" } },
	{ ISMS, "owns", { "4", "6", "9.2" } },
	{ ISMS, "designs", { "7.5", "10" } },
	{ CTO, "owns", { "process:Payment orchestration service" } },
	{ ENG, "owns", { "process:Software development and release" } },
	{ ITM, "operates", { "process:Platform operations and incident response" } },
	{ OPS, "owns", { "process:Merchant onboarding and support" } },
	{ HR, "owns", { "A.6" } },
	{ FAC,
	  "owns",
	  { "location:Bristol head office", "location:Lisbon engineering office" } },
};

/* ---- scope ---- */

static const char statement[] =
        "The design, development, operation and support of the Kittiwake payment "
        "orchestration platform and merchant settlement reporting, provided as a "
        "service to merchants in the United Kingdom and the European Union, run "
        "from the Bristol head office and the Lisbon engineering office with "
        "production hosted in the cloud, and the people, processes and suppliers "
        "that support them.";

static const struct scope_row {
	const char *kind, *name, *description, *reason;
} scope_items[] = {
	{ "process", "Payment orchestration service",
	  "Routing merchants' card payments to acquirers, settlement and reporting",
	  NULL },
	{ "process", "Merchant onboarding and support",
	  "Due diligence, onboarding, account changes and support for merchants", NULL },
	{ "process", "Software development and release",
	  "Design, build, test and release of the platform", NULL },
	{ "process", "Platform operations and incident response",
	  "Monitoring, on-call, backups, capacity and incident handling, 24/7", NULL },
	{ "location", "Bristol head office",
	  "Head office: management, operations, support", NULL },
	{ "location", "Lisbon engineering office", "Engineering and platform operations",
	  NULL },
	{ "location", "Dublin sales office", "Sales and account management",
	  "Sales only: no access to production systems, cardholder or settlement "
	  "data; its CRM export is an interface" },
	{ "technology", "Payment platform (production cloud)",
	  "Payment API, tokenisation vault, settlement database, merchant portal", NULL },
	{ "technology", "Corporate IT",
	  "Managed laptops, identity provider, collaboration suite", NULL },
	{ "technology", "Source code and delivery pipeline",
	  "Code repositories and the build and deployment pipeline", NULL },
	{ "data-type", "Cardholder data (tokenised)",
	  "Card numbers held only in the tokenisation vault", NULL },
	{ "data-type", "Merchant account and settlement data",
	  "Merchant identities, bank details, transactions and payouts", NULL },
	{ "data-type", "Employee personal data", "HR records of staff and contractors",
	  NULL },
};

static const struct iface_row {
	const char *kind, *name, *party, *description;
} ifaces[] = {
	{ "dependency", "Cloud hosting", "Cirrus Hosting (infrastructure provider)",
	  "Production, backup and disaster recovery infrastructure in two regions" },
	{ "dependency", "Card acquiring", "Ledgerline Acquiring",
	  "Authorisation and settlement of card payments" },
	{ "dependency", "Managed security operations centre", "Sentinel Watch Ltd",
	  "Out-of-hours triage of security alerts (from next quarter)" },
	{ "interface", "Merchant API and portal", "Merchants",
	  "Payment requests, settlement reports and account changes" },
	{ "interface", "Regulatory reporting", "Financial services regulator",
	  "Incident notifications and periodic returns" },
	{ "interface", "Sales CRM export", "Dublin sales office",
	  "Weekly merchant contact and volume summary" },
};

/* ---- evidence ---- */

/*
 * The documents: collected `age` days ago, valid until `valid` days from
 * today (0: no expiry).  origin NULL: the organisation's own record.
 */
static const struct doc_row {
	const char *key, *title, *file, *kind, *origin;
	int age, valid;
	const char *body;
} docs[] = {
	{ "policy", "Information security policy", "information-security-policy.txt",
	  "policy", NULL, 300, 150,
	  "Approved by the board. Sets the ISMS objectives, the commitment to meet\n"
	  "applicable requirements and to improve continually, and the topic-specific\n"
	  "policies that follow from it.\n" },
	{ "context", "ISMS scope and context analysis", "isms-scope-and-context.txt",
	  "record", NULL, 295, 0,
	  "Internal and external issues (PESTLE, SWOT), interested parties and their\n"
	  "requirements, and the ISMS scope with its boundaries and interfaces.\n" },
	{ "board", "Board minutes: ISMS mandate and resources", "board-minutes-isms.txt",
	  "record", NULL, 310, 0,
	  "The board mandates an ISMS certified to ISO/IEC 27001:2022, appoints the\n"
	  "ISMS Manager, approves the policy and the security budget for the year.\n" },
	{ "raci", "ISMS roles and responsibilities (RACI)", "isms-raci.txt", "procedure",
	  NULL, 300, 150,
	  "Who is responsible, accountable, consulted and informed for each ISMS\n"
	  "process and Annex A control.\n" },
	{ "risk-method", "Risk assessment methodology", "risk-methodology.txt",
	  "procedure", NULL, 300, 150,
	  "Five-point likelihood and impact scales, the risk matrix and the\n"
	  "acceptance criterion (medium), reassessment quarterly and after change.\n" },
	{ "risk-register", "Risk register and treatment plan (export)",
	  "risk-register.txt", "record", NULL, 292, 0,
	  "Risks with owners, inherent and residual ratings, treatment decisions and\n"
	  "the controls selected.\n" },
	{ "objectives", "Information security objectives and KPI report",
	  "security-objectives-kpis.txt", "record", NULL, 292, 0,
	  "Five objectives with targets and owners; monthly KPI figures for\n"
	  "availability, incidents, training, phishing and patching.\n" },
	{ "changes", "Change tickets: production changes sample", "change-tickets.txt",
	  "record", NULL, 292, 0,
	  "Production changes of the last quarter with risk rating, peer review,\n"
	  "approval and post-implementation check.\n" },
	{ "training", "Awareness training completion report", "training-completion.txt",
	  "record", NULL, 300, 80,
	  "Completion of the annual security awareness course and the phishing\n"
	  "simulations by team; new joiners trained within their first month.\n" },
	{ "comms", "Security communication plan and newsletters",
	  "security-communications.txt", "record", NULL, 292, 0,
	  "The monthly security newsletter archive and the staff intranet page.\n" },
	{ "doc-control", "Document control register", "document-register.txt", "record",
	  NULL, 292, 0,
	  "Every ISMS document with its owner, version, approval and review date.\n" },
	{ "access-policy", "Access control policy", "access-control-policy.txt", "policy",
	  NULL, 300, 150,
	  "Least privilege, role-based access approved by the asset owner, access\n"
	  "removed on the last working day, quarterly access reviews.\n" },
	{ "access-review", "Quarterly access review records", "access-reviews.txt",
	  "record", NULL, 295, 0,
	  "Access reviews of the identity provider groups, production roles and\n"
	  "administrator accounts, with the owners' sign-off and removals made.\n" },
	{ "mfa", "Identity provider MFA and password settings", "idp-settings.txt",
	  "config", NULL, 292, 0,
	  "Single sign-on for every application, MFA enforced for all accounts,\n"
	  "legacy authentication blocked, session lifetime eight hours.\n" },
	{ "inventory", "Asset inventory (export)", "asset-inventory.txt", "record", NULL,
	  292, 0,
	  "Information assets, laptops and services with their owners and\n"
	  "classification.\n" },
	{ "suppliers", "Supplier register and security assessments",
	  "supplier-register.txt", "record", NULL, 292, 0,
	  "Critical suppliers with their certifications, last review and contract\n"
	  "security clauses.\n" },
	{ "ir-plan", "Incident response plan", "incident-response-plan.txt", "procedure",
	  NULL, 300, 150,
	  "Roles, severity levels, escalation, regulator and merchant notification,\n"
	  "and the post-incident review.\n" },
	{ "incidents", "Incident log and post-incident reviews", "incident-log.txt",
	  "log", NULL, 292, 0,
	  "Security events and incidents with classification, handling times and the\n"
	  "lessons recorded.\n" },
	{ "bcp", "Business continuity plan and failover test report",
	  "continuity-plan-and-test.txt", "record", NULL, 296, 180,
	  "Recovery objectives (RTO one hour, RPO fifteen minutes) and the results of\n"
	  "the quarterly regional failover test.\n" },
	{ "legal", "Legal, regulatory and contractual requirements register",
	  "requirements-register.txt", "record", NULL, 292, 0,
	  "Data protection, payment services and anti-money-laundering rules, card\n"
	  "scheme rules and merchant contract terms, each with an owner.\n" },
	{ "hr", "Joiner and leaver checklists (HR records)", "hr-checklists.txt",
	  "record", NULL, 292, 0,
	  "Screening, contracts, confidentiality agreements, induction, return of\n"
	  "equipment and access removal for joiners and leavers.\n" },
	{ "remote", "Remote working and device policy", "remote-working-policy.txt",
	  "policy", NULL, 300, 150,
	  "Rules for working from home and travelling with company devices.\n" },
	{ "office-access", "Office access control logs", "office-access-logs.txt", "log",
	  NULL, 291, 0,
	  "Badge entries at both offices, visitor book and key register.\n" },
	{ "endpoint", "Endpoint management compliance report", "endpoint-compliance.txt",
	  "config", NULL, 291, 0,
	  "Disk encryption, screen lock, updates, endpoint protection, web filtering\n"
	  "and removable media blocking on every managed laptop.\n" },
	{ "vulns", "Vulnerability scan and patch reports", "vulnerability-reports.txt",
	  "record", NULL, 291, 0,
	  "Weekly scans of the platform and images with the time taken to fix each\n"
	  "finding against the targets.\n" },
	{ "pentest", "External penetration test report", "penetration-test.txt", "record",
	  NULL, 350, 14,
	  "Yearly test of the payment API and merchant portal by an independent\n"
	  "tester, with the rules of engagement and the retest of findings.\n" },
	{ "backup", "Backup job log and restore tests", "backup-log.txt", "log", NULL,
	  291, 0,
	  "Database backups every fifteen minutes and nightly file backups; monthly\n"
	  "restore tests.\n" },
	{ "siem", "Logging and monitoring configuration", "logging-configuration.txt",
	  "config", NULL, 291, 0,
	  "Log sources, retention (thirteen months), alert rules and time\n"
	  "synchronisation.\n" },
	{ "network", "Cloud network configuration export", "network-configuration.txt",
	  "config", NULL, 291, 0,
	  "Accounts, networks and security groups of production, staging and\n"
	  "corporate environments.\n" },
	{ "sdlc", "Secure development standard", "secure-development-standard.txt",
	  "procedure", NULL, 300, 150,
	  "Security requirements, architecture principles, coding rules, review and\n"
	  "testing for every change.\n" },
	{ "pipeline", "Pull request and CI pipeline records", "pipeline-records.txt",
	  "record", NULL, 291, 0,
	  "Pull requests with reviewer, static analysis, dependency and security test\n"
	  "results, and the deployments they produced.\n" },
	{ "crypto", "Encryption and key management settings", "encryption-settings.txt",
	  "config", NULL, 291, 0,
	  "TLS policy of public endpoints, encryption at rest and key rotation in the\n"
	  "key management service.\n" },
	{ "capacity", "Capacity monitoring dashboard", "capacity-dashboard.txt",
	  "screenshot", NULL, 291, 0,
	  "Utilisation of the API, database and queues against thresholds.\n" },
	{ "classify", "Information classification and handling standard",
	  "classification-standard.txt", "policy", NULL, 300, 150,
	  "Four levels (public, internal, confidential, restricted), labelling and\n"
	  "handling rules.\n" },
	{ "building", "Building safety and utilities certificates", "building-safety.txt",
	  "record", NULL, 300, 200,
	  "Fire, flood, power and cabling certificates from the landlords of both\n"
	  "offices.\n" },
	{ "disposal", "Certificates of secure disposal", "disposal-certificates.txt",
	  "record", NULL, 292, 0,
	  "Certificates of destruction for disposed equipment.\n" },
	{ "retention", "Data retention and deletion records", "retention-records.txt",
	  "record", NULL, 292, 0,
	  "The retention schedule and the log of automated deletions.\n" },
	{ "soa-export", "Statement of Applicability, version 1 (export)", "soa-v1.txt",
	  "record", NULL, 120, 0,
	  "The approved Statement of Applicability as sent to the audit team.\n" },
	/* The consultant's own notes: a gap assessment's material, never
	 * internal-audit evidence. */
	{ "gap-notes", "Baseline gap assessment: interview notes",
	  "gap-interview-notes.txt", "interview", "gap-assessment", 290, 0,
	  "Notes of the consultant's interviews with the ISMS Manager and the\n"
	  "leadership team for the baseline assessment.\n" },
	/* The audit team's workpapers. */
	{ "wp-interviews", "Internal audit workpaper: interview records",
	  "a1-interviews.txt", "interview", "internal-audit", 58, 0,
	  "Records of the audit interviews with the ISMS Manager, control owners and\n"
	  "top management.\n" },
	{ "wp-leavers", "Internal audit workpaper: leaver accounts sample",
	  "a1-leavers.txt", "record", "internal-audit", 57, 0,
	  "Leavers of the last six months from the HR system against the identity\n"
	  "provider's account history.\n" },
	{ "wp-restore", "Internal audit workpaper: restore re-performance",
	  "a1-restore.txt", "record", "internal-audit", 57, 0,
	  "Restore of a settlement database backup to an isolated account, timed and\n"
	  "checked for consistency.\n" },
	{ "wp-vulns", "Internal audit workpaper: vulnerability remediation sample",
	  "a1-vulnerabilities.txt", "record", "internal-audit", 56, 0,
	  "Twenty-five findings from the scanner with their fix dates against the\n"
	  "targets.\n" },
	{ "wp-walkround", "Internal audit workpaper: office walk-round notes",
	  "a1-walkround.txt", "record", "internal-audit", 56, 0,
	  "After-hours walk-round of both offices: desks, screens, doors, visitors.\n" },
	{ "wp-changes", "Internal audit workpaper: change and pull request sample",
	  "a1-changes.txt", "record", "internal-audit", 56, 0,
	  "Twenty production changes traced from ticket to pull request to\n"
	  "deployment.\n" },
	{ "capa-retest", "Corrective action verification: leaver accounts re-test",
	  "capa-verification.txt", "record", "internal-audit", 0, 0,
	  "Every leaver since the correction checked against the identity provider:\n"
	  "all accounts disabled on the last working day.\n" },
	{ "auditor-cert", "ISO/IEC 27001:2022 Lead Auditor certificate (R. Lindgren)",
	  "lead-auditor-certificate.txt", "record", NULL, 700, 400,
	  "Certificate of successful completion of the lead auditor course and\n"
	  "examination.\n" },
};

/* ---- the baseline gap assessment ---- */

#define C "conforming"
#define P "partial"
#define N "nonconforming"
#define NA "na"

/*
 * Every requirement and control as the baseline found it, 290 days ago:
 * the owner, the documents linked (keys of docs[]) and the note, which
 * for na is the justification.  Partial items shown only by policies or
 * procedures are the paper-only ones the score flags.
 */
static const struct item_row {
	const char *ref, *status;
	int maturity;
	const char *owner, *docs, *note;
} items[] = {
	{ "4.1", C, 3, ISMS, "context",
	  "Internal and external issues analysed (PESTLE, SWOT) and reviewed by the "
	  "leadership team." },
	{ "4.2", C, 3, ISMS, "context legal",
	  "Interested parties and their requirements listed: merchants, card schemes, "
	  "acquirers, regulators, staff." },
	{ "4.3", C, 3, ISMS, "context",
	  "Scope approved; the Dublin sales office is excluded with a justification." },
	{ "4.4", P, 2, ISMS, "gap-notes",
	  "ISMS processes identified, but their interactions and owners are not "
	  "documented in one place." },
	{ "5.1", C, 3, CEO, "board policy",
	  "The board approved the ISMS mandate, budget and objectives; the CEO chairs "
	  "the security steering group." },
	{ "5.2", C, 3, ISMS, "policy board",
	  "Policy approved by the board and published on the intranet." },
	{ "5.3", P, 2, ISMS, "raci",
	  "Roles written in a RACI, but deputies unnamed and the RACI not yet "
	  "communicated." },
	{ "6.1.1", C, 3, ISMS, "risk-register",
	  "Risks and opportunities for the ISMS considered in the quarterly risk "
	  "review." },
	{ "6.1.2", C, 3, ISMS, "risk-method risk-register",
	  "Risk method defined (5 x 5, acceptance at medium) and applied to the "
	  "register." },
	{ "6.1.3", P, 2, ISMS, "risk-register",
	  "Treatment decisions recorded, but the Statement of Applicability is not "
	  "aligned with them yet." },
	{ "6.2", P, 2, ISMS, "objectives gap-notes",
	  "Objectives set for the year; measures and owners missing for two of "
	  "five." },
	{ "6.3", P, 2, ISMS, "changes",
	  "Changes to the ISMS are discussed but not planned or recorded "
	  "consistently." },
	{ "7.1", C, 3, CEO, "board",
	  "Budget and headcount for the security team approved for the year." },
	{ "7.2", P, 2, HR, "training",
	  "Competence requirements defined for engineers only; none for support and "
	  "finance roles." },
	{ "7.3", C, 3, HR, "training",
	  "Awareness course completed by 96% of staff; phishing simulations every "
	  "quarter." },
	{ "7.4", P, 2, ISMS, "comms",
	  "Monthly newsletter, but no plan of what is communicated to whom, when and "
	  "by whom." },
	{ "7.5.1", C, 3, ISMS, "doc-control",
	  "Documented information the standard requires is identified in the "
	  "register." },
	{ "7.5.2", C, 3, ISMS, "doc-control",
	  "Documents carry an owner, version and approval; templates in use." },
	{ "7.5.3", P, 2, ISMS, "doc-control",
	  "Access to ISMS documents controlled, but superseded versions remain in "
	  "shared folders." },
	{ "8.1", C, 3, CTO, "changes",
	  "Operational processes planned and controlled through change and release "
	  "management." },
	{ "8.2", C, 3, ISMS, "risk-register",
	  "Risk assessments performed quarterly and after significant changes." },
	{ "8.3", P, 2, ISMS, "risk-register",
	  "Treatment plan exists, but progress on its actions is not tracked." },
	{ "9.1", P, 2, ISMS, "objectives gap-notes",
	  "Some security metrics collected; no defined method to analyse and "
	  "evaluate them." },
	{ "9.2.1", N, 0, ISMS, "gap-notes",
	  "No internal audit of the ISMS has been carried out yet." },
	{ "9.2.2", N, 0, ISMS, "gap-notes",
	  "No audit programme; auditors independent of the ISMS not yet "
	  "identified." },
	{ "9.3.1", N, 1, CEO, "gap-notes",
	  "Security is discussed at board meetings, but no management review of the "
	  "ISMS has been held." },
	{ "9.3.2", N, 0, CEO, "",
	  "The inputs a management review needs are not gathered." },
	{ "9.3.3", N, 0, CEO, "", "No management review results to record yet." },
	{ "10.1", P, 2, ISMS, "gap-notes",
	  "Improvements made after incidents, but not tracked as such." },
	{ "10.2", P, 2, ISMS, "incidents",
	  "Incidents get post-incident reviews; other nonconformities are not "
	  "recorded." },
	{ "A.5.1", C, 3, ISMS, "policy board",
	  "Policy set approved and reviewed yearly; topic-specific policies "
	  "published." },
	{ "A.5.2", C, 3, ISMS, "board raci",
	  "ISMS Manager appointed by the board; security roles in job descriptions." },
	{ "A.5.3", P, 2, CTO, "",
	  "Payout changes and production deployments can be approved by the person "
	  "who made them." },
	{ "A.5.4", C, 3, CEO, "training board",
	  "Managers sign the policy acknowledgement and complete the leadership "
	  "briefing." },
	{ "A.5.5", C, 3, DPO, "legal",
	  "Contacts with the data protection authority and the regulator listed and "
	  "kept current." },
	{ "A.5.6", P, 1, SEC, "",
	  "Informal contacts only; no membership of an information-sharing group." },
	{ "A.5.7", N, 1, SEC, "", "No threat intelligence is collected or analysed." },
	{ "A.5.8", P, 2, ENG, "",
	  "Security requirements considered in large projects only; no checklist for "
	  "smaller ones." },
	{ "A.5.9", C, 3, ITM, "inventory",
	  "Inventory of information and assets kept in the IT asset tool, with "
	  "owners." },
	{ "A.5.10", C, 3, ITM, "training",
	  "Acceptable use rules acknowledged by every member of staff at induction." },
	{ "A.5.11", C, 3, HR, "hr inventory",
	  "The leaver checklist includes the return of laptops and access cards." },
	{ "A.5.12", P, 2, DPO, "classify",
	  "Classification scheme written; labels not yet applied to documents or "
	  "data stores." },
	{ "A.5.13", P, 1, DPO, "classify",
	  "Labelling procedure written; no labelling in practice." },
	{ "A.5.14", C, 3, CTO, "crypto",
	  "Transfers to merchants and acquirers over TLS 1.2 or later, or SFTP with "
	  "keys." },
	{ "A.5.15", C, 3, ITM, "access-policy access-review",
	  "Access control policy in place; role-based access in the identity "
	  "provider." },
	{ "A.5.16", C, 3, ITM, "access-review mfa",
	  "Every identity unique and managed in the identity provider; shared "
	  "accounts removed." },
	{ "A.5.17", C, 4, ITM, "mfa",
	  "Password rules and MFA enforced centrally; service secrets in a vault." },
	{ "A.5.18", C, 3, ITM, "access-policy access-review",
	  "Access requests approved by owners; quarterly access reviews completed." },
	{ "A.5.19", C, 3, DPO, "suppliers",
	  "Supplier security assessed before contract; critical suppliers "
	  "registered." },
	{ "A.5.20", P, 2, DPO, "suppliers",
	  "Security clauses in new contracts; four older supplier contracts lack "
	  "them." },
	{ "A.5.21", P, 2, ENG, "suppliers",
	  "Open-source components used without an inventory or vetting." },
	{ "A.5.22", C, 3, DPO, "suppliers",
	  "Critical suppliers reviewed yearly against their certifications and "
	  "reports." },
	{ "A.5.23", C, 3, CTO, "suppliers network",
	  "Cloud services approved by the CTO; the shared responsibility model "
	  "documented." },
	{ "A.5.24", P, 2, ISMS, "ir-plan",
	  "Incident response plan written but never exercised." },
	{ "A.5.25", C, 3, SEC, "incidents",
	  "Events triaged and classified by the on-call engineer against set "
	  "criteria." },
	{ "A.5.26", C, 3, SEC, "incidents ir-plan",
	  "Incidents handled according to the plan and recorded in the log." },
	{ "A.5.27", C, 3, ISMS, "incidents",
	  "Post-incident reviews for every major incident; lessons recorded." },
	{ "A.5.28", P, 1, SEC, "",
	  "No procedure for collecting and preserving evidence of incidents." },
	{ "A.5.29", C, 3, CTO, "bcp",
	  "The continuity plan covers security during disruption; roles agreed." },
	{ "A.5.30", C, 3, CTO, "bcp",
	  "Recovery objectives set (RTO one hour, RPO fifteen minutes); failover "
	  "tested quarterly." },
	{ "A.5.31", C, 3, DPO, "legal",
	  "Requirements register reviewed every six months." },
	{ "A.5.32", C, 3, DPO, "legal",
	  "Software licences tracked; open-source licences checked in the "
	  "pipeline." },
	{ "A.5.33", C, 3, DPO, "legal retention",
	  "Records protected and kept according to the retention schedule." },
	{ "A.5.34", C, 3, DPO, "legal retention",
	  "Records of processing kept; privacy impact assessments for new "
	  "processing." },
	{ "A.5.35", N, 0, ISMS, "",
	  "No independent review of information security has taken place." },
	{ "A.5.36", P, 2, ISMS, "",
	  "Compliance with policies checked ad hoc, not to a plan." },
	{ "A.5.37", C, 3, CTO, "doc-control",
	  "Runbooks documented and kept with the platform." },
	{ "A.6.1", C, 3, HR, "hr",
	  "Screening before employment, proportionate to the role; records kept by "
	  "HR." },
	{ "A.6.2", C, 3, HR, "hr",
	  "Employment contracts include information security responsibilities." },
	{ "A.6.3", C, 3, HR, "training",
	  "Awareness training at induction and yearly; role-based training for "
	  "engineers." },
	{ "A.6.4", C, 3, HR, "hr",
	  "The disciplinary process covers security breaches; in the staff "
	  "handbook." },
	{ "A.6.5", P, 2, HR, "hr",
	  "Leaver checklist exists, but access removal depends on line managers "
	  "raising a ticket." },
	{ "A.6.6", C, 3, DPO, "hr",
	  "Confidentiality agreements signed by staff and contractors before "
	  "access." },
	{ "A.6.7", P, 2, ITM, "remote",
	  "Remote working policy published; no checks that home working follows "
	  "it." },
	{ "A.6.8", C, 3, SEC, "incidents",
	  "Staff report events through the security channel; reports are logged." },
	{ "A.7.1", C, 3, FAC, "office-access building",
	  "Office perimeters defined; reception controls entry in Bristol and "
	  "Lisbon." },
	{ "A.7.2", C, 3, FAC, "office-access",
	  "Badge access at both offices; visitors signed in and escorted." },
	{ "A.7.3", C, 3, FAC, "office-access",
	  "Network cabinets and the HR filing room locked; keys controlled." },
	{ "A.7.4", P, 2, FAC, "office-access",
	  "Entry logs kept; CCTV at the main entrance only, none at the Lisbon side "
	  "entrance." },
	{ "A.7.5", C, 3, FAC, "building",
	  "Buildings protected against fire and flood by the landlords; certificates "
	  "current." },
	{ "A.7.6", NA, -1, FAC, "",
	  "No secure areas: neither office holds servers, cardholder or settlement "
	  "data; production runs in the provider's data centres (A.5.23)." },
	{ "A.7.7", P, 2, FAC, "",
	  "Clear desk and clear screen rules written; not checked." },
	{ "A.7.8", C, 3, FAC, "building",
	  "Network equipment in locked cabinets with power protection." },
	{ "A.7.9", C, 3, ITM, "endpoint remote",
	  "Laptops encrypted and remotely wipeable; travel rules in the device "
	  "policy." },
	{ "A.7.10", C, 3, ITM, "endpoint",
	  "Removable media blocked on managed laptops; exceptions approved and "
	  "logged." },
	{ "A.7.11", C, 3, FAC, "building",
	  "Offices on protected power; the platform does not depend on office "
	  "utilities." },
	{ "A.7.12", C, 3, FAC, "building",
	  "Cabling in the landlords' managed risers and locked cabinets." },
	{ "A.7.13", C, 3, ITM, "inventory",
	  "Laptops under warranty, replaced every four years; repairs by approved "
	  "vendors." },
	{ "A.7.14", C, 3, ITM, "disposal",
	  "Disposal by a certified vendor with certificates of destruction." },
	{ "A.8.1", C, 3, ITM, "endpoint inventory",
	  "Laptops managed centrally: encryption, screen lock, updates, endpoint "
	  "protection." },
	{ "A.8.2", C, 3, ITM, "access-review",
	  "Privileged roles limited to six administrators; reviewed every "
	  "quarter." },
	{ "A.8.3", C, 3, CTO, "access-review",
	  "Access to production data restricted by role and approved by the data "
	  "owner." },
	{ "A.8.4", C, 3, ENG, "pipeline",
	  "Repositories restricted to engineering; branch protection on main "
	  "branches." },
	{ "A.8.5", C, 4, ITM, "mfa",
	  "Single sign-on with MFA for all staff and administrators; legacy "
	  "protocols blocked." },
	{ "A.8.6", C, 3, ITM, "capacity",
	  "Capacity monitored with alerts at 70%; reviewed monthly." },
	{ "A.8.7", C, 3, ITM, "endpoint",
	  "Endpoint protection on every laptop and server image; definitions updated "
	  "daily." },
	{ "A.8.8", P, 2, SEC, "vulns",
	  "Weekly scans; patch targets defined but missed for some third-party "
	  "components." },
	{ "A.8.9", P, 2, ITM, "",
	  "Infrastructure defined as code; no hardening baseline for laptops and "
	  "images." },
	{ "A.8.10", C, 3, DPO, "retention",
	  "Deletion at the end of retention automated for merchant data; logged." },
	{ "A.8.11", N, 1, CTO, "",
	  "Support tooling shows merchants' full bank details; no masking." },
	{ "A.8.12", P, 1, SEC, "", "No data leakage controls beyond e-mail scanning." },
	{ "A.8.13", C, 4, ITM, "backup",
	  "Database backups every fifteen minutes, files nightly; restores tested "
	  "monthly." },
	{ "A.8.14", C, 3, CTO, "bcp",
	  "Production spread over three availability zones; failover tested "
	  "quarterly." },
	{ "A.8.15", C, 3, SEC, "siem",
	  "Application, infrastructure and access logs collected centrally, kept "
	  "thirteen months." },
	{ "A.8.16", P, 2, SEC, "siem",
	  "Alerts defined, but not watched outside office hours." },
	{ "A.8.17", C, 3, ITM, "siem",
	  "All systems synchronise to the provider's time service." },
	{ "A.8.18", C, 3, ITM, "mfa access-review",
	  "Privileged utilities for administrators only, through the bastion." },
	{ "A.8.19", C, 3, ITM, "changes",
	  "Software reaches production systems only through the pipeline." },
	{ "A.8.20", C, 3, ITM, "network",
	  "Networks segmented by security groups; administration through the bastion "
	  "only." },
	{ "A.8.21", C, 3, ITM, "network",
	  "Network services documented with their security features; SLAs "
	  "reviewed." },
	{ "A.8.22", C, 3, ITM, "network",
	  "Production, staging and corporate networks separated." },
	{ "A.8.23", C, 3, ITM, "endpoint",
	  "Web filtering enforced on managed laptops by the endpoint agent." },
	{ "A.8.24", C, 3, CTO, "crypto",
	  "Encryption at rest and in transit; keys in the key management service, "
	  "rotated yearly." },
	{ "A.8.25", C, 3, ENG, "pipeline sdlc",
	  "Secure development life cycle defined; security gates in the pipeline." },
	{ "A.8.26", C, 3, ENG, "pentest pipeline",
	  "Security requirements in the user stories of payment flows; checked in "
	  "review." },
	{ "A.8.27", P, 2, ENG, "sdlc",
	  "Architecture principles written; not yet used in design reviews." },
	{ "A.8.28", C, 3, ENG, "pipeline sdlc",
	  "Peer review and static analysis on every pull request." },
	{ "A.8.29", C, 3, ENG, "pipeline pentest",
	  "Automated security tests in the pipeline; yearly external penetration "
	  "test." },
	{ "A.8.30", NA, -1, ENG, "",
	  "No outsourced development: all software is built by Kittiwake's own "
	  "engineers." },
	{ "A.8.31", C, 3, ENG, "network pipeline",
	  "Separate cloud accounts for development, staging and production." },
	{ "A.8.32", C, 3, CTO, "changes pipeline",
	  "Changes go through tickets, review and the pipeline, approved for "
	  "production." },
	{ "A.8.33", C, 3, ENG, "pipeline",
	  "Test environments use synthetic data; production data never copied to "
	  "test." },
	{ "A.8.34", C, 3, SEC, "pentest",
	  "Penetration tests planned with the CTO under agreed rules of "
	  "engagement." },
};

/*
 * The roadmap: an action for every partial and nonconforming item, owned
 * by the item's owner.  Most are done since the baseline; the open ones
 * fall due in the coming weeks.
 */
static const struct action_row {
	const char *ref, *status;
	int due;
	const char *effort, *resources;
} actions[] = {
	{ "4.4", "done", -230, "M", NULL },
	{ "5.3", "done", -240, "S", NULL },
	{ "6.1.3", "done", -200, "M", "ISMS Manager, three days" },
	{ "6.2", "done", -220, "S", NULL },
	{ "6.3", "done", -215, "S", NULL },
	{ "7.2", "done", -180, "M", "HR and team leads" },
	{ "7.4", "done", -225, "S", NULL },
	{ "7.5.3", "done", -235, "S", NULL },
	{ "8.3", "done", -205, "S", NULL },
	{ "9.1", "in-progress", 40, "M",
	  "KPI dashboard fed by the ticketing and SIEM tools" },
	{ "9.2.1", "done", D_AUDIT_CLOSE, "L", "Finance internal audit team, ten days" },
	{ "9.2.2", "done", -150, "M", NULL },
	{ "9.3.1", "done", D_REVIEW, "M", NULL },
	{ "9.3.2", "done", D_REVIEW, "S", NULL },
	{ "9.3.3", "done", D_REVIEW, "S", NULL },
	{ "10.1", "in-progress", 55, "S", NULL },
	{ "10.2", "done", -190, "S", NULL },
	{ "A.5.3", "done", -200, "M", NULL },
	{ "A.5.6", "done", -240, "S", NULL },
	{ "A.5.7", "in-progress", 45, "M",
	  "Threat feed subscription; two hours a fortnight" },
	{ "A.5.8", "done", -210, "S", NULL },
	{ "A.5.12", "done", -160, "M", NULL },
	{ "A.5.13", "done", -160, "M", NULL },
	{ "A.5.20", "done", -170, "M", "Legal, five days" },
	{ "A.5.21", "in-progress", 30, "L", "Software bill of materials tooling" },
	{ "A.5.24", "done", -180, "S", NULL },
	{ "A.5.28", "open", 60, "S", NULL },
	{ "A.5.35", "done", D_AUDIT_CLOSE, "L", NULL },
	{ "A.5.36", "in-progress", 25, "M", NULL },
	{ "A.6.5", "done", -190, "S", NULL },
	{ "A.6.7", "done", -175, "S", NULL },
	{ "A.7.4", "open", 80, "M", "CCTV at the Lisbon side entrance (quote received)" },
	{ "A.7.7", "done", -220, "S", NULL },
	{ "A.8.8", "done", -150, "M", NULL },
	{ "A.8.9", "in-progress", 35, "M", NULL },
	{ "A.8.11", "done", -140, "L", "Two engineers for three weeks" },
	{ "A.8.12", "open", 75, "L", NULL },
	{ "A.8.16", "done", -120, "M", "On-call rota with paging" },
	{ "A.8.27", "done", -165, "S", NULL },
};

/* The one action placed by hand on the roadmap. */
#define MOVED_REF "A.5.21"
#define MOVED_REASON \
	"The largest merchant asked for a software bill of materials before renewal"

/* ---- assets and data flows ---- */

static const struct asset_row {
	const char *name, *type, *owner, *location, *classification;
	const char *c, *i, *a, *in_scope, *description;
} assets[] = {
	{ "Payment orchestration platform", "software", ENG, "Production cloud",
	  "confidential", "5", "5", "5", "yes",
	  "Routes merchants' card payments to acquirers and returns the results" },
	{ "Tokenisation vault", "software", CTO, "Production cloud", "restricted", "5",
	  "5", "4", "yes",
	  "Swaps card numbers for tokens; the only store of card numbers" },
	{ "Cardholder token data", "information", CTO, "Tokenisation vault", "restricted",
	  "5", "5", "4", "yes", "Card numbers and their tokens" },
	{ "Merchant settlement database", "information", OPS, "Production cloud",
	  "confidential", "4", "5", "4", "yes",
	  "Merchants, bank details, transactions, settlements and payouts" },
	{ "Merchant portal", "software", ENG, "Production cloud", "confidential", "4",
	  "4", "4", "yes", "Merchants' reports, settings and account changes" },
	{ "Production cloud environment", "service", ITM, "Cirrus Hosting, two regions",
	  "confidential", "4", "5", "5", "yes",
	  "Accounts, networks and managed services" },
	{ "Identity provider", "service", ITM, "Software as a service", "confidential",
	  "5", "5", "4", "yes", "Single sign-on and MFA for every application" },
	{ "Source code repositories", "information", ENG, "Code hosting service",
	  "confidential", "4", "5", "3", "yes", "The platform's source code" },
	{ "CI/CD pipeline", "software", ENG, "Production cloud", "internal", "3", "5",
	  "3", "yes", "Builds, tests and deploys every change" },
	{ "SIEM and logging platform", "service", SEC, "Production cloud", "confidential",
	  "4", "5", "3", "yes", "Central logs, alerting and retention" },
	{ "Backup storage", "service", ITM, "Second cloud region", "confidential", "4",
	  "5", "4", "yes", "Encrypted database and file backups" },
	{ "Staff laptops", "hardware", ITM, "Offices and home working", "internal", "3",
	  "3", "3", "yes", "About 130 managed laptops" },
	{ "HR records", "information", HR, "HR system (software as a service)",
	  "confidential", "4", "4", "2", "yes", "Staff and contractor records" },
	{ "Bristol head office", "site", FAC, "Bristol", "internal", "2", "2", "3", "yes",
	  "Head office, two floors of a shared building" },
	{ "Lisbon engineering office", "site", FAC, "Lisbon", "internal", "2", "2", "3",
	  "yes", "Engineering office, one floor" },
	{ "Platform operations team", "people", ITM, "Bristol and Lisbon", "internal",
	  "0", "0", "4", "yes", "Nine engineers on the 24/7 on-call rota" },
	{ "Sales CRM", "software", SALES, "Software as a service", "internal", "3", "3",
	  "2", "no", "Used by the Dublin sales office, outside the ISMS scope" },
};

static const struct flow_row {
	const char *from, *to, *data, *channel;
} flows[] = {
	{ "Merchant portal", "Payment orchestration platform",
	  "Payment requests and merchant settings", "HTTPS (TLS 1.2 or later)" },
	{ "Payment orchestration platform", "Tokenisation vault",
	  "Card numbers for tokenisation", "Mutual TLS" },
	{ "Payment orchestration platform", "Merchant settlement database",
	  "Transactions and settlement records", "TLS inside the private network" },
	{ "Merchant settlement database", "Backup storage", "Encrypted database backups",
	  "Cross-region replication over TLS" },
	{ "Payment orchestration platform", "SIEM and logging platform",
	  "Application and audit logs", "TLS log shipping" },
	{ "Source code repositories", "CI/CD pipeline", "Source code",
	  "HTTPS with deploy keys" },
	{ "CI/CD pipeline", "Production cloud environment", "Signed release artefacts",
	  "HTTPS" },
	{ "HR records", "Identity provider", "Joiner, mover and leaver events",
	  "HTTPS (SCIM)" },
	{ "Merchant settlement database", "Sales CRM",
	  "Merchant contacts and monthly volumes", "Weekly HTTPS export" },
};

/* ---- risks and their treatment ---- */

/*
 * accepted: days from today the owner accepted the residual risk, 0: not
 * (yet).  late: recorded after the management review, for the second
 * approval of the plan and the SoA.
 */
static const struct risk_row {
	const char *title, *assets, *threat, *vulnerability, *consequence;
	const char *l, *i, *treatment, *controls, *rl, *ri, *owner;
	int review, accepted;
	bool late;
} risks[] = {
	{ "Card data exposed through the payment API",
	  "Payment orchestration platform,Tokenisation vault",
	  "External attacker exploiting an API flaw",
	  "Broken object-level authorisation or injection in a new endpoint",
	  "Exposure of card tokens and merchant data; fines and loss of card scheme "
	  "approval",
	  "4", "5", "modify", "A.8.26,A.8.28,A.8.29,A.8.8", "1", "5", CTO, 90, -125,
	  false },
	{ "Ransomware on staff laptops", "Staff laptops",
	  "Criminal group reaching staff by phishing",
	  "Users opening untrusted attachments and links",
	  "Loss of working files and days of disruption", "3", "4", "modify",
	  "A.8.7,A.6.3,A.8.1,A.8.13", "2", "3", ITM, 120, -124, false },
	{ "Compromise of an administrator account",
	  "Identity provider,Production cloud environment",
	  "Credential phishing or session token theft",
	  "Administrator sessions without phishing-resistant MFA",
	  "Full control of production; data theft or destruction", "3", "5", "modify",
	  "A.8.2,A.8.5,A.5.17,A.8.15", "2", "4", ITM, 60, -124, false },
	{ "Outage of the primary cloud region",
	  "Production cloud environment,Payment orchestration platform",
	  "Regional failure at the hosting provider",
	  "Some services deployed in one region only",
	  "Merchants cannot take card payments; service credits", "2", "5", "modify",
	  "A.8.14,A.5.30", "1", "5", CTO, 150, -125, false },
	{ "Leaver keeps access to production systems",
	  "Identity provider,Production cloud environment",
	  "Former employee or contractor misusing access",
	  "Deprovisioning depends on a manual ticket from the line manager",
	  "Unauthorised access to merchant data or production", "3", "4", "modify",
	  "A.5.18,A.6.5,A.5.16", "2", "3", ITM, 45, -124, false },
	{ "Malicious dependency in the software supply chain",
	  "Source code repositories,CI/CD pipeline", "Compromised open-source package",
	  "No software bill of materials; dependencies not pinned",
	  "Malicious code in the payment platform", "3", "4", "modify",
	  "A.5.21,A.8.25,A.8.28,A.8.8", "2", "4", ENG, 75, -123, false },
	{ "Fraudulent change to merchant payout details",
	  "Merchant portal,Merchant settlement database",
	  "Social engineering of support staff",
	  "Payout changes approved by the person making them",
	  "Merchant funds paid to a fraudster", "3", "4", "modify", "A.5.3,A.5.17,A.8.5",
	  "1", "4", OPS, 100, -123, false },
	{ "Personal data breach reported late", "Merchant settlement database,HR records",
	  "Incident not escalated in time", "Unclear escalation out of hours",
	  "Regulatory fines for late notification", "2", "4", "modify",
	  "A.5.24,A.5.26,A.6.8", "1", "4", DPO, 180, -122, false },
	{ "Loss of backups or a failed restore",
	  "Backup storage,Merchant settlement database",
	  "Corruption or deletion of backups", "Restores of some stores rarely tested",
	  "Settlement data lost beyond the recovery point", "2", "5", "modify", "A.8.13",
	  "1", "5", ITM, 200, -124, false },
	{ "Theft of a laptop while travelling", "Staff laptops", "Opportunistic theft",
	  "Laptops carried to customer sites and on trains",
	  "Loss of the device and the data on it", "4", "2", "modify",
	  "A.8.1,A.7.9,A.8.24", "2", "1", ITM, 240, -124, false },
	{ "Unpatched vulnerability in an internet-facing service",
	  "Merchant portal,Production cloud environment",
	  "Automated exploitation of a published vulnerability",
	  "Patch targets missed for third-party components",
	  "Compromise of the portal and the data behind it", "4", "4", "modify",
	  "A.8.8,A.8.9,A.8.20", "2", "4", SEC, 30, -121, false },
	{ "Failure of the card acquirer", "Payment orchestration platform",
	  "Acquirer outage or insolvency", "One acquirer for EU merchants",
	  "EU merchants cannot take card payments", "2", "5", "share", "A.5.19,A.5.20",
	  "2", "3", CEO, 180, -121, false },
	{ "Support staff misusing production data", "Merchant settlement database",
	  "Curious or malicious employee", "Broad read access in support tooling",
	  "Disclosure of merchants' bank details", "2", "4", "modify",
	  "A.8.3,A.8.11,A.8.15", "1", "4", OPS, 160, -123, false },
	{ "Intrusion missed by monitoring", "SIEM and logging platform",
	  "Attacker evading detection", "Alerts not watched outside office hours",
	  "Late detection and a larger breach", "3", "3", "modify", "A.8.16,A.8.15", "2",
	  "3", SEC, 50, -121, false },
	{ "Break-in at an office", "Bristol head office,Lisbon engineering office",
	  "Burglary", "Ground floor entrance in Lisbon",
	  "Stolen equipment; no data, as laptops are encrypted", "1", "3", "retain", "",
	  "1", "3", FAC, 300, -120, false },
	{ "Key engineer leaves with knowledge of the platform",
	  "Platform operations team", "Resignation at short notice",
	  "Single points of knowledge for some components",
	  "Slower recovery from incidents", "3", "3", "modify", "A.5.37", "2", "3", CTO,
	  210, -123, false },
	{ "Secrets leaked in source code", "Source code repositories", "Developer error",
	  "Secrets committed to repositories", "Credentials usable against production",
	  "3", "4", "modify", "A.8.4,A.8.28,A.8.24", "1", "4", ENG, 130, -123, false },
	{ "Denial of service against the payment API", "Payment orchestration platform",
	  "Extortion by a botnet operator", "Capacity limits of the public endpoints",
	  "Payments refused during the attack", "3", "4", "modify", "A.8.6,A.8.20", "2",
	  "3", CTO, 110, -125, false },
	{ "New rules on strong customer authentication", "Payment orchestration platform",
	  "Change in payment regulation", "Late awareness of regulatory change",
	  "Non-compliant payment flows until changed", "2", "2", "retain", "", "2", "2",
	  DPO, 270, -122, false },
	{ "Managed SOC analysts' access to production logs", "SIEM and logging platform",
	  "Compromise or misuse at the SOC provider",
	  "Provider's analysts would read every log",
	  "Disclosure of merchant data in logs", "2", "4", "modify",
	  "A.5.19,A.5.20,A.8.2", "2", "3", ISMS, 40, 0, true },
};

/* Treatment actions; risk is its 1-based place in risks[]. */
static const struct treatment_row {
	int risk;
	const char *title, *control, *owner;
	int due;
	const char *status;
} treatments[] = {
	{ 1, "Object-level authorisation tests for every API endpoint", "A.8.29", ENG,
	  -150, "done" },
	{ 2, "Quarterly phishing simulation with follow-up training", "A.6.3", HR, -200,
	  "done" },
	{ 3, "Phishing-resistant MFA keys for administrators", "A.8.5", ITM, 35, "open" },
	{ 4, "Active-passive failover of every service to the second region", "A.8.14",
	  CTO, 50, "in-progress" },
	{ 5, "Disable leavers' accounts automatically from the HR system", "A.5.18", ITM,
	  21, "in-progress" },
	{ 6, "Generate a software bill of materials and pin dependencies in CI", "A.5.21",
	  ENG, -6, "in-progress" },
	{ 7, "Second approval for payout changes in the merchant portal", "A.5.3", OPS,
	  -200, "done" },
	{ 11, "Weekly patch compliance report with escalation", "A.8.8", SEC, -150,
	  "done" },
	{ 13, "Mask bank details in the support tooling", "A.8.11", CTO, -140, "done" },
	{ 14, "Page the on-call engineer for critical alerts out of hours", "A.8.16", SEC,
	  -120, "done" },
	{ 17, "Secret scanning on every push", "A.8.28", ENG, -180, "done" },
	{ 20, "Limit the SOC provider's access to security events", "A.8.2", SEC, 20,
	  "open" },
	{ 20, "Security clauses and audit rights in the SOC contract", "A.5.20", DPO, 40,
	  "open" },
};

/* ---- the Statement of Applicability ---- */

static const struct soa_row_data {
	const char *ref, *applicable, *reason, *justification;
} soa_rows[] = {
	{ "A.7.6", "no", NULL,
	  "No secure areas: neither office holds servers, cardholder or settlement "
	  "data; production runs in the provider's data centres (A.5.23)" },
	{ "A.8.30", "no", NULL,
	  "No outsourced development: all software is built by Kittiwake's own "
	  "engineers" },
	{ "A.5.31", NULL, "legal",
	  "UK GDPR, EU GDPR and the payment services regulations" },
	{ "A.5.33", NULL, "legal",
	  "Record-keeping duties of payment services and anti-money-laundering rules" },
	{ "A.5.34", NULL, "legal", "UK GDPR and EU GDPR" },
	{ "A.8.24", NULL, "contractual",
	  "Card scheme rules and merchant agreements require strong encryption of "
	  "card data" },
	{ "A.5.20", NULL, "contractual",
	  "Merchant agreements require equivalent security from our suppliers" },
	{ "A.5.30", NULL, "business",
	  "Merchants expect 99.95% availability of the payment API" },
	{ "A.5.6", NULL, "best-practice",
	  "Membership of the fintech security information-sharing group" },
	{ "A.8.34", NULL, "best-practice",
	  "Yearly penetration tests are planned so as not to disturb production" },
};

/* Why a control remediated since the baseline reads as implemented. */
#define REMEDIATED "Remediated since the baseline gap assessment (roadmap action done)"

/* ---- the internal audit ---- */

/*
 * The results that differ from the default (a conforming compliance test
 * by inspection of the item's own records, or by interview when it has
 * none) and every substantive test.  evidence: keys of docs[].
 */
static const struct result_row {
	const char *ref, *test, *result, *kind, *method;
	const char *population, *sample_size, *sample, *note, *evidence;
} results[] = {
	{ "A.5.18", "compliance", "minor", "not-functioning", "inspection",
	  "41 leavers in the six months before fieldwork", "25",
	  "Leavers picked across all teams and months",
	  "3 of 25 leavers' accounts were disabled 5 to 9 days after their last "
	  "working day; the access control policy requires the last working day. "
	  "The leaver tickets were raised late by line managers.",
	  "wp-leavers access-policy" },
	{ "A.5.18", "substantive", "minor", "not-functioning", "reperformance",
	  "41 leavers in the six months before fieldwork", "41", "Every leaver",
	  "Compared the HR leaver list with active identity provider accounts: one "
	  "leaver's account was still active 12 days after leaving (no sign-in after "
	  "the last working day). Removal depends on a manual ticket.",
	  "wp-leavers access-review" },
	{ "A.5.7", "compliance", "ofi", NULL, "interview", NULL, NULL, NULL,
	  "A threat feed is subscribed and read, but advisories are not recorded or "
	  "fed into vulnerability management. A fortnightly triage with its outcomes "
	  "logged would show the control working.",
	  "wp-interviews" },
	{ "4.2", "substantive", "conforming", NULL, "inspection",
	  "Requirements of interested parties in the register", "8", NULL,
	  "Traced eight requirements (card scheme rules, merchant contracts, GDPR) to "
	  "the controls and owners meeting them; all in place.",
	  "legal context" },
	{ "5.1", "substantive", "conforming", NULL, "inspection",
	  "Board meetings since the ISMS went live", "6", "Every meeting",
	  "Security was on every agenda; the board decided on the budget, the "
	  "objectives and two risk acceptances.",
	  "board wp-interviews" },
	{ "6.1.2", "substantive", "conforming", NULL, "reperformance", "19 risks", "5",
	  "The five with the highest inherent level",
	  "Re-rated five risks with the method: the same inherent and residual "
	  "levels.",
	  "risk-register" },
	{ "7.2", "substantive", "conforming", NULL, "reperformance",
	  "22 joiners in the six months before fieldwork", "10", NULL,
	  "All ten had the competence records their role requires and completed "
	  "awareness training within their first month.",
	  "training hr" },
	{ "8.1", "substantive", "conforming", NULL, "reperformance",
	  "Production changes in the quarter", "20", NULL,
	  "Each change was planned, risk-rated and checked after release as the "
	  "change process requires.",
	  "wp-changes changes" },
	{ "9.1", "substantive", "conforming", NULL, "reperformance",
	  "Monthly KPIs reported since go-live", "2", "Availability, phishing clicks",
	  "Recomputed two KPIs from the source data: both match the report. The "
	  "figures are compiled by hand.",
	  "objectives" },
	{ "10.2", "substantive", "conforming", NULL, "inspection",
	  "Nonconformities recorded since go-live", "4", "Every one",
	  "Each had its cause analysed, an action taken and its effect checked.",
	  "incidents" },
	{ "A.5.15", "substantive", "conforming", NULL, "technical-test",
	  "17 role changes in the quarter", "10", NULL,
	  "Access followed each role change within two working days; old roles "
	  "removed.",
	  "access-review" },
	{ "A.5.26", "substantive", "conforming", NULL, "reperformance",
	  "4 minor incidents in the year", "3", NULL,
	  "Three incidents walked through from detection to closure: classified, "
	  "escalated and closed within the plan's targets.",
	  "incidents" },
	{ "A.5.30", "substantive", "conforming", NULL, "observation",
	  "Quarterly failover tests", "1", "The last quarterly test",
	  "Observed the regional failover test: service restored in 22 minutes "
	  "against a one-hour objective.",
	  "bcp" },
	{ "A.6.1", "substantive", "conforming", NULL, "reperformance",
	  "22 joiners in the six months before fieldwork", "10", NULL,
	  "Screening completed before the start date for all ten.", "hr" },
	{ "A.7.7", "substantive", "observation", NULL, "observation",
	  "Desks at both offices", "40", "Bristol 22 desks, Lisbon 18 desks",
	  "After-hours walk-round: 2 of 18 desks in Lisbon had unlocked screens "
	  "(locked automatically after 15 minutes); no papers left out.",
	  "wp-walkround" },
	{ "A.8.2", "substantive", "conforming", NULL, "technical-test",
	  "Privileged roles in every cloud account", "6", "All administrators",
	  "Six administrators, each approved and in the last quarterly review.",
	  "access-review" },
	{ "A.8.5", "substantive", "conforming", NULL, "technical-test",
	  "128 accounts in the identity provider", "128", "All accounts",
	  "MFA enforced for all accounts; a legacy-protocol sign-in attempt was "
	  "refused.",
	  "mfa" },
	{ "A.8.7", "substantive", "conforming", NULL, "technical-test",
	  "124 managed laptops", "124", "All laptops",
	  "The endpoint agent reports on every laptop; definitions current on all.",
	  "endpoint" },
	{ "A.8.8", "substantive", "observation", NULL, "technical-test",
	  "212 findings fixed in the six months before fieldwork", "25", NULL,
	  "2 of 25 medium findings were fixed 3 and 6 days after the 30-day target; "
	  "every high and critical finding within target. The trend could become a "
	  "nonconformity.",
	  "wp-vulns vulns" },
	{ "A.8.13", "substantive", "conforming", NULL, "reperformance",
	  "Settlement database backups", "1", "A backup from the week before",
	  "Restored to an isolated account: complete and consistent in 47 minutes.",
	  "wp-restore backup" },
	{ "A.8.15", "substantive", "conforming", NULL, "technical-test",
	  "Production log sources", "3", "API, database, bastion",
	  "Test events reached the SIEM within two minutes and are retained.", "siem" },
	{ "A.8.16", "substantive", "conforming", NULL, "reperformance",
	  "Critical alert rules", "1", "A test alert raised at 02:00",
	  "The on-call engineer was paged and triaged the alert in 11 minutes.",
	  "siem incidents" },
	{ "A.8.24", "substantive", "conforming", NULL, "technical-test",
	  "Public endpoints and data stores", "6", NULL,
	  "TLS 1.2 or later only; encryption at rest enabled on every store.", "crypto" },
	{ "A.8.28", "substantive", "conforming", NULL, "reperformance",
	  "Pull requests merged in the quarter", "15", NULL,
	  "Each reviewed by a second engineer and passed static analysis and secret "
	  "scanning.",
	  "wp-changes pipeline" },
	{ "A.8.32", "substantive", "conforming", NULL, "reperformance",
	  "Production changes in the quarter", "20", NULL,
	  "Each traced from an approved ticket through review and the pipeline.",
	  "wp-changes changes" },
};

/* ---- the management review ---- */

static const struct output_row {
	const char *text, *owner;
	int due;
	bool done;
} outputs[] = {
	{ "The ISMS is suitable, adequate and effective: proceed to the Stage 1 audit "
	  "with Northgate Certification Services.",
	  NULL, 0, false },
	{ "The internal audit report and its corrective actions accepted.", NULL, 0,
	  false },
	{ "Out-of-hours alert triage moves to a managed security operations centre; "
	  "assess the risk of its access.",
	  NULL, 0, false },
	{ "New objective for the year: leavers' access removed on the last working "
	  "day, every time.",
	  NULL, 0, false },
	{ "Approve the budget for automatic deprovisioning from the HR system", CTO,
	  D_APPROVE2, true },
	{ "Renew the external penetration test before Stage 1", SEC, 10, false },
	{ "Sign the managed security operations centre contract", CTO, 30, false },
	{ "Incident response exercise with the executive team before Stage 2", ISMS, 45,
	  false },
};

/* ---- loading ---- */

struct ctx {
	struct store *st;
	const struct demo_org_options *opts;
	struct demo_org_report *out;
	struct org org;
	struct assessment gap;
	char today[11];
	char **dates; /* every date handed out, freed at the end */
	size_t ndates, alloc_dates;
	char (*sha)[65];  /* digest of each docs[] entry */
	int64_t *risk_id; /* of each risks[] entry */
	int64_t audit, capa[2], review;
	struct strbuf dir; /* where documents are written before adding */
};

/* Today plus days, as a string that lives as long as the load. */
static const char *day(struct ctx *c, int days)
{
	char *d = xmalloc(11);

	date_add_days(c->today, days, d);
	ALLOC_GROW(c->dates, c->ndates + 1, c->alloc_dates);
	c->dates[c->ndates++] = d;
	return d;
}

static const char *day_or_null(struct ctx *c, int days)
{
	return days ? day(c, days) : NULL;
}

static int doc_index(const char *key, size_t len)
{
	for (size_t i = 0; i < NELEM(docs); i++)
		if (strlen(docs[i].key) == len && !strncmp(docs[i].key, key, len))
			return (int)i;
	return error_set(E_INTERNAL, "the demo names an unknown document '%.*s'",
	                 (int)len, key);
}

/*
 * Call fn for each document of a space-separated list of keys; stops at
 * the first failure.
 */
static int each_doc(struct ctx *c, const char *keys,
                    int (*fn)(struct ctx *c, int doc, void *arg), void *arg)
{
	const char *p = keys ? keys : "";
	int rc = 0;

	while (!rc && *p) {
		size_t len = strcspn(p, " ");
		int i = len ? doc_index(p, len) : 0;

		if (i < 0)
			return i;
		if (len)
			rc = fn(c, i, arg);
		p += len + (p[len] == ' ');
	}
	return rc;
}

static int add_digest(struct ctx *c, int doc, void *arg)
{
	struct strbuf *list = arg;

	return strbuf_addf(list, "%s%s", list->len ? "," : "", c->sha[doc]);
}

/* The digests of a list of documents, comma-separated as results take them. */
static int digests(struct ctx *c, const char *keys, struct strbuf *out)
{
	strbuf_reset(out);
	return each_doc(c, keys, add_digest, out);
}

/* ---- organisation, scope and people ---- */

static int load_scope(struct ctx *c)
{
	int rc = app_org_add(c->st, DEMO_ORG_SLUG, ORG_NAME, &c->org);

	if (!rc)
		rc = app_scope_set_statement(c->st, &c->org, statement);
	for (size_t i = 0; !rc && i < NELEM(scope_items); i++) {
		const struct scope_row *s = &scope_items[i];

		rc = app_scope_item_add(c->st, &c->org, s->kind, s->name, s->description);
		if (!rc && s->reason)
			rc = app_scope_exclude(c->st, &c->org, s->kind, s->name,
			                       s->reason);
	}
	for (size_t i = 0; !rc && i < NELEM(ifaces); i++)
		rc = app_scope_iface_add(c->st, &c->org, ifaces[i].kind, ifaces[i].name,
		                         ifaces[i].party, ifaces[i].description);
	return rc;
}

static int load_people(struct ctx *c)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < NELEM(people); i++) {
		struct person p;

		rc = app_person_add(c->st, &c->org, people[i].name, people[i].email, &p);
		if (!rc)
			person_release(&p);
	}
	for (size_t i = 0; !rc && i < NELEM(competences); i++) {
		const struct competence_row *r = &competences[i];
		struct competence_update u = { .kind = r->kind,
			                       .title = r->title,
			                       .obtained_on = day(c, r->obtained),
			                       .expires_on = day_or_null(c, r->expires),
			                       .note = r->note };
		struct competence out;
		int d = r->evidence ? doc_index(r->evidence, strlen(r->evidence)) : 0;

		if (d < 0)
			return d;
		u.evidence = r->evidence ? c->sha[d] : NULL;
		rc = app_competence_add(c->st, &c->org, r->person, &u, &out);
		if (!rc)
			competence_release(&out);
	}
	for (size_t i = 0; !rc && i < NELEM(owns); i++) {
		size_t n = 0, changed;

		while (n < NELEM(owns[i].refs) && owns[i].refs[n])
			n++;
		rc = app_person_owns(c->st, &c->org, owns[i].person, owns[i].refs, n,
		                     owns[i].role, true, &changed);
	}
	c->out->people = (int64_t)NELEM(people);
	return rc;
}

/* ---- evidence ---- */

/* A private directory for the documents on their way into the store. */
static int make_dir(struct ctx *c)
{
	const char *tmp = getenv("TMPDIR");
	int rc = strbuf_addf(&c->dir, "%s/isms-demo-", tmp && *tmp ? tmp : "/tmp");

	/* mkdtemp() replaces the template's last six characters. */
	for (int i = 0; !rc && i < 6; i++)
		rc = strbuf_addch(&c->dir, 'X');
	if (!rc && !mkdtemp(c->dir.buf))
		rc = error_set(E_IO, "cannot create a temporary directory in %s: %s",
		               tmp && *tmp ? tmp : "/tmp", strerror(errno));
	if (rc)
		strbuf_reset(&c->dir);
	return rc;
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wx");
	int bad;

	if (!f)
		return error_set(E_IO, "cannot create %s: %s", path, strerror(errno));
	bad = fputs(text, f) == EOF;
	bad |= fclose(f) != 0;
	if (bad) {
		unlink(path);
		return error_set(E_IO, "cannot write %s", path);
	}
	return 0;
}

/* Write a document as a file and add it as any evidence file is added. */
static int add_doc(struct ctx *c, size_t i, struct strbuf *path, struct strbuf *text)
{
	const struct doc_row *d = &docs[i];
	struct evidence_meta m = { .title = d->title,
		                   .kind = d->kind,
		                   .collected_on = day(c, -d->age),
		                   .valid_until = day_or_null(c, d->valid),
		                   .origin = d->origin };
	struct evidence e;
	bool existed;
	int rc;

	strbuf_reset(path);
	strbuf_reset(text);
	rc = strbuf_addf(path, "%s/%s", c->dir.buf, d->file);
	if (!rc)
		rc = strbuf_addf(text, "%s\n%s\n\nCollected on %s.\n\n%s", ORG_NAME,
		                 d->title, m.collected_on, d->body);
	if (!rc)
		rc = write_file(path->buf, text->buf);
	if (rc)
		return rc;
	rc = app_evidence_add(c->st, &c->org, path->buf, &m, &e, &existed);
	unlink(path->buf);
	if (rc)
		return rc;
	memcpy(c->sha[i], e.sha256, sizeof(c->sha[i]));
	evidence_release(&e);
	return 0;
}

static int load_evidence(struct ctx *c)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	int rc = make_dir(c);

	for (size_t i = 0; !rc && i < NELEM(docs); i++)
		rc = add_doc(c, i, &path, &text);
	strbuf_release(&path);
	strbuf_release(&text);
	c->out->evidence = (int64_t)NELEM(docs);
	return rc;
}

/* ---- the gap assessment ---- */

static int link_doc(struct ctx *c, int doc, void *arg)
{
	return app_evidence_link(c->st, &c->org, &c->gap, c->sha[doc], arg, true);
}

static const struct action_row *action_of(const char *ref)
{
	for (size_t i = 0; i < NELEM(actions); i++)
		if (!strcmp(actions[i].ref, ref))
			return &actions[i];
	return NULL;
}

static int load_item(struct ctx *c, const struct item_row *r)
{
	const struct action_row *a = action_of(r->ref);
	bool na = !strcmp(r->status, NA);
	struct gap_update u = { .status = r->status,
		                .maturity = r->maturity,
		                .owner = r->owner,
		                .notes = na ? NULL : r->note,
		                .target_date = a ? day(c, a->due) : NULL,
		                .justification = na ? r->note : NULL };
	int rc = each_doc(c, r->docs, link_doc, (void *)r->ref);

	if (!rc)
		rc = app_gap_set(c->st, &c->gap, r->ref, &u);
	if (!rc && a) {
		struct action_update au = { .owner = r->owner,
			                    .due_on = day(c, a->due),
			                    .effort = a->effort,
			                    .resources = a->resources,
			                    .status = a->status };

		rc = app_gap_action(c->st, &c->gap, r->ref, &au);
		c->out->actions++;
	}
	return rc;
}

static int load_gap(struct ctx *c)
{
	int rc = app_gap_new(c->st, &c->org, "Baseline", day(c, D_BASELINE),
	                     "Miriam Achterberg (Larchfield Consulting)", &c->gap);

	for (size_t i = 0; !rc && i < NELEM(items); i++)
		rc = load_item(c, &items[i]);
	if (!rc)
		rc = app_gap_move(c->st, &c->gap, MOVED_REF, 1, MOVED_REASON);
	c->out->items = (int64_t)NELEM(items);
	return rc;
}

/* ---- assets, risks and their treatment ---- */

static int load_assets(struct ctx *c)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < NELEM(assets); i++) {
		const struct asset_row *r = &assets[i];
		struct asset_update u = { .type = r->type,
			                  .owner = r->owner,
			                  .location = r->location,
			                  .classification = r->classification,
			                  .description = r->description,
			                  .confidentiality = r->c,
			                  .integrity = r->i,
			                  .availability = r->a,
			                  .in_scope = r->in_scope };
		struct asset a;

		rc = app_asset_add(c->st, &c->org, r->name, &u, &a);
		if (!rc)
			asset_release(&a);
	}
	for (size_t i = 0; !rc && i < NELEM(flows); i++) {
		int64_t id;

		rc = app_flow_add(c->st, &c->org, flows[i].from, flows[i].to,
		                  flows[i].data, flows[i].channel, &id);
	}
	c->out->assets = (int64_t)NELEM(assets);
	c->out->flows = (int64_t)NELEM(flows);
	return rc;
}

static int load_method(struct ctx *c)
{
	struct method_update u = {
		.accept = "medium",
		.by = CEO,
		.note = "Adopted by the board with the ISMS: a residual risk above "
		        "medium needs further treatment or the board's acceptance.",
	};
	struct risk_method m;
	int64_t evaluated, changed;
	int rc = app_risk_method_set(c->st, &c->org, &u, &m, &evaluated, &changed);

	if (!rc)
		risk_method_release(&m);
	return rc;
}

static int add_risk(struct ctx *c, size_t i)
{
	const struct risk_row *r = &risks[i];
	struct risk_update u = { .title = r->title,
		                 .assets = r->assets,
		                 .threat = r->threat,
		                 .vulnerability = r->vulnerability,
		                 .consequence = r->consequence,
		                 .likelihood = r->l,
		                 .impact = r->i,
		                 .treatment = r->treatment,
		                 .controls = *r->controls ? r->controls : NULL,
		                 .residual_likelihood = r->rl,
		                 .residual_impact = r->ri,
		                 .owner = r->owner,
		                 .review_on = day(c, r->review) };
	struct risk out;
	int rc = app_risk_add(c->st, &c->org, &u, &out);

	if (rc)
		return rc;
	c->risk_id[i] = out.id;
	risk_release(&out);
	for (size_t t = 0; !rc && t < NELEM(treatments); t++) {
		const struct treatment_row *tr = &treatments[t];
		struct treatment_update tu = { .title = tr->title,
			                       .control = tr->control,
			                       .owner = tr->owner,
			                       .due_on = day(c, tr->due),
			                       .status = tr->status };
		struct treatment_action a;

		if ((size_t)tr->risk != i + 1)
			continue;
		rc = app_treatment_add(c->st, &c->org, c->risk_id[i], &tu, &a);
		if (!rc)
			treatment_action_release(&a);
		c->out->treatments++;
	}
	if (!rc && r->accepted)
		rc = app_risk_accept(c->st, &c->org, c->risk_id[i], r->owner,
		                     day(c, r->accepted));
	c->out->risks++;
	return rc;
}

/* The risks known before (late false) or after the management review. */
static int load_risks(struct ctx *c, bool late)
{
	int rc = late ? 0 : load_method(c);

	for (size_t i = 0; !rc && i < NELEM(risks); i++)
		if (risks[i].late == late)
			rc = add_risk(c, i);
	return rc;
}

/* Exclusions and reasons, and the remediated controls' status. */
static int load_soa(struct ctx *c)
{
	const struct soa_update done = { .status = "implemented",
		                         .status_reason = REMEDIATED };
	const char *refs[NELEM(actions)];
	size_t n = 0;
	int rc = 0;

	for (size_t i = 0; !rc && i < NELEM(soa_rows); i++) {
		const struct soa_row_data *s = &soa_rows[i];
		struct soa_update u = { .applicable = s->applicable,
			                .justification = s->justification,
			                .reason = s->reason };

		rc = app_soa_set(c->st, &c->org, s->ref, &u, NULL);
	}
	for (size_t i = 0; i < NELEM(actions); i++)
		if (!strncmp(actions[i].ref, "A.", 2) &&
		    !strcmp(actions[i].status, "done"))
			refs[n++] = actions[i].ref;
	return rc ? rc : app_soa_set_many(c->st, &c->org, refs, n, &done);
}

/* The treatment plan and the SoA, approved together by the CEO. */
static int approve(struct ctx *c, int when)
{
	int version;
	int rc = app_plan_approve(c->st, &c->org, CEO, day(c, when), NULL);

	if (!rc)
		rc = app_soa_approve(c->st, &c->org, CEO, day(c, when), &version);
	return rc;
}

/* ---- the audit programme and the internal audit ---- */

static int load_programme(struct ctx *c, int cycle)
{
	struct programme_update u = {
		.interval = "12",
		.size_complexity = "120 staff; offices in Bristol and Lisbon; one "
		                   "production platform in two cloud regions",
		.legal = "UK and EU GDPR, payment services and anti-money-laundering "
		         "regulations, card scheme rules, merchant contracts",
		.rate_of_change = "High: weekly releases; Lisbon office opened this "
		                  "year; first merchants in two new countries",
		.risk_results = "Highest residual risks: administrator compromise, the "
		                "software supply chain, unpatched internet-facing "
		                "services",
		.previous_results = "First cycle: no earlier internal audit; baseline "
		                    "gap assessment by an external consultant",
	};
	struct audit_programme p;
	int rc = app_programme_set(c->st, &c->org, cycle, &u, &p);

	if (!rc)
		audit_programme_release(&p);
	return rc;
}

static int new_audit(struct ctx *c, const struct audit_update *u, int64_t *id)
{
	struct audit a;
	int rc = app_audit_new(c->st, &c->org, u, &a);

	if (rc)
		return rc;
	*id = a.id;
	audit_release(&a);
	c->out->audits++;
	return 0;
}

static int assign(struct ctx *c, int64_t id)
{
	bool no_competence;
	int rc = app_audit_assign(c->st, &c->org, id, LEAD, true, NULL, &no_competence);

	if (!rc)
		rc = app_audit_assign(c->st, &c->org, id, AUDITOR, false, NULL,
		                      &no_competence);
	return rc;
}

/* The documents the plan lists, linked to what the organisation holds. */
static const struct {
	const char *title, *doc;
} reviewed[] = {
	{ "ISMS scope statement", "context" },
	{ "Statement of Applicability", "soa-export" },
	{ "Information security policy", "policy" },
	{ "Business continuity policy", "bcp" },
	{ "Risk assessment and risk treatment plan", "risk-register" },
};

static int link_documents(struct ctx *c)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < NELEM(reviewed); i++) {
		int d = doc_index(reviewed[i].doc, strlen(reviewed[i].doc));

		rc = d < 0 ? d
		           : app_audit_document(c->st, &c->org, c->audit,
		                                reviewed[i].title, c->sha[d]);
	}
	return rc;
}

static const struct item_row *item_of(const char *ref)
{
	for (size_t i = 0; i < NELEM(items); i++)
		if (!strcmp(items[i].ref, ref))
			return &items[i];
	return NULL;
}

static bool special_result(const char *ref, enum test_type type)
{
	for (size_t i = 0; i < NELEM(results); i++)
		if (!strcmp(results[i].ref, ref) &&
		    !strcmp(results[i].test, test_type_name(type)))
			return true;
	return false;
}

/* The item's own records, never the gap assessor's notes. */
static int add_own_digest(struct ctx *c, int doc, void *arg)
{
	if (docs[doc].origin)
		return 0;
	return add_digest(c, doc, arg);
}

static int add_title(struct ctx *c, int doc, void *arg)
{
	struct strbuf *sb = arg;

	if (docs[doc].origin)
		return 0;
	return strbuf_addf(sb, "%s%s", sb->len ? "; " : "", docs[doc].title);
}

/*
 * The default result: practice follows the documented requirement,
 * shown by the item's records, or by interviewing its owner.
 */
static int default_result(struct ctx *c, const struct audit_test *t, struct strbuf *ev,
                          struct strbuf *note)
{
	const struct item_row *it = item_of(t->ref);
	struct result_update u = { .ref = t->ref,
		                   .test = "compliance",
		                   .result = "conforming" };
	struct strbuf titles = STRBUF_INIT;
	int64_t capa;
	int rc;

	strbuf_reset(ev);
	strbuf_reset(note);
	rc = it ? each_doc(c, it->docs, add_own_digest, ev)
	        : error_set(E_INTERNAL, "the demo has no finding for %s", t->ref);
	if (!rc)
		rc = each_doc(c, it->docs, add_title, &titles);
	if (!rc && ev->len) {
		u.method = "inspection";
		u.evidence = ev->buf;
		rc = strbuf_addf(note,
		                 "Inspected: %s. Practice follows the documented "
		                 "requirement.",
		                 titles.buf);
	} else if (!rc) {
		u.method = "interview";
		rc = strbuf_addf(note,
		                 "Interviewed %s; practice follows the documented "
		                 "requirement.",
		                 it->owner);
	}
	strbuf_release(&titles);
	u.note = note->buf;
	return rc ? rc : app_audit_result(c->st, &c->org, c->audit, &u, &capa);
}

static int special_results(struct ctx *c, struct strbuf *ev)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < NELEM(results); i++) {
		const struct result_row *r = &results[i];
		struct result_update u = { .ref = r->ref,
			                   .test = r->test,
			                   .result = r->result,
			                   .kind = r->kind,
			                   .method = r->method,
			                   .population = r->population,
			                   .sample_size = r->sample_size,
			                   .sample_items = r->sample,
			                   .note = r->note };
		int64_t capa = 0;

		rc = digests(c, r->evidence, ev);
		u.evidence = ev->len ? ev->buf : NULL;
		if (!rc)
			rc = app_audit_result(c->st, &c->org, c->audit, &u, &capa);
		/* The compliance test's action first, then the substantive one's. */
		if (!rc && capa)
			c->capa[c->capa[0] ? 1 : 0] = capa;
		c->out->results++;
	}
	return rc;
}

static int fieldwork(struct ctx *c)
{
	struct strbuf ev = STRBUF_INIT, note = STRBUF_INIT;
	struct audit a;
	int rc = app_audit_get(c->st, &c->org, c->audit, &a);

	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < a.ntests; i++) {
		const struct audit_test *t = &a.tests[i];

		if (t->type != TEST_COMPLIANCE || special_result(t->ref, t->type))
			continue;
		rc = default_result(c, t, &ev, &note);
		c->out->results++;
	}
	audit_release(&a);
	if (!rc)
		rc = special_results(c, &ev);
	strbuf_release(&ev);
	strbuf_release(&note);
	return rc;
}

static int load_audit(struct ctx *c)
{
	const char *end = day(c, D_AUDIT_END);
	struct audit_update u = {
		.title = "ISMS internal audit before certification (full scope)",
		.scope = "all",
		.start_on = day(c, D_AUDIT_START),
		.end_on = end,
		.objectives = "Determine whether the ISMS conforms to ISO/IEC "
		              "27001:2022 and Kittiwake's own requirements (9.2.1 a) and "
		              "is effectively implemented and maintained (9.2.1 b), "
		              "before the Stage 1 audit.",
		.sampling = "Judgemental samples from the six months before fieldwork: "
		            "25 items from populations over 50, 10 from smaller ones, "
		            "every item below 10.",
		.auditees = ISMS ", " CTO ", " ITM ", " ENG ", " HR ", " FAC ", " SEC
		                 ", " DPO ", " OPS,
		.classification = "Confidential",
		.distribution = "Board of directors; ISMS Manager; auditees",
	};
	int rc = load_programme(c, date_year(end));

	if (!rc)
		rc = new_audit(c, &u, &c->audit);
	if (!rc)
		rc = assign(c, c->audit);
	if (!rc)
		rc = link_documents(c);
	if (!rc)
		rc = fieldwork(c);
	if (!rc)
		rc = app_audit_close(c->st, &c->org, c->audit, day(c, D_AUDIT_CLOSE));
	if (!rc && c->opts && c->opts->issue)
		rc = c->opts->issue(c->st, &c->org, c->audit, LEAD,
		                    day(c, D_AUDIT_ISSUE));
	return rc;
}

/* The next two years' audits, planned a year apart. */
static int plan_audits(struct ctx *c)
{
	char start[2][11], end[2][11];
	struct audit_update u[2] = {
		{ .title = "ISMS internal audit, second year",
		  .scope = "4,5,6,7,8,9,10,A.5,A.6",
		  .classification = "Confidential" },
		{ .title = "ISMS internal audit, third year",
		  .scope = "9,10,A.7,A.8",
		  .classification = "Confidential" },
	};
	int64_t id[2];
	int rc = 0;

	for (int i = 0; !rc && i < 2; i++) {
		date_add_months(day(c, D_AUDIT_END), 12 * (i + 1), start[i]);
		date_add_days(start[i], 5, end[i]);
		u[i].start_on = start[i];
		u[i].end_on = end[i];
		rc = new_audit(c, &u[i], &id[i]);
	}
	if (!rc)
		rc = assign(c, id[0]);
	return rc;
}

/* ---- corrective action and the management review ---- */

static int load_capas(struct ctx *c)
{
	struct capa_update u[2] = {
		{ .correction = "Disabled the three late accounts; confirmed no sign-in "
		                "after the leaving dates.",
		  .root_cause = "Leaver tickets are raised by line managers, often after "
		                "the last day; IT works from tickets, not from the HR "
		                "leaver list.",
		  .action = "IT checks the HR leaver report every morning and disables "
		            "accounts on the last working day; HR reconciles weekly.",
		  .owner = ITM,
		  .due_on = day(c, -20),
		  .status = "implemented" },
		{ .correction = "Disabled the account found active.",
		  .root_cause = "Deprovisioning is manual and depends on a ticket.",
		  .action = "Connect the HR system to the identity provider so that a "
		            "leaver's accounts are disabled automatically at the end of "
		            "the last working day.",
		  .owner = ITM,
		  .due_on = day(c, 21),
		  .status = "in-progress" },
	};
	int rc = 0;

	for (int i = 0; !rc && i < 2; i++) {
		struct capa out;

		rc = c->capa[i] ? app_capa_set(c->st, &c->org, c->capa[i], &u[i], &out)
		                : error_set(E_INTERNAL,
		                            "the demo's audit opened no "
		                            "corrective action %d",
		                            i + 1);
		if (!rc)
			capa_release(&out);
	}
	c->out->capas = 2;
	return rc;
}

static int load_review(struct ctx *c)
{
	struct review_update u = {
		.title = "ISMS management review before certification",
		.held_on = day(c, D_REVIEW),
		.chair = CEO,
		.attendees = CTO ", " ISMS ", " ITM ", " HR ", " DPO ", " LEAD,
		.notes = "Held after the internal audit; the audit team presented its "
		         "report.",
		.changes = "Lisbon engineering office opened; first merchants in Ireland "
		           "and the Netherlands; the payment API moved to the two-region "
		           "layout.",
		.monitoring =
		        "Availability 99.97% against 99.95%; no major incident, four "
		        "minor; phishing simulation clicks down from 11% to 4%; 96% "
		        "of staff trained; 92% of vulnerabilities fixed within "
		        "target.",
		.objectives = "Four of five objectives met; patch compliance at 92% "
		              "against 95%.",
		.feedback = "Two merchants' security questionnaires answered without "
		            "findings; the largest merchant asked for a software bill of "
		            "materials.",
	};
	struct review r;
	int rc = app_review_new(c->st, &c->org, &u, &r);

	if (rc)
		return rc;
	c->review = r.id;
	review_release(&r);
	for (size_t i = 0; !rc && i < NELEM(outputs); i++) {
		const struct output_row *o = &outputs[i];
		struct review_output out;

		rc = app_review_output(c->st, &c->org, c->review, o->text, o->owner,
		                       o->owner ? day(c, o->due) : NULL, &out);
		if (!rc && o->done)
			rc = app_review_action_done(c->st, &c->org, c->review, out.id);
		if (!rc) {
			free(out.text);
			free(out.owner);
			free(out.due_on);
		}
	}
	if (!rc)
		rc = app_review_finalise(c->st, &c->org, c->review);
	c->out->reviews = 1;
	return rc;
}

/* The correction was re-tested and found effective; the other runs on. */
static int verify_capa(struct ctx *c)
{
	int d = doc_index("capa-retest", strlen("capa-retest"));
	int rc = d < 0 ? d
	               : app_capa_verify(c->st, &c->org, c->capa[0], LEAD,
	                                 "Every leaver since the correction re-tested "
	                                 "against the identity provider: all accounts "
	                                 "disabled on the last working day.",
	                                 NULL, c->sha[d]);

	return rc ? rc : app_capa_close(c->st, &c->org, c->capa[0], NULL);
}

static int load_cert(struct ctx *c)
{
	struct cert_update u = { .body = "Northgate Certification Services Ltd",
		                 .golive = day(c, D_GOLIVE),
		                 .stage1 = day(c, D_STAGE1),
		                 .stage2 = day(c, D_STAGE2) };
	struct certification out;
	int rc = app_cert_set(c->st, &c->org, &u, &out);

	if (!rc)
		certification_release(&out);
	return rc;
}

/* ---- the whole ---- */

static int early_risks(struct ctx *c)
{
	return load_risks(c, false);
}

static int late_risks(struct ctx *c)
{
	return load_risks(c, true);
}

static int first_approvals(struct ctx *c)
{
	return approve(c, D_APPROVE1);
}

static int second_approvals(struct ctx *c)
{
	return approve(c, D_APPROVE2);
}

/* The steps in the order things happened, each named for a failure. */
static const struct step {
	const char *what;
	int (*fn)(struct ctx *c);
} steps[] = {
	{ "the scope", load_scope },
	{ "the people", load_people },
	{ "the evidence", load_evidence },
	{ "the gap assessment", load_gap },
	{ "the assets", load_assets },
	{ "the risks", early_risks },
	{ "the SoA", load_soa },
	{ "the first approvals", first_approvals },
	{ "the internal audit", load_audit },
	{ "the corrective actions", load_capas },
	{ "the management review", load_review },
	{ "the risks found since", late_risks },
	{ "the second approvals", second_approvals },
	{ "the verification", verify_capa },
	{ "the next audits", plan_audits },
	{ "the certification schedule", load_cert },
};

static void ctx_release(struct ctx *c)
{
	for (size_t i = 0; i < c->ndates; i++)
		free(c->dates[i]);
	free(c->dates);
	free(c->sha);
	free(c->risk_id);
	if (c->dir.len)
		rmdir(c->dir.buf);
	strbuf_release(&c->dir);
	assessment_release(&c->gap);
	org_release(&c->org);
}

int app_demo_org(struct store *st, const struct demo_org_options *opts,
                 struct demo_org_report *out)
{
	struct ctx c = { .st = st, .opts = opts, .out = out, .dir = STRBUF_INIT };
	struct org existing;
	int rc;

	memset(out, 0, sizeof(*out));
	store_today(c.today);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = app_org_get(st, DEMO_ORG_SLUG, &existing);
	if (!rc) {
		org_release(&existing);
		return store_end(st, 0);
	}
	if (rc != -E_NOTFOUND)
		return store_end(st, rc);
	error_clear();
	out->loaded = true;
	out->name = ORG_NAME;
	c.sha = xcalloc(NELEM(docs), sizeof(*c.sha));
	c.risk_id = xcalloc(NELEM(risks), sizeof(*c.risk_id));
	rc = 0;
	for (size_t i = 0; !rc && i < NELEM(steps); i++) {
		rc = steps[i].fn(&c);
		if (rc)
			rc = error_wrap("loading the demo organisation (%s)",
			                steps[i].what);
	}
	ctx_release(&c);
	rc = store_end(st, rc);
	if (rc)
		out->loaded = false;
	return rc;
}
