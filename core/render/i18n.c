/*
 * i18n.c — the message tables, one per language (i18n.h). Each table is
 * indexed by msg_id; a test checks that every language has every message
 * with the same placeholders. Text from inputs never goes in here: it is
 * passed as an argument and escaped by the writer.
 */
#include <stdarg.h>
#include <string.h>

#include "i18n.h"

static const char *const msg_en[M_COUNT] = {
	[M_RR_V_PASS] =
		"pass",
	[M_RR_V_FAIL] =
		"**FAIL**",
	[M_RR_V_UNKNOWN] =
		"unknown",
	[M_RR_V_WAIVED] =
		"waived",
	[M_RR_V_NOT_APPLICABLE] =
		"not applicable",
	[M_RR_VERDICT] =
		"Verdict",
	[M_RR_PUNCT_COLON] =
		":",
	[M_RR_COMPUTATION] =
		"computation:",
	[M_RR_YES] =
		"yes",
	[M_RR_NO] =
		"no",
	[M_RR_CONTROL] =
		"control",
	[M_RR_LOCATION] =
		"location",
	[M_RR_STAFF] =
		"staff",
	[M_RR_CUSTOMER_DATA] =
		"customer data",
	[M_RR_TECHNICAL_DATA] =
		"technical data",
	[M_RR_METADATA] =
		"metadata",
	[M_RR_R_CRITICAL] =
		"**critical**",
	[M_RR_R_HIGH] =
		"**high**",
	[M_RR_R_MEDIUM] =
		"medium",
	[M_RR_R_LOW] =
		"low",
	[M_RR_TITLE] =
		"Residual risks linked to extra-European laws",
	[M_RR_EDITION] =
		"edition of",
	[M_RR_PRODUCED] =
		"produced by",
	[M_RR_H_CONTROL] =
		"Document control and management acceptance",
	[M_RR_PROVIDER] =
		"Provider:",
	[M_RR_SERVICE_MODEL] =
		"Service model:",
	[M_RR_ACCEPTED_BY] =
		"Residual risks formally accepted (§5.3.g) by",
	[M_RR_ON] =
		"on",
	[M_RR_NEXT_REVIEW] =
		"Next review (§5.3.h), at the latest:",
	[M_RR_NO_ACCEPTANCE] =
		"No management acceptance is recorded (§5.3.g): this document must be accepted "
		"and signed before it is filed.",
	[M_RR_AVAILABILITY] =
		"Made available to customers on request (§5.3.e, §19.1.e); reviewed after every "
		"major change (§5.3.h).",
	[M_RR_ROLE] =
		"Role",
	[M_RR_NAME_DATE_SIGNATURE] =
		"Name, date, signature",
	[M_RR_AUTHOR] =
		"Author",
	[M_RR_REVIEWER] =
		"Reviewer",
	[M_RR_MANAGEMENT_ACCEPTANCE] =
		"Management acceptance",
	[M_RR_H_SCOPE] =
		"Scope and locations (§19.2)",
	[M_RR_SITE] =
		"Site",
	[M_RR_COUNTRY] =
		"Country",
	[M_RR_HOLDS] =
		"Holds",
	[M_RR_ADMIN_FROM] =
		"Administration and supervision from:",
	[M_RR_SUPPORT_FROM] =
		"Support from",
	[M_RR_SUPERVISION] =
		"supervision:",
	[M_RR_H_OWNERSHIP] =
		"Legal and ownership structure (§19.6.a, b, e)",
	[M_RR_HOLDER] =
		"Holder",
	[M_RR_CAPITAL] =
		"Capital %",
	[M_RR_VOTING] =
		"Voting %",
	[M_RR_VETO] =
		"Veto",
	[M_RR_BOARD_SEATS] =
		"Board seats",
	[M_RR_H_THIRD_PARTIES] =
		"Third parties and supply chain (§15.1, §19.6.c-d)",
	[M_RR_THIRD_PARTY] =
		"Third party",
	[M_RR_SEAT] =
		"Seat",
	[M_RR_PARENT] =
		"Parent",
	[M_RR_SERVICE] =
		"Service",
	[M_RR_DATA_ACCESS] =
		"Data access",
	[M_RR_ALTERNATIVES] =
		"Alternatives",
	[M_RR_OPERATORS_OBSERVED] =
		"Operators observed in the evidence (DNS, TLS, geolocation):",
	[M_RR_OPERATOR] =
		"Operator",
	[M_RR_ULTIMATE_CONTROLLER] =
		"Ultimate controller",
	[M_RR_DECLARED] =
		"Declared",
	[M_RR_REVEALED] =
		"Revealed by",
	[M_RR_CTL_UNKNOWN] =
		"unknown",
	[M_RR_IS_PROVIDER] =
		"provider",
	[M_RR_NO_BOLD] =
		"**no**",
	[M_RR_H_EXPOSURE] =
		"Exposure per non-EU jurisdiction",
	[M_RR_NO_NEXUS] =
		"No non-EU nexus was found in the declarations and the evidence.",
	[M_RR_ENTITIES_LINKED] =
		"Entities linked to this jurisdiction:",
	[M_RR_LAW] =
		"Law",
	[M_RR_BINDS] =
		"Binds",
	[M_RR_NEXUS] =
		"Nexus",
	[M_RR_SECRECY] =
		"Secrecy",
	[M_RR_EU_ASSESSMENT] =
		"EU assessment",
	[M_RR_WORDING_NOT_VERIFIED] =
		" — *wording not verified*",
	[M_RR_SOURCES] =
		"Sources:",
	[M_RR_NO_LAW_FOR_COUNTRY] =
		"The laws catalogue holds no law for this country: the exposure must be "
		"assessed by hand.",
	[M_RR_H_MEASURES] =
		"Existing measures",
	[M_RR_MEASURE] =
		"Measure",
	[M_RR_APPLIES] =
		"Applies to",
	[M_RR_EFFECT] =
		"Effect",
	[M_RR_STRENGTH] =
		"Strength",
	[M_RR_ALL] =
		"all",
	[M_RR_EFFECT_LIKELIHOOD] =
		"likelihood",
	[M_RR_EFFECT_SEVERITY] =
		"severity",
	[M_RR_NO_MEASURE] =
		"No measure is declared (mitigations).",
	[M_RR_H_REGISTER] =
		"Residual-risk register",
	[M_RR_ENTITY] =
		"Entity",
	[M_RR_LAWS] =
		"Laws",
	[M_RR_DATA] =
		"Data",
	[M_RR_COL_LIKELIHOOD] =
		"Likelihood",
	[M_RR_COL_SEVERITY] =
		"Severity",
	[M_RR_RESIDUAL] =
		"Residual",
	[M_RR_LINK] =
		"Link:",
	[M_RR_SHOWN] =
		"Shown by:",
	[M_RR_LIKELIHOOD_LABEL] =
		"Likelihood:",
	[M_RR_SEVERITY_LABEL] =
		"Severity:",
	[M_RR_RESIDUAL_LABEL] =
		"Residual:",
	[M_RR_TREATMENT] =
		"Treatment:",
	[M_RR_TREATMENT_TODO] =
		"to decide by management (accept, reduce, transfer); customers may reduce it "
		"further with encryption under keys they control",
	[M_RR_NO_RISK] =
		"No residual risk from extra-European laws was identified.",
	[M_RR_COMMON_RISK] =
		"Residual risk common to every cloud service (§3.3.2): the provider's own staff "
		"can technically read data; the protection against it is contractual and "
		"organisational.",
	[M_RR_H_DISCLOSURE] =
		"Disclosure procedure and transparency",
	[M_RR_DISCLOSURE_TODO] =
		"*To be completed by the provider:* how a request from a non-EU authority is "
		"handled (refusal of direct requests and referral to mutual legal assistance, "
		"GDPR art. 48), whether the provider can decrypt customer data, logging of any "
		"disclosure, laws that forbid telling the customer, and statistics of requests "
		"received.",
	[M_RR_H_CHANGES] =
		"Change management and notification (§19.6.f)",
	[M_RR_NOTICE_TEXT] =
		"Customers are formally informed within one month of any legal, organisational "
		"or technical change that could affect §19.6: a change of shareholding, a new "
		"non-EU (controlled) third party, a new support location, a change of law.",
	[M_RR_H_METHOD] =
		"Methodology and data sources",
	[M_RR_METHOD_SCALES] =
		"Every non-EU nexus is a risk: third parties seated or controlled outside the EU at "
		"every level, whatever their declared data access; shareholders outside the EU, "
		"even under the caps; links with non-EU public bodies; support staff; data located "
		"or traffic transiting outside the EU. Each risk has a stable id made from its "
		"nexus (R-country-name-nexus). Scales 1-4. Likelihood: the highest rating of the "
		"laws that reach the party through its nexus (catalogue); for a minority "
		"shareholder, 2 lower (1 with board seats or a veto); lowered by the measures "
		"whose kind acts on the risk's access path. Severity: the most sensitive data the "
		"party can reach — customer data 4, technical data 3, metadata 2, none 1 — lowered "
		"the same way. Residual = likelihood × severity: 1-3 low, 4-6 medium, 8-12 high, 16 "
		"critical. The ratings are expert estimates, shown with their inputs.",
	[M_RR_LAWS_REVIEWED] =
		"Laws catalogue reviewed on",
	[M_RR_LAWS_WORD] =
		"laws",
	[M_RR_ENTITY_REGISTRY] =
		"Entity registry:",
	[M_RR_ORGS_REVIEWED] =
		"organisations, facts reviewed",
	[M_RR_GEOLOCATION] =
		"Geolocation:",
	[M_RR_DATA_OF] =
		"data of",
	[M_RR_STALE] =
		", **older than 90 days**",
	[M_RR_EVIDENCE_NOTE] =
		"Evidence: evidence.json beside this document (DNS answers, certificate chains, "
		"geolocation, with a SHA-256 integrity digest); `sovcheck report evidence.json` "
		"re-evaluates it offline.",
	[M_RR_OWNERSHIP] =
		"ownership",
	[M_RR_GOVERNMENT] =
		"public authority",
	[M_RR_TRANSIT] =
		"transit",
	[M_RR_RELATIONSHIP] =
		"Relationship",
	[M_RR_AUTONOMY] =
		"Operating autonomy",
	[M_RR_FLOAT] =
		"free float",
	[M_RR_KIND] =
		"Kind",
	[M_RR_WHAT_IT_DOES] =
		"What it does",
	[M_RR_UNUSED_MEASURES] =
		"Measures that name no party of the register (they lower nothing):",
	[M_RR_COL_ACCESS] =
		"Access path",
	[M_RR_ACCESS_LABEL] =
		"Access path:",
	[M_RR_DECISION] =
		"Decision",
	[M_RR_NO_DECISION] =
		"**none recorded** (risk_treatments)",
	[M_RR_DEC_ACCEPT] =
		"accepted",
	[M_RR_DEC_REDUCE] =
		"to reduce",
	[M_RR_DEC_TRANSFER] =
		"transferred",
	[M_RR_DEC_AVOID] =
		"to avoid",
	[M_RR_DECIDED_BY] =
		"{1} by {2} on {3}",
	[M_RR_MEASURES_LABEL] =
		"Measures:",
	[M_RR_NO_EFFECT_HERE] =
		"no effect on this access path",
	[M_RR_REGISTER_DIGEST] =
		"Register digest (management records it as `sign_off.register` when it accepts this register):",
	[M_RR_DECLARATIONS_ONLY] =
		"This register stands on declarations only: no DNS or TLS evidence was collected, so third parties the manifest does not declare cannot appear in it.",
	[M_RR_STALE_TREATMENTS] =
		"Treatments that name no risk of the register (they decide nothing):",
	[M_RR_UNSETTLED] =
		"Not in the register: parties whose control is not established, so that whether laws from outside the EU reach them cannot be said — the register is not complete while they remain (declare a subcontractor's parent and parent_country; an operator needs its controller in the registry):",
	[M_RR_OBSERVED_MARK] =
		"observed",
	[M_RR_REGISTER_ACCEPTED] =
		"Register accepted:",
	[M_RR_BASIS_OWN] =
		"own skills",
	[M_RR_BASIS_ALT] =
		"alternatives",
	[M_RR_BASIS_QUALIFIED] =
		"qualified third party",
	[M_RR_RELATIONSHIP_LABEL] =
		"Relationship:",
	[M_RR_NO_DATA] =
		"none",
	[M_RR_PATH_PHYSICAL] =
		"physical access to the hardware and storage that hold the data",
	[M_RR_PATH_TRANSIT] =
		"the traffic that passes through its network or servers",
	[M_RR_PATH_CODE] =
		"code that runs inside the service: a compelled update is an access path",
	[M_RR_PATH_REMOTE] =
		"its people reaching the service's systems",
	[M_RR_PATH_ISSUANCE] =
		"certificates that others trust: a mis-issued one enables interception",
	[M_RR_PATH_SERVICE] =
		"the data its own service processes",
	[M_RR_PATH_INFLUENCE] =
		"influence over the provider (votes, board seats, veto, information rights)",
	[M_RR_PATH_STAFF] =
		"the provider's people working from that country",
	[M_SUM_TITLE] =
		"# sovcheck summary: ",
	[M_SUM_PROVIDER] =
		"- Provider: ",
	[M_SUM_PACK] =
		"- Policy pack: ",
	[M_SUM_VERSION] =
		"version",
	[M_SUM_DATE] =
		"- Evaluation date: ",
	[M_SUM_EVIDENCE] =
		"- Evidence: ",
	[M_SUM_NONE] =
		"none collected (checks that need DNS/TLS evidence are unknown)\n",
	[M_SUM_DNS] =
		"DNS from ",
	[M_SUM_TLS] =
		"; TLS from ",
	[M_SUM_NOWHERE] =
		"nowhere",
	[M_SUM_REQS] =
		"- Requirements: ",
	[M_SUM_N_PASS] =
		"pass",
	[M_SUM_N_FAIL] =
		"fail",
	[M_SUM_N_UNKNOWN] =
		"unknown",
	[M_SUM_N_WAIVED] =
		"waived",
	[M_SUM_N_NA] =
		"not applicable",
	[M_SUM_TABLE] =
		"| Requirement | Verdict | Severity | Title |\n|---|---|---|---|\n",
	[M_SUM_FINDINGS] =
		"\n## Findings\n",
	[M_SUM_COMPUTATION] =
		"  - computation: ",
	[M_SUM_DEPS] =
		"\n## Dependencies observed\n\n",
	[M_SUM_DEPTABLE] =
		"| Subject | Kind | Located in | Operator | Controlled by | Declared | Via "
		"|\n|---|---|---|---|---|---|---|\n",
	[M_SUM_YES] =
		"yes",
	[M_SUM_NO] =
		"no",
	[M_SUM_UNKNOWN_CTL] =
		"unknown",
	[M_SUM_WAIVERS] =
		"\n## Waivers\n\n",
	[M_SUM_WAIVERTABLE] =
		"| Requirement | Subject | Status | Expires | Approved by |\n|---|---|---|---|---|\n",
	[M_SUM_SOURCES] =
		"\n## Data sources\n\n",
	[M_SUM_GEODB] =
		"- Geolocation database ",
	[M_SUM_BUILT] =
		"built",
	[M_SUM_DATA] =
		"data of",
	[M_SUM_STALE] =
		"**older than 90 days: locations may be out of date**",
	[M_SUM_PASS] =
		"pass",
	[M_SUM_FAIL] =
		"**FAIL**",
	[M_SUM_UNKNOWN] =
		"unknown",
	[M_SUM_WAIVED] =
		"waived",
	[M_SUM_NA] =
		"n/a",
	[M_SUM_REGISTRY] =
		"- Entity registry: {1} organisations, facts reviewed between {2} and {3}\n",
	[M_DOC_CLASSIFICATION_UNSET] =
		"Classification: not set by the provider",
	[M_G_TITLE] =
		"Dependency graph",
	[M_G_DESC] =
		"The service, the manifest entries that lead to each dependency observed, their "
		"operators, the operators' ultimate controllers and those controllers' "
		"countries; the table under the picture says the same.",
	[M_G_COL_SERVICE] =
		"Service",
	[M_G_COL_ENTRIES] =
		"Manifest entries",
	[M_G_COL_OPERATORS] =
		"Operators",
	[M_G_COL_CONTROLLERS] =
		"Ultimate controllers",
	[M_G_COL_COUNTRIES] =
		"Countries",
	[M_G_NON_EU] =
		"outside the EU",
	[M_G_UNKNOWN_OPERATOR] =
		"unknown operator",
	[M_G_UNKNOWN_CONTROLLER] =
		"controller unknown",
	[M_G_ENTRIES] =
		"{1} entries",
	[M_G_MORE] =
		"{1} more (see the table)",
	[M_G_LEGEND_UNKNOWN] =
		"unknown: not attributed",
	[M_G_LEGEND_GROUPED] =
		"entries grouped per operator",
	[M_G_LEGEND_ADDRESS] =
		"address (by its AS)",
	[M_G_LEGEND_NAME] =
		"DNS name (by its suffix)",
	[M_G_LEGEND_CERT] =
		"certificate (by its CA)",
	[M_G_CAPTION] =
		"**Figure 1** — Dependencies observed in the evidence, from the service (left) "
		"to the countries of the ultimate controllers (right). ▲ and a red box mark a "
		"controller outside the EU.",
	[M_G_CAPTION_GROUPED] =
		"The {1} manifest entries are grouped per operator so that the picture stays "
		"legible; the table lists every one.",
	[M_G_REACHED] =
		"Reached through",
	[M_RR_REFERENCE] =
		"Reference:",
	[M_RR_VERSION] =
		"Version:",
	[M_RR_CLASSIFICATION] =
		"Classification:",
	[M_RR_DOC_OWNER] =
		"Document owner:",
	[M_RR_SCOPE_COVERED] =
		"Services and offers covered:",
	[M_RR_NO_DOC_CONTROL] =
		"**Document control not set by the provider** (the manifest has no `document:` section: reference, version, classification, scope).",
	[M_RR_TOOL] =
		"Produced by:",
	[M_RR_REGISTER_DIGEST_LABEL] =
		"Register digest:",
	[M_RR_BUNDLE_DIGEST] =
		"Evidence bundle (`evidence.json`), SHA-256:",
	[M_RR_H_ANNEX] =
		"Annex: inputs and their SHA-256",
	[M_RR_ANNEX_INTRO] =
		"Every file this document stands on, with the SHA-256 of its bytes. The observed evidence (DNS answers, certificate chains, geolocation answers) is the evidence bundle, whose digest is given in section 0; `sovcheck verify` and `sha256sum -c SHA256SUMS` check every file of the filing.",
	[M_RR_COL_INPUT] =
		"Input",
	[M_RR_COL_FILE] =
		"File",
	[M_RR_FACTS] =
		"What the evidence and the declarations show:",
	[M_RR_COMPLIANCE_NOTE] =
		"The requirement-by-requirement verdicts, waivers and contradictions are in the separate compliance report (`compliance.<lang>.md`), for the provider and its auditor.",
	[M_CR_TITLE] =
		"Compliance report",
	[M_CR_INTRO] =
		"Requirement-by-requirement verdicts of the assessment, with the findings behind each, the waivers and the contradictions: for the provider and its auditor. Customers receive the residual-risk document instead (§5.3.e).",
	[M_CR_H_SUMMARY] =
		"Summary",
	[M_CR_H_REQUIREMENTS] =
		"Requirements",
	[M_CR_H_WAIVERS] =
		"Waivers",
	[M_CR_H_THIRD] =
		"Undeclared third parties and contradictions",
	[M_CR_NO_WAIVER] =
		"No waiver is declared.",
	[M_CR_NONE_UNDECLARED] =
		"The evidence shows no undeclared third party and no contradiction.",
	[M_CR_W_APPLIED] =
		"applied",
	[M_CR_W_EXPIRED] =
		"**expired**",
	[M_CR_W_UNUSED] =
		"unused (no failing finding matches it)",
	[M_CR_W_UNKNOWN_REQ] =
		"**names no requirement of the pack**",
	[M_CR_COL_REQ] =
		"Requirement",
	[M_CR_COL_SUBJECT] =
		"Subject",
	[M_CR_COL_STATUS] =
		"Status",
	[M_CR_COL_EXPIRES] =
		"Expires",
	[M_CR_COL_APPROVED] =
		"Approved by",
	[M_CR_COL_REASON] =
		"Reason",
	[M_CR_COL_VERDICT] =
		"Verdict",
	[M_CR_COL_COUNT] =
		"Requirements",
	[M_CR_SEVERITY] =
		"severity",
	[M_CR_H_PACKS] =
		"Packs judged",
	[M_CR_COL_PACK] =
		"Pack",
	[M_CR_COL_SCORE] =
		"Score",
	[M_CR_PACKS_INTRO] =
		"The same evidence and declarations, judged against each pack in one run; the verdicts of a pack do not depend on the others.",
	[M_CR_PACK_REQS] =
		"{1} — requirements",
	[M_SC_H_SCORECARD] =
		"Scorecard",
	[M_SC_INTRO] =
		"Each objective's level is the highest at which every factor that level needs is met: a factor that fails, or that nothing decides, holds the level below the first level that needs it. A missing factor never raises a level.",
	[M_SC_COL_OBJECTIVE] =
		"Objective",
	[M_SC_COL_LEVEL] =
		"SEAL level",
	[M_SC_COL_MINIMUM] =
		"Minimum SEAL",
	[M_SC_COL_WEIGHT] =
		"Weight",
	[M_SC_COL_DECIDING] =
		"What sets the level",
	[M_SC_HELD] =
		"held below SEAL-{1} by",
	[M_SC_ALL_MET] =
		"every factor met",
	[M_SC_SCORE] =
		"**Sovereignty score: {1} out of 100** — the sum over the objectives of weight × level / 4.",
	[M_SC_WEIGHTS] =
		"Weights:",
	[M_SC_CHART] =
		"Level reached per objective (bars) and the minimum the pack asks (marks).",
	[M_SC_COL_FACTOR] =
		"Factor",
	[M_SC_COL_NEEDED] =
		"Needed from",
	[M_SC_COL_BASIS] =
		"Decided by",
	[M_SC_BASIS_OBSERVED] =
		"observed evidence",
	[M_SC_BASIS_DECLARED] =
		"declarations",
	[M_SC_BASIS_UNSEEN] =
		"nothing sovcheck reads:",
	[M_SC_BASIS_ASSESSED] =
		"an assessor's recorded judgement (sovereignty.assessments) — sovcheck cannot see it:",
	[M_SC_LEVEL_OF] =
		"Level {1} of 4",
	[M_NT_TITLE] =
		"Notice to customers: a change affecting §19.6 of SecNumCloud",
	[M_NT_SERVICE] =
		"**Service:** {1} — **provider:** {2}",
	[M_NT_REF] =
		"**Notice:** {1} — **change first observed on** {2} — **to be sent at the latest on** {3}",
	[M_NT_DRAFT] =
		"_Draft prepared by sovcheck from the evidence of {1} (evidence bundle {2}): the provider reviews it, completes the parts in brackets and sends it; then records it with `sovcheck notice ack`._",
	[M_NT_DEAR] =
		"Dear customer,",
	[M_NT_INTRO] =
		"In accordance with requirement 19.6.f of the SecNumCloud qualification framework (version 3.2), we inform you of the following change, first observed on {1}:",
	[M_NT_EFFECT] =
		"Effect on the criteria of §19.6",
	[M_NT_CRIT] =
		"The change bears on criterion {1} ({2}). Our assessment of that criterion at this date: {3}.",
	[M_NT_MEASURES] =
		"Measures",
	[M_NT_MEASURES_DECLARED] =
		"Measures in place for this subject:",
	[M_NT_MEASURES_TODO] =
		"[To be completed by the provider: the measures taken or planned, and the options open to customers.]",
	[M_NT_CONTACT] =
		"Contact",
	[M_NT_CONTACT_TODO] =
		"[To be completed: who customers can contact about this change.]",
	[M_NT_SIGN] =
		"Date and signature:",
	[M_PF_TITLE] =
		"Supplier profile: {1}",
	[M_PF_INTRO] =
		"Observed from the outside on {1} (DNS, TLS, geolocation, the entity registry), judged with the pack {2}. Only what the supplier's names reveal is here; its own declarations (seat, shareholders, subcontractors) are not.",
	[M_PF_WHO] =
		"Who runs what, and who controls them",
	[M_PF_COL_ROLE] =
		"Role",
	[M_PF_COL_SUBJECT] =
		"Observed on",
	[M_PF_COL_OPERATOR] =
		"Operator",
	[M_PF_COL_CONTROLLER] =
		"Ultimate controller",
	[M_PF_COL_LOCATION] =
		"Located in",
	[M_PF_ROLE_SERVICE] =
		"service",
	[M_PF_ROLE_DNS] =
		"DNS",
	[M_PF_ROLE_MAIL] =
		"mail",
	[M_PF_ROLE_CA] =
		"certificate authority",
	[M_PF_ROLE_CERTCHECK] =
		"certificate check",
	[M_PF_ROLE_SENDER] =
		"sends mail as (SPF)",
	[M_PF_ROLE_REPORTS] =
		"mail reports (DMARC)",
	[M_PF_ROLE_MAILSVC] =
		"mail service",
	[M_PF_ROLE_SAAS] =
		"SaaS (verified)",
	[M_PF_ROLE_CAA] =
		"CA allowed (CAA)",
	[M_PF_UNKNOWN] =
		"unknown",
	[M_PF_ANYCAST] =
		"anycast (no single location)",
	[M_PF_NON_EU] =
		" — outside the EU",
	[M_PF_AT] =
		"located in",
	[M_PF_NONE] =
		"Nothing was observed (see the findings: names that did not resolve).",
	[M_PF_NEXUS] =
		"Non-EU nexuses and the laws that reach them",
	[M_PF_NEXUS_ITEM] =
		"{1} ({2}): {3} — residual risk {4}",
	[M_PF_NEXUS_ITEM_NOLAW] =
		"{1} ({2}): no law of the catalogue matched — residual risk {4}",
	[M_PF_NEXUS_NONE] =
		"None observed.",
	[M_PF_VERDICTS] =
		"Verdicts of the outside-in review",
	[M_PB_TITLE] =
		"Suppliers compared from the outside",
	[M_PB_INTRO] =
		"Each supplier probed from its names on {1} (DNS, TLS, geolocation, the entity registry) and judged with the outside-in pack; see profiles.json for every part of each.",
	[M_PB_COL_SUPPLIER] =
		"Supplier",
	[M_PB_COL_CRIT] =
		"Criticality",
	[M_PB_COL_CTL] =
		"Countries of control",
	[M_PB_COL_NONEU] =
		"Controlled outside the EU",
	[M_PB_COL_LOC] =
		"Located outside the EU",
	[M_PB_COL_CA] =
		"CA owners",
	[M_PB_COL_VERDICTS] =
		"Verdicts",
	[M_PB_FAILED] =
		"not probed:",
	[M_PB_CONC] =
		"Concentration: who the suppliers depend on",
	[M_PB_CONC_ITEM] =
		"{1} supplier(s)",
	[M_PB_CONC_VIA] =
		"{1} more through their own providers",
	[M_PB_CONC_VIA_ONLY] =
		"{1} supplier(s) through their own providers",
	[M_PB_THROUGH] =
		"through {1}",
	[M_PB_DORA] =
		"DORA Art. 29: critical or important functions on one ultimate controller",
	[M_PB_DORA_CTL_FAIL] =
		"{1} carries {2} critical or important suppliers ({3}) and {4} function(s) ({5}): an outage of, or a compulsion on, {1} reaches them all; the financial entity assesses this concentration",
	[M_PB_DORA_CTL_PASS] =
		"{1} carries one critical or important supplier ({2}) and its function ({3})",
	[M_PB_DORA_FAIL] =
		"{1} ultimate controller(s) carry more than one critical or important supplier or function (criticality and function columns; every observed part of each supplier counts, and one level down the providers the entity registry records for the companies running them, marked \"through\").",
	[M_PB_DORA_PASS] =
		"No ultimate controller carries more than one of the {1} critical or important supplier(s) or their functions (every observed part of each supplier counts, and one level down the providers the entity registry records for the companies running them).",
	[M_PB_DORA_UNKNOWN] =
		"No ultimate controller is seen to carry more than one critical or important supplier, but who controls some parts of these is not known: {1}.",
	[M_PB_DORA_NA] =
		"No supplier of the list is marked critical or important (criticality column): no concentration of such functions to assess.",
};

static const char *const msg_fr[M_COUNT] = {
	[M_RR_V_PASS] =
		"conforme",
	[M_RR_V_FAIL] =
		"**NON CONFORME**",
	[M_RR_V_UNKNOWN] =
		"indéterminé",
	[M_RR_V_WAIVED] =
		"dérogé",
	[M_RR_V_NOT_APPLICABLE] =
		"sans objet",
	[M_RR_VERDICT] =
		"Verdict",
	[M_RR_PUNCT_COLON] =
		" :",
	[M_RR_COMPUTATION] =
		"calcul :",
	[M_RR_YES] =
		"oui",
	[M_RR_NO] =
		"non",
	[M_RR_CONTROL] =
		"contrôle",
	[M_RR_LOCATION] =
		"localisation",
	[M_RR_STAFF] =
		"personnel",
	[M_RR_CUSTOMER_DATA] =
		"données des commanditaires",
	[M_RR_TECHNICAL_DATA] =
		"données techniques",
	[M_RR_METADATA] =
		"métadonnées",
	[M_RR_R_CRITICAL] =
		"**critique**",
	[M_RR_R_HIGH] =
		"**élevé**",
	[M_RR_R_MEDIUM] =
		"moyen",
	[M_RR_R_LOW] =
		"faible",
	[M_RR_TITLE] =
		"Risques résiduels liés aux lois extra-européennes",
	[M_RR_EDITION] =
		"édition du",
	[M_RR_PRODUCED] =
		"produit par",
	[M_RR_H_CONTROL] =
		"Maîtrise du document et acceptation par la direction",
	[M_RR_PROVIDER] =
		"Prestataire :",
	[M_RR_SERVICE_MODEL] =
		"Modèle de service :",
	[M_RR_ACCEPTED_BY] =
		"Risques résiduels formellement acceptés (§5.3.g) par",
	[M_RR_ON] =
		"le",
	[M_RR_NEXT_REVIEW] =
		"Prochaine revue (§5.3.h), au plus tard :",
	[M_RR_NO_ACCEPTANCE] =
		"Aucune acceptation par la direction n'est enregistrée (§5.3.g) : ce document "
		"doit être accepté et signé avant dépôt.",
	[M_RR_AVAILABILITY] =
		"Tenu à disposition des commanditaires sur demande (§5.3.e, §19.1.e) ; revu "
		"après tout changement majeur (§5.3.h).",
	[M_RR_ROLE] =
		"Rôle",
	[M_RR_NAME_DATE_SIGNATURE] =
		"Nom, date, signature",
	[M_RR_AUTHOR] =
		"Rédacteur",
	[M_RR_REVIEWER] =
		"Relecteur",
	[M_RR_MANAGEMENT_ACCEPTANCE] =
		"Acceptation par la direction",
	[M_RR_H_SCOPE] =
		"Périmètre et localisations (§19.2)",
	[M_RR_SITE] =
		"Site",
	[M_RR_COUNTRY] =
		"Pays",
	[M_RR_HOLDS] =
		"Héberge",
	[M_RR_ADMIN_FROM] =
		"Administration et supervision depuis :",
	[M_RR_SUPPORT_FROM] =
		"Support depuis",
	[M_RR_SUPERVISION] =
		"supervision :",
	[M_RR_H_OWNERSHIP] =
		"Structure juridique et actionnariale (§19.6.a, b, e)",
	[M_RR_HOLDER] =
		"Détenteur",
	[M_RR_CAPITAL] =
		"Capital %",
	[M_RR_VOTING] =
		"Droits de vote %",
	[M_RR_VETO] =
		"Veto",
	[M_RR_BOARD_SEATS] =
		"Sièges",
	[M_RR_H_THIRD_PARTIES] =
		"Tiers et chaîne d'approvisionnement (§15.1, §19.6.c-d)",
	[M_RR_THIRD_PARTY] =
		"Tiers",
	[M_RR_SEAT] =
		"Siège",
	[M_RR_PARENT] =
		"Société mère",
	[M_RR_SERVICE] =
		"Service",
	[M_RR_DATA_ACCESS] =
		"Accès aux données",
	[M_RR_ALTERNATIVES] =
		"Alternatives",
	[M_RR_OPERATORS_OBSERVED] =
		"Opérateurs observés dans les preuves (DNS, TLS, géolocalisation) :",
	[M_RR_OPERATOR] =
		"Opérateur",
	[M_RR_ULTIMATE_CONTROLLER] =
		"Contrôle ultime",
	[M_RR_DECLARED] =
		"Déclaré",
	[M_RR_REVEALED] =
		"Révélé par",
	[M_RR_CTL_UNKNOWN] =
		"inconnu",
	[M_RR_IS_PROVIDER] =
		"prestataire",
	[M_RR_NO_BOLD] =
		"**non**",
	[M_RR_H_EXPOSURE] =
		"Exposition par juridiction hors UE",
	[M_RR_NO_NEXUS] =
		"Aucun lien hors UE n'a été trouvé dans les déclarations et les preuves.",
	[M_RR_ENTITIES_LINKED] =
		"Entités liées à cette juridiction :",
	[M_RR_LAW] =
		"Loi",
	[M_RR_BINDS] =
		"Vise",
	[M_RR_NEXUS] =
		"Lien",
	[M_RR_SECRECY] =
		"Secret",
	[M_RR_EU_ASSESSMENT] =
		"Évaluation UE",
	[M_RR_WORDING_NOT_VERIFIED] =
		" — *texte non vérifié*",
	[M_RR_SOURCES] =
		"Sources :",
	[M_RR_NO_LAW_FOR_COUNTRY] =
		"Le catalogue ne contient aucune loi de ce pays : l'exposition doit être "
		"évaluée manuellement.",
	[M_RR_H_MEASURES] =
		"Mesures existantes",
	[M_RR_MEASURE] =
		"Mesure",
	[M_RR_APPLIES] =
		"S'applique à",
	[M_RR_EFFECT] =
		"Effet",
	[M_RR_STRENGTH] =
		"Force",
	[M_RR_ALL] =
		"tous",
	[M_RR_EFFECT_LIKELIHOOD] =
		"vraisemblance",
	[M_RR_EFFECT_SEVERITY] =
		"gravité",
	[M_RR_NO_MEASURE] =
		"Aucune mesure n'est déclarée (mitigations).",
	[M_RR_H_REGISTER] =
		"Registre des risques résiduels",
	[M_RR_ENTITY] =
		"Entité",
	[M_RR_LAWS] =
		"Lois",
	[M_RR_DATA] =
		"Données",
	[M_RR_COL_LIKELIHOOD] =
		"Vraisemblance",
	[M_RR_COL_SEVERITY] =
		"Gravité",
	[M_RR_RESIDUAL] =
		"Résiduel",
	[M_RR_LINK] =
		"Lien :",
	[M_RR_SHOWN] =
		"Établi par :",
	[M_RR_LIKELIHOOD_LABEL] =
		"Vraisemblance :",
	[M_RR_SEVERITY_LABEL] =
		"Gravité :",
	[M_RR_RESIDUAL_LABEL] =
		"Résiduel :",
	[M_RR_TREATMENT] =
		"Traitement :",
	[M_RR_TREATMENT_TODO] =
		"à décider par la direction (accepter, réduire, transférer) ; les "
		"commanditaires peuvent le réduire par un chiffrement sous des clés qu'ils "
		"maîtrisent",
	[M_RR_NO_RISK] =
		"Aucun risque résiduel lié aux lois extra-européennes n'a été identifié.",
	[M_RR_COMMON_RISK] =
		"Risque résiduel commun à tout service cloud (§3.3.2) : le personnel du "
		"prestataire peut techniquement lire les données ; la protection est "
		"contractuelle et organisationnelle.",
	[M_RR_H_DISCLOSURE] =
		"Procédure de divulgation et transparence",
	[M_RR_DISCLOSURE_TODO] =
		"*À compléter par le prestataire :* traitement d'une demande d'une autorité "
		"hors UE (refus des demandes directes et renvoi vers l'entraide judiciaire, "
		"art. 48 du RGPD), capacité du prestataire à déchiffrer les données, "
		"journalisation de toute divulgation, lois interdisant d'en informer le "
		"commanditaire, statistiques des demandes reçues.",
	[M_RR_H_CHANGES] =
		"Gestion des changements et notification (§19.6.f)",
	[M_RR_NOTICE_TEXT] =
		"Les commanditaires sont formellement informés sous un mois de tout changement "
		"juridique, organisationnel ou technique susceptible d'affecter le §19.6 : "
		"évolution de l'actionnariat, nouveau tiers hors UE ou contrôlé hors UE, "
		"nouveau lieu de support, évolution législative.",
	[M_RR_H_METHOD] =
		"Méthode et sources des données",
	[M_RR_METHOD_SCALES] =
		"Chaque lien hors UE est un risque : tiers établis ou contrôlés hors de l'UE à tout "
		"niveau, quel que soit leur accès déclaré aux données ; actionnaires hors UE, même "
		"sous les plafonds ; liens avec des organismes publics hors UE ; personnel de "
		"support ; données situées ou trafic transitant hors de l'UE. Chaque risque a un "
		"identifiant stable tiré de son lien (R-pays-nom-lien). Échelles 1-4. "
		"Vraisemblance : la note la plus haute des lois qui atteignent la partie par son "
		"lien (catalogue) ; pour un actionnaire minoritaire, 2 de moins (1 avec des sièges "
		"au conseil ou un veto) ; réduite par les mesures dont la nature agit sur la voie "
		"d'accès du risque. Gravité : les données les plus sensibles que la partie peut "
		"atteindre — données des commanditaires 4, données techniques 3, métadonnées 2, "
		"aucune 1 — réduite de même. Résiduel = vraisemblance × gravité : 1-3 faible, 4-6 "
		"moyen, 8-12 élevé, 16 critique. Les notes sont des estimations d'expert, données "
		"avec leurs éléments.",
	[M_RR_LAWS_REVIEWED] =
		"Catalogue des lois revu le",
	[M_RR_LAWS_WORD] =
		"lois",
	[M_RR_ENTITY_REGISTRY] =
		"Registre des entités :",
	[M_RR_ORGS_REVIEWED] =
		"organisations, faits revus",
	[M_RR_GEOLOCATION] =
		"Géolocalisation :",
	[M_RR_DATA_OF] =
		"données du",
	[M_RR_STALE] =
		", **plus de 90 jours**",
	[M_RR_EVIDENCE_NOTE] =
		"Preuves : evidence.json à côté de ce document (réponses DNS, chaînes de "
		"certificats, géolocalisation, avec une empreinte d'intégrité SHA-256) ; "
		"`sovcheck report evidence.json` la réévalue hors ligne.",
	[M_RR_OWNERSHIP] =
		"actionnariat",
	[M_RR_GOVERNMENT] =
		"autorité publique",
	[M_RR_TRANSIT] =
		"transit",
	[M_RR_RELATIONSHIP] =
		"Relation",
	[M_RR_AUTONOMY] =
		"Autonomie d'exploitation",
	[M_RR_FLOAT] =
		"flottant",
	[M_RR_KIND] =
		"Nature",
	[M_RR_WHAT_IT_DOES] =
		"Effet",
	[M_RR_UNUSED_MEASURES] =
		"Mesures qui ne visent aucune partie du registre (elles ne réduisent rien) :",
	[M_RR_COL_ACCESS] =
		"Voie d'accès",
	[M_RR_ACCESS_LABEL] =
		"Voie d'accès :",
	[M_RR_DECISION] =
		"Décision",
	[M_RR_NO_DECISION] =
		"**aucune enregistrée** (risk_treatments)",
	[M_RR_DEC_ACCEPT] =
		"accepté",
	[M_RR_DEC_REDUCE] =
		"à réduire",
	[M_RR_DEC_TRANSFER] =
		"transféré",
	[M_RR_DEC_AVOID] =
		"à éviter",
	[M_RR_DECIDED_BY] =
		"{1} par {2} le {3}",
	[M_RR_MEASURES_LABEL] =
		"Mesures :",
	[M_RR_NO_EFFECT_HERE] =
		"sans effet sur cette voie d'accès",
	[M_RR_REGISTER_DIGEST] =
		"Empreinte du registre (la direction l'enregistre comme `sign_off.register` lorsqu'elle accepte ce registre) :",
	[M_RR_DECLARATIONS_ONLY] =
		"Ce registre repose sur les seules déclarations : aucune preuve DNS ou TLS n'a été collectée, les tiers que le manifeste ne déclare pas ne peuvent donc pas y figurer.",
	[M_RR_STALE_TREATMENTS] =
		"Traitements qui ne désignent aucun risque du registre (ils ne décident rien) :",
	[M_RR_UNSETTLED] =
		"Absentes du registre : les parties dont le contrôle n'est pas établi, de sorte qu'on ne peut dire si des lois extra-européennes les atteignent — le registre n'est pas complet tant qu'elles demeurent (déclarer la maison mère d'un sous-traitant, parent et parent_country ; un opérateur doit avoir son contrôleur dans le référentiel des entités) :",
	[M_RR_OBSERVED_MARK] =
		"observé",
	[M_RR_REGISTER_ACCEPTED] =
		"Registre accepté :",
	[M_RR_BASIS_OWN] =
		"compétences propres",
	[M_RR_BASIS_ALT] =
		"alternatives",
	[M_RR_BASIS_QUALIFIED] =
		"tiers qualifié",
	[M_RR_RELATIONSHIP_LABEL] =
		"Relation :",
	[M_RR_NO_DATA] =
		"aucune",
	[M_RR_PATH_PHYSICAL] =
		"accès physique au matériel et aux supports qui portent les données",
	[M_RR_PATH_TRANSIT] =
		"le trafic qui passe par son réseau ou ses serveurs",
	[M_RR_PATH_CODE] =
		"du code qui s'exécute dans le service : une mise à jour imposée est une voie d'accès",
	[M_RR_PATH_REMOTE] =
		"ses équipes qui accèdent aux systèmes du service",
	[M_RR_PATH_ISSUANCE] =
		"des certificats auxquels d'autres se fient : un certificat émis à tort permet l'interception",
	[M_RR_PATH_SERVICE] =
		"les données que traite son propre service",
	[M_RR_PATH_INFLUENCE] =
		"influence sur le prestataire (votes, sièges au conseil, veto, droits d'information)",
	[M_RR_PATH_STAFF] =
		"les équipes du prestataire qui travaillent depuis ce pays",
	[M_SUM_TITLE] =
		"# Synthèse sovcheck : ",
	[M_SUM_PROVIDER] =
		"- Prestataire : ",
	[M_SUM_PACK] =
		"- Référentiel : ",
	[M_SUM_VERSION] =
		"version",
	[M_SUM_DATE] =
		"- Date d'évaluation : ",
	[M_SUM_EVIDENCE] =
		"- Preuves : ",
	[M_SUM_NONE] =
		"aucune collectée (les contrôles qui en ont besoin sont indéterminés)\n",
	[M_SUM_DNS] =
		"DNS depuis ",
	[M_SUM_TLS] =
		" ; TLS depuis ",
	[M_SUM_NOWHERE] =
		"nulle part",
	[M_SUM_REQS] =
		"- Exigences : ",
	[M_SUM_N_PASS] =
		"conformes",
	[M_SUM_N_FAIL] =
		"non conformes",
	[M_SUM_N_UNKNOWN] =
		"indéterminées",
	[M_SUM_N_WAIVED] =
		"dérogées",
	[M_SUM_N_NA] =
		"sans objet",
	[M_SUM_TABLE] =
		"| Exigence | Verdict | Gravité | Intitulé |\n|---|---|---|---|\n",
	[M_SUM_FINDINGS] =
		"\n## Constats (motifs en anglais)\n",
	[M_SUM_COMPUTATION] =
		"  - calcul : ",
	[M_SUM_DEPS] =
		"\n## Dépendances observées\n\n",
	[M_SUM_DEPTABLE] =
		"| Sujet | Type | Localisé en | Opérateur | Contrôlé par | Déclaré | Via "
		"|\n|---|---|---|---|---|---|---|\n",
	[M_SUM_YES] =
		"oui",
	[M_SUM_NO] =
		"non",
	[M_SUM_UNKNOWN_CTL] =
		"inconnu",
	[M_SUM_WAIVERS] =
		"\n## Dérogations\n\n",
	[M_SUM_WAIVERTABLE] =
		"| Exigence | Sujet | État | Échéance | Approuvée par |\n|---|---|---|---|---|\n",
	[M_SUM_SOURCES] =
		"\n## Sources des données\n\n",
	[M_SUM_GEODB] =
		"- Base de géolocalisation ",
	[M_SUM_BUILT] =
		"construite le",
	[M_SUM_DATA] =
		"données du",
	[M_SUM_STALE] =
		"**plus de 90 jours : les localisations peuvent être périmées**",
	[M_SUM_PASS] =
		"conforme",
	[M_SUM_FAIL] =
		"**NON CONFORME**",
	[M_SUM_UNKNOWN] =
		"indéterminé",
	[M_SUM_WAIVED] =
		"dérogé",
	[M_SUM_NA] =
		"sans objet",
	[M_SUM_REGISTRY] =
		"- Registre des entités : {1} organisations, faits revus entre le {2} et le {3}\n",
	[M_DOC_CLASSIFICATION_UNSET] =
		"Classification : non définie par le prestataire",
	[M_G_TITLE] =
		"Graphe des dépendances",
	[M_G_DESC] =
		"Le service, les entrées du manifeste qui mènent à chaque dépendance observée, "
		"leurs opérateurs, le contrôle ultime de ces opérateurs et le pays de ce "
		"contrôle ; le tableau sous l'image dit la même chose.",
	[M_G_COL_SERVICE] =
		"Service",
	[M_G_COL_ENTRIES] =
		"Entrées du manifeste",
	[M_G_COL_OPERATORS] =
		"Opérateurs",
	[M_G_COL_CONTROLLERS] =
		"Contrôle ultime",
	[M_G_COL_COUNTRIES] =
		"Pays",
	[M_G_NON_EU] =
		"hors de l'UE",
	[M_G_UNKNOWN_OPERATOR] =
		"opérateur inconnu",
	[M_G_UNKNOWN_CONTROLLER] =
		"contrôle inconnu",
	[M_G_ENTRIES] =
		"{1} entrées",
	[M_G_MORE] =
		"{1} de plus (voir le tableau)",
	[M_G_LEGEND_UNKNOWN] =
		"inconnu : non attribué",
	[M_G_LEGEND_GROUPED] =
		"entrées regroupées par opérateur",
	[M_G_LEGEND_ADDRESS] =
		"adresse (par son AS)",
	[M_G_LEGEND_NAME] =
		"nom DNS (par son suffixe)",
	[M_G_LEGEND_CERT] =
		"certificat (par son AC)",
	[M_G_CAPTION] =
		"**Figure 1** — Dépendances observées dans les preuves, du service (à gauche) "
		"aux pays du contrôle ultime (à droite). ▲ et un cadre rouge signalent un "
		"contrôle hors de l'UE.",
	[M_G_CAPTION_GROUPED] =
		"Les {1} entrées du manifeste sont regroupées par opérateur pour que l'image "
		"reste lisible ; le tableau les donne toutes.",
	[M_G_REACHED] =
		"Atteint par",
	[M_RR_REFERENCE] =
		"Référence :",
	[M_RR_VERSION] =
		"Version :",
	[M_RR_CLASSIFICATION] =
		"Classification :",
	[M_RR_DOC_OWNER] =
		"Responsable du document :",
	[M_RR_SCOPE_COVERED] =
		"Services et offres couverts :",
	[M_RR_NO_DOC_CONTROL] =
		"**Maîtrise documentaire non renseignée par le fournisseur** (le manifeste n’a pas de section `document:` : référence, version, classification, périmètre).",
	[M_RR_TOOL] =
		"Produit par :",
	[M_RR_REGISTER_DIGEST_LABEL] =
		"Empreinte du registre :",
	[M_RR_BUNDLE_DIGEST] =
		"Lot de preuves (`evidence.json`), SHA-256 :",
	[M_RR_H_ANNEX] =
		"Annexe : entrées et leur SHA-256",
	[M_RR_ANNEX_INTRO] =
		"Chaque fichier sur lequel repose ce document, avec le SHA-256 de son contenu. Les preuves observées (réponses DNS, chaînes de certificats, réponses de géolocalisation) forment le lot de preuves, dont l’empreinte figure en section 0 ; `sovcheck verify` et `sha256sum -c SHA256SUMS` contrôlent chaque fichier du dossier.",
	[M_RR_COL_INPUT] =
		"Entrée",
	[M_RR_COL_FILE] =
		"Fichier",
	[M_RR_FACTS] =
		"Ce que montrent les preuves et les déclarations :",
	[M_RR_COMPLIANCE_NOTE] =
		"Les verdicts exigence par exigence, les dérogations et les contradictions figurent dans le rapport de conformité distinct (`compliance.<lang>.md`), destiné au fournisseur et à son auditeur.",
	[M_CR_TITLE] =
		"Rapport de conformité",
	[M_CR_INTRO] =
		"Verdicts de l’évaluation exigence par exigence, avec les constats qui les fondent, les dérogations et les contradictions : pour le fournisseur et son auditeur. Les clients reçoivent à la place le document des risques résiduels (§5.3.e).",
	[M_CR_H_SUMMARY] =
		"Synthèse",
	[M_CR_H_REQUIREMENTS] =
		"Exigences",
	[M_CR_H_WAIVERS] =
		"Dérogations",
	[M_CR_H_THIRD] =
		"Tiers non déclarés et contradictions",
	[M_CR_NO_WAIVER] =
		"Aucune dérogation n’est déclarée.",
	[M_CR_NONE_UNDECLARED] =
		"Les preuves ne montrent aucun tiers non déclaré ni aucune contradiction.",
	[M_CR_W_APPLIED] =
		"appliquée",
	[M_CR_W_EXPIRED] =
		"**expirée**",
	[M_CR_W_UNUSED] =
		"inutilisée (aucun constat non conforme ne lui correspond)",
	[M_CR_W_UNKNOWN_REQ] =
		"**ne désigne aucune exigence du référentiel**",
	[M_CR_COL_REQ] =
		"Exigence",
	[M_CR_COL_SUBJECT] =
		"Objet",
	[M_CR_COL_STATUS] =
		"Statut",
	[M_CR_COL_EXPIRES] =
		"Échéance",
	[M_CR_COL_APPROVED] =
		"Approuvée par",
	[M_CR_COL_REASON] =
		"Motif",
	[M_CR_COL_VERDICT] =
		"Verdict",
	[M_CR_COL_COUNT] =
		"Exigences",
	[M_CR_SEVERITY] =
		"sévérité",
	[M_CR_H_PACKS] =
		"Référentiels appliqués",
	[M_CR_COL_PACK] =
		"Référentiel",
	[M_CR_COL_SCORE] =
		"Score",
	[M_CR_PACKS_INTRO] =
		"Les mêmes preuves et déclarations, jugées au regard de chaque référentiel en une seule exécution ; les verdicts d'un référentiel ne dépendent pas des autres.",
	[M_CR_PACK_REQS] =
		"{1} — exigences",
	[M_SC_H_SCORECARD] =
		"Tableau des niveaux",
	[M_SC_INTRO] =
		"Le niveau de chaque objectif est le plus haut auquel chaque facteur que ce niveau requiert est rempli : un facteur en échec, ou que rien ne décide, maintient le niveau sous le premier niveau qui le requiert. Un facteur manquant ne relève jamais un niveau.",
	[M_SC_COL_OBJECTIVE] =
		"Objectif",
	[M_SC_COL_LEVEL] =
		"Niveau SEAL",
	[M_SC_COL_MINIMUM] =
		"Minimum SEAL",
	[M_SC_COL_WEIGHT] =
		"Poids",
	[M_SC_COL_DECIDING] =
		"Ce qui fixe le niveau",
	[M_SC_HELD] =
		"maintenu sous SEAL-{1} par",
	[M_SC_ALL_MET] =
		"tous les facteurs remplis",
	[M_SC_SCORE] =
		"**Score de souveraineté : {1} sur 100** — la somme, sur les objectifs, de poids × niveau / 4.",
	[M_SC_WEIGHTS] =
		"Pondérations :",
	[M_SC_CHART] =
		"Niveau atteint par objectif (barres) et minimum demandé par le référentiel (repères).",
	[M_SC_COL_FACTOR] =
		"Facteur",
	[M_SC_COL_NEEDED] =
		"Requis dès",
	[M_SC_COL_BASIS] =
		"Décidé par",
	[M_SC_BASIS_OBSERVED] =
		"preuves observées",
	[M_SC_BASIS_DECLARED] =
		"déclarations",
	[M_SC_BASIS_UNSEEN] =
		"rien de ce que lit sovcheck :",
	[M_SC_BASIS_ASSESSED] =
		"le jugement consigné d'un évaluateur (sovereignty.assessments) — sovcheck ne peut le voir :",
	[M_SC_LEVEL_OF] =
		"Niveau {1} sur 4",
	[M_NT_TITLE] =
		"Information des commanditaires : changement affectant le §19.6 du référentiel SecNumCloud",
	[M_NT_SERVICE] =
		"**Service :** {1} — **prestataire :** {2}",
	[M_NT_REF] =
		"**Avis :** {1} — **changement observé pour la première fois le** {2} — **à envoyer au plus tard le** {3}",
	[M_NT_DRAFT] =
		"_Projet préparé par sovcheck à partir des preuves du {1} (lot de preuves {2}) : le prestataire le relit, complète les parties entre crochets et l'envoie, puis l'enregistre avec `sovcheck notice ack`._",
	[M_NT_DEAR] =
		"Madame, Monsieur,",
	[M_NT_INTRO] =
		"Conformément à l'exigence 19.6.f du référentiel de qualification SecNumCloud (version 3.2), nous vous informons du changement suivant, observé pour la première fois le {1} :",
	[M_NT_EFFECT] =
		"Effet sur les critères du §19.6",
	[M_NT_CRIT] =
		"Le changement porte sur le critère {1} ({2}). Notre évaluation de ce critère à cette date : {3}.",
	[M_NT_MEASURES] =
		"Mesures",
	[M_NT_MEASURES_DECLARED] =
		"Mesures en place pour ce sujet :",
	[M_NT_MEASURES_TODO] =
		"[À compléter par le prestataire : les mesures prises ou prévues, et les possibilités offertes aux commanditaires.]",
	[M_NT_CONTACT] =
		"Contact",
	[M_NT_CONTACT_TODO] =
		"[À compléter : l'interlocuteur des commanditaires pour ce changement.]",
	[M_NT_SIGN] =
		"Date et signature :",
	[M_PF_TITLE] =
		"Profil du fournisseur : {1}",
	[M_PF_INTRO] =
		"Observé de l'extérieur le {1} (DNS, TLS, géolocalisation, référentiel des entités), jugé avec le référentiel {2}. Seul ce que révèlent les noms du fournisseur figure ici ; ses propres déclarations (siège, actionnaires, sous-traitants) n'y sont pas.",
	[M_PF_WHO] =
		"Qui exploite quoi, et qui les contrôle",
	[M_PF_COL_ROLE] =
		"Rôle",
	[M_PF_COL_SUBJECT] =
		"Observé sur",
	[M_PF_COL_OPERATOR] =
		"Opérateur",
	[M_PF_COL_CONTROLLER] =
		"Contrôleur ultime",
	[M_PF_COL_LOCATION] =
		"Situé",
	[M_PF_ROLE_SERVICE] =
		"service",
	[M_PF_ROLE_DNS] =
		"DNS",
	[M_PF_ROLE_MAIL] =
		"messagerie",
	[M_PF_ROLE_CA] =
		"autorité de certification",
	[M_PF_ROLE_CERTCHECK] =
		"vérification de certificat",
	[M_PF_ROLE_SENDER] =
		"envoie au nom (SPF)",
	[M_PF_ROLE_REPORTS] =
		"rapports de messagerie (DMARC)",
	[M_PF_ROLE_MAILSVC] =
		"service de messagerie",
	[M_PF_ROLE_SAAS] =
		"SaaS (vérifié)",
	[M_PF_ROLE_CAA] =
		"AC autorisée (CAA)",
	[M_PF_UNKNOWN] =
		"inconnu",
	[M_PF_ANYCAST] =
		"anycast (sans localisation unique)",
	[M_PF_NON_EU] =
		" — hors UE",
	[M_PF_AT] =
		"situé :",
	[M_PF_NONE] =
		"Rien n'a été observé (voir les constats : noms non résolus).",
	[M_PF_NEXUS] =
		"Liens hors UE et lois qui les atteignent",
	[M_PF_NEXUS_ITEM] =
		"{1} ({2}) : {3} — risque résiduel {4}",
	[M_PF_NEXUS_ITEM_NOLAW] =
		"{1} ({2}) : aucune loi du catalogue ne correspond — risque résiduel {4}",
	[M_PF_NEXUS_NONE] =
		"Aucun observé.",
	[M_PF_VERDICTS] =
		"Verdicts de la revue de l'extérieur",
	[M_PB_TITLE] =
		"Fournisseurs comparés de l'extérieur",
	[M_PB_INTRO] =
		"Chaque fournisseur sondé à partir de ses noms le {1} (DNS, TLS, géolocalisation, référentiel des entités) et jugé avec le référentiel de revue de l'extérieur ; le détail de chacun est dans profiles.json.",
	[M_PB_COL_SUPPLIER] =
		"Fournisseur",
	[M_PB_COL_CRIT] =
		"Criticité",
	[M_PB_COL_CTL] =
		"Pays de contrôle",
	[M_PB_COL_NONEU] =
		"Contrôlés hors UE",
	[M_PB_COL_LOC] =
		"Situés hors UE",
	[M_PB_COL_CA] =
		"Propriétaires des AC",
	[M_PB_COL_VERDICTS] =
		"Verdicts",
	[M_PB_FAILED] =
		"non sondé :",
	[M_PB_CONC] =
		"Concentration : de qui dépendent les fournisseurs",
	[M_PB_CONC_ITEM] =
		"{1} fournisseur(s)",
	[M_PB_CONC_VIA] =
		"{1} de plus par leurs propres prestataires",
	[M_PB_CONC_VIA_ONLY] =
		"{1} fournisseur(s) par leurs propres prestataires",
	[M_PB_THROUGH] =
		"par l'intermédiaire de {1}",
	[M_PB_DORA] =
		"DORA, art. 29 : fonctions critiques ou importantes sur un même contrôleur ultime",
	[M_PB_DORA_CTL_FAIL] =
		"{1} porte {2} fournisseurs critiques ou importants ({3}) et {4} fonction(s) ({5}) : une panne chez {1}, ou une contrainte exercée sur lui, les atteint tous ; l'entité financière apprécie cette concentration",
	[M_PB_DORA_CTL_PASS] =
		"{1} porte un fournisseur critique ou important ({2}) et sa fonction ({3})",
	[M_PB_DORA_FAIL] =
		"{1} contrôleur(s) ultime(s) portent plus d'un fournisseur ou d'une fonction critique ou importante (colonnes criticality et function ; chaque partie observée de chaque fournisseur compte, et un niveau plus bas les prestataires que le registre des entités connaît aux sociétés qui les exploitent, signalés « par l'intermédiaire de »).",
	[M_PB_DORA_PASS] =
		"Aucun contrôleur ultime ne porte plus d'un des {1} fournisseur(s) critique(s) ou important(s) ni de leurs fonctions (chaque partie observée de chaque fournisseur compte, et un niveau plus bas les prestataires que le registre des entités connaît aux sociétés qui les exploitent).",
	[M_PB_DORA_UNKNOWN] =
		"Aucun contrôleur ultime ne porte, à ce qu'on voit, plus d'un fournisseur critique ou important, mais on ne sait pas qui contrôle certaines parties de ceux-ci : {1}.",
	[M_PB_DORA_NA] =
		"Aucun fournisseur de la liste n'est marqué critique ou important (colonne criticality) : aucune concentration de telles fonctions à apprécier.",
};

const char *
tr(sc_lang lang, msg_id id)
{
	if ((unsigned)id >= M_COUNT)
		return "";
	const char *s = NULL;
	switch (lang) {
	case SC_LANG_EN: s = msg_en[id]; break;
	case SC_LANG_FR: s = msg_fr[id]; break;
	}
	return s ? s : msg_en[id] ? msg_en[id] : "";
}

void
i18n_put(strbuf *sb, sc_lang lang, msg_id id, void (*esc)(strbuf *, const char *), ...)
{
	const char *args[9];
	size_t n = 0;
	va_list ap;
	va_start(ap, esc);
	for (const char *a; n < 9 && (a = va_arg(ap, const char *)) != NULL;)
		args[n++] = a;
	va_end(ap);
	const char *t = tr(lang, id);
	for (const char *p = t; *p;) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
			size_t k = (size_t)(p[1] - '1');
			const char *v = k < n ? args[k] : "";
			if (esc)
				esc(sb, v);
			else
				sb_puts(sb, v);
			p += 3;
			continue;
		}
		const char *q = strchr(p + 1, '{');
		size_t len = q ? (size_t)(q - p) : strlen(p);
		sb_append(sb, p, len);
		p += len;
	}
}

size_t
i18n_count(void)
{
	return M_COUNT;
}

const char *
i18n_get(sc_lang lang, size_t i)
{
	return i < M_COUNT ? tr(lang, (msg_id)i) : NULL;
}

void
i18n_plain(strbuf *sb, sc_lang lang, msg_id id)
{
	for (const char *w = tr(lang, id); *w; w++)
		if (*w != '*')
			sb_append(sb, w, 1);
}

const char *
i18n_verdict(sc_lang lang, sc_verdict v)
{
	switch (v) {
	case SC_PASS: return tr(lang, M_RR_V_PASS);
	case SC_FAIL: return tr(lang, M_RR_V_FAIL);
	case SC_UNKNOWN: return tr(lang, M_RR_V_UNKNOWN);
	case SC_WAIVED: return tr(lang, M_RR_V_WAIVED);
	case SC_NOT_APPLICABLE: return tr(lang, M_RR_V_NOT_APPLICABLE);
	}
	return "?";
}

void
i18n_score(char *buf, size_t n, sc_lang lang, double score)
{
	snprintf(buf, n, "%.1f", score);
	for (char *c = buf; lang == SC_LANG_FR && *c; c++)
		if (*c == '.')
			*c = ',';
}
