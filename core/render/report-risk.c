/*
 * report-risk.c — the residual-risk document of SecNumCloud §5.3.d, in
 * French or English from the same data (DESIGN §7). ANSSI publishes no
 * template; the structure follows the project's research notes: document
 * control and management acceptance (§5.3.g, §5.3.h), scope and locations
 * (§19.2), legal and ownership structure (§19.6.a-b, e), third parties
 * (§15.1, §19.6.c-d), exposure per non-EU jurisdiction, existing measures,
 * the residual-risk register, disclosure procedure, change management
 * (§19.6.f), methodology and data sources. Every value from inputs is
 * escaped; the output is deterministic for the same inputs.
 */
#include <string.h>

#include "eval.h"
#include "graph.h"
#include "manifest.h"
#include "report.h"
#include "risk.h"
#include "util.h"

#define T(en, fr) (fr_ ? (fr) : (en))

static void
esc(strbuf *sb, const char *s)
{
	md_escape(sb, s ? s : "");
}

static void
country(strbuf *sb, const char *cc)
{
	const char *n = cc && *cc ? sc_country_name(cc) : NULL;
	if (n)
		sb_printf(sb, "%s (%s)", n, cc);
	else
		sb_puts(sb, cc && *cc ? cc : "?");
}

static const ev_req *
req_of(const sc_result *r, const char *id)
{
	for (size_t i = 0; i < r->nreqs; i++)
		if (strcmp(sc_requirement_id(r->reqs[i].req), id) == 0)
			return &r->reqs[i];
	return NULL;
}

static const char *
verdict_word(bool fr_, sc_verdict v)
{
	switch (v) {
	case SC_PASS: return T("pass", "conforme");
	case SC_FAIL: return T("**FAIL**", "**NON CONFORME**");
	case SC_UNKNOWN: return T("unknown", "indéterminé");
	case SC_WAIVED: return T("waived", "dérogé");
	case SC_NOT_APPLICABLE: return T("not applicable", "sans objet");
	}
	return "?";
}

/* "**19.6.b** (fail): reason; reason" for the findings of one requirement. */
static void
findings(strbuf *sb, bool fr_, const sc_result *r, const char *id)
{
	const ev_req *q = req_of(r, id);
	if (q == NULL)
		return;
	sb_printf(sb, "\n%s **%s**%s %s\n\n", T("Verdict", "Verdict"), id, T(":", " :"),
	          verdict_word(fr_, q->verdict));
	for (size_t i = 0; i < q->n; i++) {
		sb_printf(sb, "- %s — ", verdict_word(fr_, q->f[i].verdict));
		esc(sb, q->f[i].reason);
		sb_puts(sb, "\n");
		if (q->f[i].computation) {
			sb_printf(sb, "  - %s ", T("computation:", "calcul :"));
			esc(sb, q->f[i].computation);
			sb_puts(sb, "\n");
		}
	}
	sb_puts(sb, "\n");
}

static void
holders(strbuf *sb, const mf_holder *h, size_t n, unsigned depth)
{
	for (size_t i = 0; i < n; i++) {
		sb_puts(sb, "| ");
		for (unsigned d = 1; d < depth; d++)
			sb_puts(sb, "↳ ");
		esc(sb, h[i].name);
		char c[32] = "-", v[32] = "-";
		if (h[i].has_capital)
			util_fmt_pct(c, sizeof(c), h[i].capital);
		if (h[i].has_voting)
			util_fmt_pct(v, sizeof(v), h[i].voting);
		sb_printf(sb, " | %s | %s | %s | %s | ", h[i].country, c, v, h[i].veto ? "✔" : "");
		if (h[i].has_board_seats)
			sb_printf(sb, "%ld", h[i].board_seats);
		sb_puts(sb, " |\n");
		holders(sb, h[i].holders, h[i].nholders, depth + 1);
	}
}

static void
subs(strbuf *sb, bool fr_, const mf_sub *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const mf_sub *x = &s[i];
		sb_puts(sb, "| ");
		for (unsigned d = 1; d < x->level; d++)
			sb_puts(sb, "↳ ");
		esc(sb, x->name);
		sb_printf(sb, " | %s | ", x->country);
		if (x->parent) {
			esc(sb, x->parent);
			sb_printf(sb, " (%s)", x->parent_country[0] ? x->parent_country : "?");
		}
		sb_puts(sb, " | ");
		esc(sb, x->service);
		sb_printf(sb, " | %s | %s | ", mf_data_names[x->data_access],
		          x->secnumcloud ? T("yes", "oui") : T("no", "non"));
		for (size_t j = 0; j < x->alternatives.n; j++) {
			if (j)
				sb_puts(sb, ", ");
			esc(sb, x->alternatives.v[j]);
		}
		sb_puts(sb, " |\n");
		subs(sb, fr_, x->subs, x->nsubs);
	}
}

static const char *
nexus_word(bool fr_, unsigned nexus)
{
	return nexus == LW_NEXUS_CONTROL ? T("control", "contrôle") :
	       nexus == LW_NEXUS_LOCATION ? T("location", "localisation") :
	       T("staff", "personnel");
}

static void
data_words(strbuf *sb, bool fr_, unsigned data)
{
	bool first = true;
	for (unsigned d = MF_DATA_CUSTOMER + 1; d-- > MF_DATA_METADATA;) {
		if (!(data & (1u << d)))
			continue;
		sb_printf(sb, "%s%s", first ? "" : ", ",
		          d == MF_DATA_CUSTOMER ? T("customer data", "données des commanditaires") :
		          d == MF_DATA_TECHNICAL ? T("technical data", "données techniques") :
		          T("metadata", "métadonnées"));
		first = false;
	}
}

static const char *
residual_word(bool fr_, const char *r)
{
	if (strcmp(r, "critical") == 0)
		return T("**critical**", "**critique**");
	if (strcmp(r, "high") == 0)
		return T("**high**", "**élevé**");
	if (strcmp(r, "medium") == 0)
		return T("medium", "moyen");
	return T("low", "faible");
}

sc_status
sc_report_write_residual_risk_md(const sc_result *r, const char *lang, const char *path,
                                 sc_err *err)
{
	bool fr_ = lang && strcmp(lang, "fr") == 0;
	const sc_manifest *m = r->m;
	strbuf sb;
	sb_init(&sb);

	sb_printf(&sb, "# %s — ", T("Residual risks linked to extra-European laws",
	                            "Risques résiduels liés aux lois extra-européennes"));
	esc(&sb, r->service);
	sb_printf(&sb, "\n\n*SecNumCloud v3.2 §5.3.d — %s %s — %s sovcheck %s (%s %s)*\n",
	          T("edition of", "édition du"), r->date, T("produced by", "produit par"),
	          sc_version(), r->pack_id, r->pack_version);

	/* 0. Document control */
	sb_printf(&sb, "\n## 0. %s\n\n", T("Document control and management acceptance",
	                                  "Maîtrise du document et acceptation par la direction"));
	sb_printf(&sb, "- %s ", T("Provider:", "Prestataire :"));
	esc(&sb, r->provider);
	if (m && m->has_model)
		sb_printf(&sb, "\n- %s %s", T("Service model:", "Modèle de service :"),
		          mf_model_names[m->model]);
	if (m && m->has_sign_off) {
		char due[48];
		int y, mo, d;
		sc_date_parse(m->sign_off_date, &y, &mo, &d);
		snprintf(due, sizeof(due), "%04d-%02d-%02d", (y + 1) % 10000, mo % 100,
		         (mo == 2 && d == 29 ? 28 : d) % 100);
		sb_printf(&sb, "\n- %s ", T("Residual risks formally accepted (§5.3.g) by",
		                             "Risques résiduels formellement acceptés (§5.3.g) par"));
		esc(&sb, m->sign_off_by);
		sb_printf(&sb, " %s %s\n- %s %s\n", T("on", "le"), m->sign_off_date,
		          T("Next review (§5.3.h), at the latest:", "Prochaine revue (§5.3.h), au plus tard :"),
		          due);
	} else {
		sb_printf(&sb, "\n- **%s**\n", T("No management acceptance is recorded (§5.3.g): this "
		          "document must be accepted and signed before it is filed.",
		          "Aucune acceptation par la direction n'est enregistrée (§5.3.g) : ce document "
		          "doit être accepté et signé avant dépôt."));
	}
	sb_printf(&sb, "- %s\n", T("Made available to customers on request (§5.3.e, §19.1.e); "
	          "reviewed after every major change (§5.3.h).",
	          "Tenu à disposition des commanditaires sur demande (§5.3.e, §19.1.e) ; revu après "
	          "tout changement majeur (§5.3.h)."));
	sb_printf(&sb, "\n| %s | %s |\n|---|---|\n| %s | |\n| %s | |\n| %s | |\n",
	          T("Role", "Rôle"), T("Name, date, signature", "Nom, date, signature"),
	          T("Author", "Rédacteur"), T("Reviewer", "Relecteur"),
	          T("Management acceptance", "Acceptation par la direction"));

	/* 1. Scope and locations */
	sb_printf(&sb, "\n## 1. %s\n\n", T("Scope and locations (§19.2)",
	                                  "Périmètre et localisations (§19.2)"));
	if (m && m->nsites) {
		sb_printf(&sb, "| %s | %s | %s |\n|---|---|---|\n", T("Site", "Site"),
		          T("Country", "Pays"), T("Holds", "Héberge"));
		for (size_t i = 0; i < m->nsites; i++) {
			sb_puts(&sb, "| ");
			esc(&sb, m->sites[i].site);
			sb_puts(&sb, " | ");
			country(&sb, m->sites[i].country);
			sb_puts(&sb, " | ");
			bool first = true;
			for (unsigned h = 0; mf_holds_names[h]; h++)
				if (m->sites[i].holds & MF_HOLDS_BIT(h)) {
					sb_printf(&sb, "%s%s", first ? "" : ", ", mf_holds_names[h]);
					first = false;
				}
			sb_puts(&sb, " |\n");
		}
	}
	if (m && m->nadmin) {
		sb_printf(&sb, "\n%s ", T("Administration and supervision from:",
		                         "Administration et supervision depuis :"));
		for (size_t i = 0; i < m->nadmin; i++) {
			sb_puts(&sb, i ? ", " : "");
			country(&sb, m->admin[i]);
		}
		sb_puts(&sb, "\n");
	}
	for (size_t i = 0; m && i < m->nsupport; i++) {
		sb_printf(&sb, "\n%s ", T("Support from", "Support depuis"));
		country(&sb, m->support[i].country);
		sb_puts(&sb, ":");
		for (size_t j = 0; j < m->support[i].operations.n; j++) {
			sb_puts(&sb, "\n- ");
			esc(&sb, m->support[i].operations.v[j]);
		}
		if (m->support[i].supervision) {
			sb_printf(&sb, "\n- %s ", T("supervision:", "supervision :"));
			esc(&sb, m->support[i].supervision);
		}
		sb_puts(&sb, "\n");
	}
	findings(&sb, fr_, r, "19.2.b");
	findings(&sb, fr_, r, "19.2.c");
	findings(&sb, fr_, r, "19.2.d");

	/* 2. Legal and ownership structure */
	sb_printf(&sb, "\n## 2. %s\n", T("Legal and ownership structure (§19.6.a, b, e)",
	                                "Structure juridique et actionnariale (§19.6.a, b, e)"));
	findings(&sb, fr_, r, "19.6.a");
	if (m && m->provider.nholders) {
		sb_printf(&sb, "\n| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n",
		          T("Holder", "Détenteur"), T("Country", "Pays"), T("Capital %", "Capital %"),
		          T("Voting %", "Droits de vote %"), T("Veto", "Veto"),
		          T("Board seats", "Sièges"));
		holders(&sb, m->provider.holders, m->provider.nholders, 1);
	}
	findings(&sb, fr_, r, "19.6.b");
	findings(&sb, fr_, r, "19.6.e");

	/* 3. Third parties */
	sb_printf(&sb, "\n## 3. %s\n\n", T("Third parties and supply chain (§15.1, §19.6.c-d)",
	                                  "Tiers et chaîne d'approvisionnement (§15.1, §19.6.c-d)"));
	if (m && m->nsubs) {
		sb_printf(&sb, "| %s | %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|---|\n",
		          T("Third party", "Tiers"), T("Seat", "Siège"), T("Parent", "Société mère"),
		          T("Service", "Service"), T("Data access", "Accès aux données"),
		          "SecNumCloud", T("Alternatives", "Alternatives"));
		subs(&sb, fr_, m->subs, m->nsubs);
	}
	const sc_graph *g = r->graph;
	if (g && g->nops) {
		sb_printf(&sb, "\n%s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n",
		          T("Operators observed in the evidence (DNS, TLS, geolocation):",
		            "Opérateurs observés dans les preuves (DNS, TLS, géolocalisation) :"),
		          T("Operator", "Opérateur"), T("Ultimate controller", "Contrôle ultime"),
		          T("Declared", "Déclaré"), T("Revealed by", "Révélé par"));
		for (size_t i = 0; i < g->nops; i++) {
			const gn_op *o = &g->ops[i];
			sb_puts(&sb, "| ");
			esc(&sb, sc_entity_name(o->entity));
			sb_puts(&sb, " | ");
			if (o->ultimate) {
				esc(&sb, sc_entity_name(o->ultimate));
				sb_printf(&sb, " (%s)", sc_entity_country(o->ultimate) ?
				          sc_entity_country(o->ultimate) : "?");
			} else {
				sb_puts(&sb, T("unknown", "inconnu"));
			}
			sb_printf(&sb, " | %s | ", o->is_provider ? T("provider", "prestataire") :
			          o->declared_by ? T("yes", "oui") : T("**no**", "**non**"));
			esc(&sb, o->npaths ? o->paths[0] : "");
			sb_puts(&sb, " |\n");
		}
	}
	findings(&sb, fr_, r, "19.6.c");
	findings(&sb, fr_, r, "19.6.d");

	/* 4. Exposure per jurisdiction */
	sb_printf(&sb, "\n## 4. %s\n", T("Exposure per non-EU jurisdiction",
	                                "Exposition par juridiction hors UE"));
	if (r->nrisks == 0)
		sb_printf(&sb, "\n%s\n", T("No non-EU nexus was found in the declarations and the "
		          "evidence.", "Aucun lien hors UE n'a été trouvé dans les déclarations et les "
		          "preuves."));
	for (size_t i = 0; i < r->nrisks; i++) {
		const char *cc = r->risks[i].country;
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen = seen || strcmp(r->risks[j].country, cc) == 0;
		if (seen)
			continue;
		sb_puts(&sb, "\n### ");
		country(&sb, cc);
		sb_printf(&sb, "\n\n%s\n\n", T("Entities linked to this jurisdiction:",
		                              "Entités liées à cette juridiction :"));
		for (size_t j = i; j < r->nrisks; j++) {
			if (strcmp(r->risks[j].country, cc) != 0)
				continue;
			sb_printf(&sb, "- %s — ", r->risks[j].id);
			esc(&sb, r->risks[j].entity);
			sb_printf(&sb, " (%s: ", nexus_word(fr_, r->risks[j].nexus));
			esc(&sb, r->risks[j].basis);
			sb_puts(&sb, ")\n");
		}
		bool any = false;
		for (size_t j = 0; r->laws && j < r->laws->n; j++) {
			const lw_law *w = &r->laws->laws[j];
			if (strcmp(w->country, cc) != 0)
				continue;
			if (!any)
				sb_printf(&sb, "\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n",
				          T("Law", "Loi"), T("Binds", "Vise"), T("Nexus", "Lien"),
				          T("Secrecy", "Secret"), T("EU assessment", "Évaluation UE"));
			any = true;
			sb_puts(&sb, "| ");
			esc(&sb, w->name);
			sb_puts(&sb, " (");
			esc(&sb, w->citation);
			sb_printf(&sb, ", %ld)%s | ", w->year, w->verified ? "" :
			          T(" — *wording not verified*", " — *texte non vérifié*"));
			esc(&sb, fr_ ? w->binds_fr : w->binds_en);
			sb_puts(&sb, " | ");
			bool first = true;
			for (unsigned b = 0; lw_nexus_names[b]; b++)
				if (w->nexus & (1u << b)) {
					sb_printf(&sb, "%s%s", first ? "" : ", ", nexus_word(fr_, 1u << b));
					first = false;
				}
			sb_printf(&sb, " | %s | ", w->secrecy ? T("yes", "oui") : T("no", "non"));
			esc(&sb, fr_ ? w->eu_fr : w->eu_en);
			sb_puts(&sb, " |\n");
		}
		if (any) {
			sb_printf(&sb, "\n%s\n", T("Sources:", "Sources :"));
			for (size_t j = 0; r->laws && j < r->laws->n; j++) {
				const lw_law *w = &r->laws->laws[j];
				for (size_t k = 0; strcmp(w->country, cc) == 0 && k < w->nsources; k++) {
					sb_puts(&sb, "- ");
					esc(&sb, w->sources[k]);
					sb_puts(&sb, "\n");
				}
			}
		} else {
			sb_printf(&sb, "\n%s\n", T("The laws catalogue holds no law for this country: the "
			          "exposure must be assessed by hand.", "Le catalogue ne contient aucune loi "
			          "de ce pays : l'exposition doit être évaluée manuellement."));
		}
	}

	/* 5. Existing measures */
	sb_printf(&sb, "\n## 5. %s\n\n", T("Existing measures", "Mesures existantes"));
	if (m && m->nmitigations) {
		sb_printf(&sb, "| %s | %s | %s | %s |\n|---|---|---|---|\n", T("Measure", "Mesure"),
		          T("Applies to", "S'applique à"), T("Effect", "Effet"), T("Strength", "Force"));
		for (size_t i = 0; i < m->nmitigations; i++) {
			const mf_mitigation *mi = &m->mitigations[i];
			sb_puts(&sb, "| ");
			esc(&sb, mi->id);
			sb_puts(&sb, ": ");
			esc(&sb, mi->description);
			sb_puts(&sb, " | ");
			for (size_t j = 0; j < mi->applies_to.n; j++) {
				sb_puts(&sb, j ? ", " : "");
				esc(&sb, strcmp(mi->applies_to.v[j], "*") == 0 ? T("all", "tous") :
				    mi->applies_to.v[j]);
			}
			sb_printf(&sb, " | %s | %ld |\n", mi->effect == MF_EFFECT_LIKELIHOOD ?
			          T("likelihood", "vraisemblance") : T("severity", "gravité"), mi->strength);
		}
	} else {
		sb_printf(&sb, "%s\n", T("No measure is declared (mitigations).",
		                        "Aucune mesure n'est déclarée (mitigations)."));
	}

	/* 6. Register */
	sb_printf(&sb, "\n## 6. %s\n\n", T("Residual-risk register", "Registre des risques résiduels"));
	if (r->nrisks) {
		sb_printf(&sb, "| ID | %s | %s | %s | %s | %s | %s | %s | %s |\n"
		          "|---|---|---|---|---|---|---|---|---|\n", T("Entity", "Entité"),
		          T("Country", "Pays"), T("Nexus", "Lien"), T("Laws", "Lois"),
		          T("Data", "Données"), T("Likelihood", "Vraisemblance"),
		          T("Severity", "Gravité"), T("Residual", "Résiduel"));
		for (size_t i = 0; i < r->nrisks; i++) {
			const rk_risk *k = &r->risks[i];
			sb_printf(&sb, "| %s | ", k->id);
			esc(&sb, k->entity);
			sb_printf(&sb, " | %s | %s | ", k->country, nexus_word(fr_, k->nexus));
			for (size_t j = 0; j < k->nlaws; j++)
				sb_printf(&sb, "%s%s", j ? ", " : "", k->laws[j]->id);
			sb_puts(&sb, " | ");
			data_words(&sb, fr_, k->data);
			sb_printf(&sb, " | %ld | %ld | %s |\n", k->likelihood, k->severity,
			          residual_word(fr_, k->residual));
		}
		for (size_t i = 0; i < r->nrisks; i++) {
			const rk_risk *k = &r->risks[i];
			sb_printf(&sb, "\n**%s** — ", k->id);
			esc(&sb, k->entity);
			sb_printf(&sb, "\n\n- %s ", T("Link:", "Lien :"));
			esc(&sb, k->basis);
			if (k->path && *k->path) {
				sb_printf(&sb, "\n- %s ", T("Shown by:", "Établi par :"));
				esc(&sb, k->path);
			}
			sb_printf(&sb, "\n- %s ", T("Likelihood:", "Vraisemblance :"));
			esc(&sb, k->likelihood_basis);
			sb_printf(&sb, " → %ld\n- %s ", k->likelihood, T("Severity:", "Gravité :"));
			esc(&sb, k->severity_basis);
			sb_printf(&sb, " → %ld\n- %s %ld × %ld = %ld, %s\n- %s %s\n", k->severity,
			          T("Residual:", "Résiduel :"), k->likelihood, k->severity, k->score,
			          residual_word(fr_, k->residual), T("Treatment:", "Traitement :"),
			          T("to decide by management (accept, reduce, transfer); customers may "
			            "reduce it further with encryption under keys they control",
			            "à décider par la direction (accepter, réduire, transférer) ; les "
			            "commanditaires peuvent le réduire par un chiffrement sous des clés "
			            "qu'ils maîtrisent"));
		}
	} else {
		sb_printf(&sb, "%s\n", T("No residual risk from extra-European laws was identified.",
		                        "Aucun risque résiduel lié aux lois extra-européennes n'a été "
		                        "identifié."));
	}
	sb_printf(&sb, "\n%s\n", T("Residual risk common to every cloud service (§3.3.2): the "
	          "provider's own staff can technically read data; the protection against it is "
	          "contractual and organisational.", "Risque résiduel commun à tout service cloud "
	          "(§3.3.2) : le personnel du prestataire peut techniquement lire les données ; la "
	          "protection est contractuelle et organisationnelle."));

	/* 7. Disclosure procedure */
	sb_printf(&sb, "\n## 7. %s\n\n%s\n", T("Disclosure procedure and transparency",
	          "Procédure de divulgation et transparence"),
	          T("*To be completed by the provider:* how a request from a non-EU authority is "
	            "handled (refusal of direct requests and referral to mutual legal assistance, "
	            "GDPR art. 48), whether the provider can decrypt customer data, logging of any "
	            "disclosure, laws that forbid telling the customer, and statistics of requests "
	            "received.",
	            "*À compléter par le prestataire :* traitement d'une demande d'une autorité hors "
	            "UE (refus des demandes directes et renvoi vers l'entraide judiciaire, art. 48 "
	            "du RGPD), capacité du prestataire à déchiffrer les données, journalisation de "
	            "toute divulgation, lois interdisant d'en informer le commanditaire, statistiques "
	            "des demandes reçues."));

	/* 8. Change management */
	sb_printf(&sb, "\n## 8. %s\n\n%s\n", T("Change management and notification (§19.6.f)",
	          "Gestion des changements et notification (§19.6.f)"),
	          T("Customers are formally informed within one month of any legal, organisational "
	            "or technical change that could affect §19.6: a change of shareholding, a new "
	            "non-EU (controlled) third party, a new support location, a change of law.",
	            "Les commanditaires sont formellement informés sous un mois de tout changement "
	            "juridique, organisationnel ou technique susceptible d'affecter le §19.6 : "
	            "évolution de l'actionnariat, nouveau tiers hors UE ou contrôlé hors UE, nouveau "
	            "lieu de support, évolution législative."));
	findings(&sb, fr_, r, "19.6.f");

	/* 9. Methodology and sources */
	sb_printf(&sb, "\n## 9. %s\n\n", T("Methodology and data sources",
	                                  "Méthode et sources des données"));
	sb_printf(&sb, "- %s\n", T("Scales 1-4. Likelihood: the highest rating of the laws that "
	          "reach the entity through its link (catalogue), lowered by likelihood measures. "
	          "Severity: customer data 4, technical data 3, metadata 2, lowered by severity "
	          "measures. Residual = likelihood × severity: 1-3 low, 4-6 medium, 8-12 high, 16 "
	          "critical. The ratings are expert estimates, shown with their inputs.",
	          "Échelles 1-4. Vraisemblance : la note la plus haute des lois qui atteignent "
	          "l'entité par son lien (catalogue), réduite par les mesures portant sur la "
	          "vraisemblance. Gravité : données des commanditaires 4, données techniques 3, "
	          "métadonnées 2, réduite par les mesures portant sur la gravité. Résiduel = "
	          "vraisemblance × gravité : 1-3 faible, 4-6 moyen, 8-12 élevé, 16 critique. Les "
	          "notes sont des estimations d'expert, données avec leurs éléments."));
	if (r->laws)
		sb_printf(&sb, "- %s %s (%zu %s)\n", T("Laws catalogue reviewed on",
		          "Catalogue des lois revu le"), r->laws->reviewed, r->laws->n, T("laws", "lois"));
	if (r->has_registry)
		sb_printf(&sb, "- %s %zu %s %s — %s\n", T("Entity registry:", "Registre des entités :"),
		          r->registry_entities, T("organisations, facts reviewed",
		          "organisations, faits revus"), r->registry_oldest, r->registry_newest);
	for (size_t i = 0; i < r->ngeodbs; i++) {
		sb_printf(&sb, "- %s ", T("Geolocation:", "Géolocalisation :"));
		esc(&sb, r->geodbs[i].label);
		sb_printf(&sb, " (%s %s%s): ", T("data of", "données du"), r->geodbs[i].data_date,
		          r->geodbs[i].stale ? T(", **older than 90 days**", ", **plus de 90 jours**") : "");
		esc(&sb, r->geodbs[i].description);
		sb_puts(&sb, "\n");
	}
	sb_printf(&sb, "- %s\n", T("Evidence: evidence.json beside this document (DNS answers, "
	          "certificate chains, geolocation, with a SHA-256 integrity digest); "
	          "`sovcheck report evidence.json` re-evaluates it offline.",
	          "Preuves : evidence.json à côté de ce document (réponses DNS, chaînes de "
	          "certificats, géolocalisation, avec une empreinte d'intégrité SHA-256) ; "
	          "`sovcheck report evidence.json` la réévalue hors ligne."));

	if (sb.oom) {
		sb_free(&sb);
		return util_err(err, SC_ERR_NOMEM, path, 0, 0, "nomem", "out of memory");
	}
	sc_status st = sc_write_atomic(path, sb.s, sb.len, err);
	sb_free(&sb);
	return st;
}
