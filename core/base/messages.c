/*
 * messages.c — the message table (msg.h): every sentence of a finding or
 * a risk, in English and in French, by its stable code; and the words of
 * the vocabularies those sentences carry (data classes, roles,
 * relationships, access paths, mitigation kinds, country sets). Both
 * tables are sorted by key (a test checks it, and that every template of
 * one language has the placeholders of the other).
 */
#include <stdlib.h>
#include <string.h>

#include "msg.h"

#define M(code, en, fr) {code, {en, fr}}

static const msg_template templates[] = {
	M("admin.in_set", "administration and supervision from {country} ({set})",
	  "administration et supervision depuis le pays {country} ({set})"),
	M("admin.outside_set", "administration or supervision from {country}, outside {set}",
	  "administration ou supervision depuis le pays {country}, hors {set}"),
	M("admin.undeclared",
	  "the countries administration and supervision are done from are not declared",
	  "les pays depuis lesquels l'administration et la supervision sont assurées ne sont pas "
	  "déclarés"),
	M("autonomy.alternatives",
	  "{name} ({why}) can be replaced: {n} alternatives declared ({alternatives})",
	  "{name} ({why}) est remplaçable : {n} alternatives déclarées ({alternatives})"),
	M("autonomy.alternatives_desc",
	  "{name} ({why}) can be replaced: {n} alternatives declared ({alternatives}); {description}",
	  "{name} ({why}) est remplaçable : {n} alternatives déclarées ({alternatives}) ; "
	  "{description}"),
	M("autonomy.evidence", "; evidence: {evidence}", " ; preuve : {evidence}"),
	M("autonomy.none",
	  "{name} ({why}) is not SecNumCloud-qualified and {n} {n|alternative is|alternatives are} "
	  "declared; operating autonomy needs the provider's own skills (autonomy: {{basis: "
	  "own-skills, description}) or at least {min} alternatives",
	  "{name} ({why}) n'est pas qualifié SecNumCloud et {n} {n|alternative est déclarée|"
	  "alternatives sont déclarées} ; l'autonomie d'exploitation exige les compétences propres "
	  "du fournisseur (autonomy: {{basis: own-skills, description}) ou au moins {min} "
	  "alternatives"),
	M("autonomy.own_skills",
	  "the provider keeps operating without {name} ({why}) with its own skills: "
	  "{description}{evidence}",
	  "le fournisseur continue d'opérer sans {name} ({why}) grâce à ses propres compétences : "
	  "{description}{evidence}"),
	M("autonomy.qualified", "{name} ({why}) is SecNumCloud-qualified",
	  "{name} ({why}) est qualifié SecNumCloud"),
	M("autonomy.qualified_desc", "{name} ({why}) is SecNumCloud-qualified: {description}",
	  "{name} ({why}) est qualifié SecNumCloud : {description}"),
	M("autonomy.too_few",
	  "{name} ({why}): autonomy by alternatives needs at least {min} alternative companies; "
	  "{n} {n|is|are} declared",
	  "{name} ({why}) : l'autonomie par des alternatives exige au moins {min} sociétés "
	  "alternatives ; {n} {n|est déclarée|sont déclarées}"),
	M("ca.by", ", by {how}", ", par {how}"),
	M("ca.for", " for {owner} ({country|cc})", " pour {owner} ({country})"),
	M("ca.history", "; history: {history}", " ; historique : {history}"),
	M("ca.in_set", "{who}: the CA owner is in {set}",
	  "{who} : le propriétaire de l'AC est dans l'{set}"),
	M("ca.inferred", " (inferred: no CA index entry for the chain's certificates)",
	  " (déduit : aucune entrée de l'index des AC pour les certificats de la chaîne)"),
	M("ca.inferred_in",
	  "{who}: the CA owner would be in {set}, but it is inferred from a name only; the chain's "
	  "CA certificates are not in the CA index",
	  "{who} : le propriétaire de l'AC serait dans l'{set}, mais il n'est déduit que d'un nom ; "
	  "les certificats d'AC de la chaîne ne figurent pas dans l'index des AC"),
	M("ca.no_chain", "no certificate chain was captured for {host}:{port}",
	  "aucune chaîne de certificats n'a été capturée pour {host}:{port}"),
	M("ca.no_tls_endpoint", "no TLS endpoint is declared", "aucun point d'accès TLS n'est déclaré"),
	M("ca.not_in_registry",
	  "the owner of the CA that issued {host}'s certificate is not in the registry (issuer "
	  "O={issuer})",
	  "le propriétaire de l'AC qui a émis le certificat de {host} ne figure pas au référentiel "
	  "(émetteur O={issuer})"),
	M("ca.not_in_registry_no_o",
	  "the owner of the CA that issued {host}'s certificate is not in the registry (issuer "
	  "O=none)",
	  "le propriétaire de l'AC qui a émis le certificat de {host} ne figure pas au référentiel "
	  "(émetteur sans O=)"),
	M("ca.outside_internal", "{who}: the CA owner is outside {set} on an {role} endpoint",
	  "{who} : le propriétaire de l'AC est hors {set}, sur un point d'accès {role}"),
	M("ca.outside_public",
	  "{who}: the CA owner is outside {set}; whether §10.6.a covers public endpoints ({role}) "
	  "is unsettled, so this is reported for information",
	  "{who} : le propriétaire de l'AC est hors {set} ; l'application du §10.6.a aux points "
	  "d'accès publics ({role}) n'est pas tranchée, ce constat est donc donné pour information"),
	M("ca.part_of", ", part of {parent} ({country|cc})", ", groupe {parent} ({country})"),
	M("ca.unusable", "no usable chain for {host}: {reason}",
	  "aucune chaîne exploitable pour {host} : {reason}"),
	M("ca.unusable_detail", "no usable chain for {host}: {reason}: {detail}",
	  "aucune chaîne exploitable pour {host} : {reason} : {detail}"),
	M("ca.unverified", "{host}: {summary}", "{host} : {summary}"),
	M("ca.unverified_chain",
	  "{host}: the chain ({path}) does not verify to a trust anchor: {error}; the CA owner is "
	  "not taken from names a server can write",
	  "{host} : la chaîne ({path}) ne se vérifie pas jusqu'à une ancre de confiance : {error} ; "
	  "le propriétaire de l'AC n'est pas déduit de noms qu'un serveur peut écrire"),
	M("ca.who_operated", "issued by {path}, a CA operated by {owner} ({country|cc}){more}",
	  "émis par {path}, une AC exploitée par {owner} ({country}){more}"),
	M("ca.who_owned", "issued by {path}, a CA owned by {owner} ({country|cc}){more}",
	  "émis par {path}, une AC détenue par {owner} ({country}){more}"),
	M("cert.expired",
	  "no certification of the accepted schemes is in force on {today}; expired: "
	  "{certs}",
	  "aucune certification des référentiels acceptés n'est en vigueur au {today} ; "
	  "expirées : {certs}"),
	M("cert.in_force",
	  "in force on {today}: {certs}",
	  "en vigueur au {today} : {certs}"),
	M("cert.item",
	  "{scheme} by {issuer}, valid until {until}",
	  "{scheme} délivrée par {issuer}, valable jusqu'au {until}"),
	M("cert.none_of",
	  "{n} {n|certification is|certifications are} declared, none of the accepted "
	  "schemes ({schemes})",
	  "{n} {n|certification est déclarée|certifications sont déclarées}, aucune ne "
	  "relève des référentiels acceptés ({schemes})"),
	M("cert.undeclared",
	  "certifications are not declared (sovereignty.certifications); the pack accepts "
	  "{schemes}",
	  "les certifications ne sont pas déclarées (sovereignty.certifications) ; le "
	  "référentiel d'exigences accepte {schemes}"),
	M("changes.acked",
	  "{change}: customers informed, acknowledged by {by} on {on} (notice {id}, first observed on "
	  "{seen})",
	  "{change} : commanditaires informés, acquitté par {by} le {on} (avis {id}, observé pour la "
	  "première fois le {seen})"),
	M("changes.no_baseline",
	  "no baseline evidence was given: changes affecting 19.6 are detected against an earlier "
	  "bundle (--baseline); customers must be told of any within {days} days",
	  "aucune preuve de référence n'a été fournie : les changements touchant au 19.6 se "
	  "détectent par rapport à un lot antérieur (--baseline) ; les clients doivent être "
	  "informés de tout changement sous {days} jours"),
	M("changes.none", "no change affecting 19.6 since the baseline of {since}",
	  "aucun changement touchant au 19.6 depuis la référence du {since}"),
	M("changes.open",
	  "{change} (first observed on {seen}): customers must be formally informed within one month "
	  "of the change, at the latest by {due} ({days} days) — notice {id}",
	  "{change} (observé pour la première fois le {seen}) : les commanditaires doivent en être "
	  "formellement informés dans le mois qui suit le changement, au plus tard le {due} ({days} "
	  "jours) — avis {id}"),
	M("changes.overdue",
	  "{change} (first observed on {seen}): the deadline to inform customers, {due}, has passed "
	  "and no acknowledgement is recorded — notice {id}",
	  "{change} (observé pour la première fois le {seen}) : l'échéance pour informer les "
	  "commanditaires, le {due}, est dépassée et aucun accusé n'est enregistré — avis {id}"),
	M("changes.reverted", "{change}: reverted on {on} (notice {id}, first observed on {seen})",
	  "{change} : annulé le {on} (avis {id}, observé pour la première fois le {seen})"),
	M("chg.ca_owner_added", "{subject}: certificate now also issued by a CA of {value}",
	  "{subject} : certificat désormais aussi émis par une AC de {value}"),
	M("chg.ca_owner_removed", "{subject}: certificate no longer issued by a CA of {value}",
	  "{subject} : certificat plus émis par une AC de {value}"),
	M("chg.controller_added", "{subject}: new ultimate controller, {value}",
	  "{subject} : nouveau contrôleur ultime, {value}"),
	M("chg.controller_removed", "{subject}: no longer controlled by {value}",
	  "{subject} : n'est plus contrôlé par {value}"),
	M("chg.fact", "{aspect}: {value}", "{aspect} : {value}"),
	M("chg.held_from_added",
	  "{subject}: its ultimate controller is now held from outside the EU, by {value}",
	  "{subject} : son contrôleur ultime est désormais détenu depuis l'extérieur de l'UE, par "
	  "{value}"),
	M("chg.held_from_removed",
	  "{subject}: its ultimate controller is no longer held from outside the EU by {value}",
	  "{subject} : son contrôleur ultime n'est plus détenu depuis l'extérieur de l'UE par "
	  "{value}"),
	M("chg.location_added", "{subject}: addresses now also located {country|in}",
	  "{subject} : adresses désormais aussi situées {country|in}"),
	M("chg.location_anycast_added", "{subject}: anycast addresses (no single location)",
	  "{subject} : des adresses anycast (sans localisation unique)"),
	M("chg.location_anycast_removed", "{subject}: no anycast address any more",
	  "{subject} : plus aucune adresse anycast"),
	M("chg.location_removed", "{subject}: no address located {country|in} any more",
	  "{subject} : plus aucune adresse située {country|in}"),
	M("chg.location_unknown_added", "{subject}: addresses whose location is unknown",
	  "{subject} : des adresses dont la localisation est inconnue"),
	M("chg.location_unknown_removed", "{subject}: no address of unknown location any more",
	  "{subject} : plus aucune adresse de localisation inconnue"),
	M("chg.operator_added", "{subject}: new operator, {value}",
	  "{subject} : nouvel opérateur, {value}"),
	M("chg.operator_removed", "{subject}: operator {value} gone",
	  "{subject} : l'opérateur {value} n'apparaît plus"),
	M("chg.several", "{changes}", "{changes}"),
	M("chg.subject_added", "{subject} appears: {facts}", "{subject} apparaît : {facts}"),
	M("chg.subject_removed", "{subject} disappears (was: {facts})",
	  "{subject} disparaît (auparavant : {facts})"),
	M("chg.value_added", "{subject}: {aspect} {value} added", "{subject} — {aspect} en plus : {value}"),
	M("chg.value_changed", "{subject}: {aspect} changed from {old} to {new}",
	  "{subject} — {aspect} : {old} auparavant, {new} désormais"),
	M("chg.value_removed", "{subject}: {aspect} {value} removed",
	  "{subject} — {aspect} en moins : {value}"),
	M("chg.value_set", "{subject}: {aspect} now {new}", "{subject} — {aspect} : {new} désormais"),
	M("chg.value_unset", "{subject}: {aspect} ({old}) no longer declared",
	  "{subject} — {aspect} : {old} auparavant, plus déclaré désormais"),
	M("contra.host_office",
	  "declared registered office {declared|cc}, the evidence says {observed|cc}: its host "
	  "{host} is operated by {operator} (suffix {suffix})",
	  "siège statutaire déclaré : {declared} ; les preuves indiquent : {observed} — son hôte "
	  "{host} est exploité par {operator} (suffixe {suffix})"),
	M("contra.host_parent",
	  "declared parent country {declared|cc}, the evidence says {observed|cc}: its host {host} "
	  "is operated by {operator}, controlled by {controller}",
	  "pays de la maison mère déclaré : {declared} ; les preuves indiquent : {observed} — son "
	  "hôte {host} est exploité par {operator}, contrôlé par {controller}"),
	M("contra.no_parent",
	  "declared without a parent, the registry says {entity} is controlled by {controller} "
	  "({country|cc})",
	  "déclaré sans maison mère ; le référentiel indique que {entity} est contrôlé par "
	  "{controller} ({country})"),
	M("contra.registry_office",
	  "declared registered office {declared|cc}, the registry says {observed|cc} for {entity} "
	  "({source})",
	  "siège statutaire déclaré : {declared} ; le référentiel indique : {observed} pour "
	  "{entity} ({source})"),
	M("contra.registry_parent",
	  "declared parent country {declared|cc}, the registry says {observed|cc} ({controller})",
	  "pays de la maison mère déclaré : {declared} ; le référentiel indique : {observed} "
	  "({controller})"),
	M("ctl.addr_anycast", "{ip} anycast", "{ip} anycast"),
	M("ctl.addr_located", "{ip} located in {country}", "{ip} située {country|in}"),
	M("ctl.addr_unknown", "{ip} location unknown", "{ip} de localisation inconnue"),
	M("ctl.addresses", "; its addresses: {addresses}", " ; ses adresses : {addresses}"),
	M("ctl.as_conflict",
	  "the geolocation databases disagree on its AS, none more specific than the other: "
	  "{sources}",
	  "les bases de géolocalisation divergent sur son AS, aucune n'étant plus précise que "
	  "l'autre : {sources}"),
	M("ctl.as_org", "AS organisation: {org}", "organisation de l'AS : {org}"),
	M("ctl.closed",
	  "{name} {ctl} (outside {set}) and carries {data} ({path}); every way it has to the data "
	  "is closed by {by}{loc}",
	  "{name} {ctl} (hors {set}) et transporte des {data} ({path}) ; chacune de ses voies "
	  "d'accès aux données est fermée par {by}{loc}"),
	M("ctl.contradicted",
	  "{name} {ctl} (outside {set}): declared as {declared} with data_access: none, but the "
	  "evidence puts it on a path carrying {data}: {path}{loc} — a technical possibility "
	  "remains through {open}{part}",
	  "{name} {ctl} (hors {set}) : déclaré comme {declared} avec data_access: none, mais les "
	  "preuves le placent sur un chemin qui transporte des {data} : {path}{loc} — une "
	  "possibilité technique subsiste par : {open}{part}"),
	M("ctl.controlled", "is controlled by {controller}, seated in {country}",
	  "est contrôlé par {controller}, établi {country|in}"),
	M("ctl.declared_access", " (declared with access to data)",
	  " (déclaré avec un accès aux données)"),
	M("ctl.declared_none", " (declared with data_access: none)",
	  " (déclaré avec data_access: none)"),
	M("ctl.held_out",
	  "is controlled by {controller}, seated in {country} but held from outside it: {holders}",
	  "est contrôlé par {controller}, établi {country|in} mais détenu depuis l'extérieur : "
	  "{holders}"),
	M("ctl.held_out_self",
	  "is seated in {country} but held from outside it: {holders}",
	  "est établi {country|in} mais détenu depuis l'extérieur : {holders}"),
	M("ctl.held_unknown",
	  "{name} is controlled from {country} by {controller} ({set}), but {why}: whether it is "
	  "controlled from outside {set} cannot be judged",
	  "{name} est contrôlé depuis le pays {country} par {controller} ({set}), mais {why} : on ne "
	  "peut dire s'il est contrôlé depuis un pays hors {set}"),
	M("ctl.holder", "{name} ({country})",
	  "{name} ({country})"),
	M("ctl.holder_controlling", "{name} ({country}, controlling)",
	  "{name} ({country}, contrôlant)"),
	M("ctl.holder_no_country",
	  "the country of {holder}, a holder of {controller}, is not recorded",
	  "le pays de {holder}, détenteur de {controller}, n'est pas recensé"),
	M("ctl.holder_no_share",
	  "the share of {holder} ({country}), a holder of {controller}, is not recorded",
	  "la part de {holder} ({country}), détenteur de {controller}, n'est pas recensée"),
	M("ctl.holder_pct", "{name} ({country}, {share} %)",
	  "{name} ({country}, {share} %)"),
	M("ctl.holder_unsettled",
	  "where {holder} ({country}), a holder of {controller}, is itself controlled from is not "
	  "settled",
	  "d'où {holder} ({country}), détenteur de {controller}, est lui-même contrôlé n'est pas "
	  "établi"),
	M("ctl.holder_unsettled_via", "{holder}, whose own control is not settled",
	  "{holder}, dont le contrôle n'est pas lui-même établi"),
	M("ctl.holder_via", "{holder}, itself controlled by {origin} ({country})",
	  "{holder}, lui-même contrôlé par {origin} ({country})"),
	M("ctl.holders_open",
	  "the recorded holders of {controller} ({holders}) leave room for a majority held from "
	  "outside",
	  "les détenteurs recensés de {controller} ({holders}) laissent place à une majorité détenue "
	  "depuis l'extérieur"),
	M("ctl.holders_unnamed", "{controller} is recorded as privately held without its holders named",
	  "{controller} est enregistré comme société privée sans que ses détenteurs soient nommés"),
	M("ctl.holding_unrecorded", "who holds {controller} is not recorded",
	  "les détenteurs de {controller} ne sont pas recensés"),
	M("ctl.in_part", "; closed only in part, by {by}", " ; fermée en partie seulement, par {by}"),
	M("ctl.in_set", "{name} is controlled from {country} by {controller} ({set})",
	  "{name} est contrôlé depuis le pays {country} par {controller} ({set})"),
	M("ctl.no_as", "no AS known", "aucun AS connu"),
	M("ctl.none_observed",
	  "no operator was observed on a data path: the evidence does not show who runs the "
	  "service",
	  "aucun opérateur n'a été observé sur un chemin de données : les preuves ne montrent pas "
	  "qui exploite le service"),
	M("ctl.not_declared", " (not declared)", " (non déclaré)"),
	M("ctl.not_in_registry",
	  "{ip} carries data but its operator is not in the registry ({as}): who controls it is "
	  "unknown",
	  "{ip} transporte des données mais son opérateur ne figure pas au référentiel ({as}) : "
	  "son contrôleur est inconnu"),
	M("ctl.open",
	  "{name} {ctl} (outside {set}) and sits on a path carrying {data}: {path}{loc}; a "
	  "technical possibility remains through {open}{declared}{part}",
	  "{name} {ctl} (hors {set}) et se trouve sur un chemin qui transporte des {data} : {path}"
	  "{loc} ; une possibilité technique subsiste par : {open}{declared}{part}"),
	M("ctl.partial",
	  "the operators behind {host} are not all known: the DNS evidence is partial: {partial}",
	  "les opérateurs derrière {host} ne sont pas tous connus : les preuves DNS sont "
	  "partielles : {partial}"),
	M("ctl.seated", "is seated in {country}", "est établi {country|in}"),
	M("ctl.unknown",
	  "{name} carries {data} but its ultimate controller is unknown (the registry's parent "
	  "chain is broken); revealed by {path}",
	  "{name} transporte des {data} mais son contrôleur ultime est inconnu (la chaîne des "
	  "maisons mères du référentiel est rompue) ; révélé par {path}"),
	M("doc.all_decided",
	  "the §5.3.d document lists {n} residual {n|risk|risks}, each with a recorded decision "
	  "(risk_treatments){notes}",
	  "le document du §5.3.d recense {n} {n|risque résiduel|risques résiduels}, chacun avec une "
	  "décision enregistrée (risk_treatments){notes}"),
	M("doc.empty",
	  "the §5.3.d document (residual-risk.<lang>.md) is written: no non-EU nexus was found, so "
	  "its register is empty{notes}",
	  "le document du §5.3.d (residual-risk.<lang>.md) est rédigé : aucun lien hors de l'UE n'a "
	  "été trouvé, son registre est donc vide{notes}"),
	M("doc.not_assessed", "the residual-risk register was not assessed",
	  "le registre des risques résiduels n'a pas été évalué"),
	M("doc.not_written",
	  "the §5.3.d document is written by 'check -o DIR' (or 'report -o DIR') with the md "
	  "or html format; this run writes no documents, so it cannot be confirmed",
	  "le document du §5.3.d est produit par « check -o DIR » (ou « report -o DIR ») au format "
	  "md ou html ; cette exécution ne produit aucun document, il ne peut donc pas être confirmé"),
	M("doc.note.declared_only",
	  "; it stands on declarations only: no DNS or TLS evidence was collected, so operators "
	  "the manifest does not declare cannot be in it",
	  " ; il repose sur les seules déclarations : aucune preuve DNS ou TLS n'a été collectée, "
	  "les opérateurs que le manifeste ne déclare pas ne peuvent donc pas y figurer"),
	M("doc.note.stale",
	  "; {n} {n|treatment names|treatments name} no risk of the register ({ids}): they decide "
	  "nothing",
	  " ; {n} {n|traitement ne désigne|traitements ne désignent} aucun risque du registre "
	  "({ids}) : ils ne décident rien"),
	M("doc.note.unused",
	  "; {n} {n|mitigation applies|mitigations apply} to no risk ({ids})",
	  " ; {n} {n|mesure ne s'applique|mesures ne s'appliquent} à aucun risque ({ids})"),
	M("doc.notes", "{notes}", "{notes}"),
	M("doc.undecided",
	  "{open} of the {n} residual risks in the §5.3.d document have no recorded decision "
	  "(risk_treatments: accept, reduce, transfer or avoid): {ids}{notes}",
	  "{open} des {n} risques résiduels du document du §5.3.d n'ont aucune décision "
	  "enregistrée (risk_treatments : accepter, réduire, transférer ou éviter) : {ids}{notes}"),
	M("doc.unsettled",
	  "the control of {n} {n|party is|parties are} not established, so the register cannot say "
	  "whether laws from outside the EU reach {n|it|them}: {names}{more} (a subcontractor "
	  "needs its parent and parent_country declared, or the registry to know it; an operator "
	  "needs its controller in the registry)",
	  "le contrôle de {n} {n|partie|parties} n'est pas établi, de sorte que le "
	  "registre ne peut dire si des lois extra-européennes {n|l'atteignent|les atteignent} : "
	  "{names}{more} (un sous-traitant doit déclarer sa maison mère, parent et parent_country, "
	  "ou être connu du référentiel des entités ; un opérateur doit y avoir son contrôleur)"),
	M("doc.unsettled_more", " and {n} more", " et {n} autres"),
	M("dora.conc.how.direct", "{supplier} directly", "{supplier} directement"),
	M("dora.conc.how.endpoint", "{supplier} through {via}, observed on {host}",
	  "{supplier} par {via}, observé sur {host}"),
	M("dora.conc.how.observed", "{supplier} through {via}, observed in the evidence",
	  "{supplier} par {via}, observé dans les preuves"),
	M("dora.conc.how.sub", "{supplier} through its subcontractor {via}",
	  "{supplier} par son sous-traitant {via}"),
	M("dora.conc.none_critical",
	  "no declared third party supports a critical or important function (critical, functions): "
	  "no concentration of such functions to assess",
	  "aucun tiers déclaré ne soutient une fonction critique ou importante (critical, "
	  "functions) : aucune concentration de telles fonctions à apprécier"),
	M("dora.conc.ok",
	  "{controller} ({country}) carries {nf} critical or important {nf|function|functions} "
	  "({functions}) of {ns} {ns|party|parties} ({suppliers}): {how}",
	  "{controller} ({country}) porte {nf} {nf|fonction critique ou importante|fonctions "
	  "critiques ou importantes} ({functions}) de {ns} {ns|tiers|tiers} ({suppliers}) : {how}"),
	M("dora.conc.over",
	  "{controller} ({country}) carries {nf} critical or important {nf|function|functions} "
	  "({functions}) of {ns} {ns|party|parties} ({suppliers}), more than {max} "
	  "{max|function|functions} or one party under one ultimate controller: an outage or a "
	  "compulsion there reaches them all ({how}); the entity's assessment of this "
	  "concentration is recorded as a waiver",
	  "{controller} ({country}) porte {nf} {nf|fonction critique ou importante|fonctions "
	  "critiques ou importantes} ({functions}) de {ns} {ns|tiers|tiers} ({suppliers}), plus de "
	  "{max} {max|fonction|fonctions} ou d'un tiers sous un même contrôleur ultime : une panne "
	  "ou une contrainte chez lui les atteint toutes ({how}) ; l'appréciation de cette "
	  "concentration par l'entité s'enregistre comme une dérogation"),
	M("dora.conc.undeclared",
	  "the third parties are not declared (subcontractors): which critical functions depend on "
	  "whom cannot be known",
	  "les tiers ne sont pas déclarés (subcontractors) : on ne peut savoir quelles fonctions "
	  "critiques dépendent de qui"),
	M("dora.conc.unknown",
	  "the ultimate controller of {party} is not known (not in the registry, or a broken "
	  "chain, and no parent declared); {supplier} relies on it for {functions}: the "
	  "concentration cannot be judged",
	  "le contrôleur ultime de {party} n'est pas connu (absent du registre, ou chaîne rompue, "
	  "et aucune société mère déclarée) ; {supplier} en dépend pour {functions} : la "
	  "concentration ne peut être jugée"),
	M("dora.conc.unnamed", "an unnamed function of {supplier}",
	  "une fonction non nommée de {supplier}"),
	M("dora.fn.unnamed", "a critical or important function it does not name",
	  "une fonction critique ou importante qu'il ne nomme pas"),
	M("dora.loc.anycast",
	  "{ip} ({path}) is anycast: it has no single location to compare with the stated ones",
	  "{ip} ({path}) est en anycast : il n'a pas de localisation unique à comparer avec "
	  "celles déclarées"),
	M("dora.loc.conflict",
	  "the geolocation databases disagree on where {ip} ({path}) is, none more specific",
	  "les bases de géolocalisation divergent sur la localisation de {ip} ({path}), "
	  "aucune n'étant plus précise"),
	M("dora.loc.more", "and {n} more", "et {n} de plus"),
	M("dora.loc.no_evidence",
	  "where data is processed cannot be compared with the stated locations: {why}",
	  "les lieux de traitement des données ne peuvent être comparés aux lieux déclarés : {why}"),
	M("dora.loc.no_path", "no endpoint or address carries {data}: no location to compare",
	  "aucun point d'accès ni aucune adresse ne porte de {data} : aucune localisation à "
	  "comparer"),
	M("dora.loc.not_stated",
	  "{n} {n|address|addresses} carrying {data} {n|is|are} located {country|in}, where no "
	  "declared data site is ({addresses}); the sites stated are {sites}",
	  "{n} {n|adresse portant|adresses portant} des {data} {n|est située|sont situées} "
	  "{country|in}, où aucun site de données déclaré ne se trouve ({addresses}) ; les sites "
	  "déclarés sont {sites}"),
	M("dora.loc.partial",
	  "the addresses of {host} are not known from every source, or the sources disagree: "
	  "{problem}",
	  "les adresses de {host} ne sont pas connues de toutes les sources, ou les sources "
	  "divergent : {problem}"),
	M("dora.loc.stated",
	  "{n} {n|address|addresses} carrying {data} {n|is|are} located {country|in}, as stated "
	  "({addresses}; {sites})",
	  "{n} {n|adresse portant|adresses portant} des {data} {n|est située|sont situées} "
	  "{country|in}, comme déclaré ({addresses} ; {sites})"),
	M("dora.loc.unknown", "where {ip} ({path}) is located is not known",
	  "la localisation de {ip} ({path}) n'est pas connue"),
	M("dora.loc.unresolved", "{host} carries data and did not resolve: {problem}",
	  "{host} porte des données et n'a pas été résolu : {problem}"),
	M("dora.loc.unstated",
	  "the locations where data is processed and stored are not stated (locations.data): the "
	  "observed locations cannot be compared with them",
	  "les lieux de traitement et de stockage des données ne sont pas déclarés "
	  "(locations.data) : les localisations observées ne peuvent y être comparées"),
	M("dora.reg.complete",
	  "{name} (rank {rank}, supporting {functions}): the register of information knows {fields}",
	  "{name} (rang {rank}, soutenant {functions}) : le registre d'informations connaît "
	  "{fields}"),
	M("dora.reg.f.lei", "LEI {lei}", "LEI {lei}"),
	M("dora.reg.f.lei_registry", "LEI {lei} (from the registry)", "LEI {lei} (d'après le registre)"),
	M("dora.reg.f.no_data", "no data held", "aucune donnée détenue"),
	M("dora.reg.f.office", "head office {country|in}", "siège {country|in}"),
	M("dora.reg.f.parent", "ultimate parent {parent} ({country}), as declared",
	  "société mère ultime {parent} ({country}), déclarée"),
	M("dora.reg.f.parent_registry", "ultimate parent {parent} ({country}), from the registry",
	  "société mère ultime {parent} ({country}), d'après le registre"),
	M("dora.reg.f.rank", "subcontracting rank {rank}", "rang de sous-traitance {rank}"),
	M("dora.reg.f.sites", "{data} in {sites}", "{data} à {sites}"),
	M("dora.reg.incomplete",
	  "{name} (rank {rank}, supporting {functions}): the register of information lacks "
	  "{missing} (known: {fields})",
	  "{name} (rang {rank}, soutenant {functions}) : il manque au registre d'informations "
	  "{missing} (connu : {fields})"),
	M("dora.reg.m.functions", "the functions it supports (functions)",
	  "les fonctions qu'il soutient (functions)"),
	M("dora.reg.m.lei", "its LEI (lei)", "son LEI (lei)"),
	M("dora.reg.m.lei_mismatch",
	  "a LEI that agrees with the registry (declared {lei}; the registry records {registry} "
	  "for {entity})",
	  "un LEI conforme au registre (déclaré : {lei} ; le registre indique {registry} pour "
	  "{entity})"),
	M("dora.reg.m.office", "the country of its head office", "le pays de son siège"),
	M("dora.reg.m.parent",
	  "its ultimate parent and that parent's country (parent, parent_country; the registry "
	  "does not know them)",
	  "sa société mère ultime et le pays de celle-ci (parent, parent_country ; le registre ne "
	  "les connaît pas)"),
	M("dora.reg.m.sites", "the locations of {data} (no declared data site holds them)",
	  "les lieux des {data} (aucun site de données déclaré ne les détient)"),
	M("dora.reg.none_critical",
	  "no declared third party supports a critical or important function (critical, "
	  "functions): the register needs no entry of that kind",
	  "aucun tiers déclaré ne soutient une fonction critique ou importante (critical, "
	  "functions) : le registre n'appelle aucune entrée de ce type"),
	M("dora.reg.undeclared",
	  "the third parties are not declared (subcontractors): the register of information "
	  "cannot be judged",
	  "les tiers ne sont pas déclarés (subcontractors) : le registre d'informations ne peut "
	  "être jugé"),
	M("dora.sc.no_law", "no law of the catalogue (to assess by hand)",
	  "aucune loi du catalogue (à apprécier à la main)"),
	M("dora.sc.none_outside", "no declared or observed supplier is controlled outside {set}",
	  "aucun fournisseur déclaré ou observé n'est contrôlé hors {set}"),
	M("dora.sc.none_outside_declared",
	  "no declared supplier is controlled outside {set} (declarations only: no evidence was "
	  "collected)",
	  "aucun fournisseur déclaré n'est contrôlé hors {set} (déclarations seules : aucune "
	  "preuve n'a été collectée)"),
	M("dora.sc.not_assessed", "the residual-risk register was not assessed",
	  "le registre des risques résiduels n'a pas été évalué"),
	M("dora.sc.treated",
	  "{party}, controlled {country|in} outside {set}, within reach of {laws}: its residual "
	  "risk {id} ({score}) was assessed — {decision}, by {by} on {date}",
	  "{party}, contrôlé {country|in} hors {set}, à la portée de {laws} : son risque "
	  "résiduel {id} ({score}) a été apprécié — {decision}, par {by} le {date}"),
	M("dora.sc.unknown",
	  "who ultimately controls {party}, observed on a data path ({path}), is not known: its "
	  "exposure cannot be assessed",
	  "on ne sait pas qui contrôle en dernier ressort {party}, observé sur un chemin de "
	  "données ({path}) : son exposition ne peut être appréciée"),
	M("dora.sc.untreated",
	  "{party}, controlled {country|in} outside {set}, within reach of {laws}: its residual "
	  "risk {id} ({score}) has no recorded treatment (risk_treatments)",
	  "{party}, contrôlé {country|in} hors {set}, à la portée de {laws} : son risque "
	  "résiduel {id} ({score}) n'a aucun traitement enregistré (risk_treatments)"),
	M("energy.pue_over",
	  "PUE {pue}{year}, above the limit of {max}",
	  "PUE de {pue}{year}, au-dessus de la limite de {max}"),
	M("energy.pue_undeclared",
	  "the PUE is not declared (sovereignty.energy.pue); the limit is {max}",
	  "le PUE n'est pas déclaré (sovereignty.energy.pue) ; la limite est de {max}"),
	M("energy.pue_within",
	  "PUE {pue}{year}, within the limit of {max}",
	  "PUE de {pue}{year}, dans la limite de {max}"),
	M("energy.renewable_undeclared",
	  "the renewable share is not declared (sovereignty.energy.renewable_share); the "
	  "minimum is {min} %",
	  "la part d'énergie renouvelable n'est pas déclarée "
	  "(sovereignty.energy.renewable_share) ; le minimum est de {min} %"),
	M("energy.renewable_under",
	  "renewable energy {share} %{year}, below the minimum of {min} %",
	  "énergie renouvelable : {share} %{year}, sous le minimum de {min} %"),
	M("energy.renewable_within",
	  "renewable energy {share} %{year}, at least the minimum of {min} %",
	  "énergie renouvelable : {share} %{year}, au moins le minimum de {min} %"),
	M("energy.undeclared",
	  "energy figures are not declared (sovereignty.energy)",
	  "les chiffres énergétiques ne sont pas déclarés (sovereignty.energy)"),
	M("energy.year",
	  " in {year}",
	  " en {year}"),
	M("ep.none_data", "no endpoint is declared with {data} data",
	  "aucun point d'accès n'est déclaré avec des données {data}"),
	M("ep.none_data_role", "no endpoint is declared with {data} data or role {roles}",
	  "aucun point d'accès n'est déclaré avec des données {data} ou le rôle {roles}"),
	M("ep.none_tls", "no endpoint is declared with TLS",
	  "aucun point d'accès n'est déclaré avec TLS"),
	M("ep.undeclared",
	  "the service's endpoints are not declared (endpoints): what runs where cannot be observed",
	  "les points d'accès du service ne sont pas déclarés (endpoints) : ce qui s'exécute où ne "
	  "peut être observé"),
	M("geo.settled",
	  "{by|cc} from {by_db} (/{by_len}) over {against|cc} from {against_db} (/{against_len})",
	  "{by} d'après {by_db} (/{by_len}) plutôt que {against} d'après {against_db} "
	  "(/{against_len})"),
	M("gov.in_set", "link with a public body of {country} ({set}): {description}",
	  "lien avec un organisme public du pays {country} ({set}) : {description}"),
	M("gov.none", "no link with a government or public body is declared",
	  "aucun lien avec un gouvernement ou un organisme public n'est déclaré"),
	M("gov.outside_set", "link with a public body of {country}, outside {set}: {description}",
	  "lien avec un organisme public du pays {country}, hors {set} : {description}"),
	M("gov.undeclared",
	  "links with governments or public bodies are not declared (provider.government_links; "
	  "write [] for none)",
	  "les liens avec des gouvernements ou des organismes publics ne sont pas déclarés "
	  "(provider.government_links ; écrire [] s'il n'y en a aucun)"),
	M("hw.aspect_undeclared",
	  "{aspect}: the countries are not declared (sovereignty.hardware)",
	  "{aspect} : les pays ne sont pas déclarés (sovereignty.hardware)"),
	M("hw.in_set",
	  "{aspect}: {countries} ({set})",
	  "{aspect} : {countries} ({set})"),
	M("hw.outside_set",
	  "{aspect}: {countries}, outside {set}",
	  "{aspect} : {countries}, hors {set}"),
	M("hw.undeclared",
	  "the hardware's countries are not declared (sovereignty.hardware: {aspects})",
	  "les pays du matériel ne sont pas déclarés (sovereignty.hardware : {aspects})"),
	M("ip.anycast", "anycast", "anycast"),
	M("ip.as", "{location}, {as}", "{location}, {as}"),
	M("ip.as_op", "{location}, {as} {operator}", "{location}, {as} {operator}"),
	M("ip.controlled", "controlled by {controller} ({country|cc})",
	  "contrôlée par {controller} ({country})"),
	M("ip.describe", "{ip} ({facts})", "{ip} ({facts})"),
	M("ip.location", "{country|cc}", "{country}"),
	M("ip.location_unknown", "location unknown", "localisation inconnue"),
	M("ip.op", "{location} {operator}", "{location} {operator}"),
	M("ip.settled", "{location}: the more specific data decides, {how}",
	  "{location} : la donnée la plus précise l'emporte, {how}"),
	M("keys.all",
	  "no declared subcontractor holds customer data, and only the customer holds the "
	  "keys to it (mitigation {by} for every party)",
	  "aucun sous-traitant déclaré ne détient de données des clients, et seul le "
	  "client en détient les clés (mesure {by} pour toute partie)"),
	M("keys.covered",
	  "{name}{lvl} holds customer data ({paths} access) as ciphertext only: the "
	  "customer holds the keys ({by})",
	  "{name}{lvl} ne détient les données des clients (accès {paths}) que chiffrées : "
	  "le client en détient les clés ({by})"),
	M("keys.provider_only",
	  "no declared subcontractor holds customer data; whether the provider itself can "
	  "read it is not declared (a customer-held-keys mitigation for \"*\" would say "
	  "it cannot)",
	  "aucun sous-traitant déclaré ne détient de données des clients ; rien ne dit si "
	  "le fournisseur lui-même peut les lire (une mesure customer-held-keys pour « * "
	  "» dirait qu'il ne le peut pas)"),
	M("keys.subs_undeclared",
	  "subcontractors are not declared: who holds the customer data is unknown",
	  "les sous-traitants ne sont pas déclarés : on ignore qui détient les données "
	  "des clients"),
	M("keys.uncovered",
	  "{name}{lvl} holds customer data ({paths} access) and no customer-held-keys "
	  "mitigation names it: it can read the data",
	  "{name}{lvl} détient des données des clients (accès {paths}) et aucune mesure "
	  "customer-held-keys ne le nomme : il peut lire les données"),
	M("loc.all_in",
	  "every address of {host} ({role} {data} endpoint) is in {set}: {addresses}",
	  "toutes les adresses de {host} (point d'accès {role}, données {data}) sont dans l'{set} : "
	  "{addresses}"),
	M("loc.all_in_controlled",
	  "every address of {host} ({role} {data} endpoint) is in {set} and controlled from it: "
	  "{addresses}",
	  "toutes les adresses de {host} (point d'accès {role}, données {data}) sont dans l'{set} et "
	  "contrôlées depuis l'{set} : {addresses}"),
	M("loc.anycast", "{ip} is anycast: it has no single location",
	  "{ip} est anycast : elle n'a pas de localisation unique"),
	M("loc.conflict",
	  "the geolocation databases disagree on {ip}, none more specific than the other "
	  "({sources})",
	  "les bases de géolocalisation divergent sur {ip}, aucune n'étant plus précise que "
	  "l'autre ({sources})"),
	M("loc.controlled_from", "{ip} is operated by {operator}, controlled from {country}",
	  "{ip} est exploitée par {operator}, contrôlé depuis le pays {country}"),
	M("loc.controlled_unknown_country",
	  "{ip} is operated by {operator}, controlled from an unknown country",
	  "{ip} est exploitée par {operator}, contrôlé depuis un pays inconnu"),
	M("loc.controller_unknown", "the controller of {ip} is unknown",
	  "le contrôleur de {ip} est inconnu"),
	M("loc.controller_unknown_op", "the controller of {ip} is unknown (operator: {operator})",
	  "le contrôleur de {ip} est inconnu (opérateur : {operator})"),
	M("loc.dns_partial", "the DNS evidence is partial: {partial}",
	  "les preuves DNS sont partielles : {partial}"),
	M("loc.endpoint", "{host} ({role} {data} endpoint): {why} — addresses: {addresses}",
	  "{host} (point d'accès {role}, données {data}) : {why} — adresses : {addresses}"),
	M("loc.held_out",
	  "{ip} is operated by {operator}, controlled by {controller} in {country}, itself held from "
	  "outside {set}: {holders}",
	  "{ip} est exploitée par {operator}, contrôlé par {controller} {country|in}, lui-même détenu "
	  "depuis un pays hors {set} : {holders}"),
	M("loc.held_out_self",
	  "{ip} is operated by {operator}, seated in {country}, held from outside {set}: {holders}",
	  "{ip} est exploitée par {operator}, établi {country|in}, détenu depuis un pays hors "
	  "{set} : {holders}"),
	M("loc.held_unknown",
	  "{ip} is operated by {operator}, controlled by {controller} in {country} ({set}), but {why}",
	  "{ip} est exploitée par {operator}, contrôlé par {controller} {country|in} ({set}), mais "
	  "{why}"),
	M("loc.held_unknown_self",
	  "{ip} is operated by {operator}, seated in {country} ({set}), but {why}",
	  "{ip} est exploitée par {operator}, établi {country|in} ({set}), mais {why}"),
	M("loc.not_resolved", "not resolved", "non résolu"),
	M("loc.outside", "{ip} is located in {country}, outside {set}",
	  "{ip} est située {country|in}, hors {set}"),
	M("loc.unknown", "no geolocation database knows {ip}",
	  "aucune base de géolocalisation ne connaît {ip}"),
	M("loc.unresolved", "the addresses of {host} are not known: {problem}",
	  "les adresses de {host} ne sont pas connues : {problem}"),
	M("missing.admin",
	  "not collected: judging where these endpoints' addresses are and who operates them needs "
	  "DNS evidence, and {why}",
	  "non collecté : juger où se trouvent les adresses de ces points d'accès et qui les "
	  "exploite exige des preuves DNS, or {why}"),
	M("missing.ca",
	  "not collected: judging the owner of the CA behind each TLS endpoint's certificate needs "
	  "its chain, and {why}",
	  "non collecté : juger le propriétaire de l'AC derrière le certificat de chaque point "
	  "d'accès TLS exige sa chaîne, or {why}"),
	M("missing.control",
	  "not collected: judging who ultimately controls each operator on a data path needs DNS "
	  "evidence, and {why}",
	  "non collecté : juger qui contrôle en dernier ressort chaque opérateur d'un chemin de "
	  "données exige des preuves DNS, or {why}"),
	M("missing.location",
	  "not collected: judging where these endpoints' addresses are needs DNS evidence, and "
	  "{why}",
	  "non collecté : juger où se trouvent les adresses de ces points d'accès exige des preuves "
	  "DNS, or {why}"),
	M("missing.no_dns", "no DNS source was asked", "aucune source DNS n'a été interrogée"),
	M("missing.no_handshake", "no TLS handshake could be made",
	  "aucune négociation TLS n'a pu être menée"),
	M("missing.nothing", "no evidence was collected", "aucune preuve n'a été collectée"),
	M("missing.offline_chains",
	  "the run was --offline and named no certificate chains (--chains, sources.chains)",
	  "l'exécution était --offline et ne désignait aucune chaîne de certificats (--chains, "
	  "sources.chains)"),
	M("missing.offline_zones",
	  "the run was --offline and named no zone files (--zone, sources.zones)",
	  "l'exécution était --offline et ne désignait aucun fichier de zone (--zone, "
	  "sources.zones)"),
	M("missing.third_parties",
	  "not collected: finding the operators nobody declared needs DNS or TLS evidence, and "
	  "{why}",
	  "non collecté : trouver les opérateurs que personne n'a déclarés exige des preuves DNS ou "
	  "TLS, or {why}"),
	M("mit.ref", "{id} ({kind})", "{id} ({kind})"),
	M("outside.undeclared",
	  "{finding} — an outside-in review sees no declaration of the supplier's: unknown, "
	  "not a failure of the supplier",
	  "{finding} — une revue de l'extérieur ne voit aucune déclaration du fournisseur : "
	  "indéterminé, et non un manquement du fournisseur"),
	M("pub.in_set",
	  "{name}, named by the supplier's published records, is controlled from {country} by "
	  "{controller} ({set}): {path}",
	  "{name}, nommé par les enregistrements publiés du fournisseur, est contrôlé depuis le "
	  "pays {country} par {controller} ({set}) : {path}"),
	M("pub.none",
	  "the domains' published records (SPF, DMARC, CAA, verification tokens, mail services) "
	  "name no third party",
	  "les enregistrements publiés des domaines (SPF, DMARC, CAA, jetons de vérification, "
	  "services de messagerie) ne nomment aucun tiers"),
	M("pub.not_collected",
	  "what the domains publish (SPF, DMARC, CAA, verification tokens) was not collected "
	  "('sovcheck probe' collects it)",
	  "ce que publient les domaines (SPF, DMARC, CAA, jetons de vérification) n'a pas été "
	  "collecté ('sovcheck probe' le collecte)"),
	M("pub.outside",
	  "{name}, named by the supplier's published records, is controlled from {country} by "
	  "{controller} (outside {set}): the laws of that country reach what it does for the "
	  "supplier — {path}",
	  "{name}, nommé par les enregistrements publiés du fournisseur, est contrôlé depuis le "
	  "pays {country} par {controller} (hors {set}) : les lois de ce pays atteignent ce qu'il "
	  "fait pour le fournisseur — {path}"),
	M("pub.spf_bad_address",
	  "not an address of its family (RFC 7208 section 5.6)",
	  "ce n'est pas une adresse de sa famille (RFC 7208, section 5.6)"),
	M("pub.spf_bad_prefix",
	  "its prefix length is not 0 to 32 for ip4, 0 to 128 for ip6 (RFC 7208 section 5.6)",
	  "sa longueur de préfixe n'est pas de 0 à 32 pour ip4, de 0 à 128 pour ip6 "
	  "(RFC 7208, section 5.6)"),
	M("pub.spf_ignored",
	  "{term}, in the SPF record of {name}, is ignored: {why}",
	  "{term}, dans l'enregistrement SPF de {name}, est ignoré : {why}"),
	M("pub.spf_more",
	  "the SPF record of {name} has {n} more ip4/ip6 mechanisms than the {max} read: they are "
	  "ignored",
	  "l'enregistrement SPF de {name} a {n} mécanismes ip4/ip6 de plus que les {max} lus : ils "
	  "sont ignorés"),
	M("pub.spf_wide",
	  "{name}, a network the supplier's SPF record allows to send its mail, is wider than "
	  "/{max}: no one operator's network, who sends from it cannot be known — {path}",
	  "{name}, un réseau que l'enregistrement SPF du fournisseur autorise à envoyer son "
	  "courrier, est plus large qu'un /{max} : ce n'est le réseau d'aucun opérateur, on ne "
	  "peut savoir qui en envoie — {path}"),
	M("pub.unknown_controller",
	  "{name}, named by the supplier's published records, has no known ultimate controller "
	  "(the registry's parent chain is broken): {path}",
	  "{name}, nommé par les enregistrements publiés du fournisseur, n'a pas de contrôleur "
	  "ultime connu (la chaîne des maisons mères du référentiel est rompue) : {path}"),
	M("pub.unknown_service",
	  "{name} is named by the supplier's published records but the registry does not know "
	  "who runs it: {path}",
	  "{name} est nommé par les enregistrements publiés du fournisseur mais le référentiel ne "
	  "sait pas qui l'exploite : {path}"),
	M("risk.anycast",
	  "anycast network controlled from {country|cc}: traffic is served from points of presence "
	  "worldwide and may transit outside the EU",
	  "réseau anycast contrôlé depuis le pays {country} : le trafic est servi par des points de "
	  "présence dans le monde entier et peut transiter hors de l'UE"),
	M("risk.basis", "{parts}", "{parts}"),
	M("risk.controls_provider",
	  "controls the provider (majority of the votes)",
	  "contrôle le fournisseur (majorité des droits de vote)"),
	M("risk.gov_link",
	  "declared link between the provider and a public body",
	  "lien déclaré entre le fournisseur et un organisme public"),
	M("risk.holder", "{parts}", "{parts}"),
	M("risk.holder_controlled", "itself controlled by {origin} ({country|cc})",
	  "lui-même contrôlé par {origin} ({country})"),
	M("risk.holder_through", "{origin}, through {holder}",
	  "{origin}, par l'intermédiaire de {holder}"),
	M("risk.lik.default",
	  "no law of {country|cc} in the catalogue reaches this nexus: default 2, to assess by hand",
	  "aucune loi du pays {country} au catalogue n'atteint ce lien : 2 par défaut, à évaluer "
	  "manuellement"),
	M("risk.lik.law", "{law} {n}", "{law} {n}"),
	M("risk.lik.laws", "{laws}: highest {max}", "{laws} : la plus élevée {max}"),
	M("risk.lik.minority",
	  "-{n} (a minority holder reaches data only through its influence)",
	  "-{n} (un actionnaire minoritaire n'atteint les données que par son influence)"),
	M("risk.lik.minority_seats",
	  "-{n} (a minority holder with board seats or a veto reaches data only through its "
	  "influence)",
	  "-{n} (un actionnaire minoritaire doté de sièges au conseil ou d'un veto n'atteint les "
	  "données que par son influence)"),
	M("risk.located",
	  "addresses located in {country|cc}",
	  "adresses situées {country|in}"),
	M("risk.mit.lowers", "-{n} ({id}, {kind})", "-{n} ({id}, {kind})"),
	M("risk.mit.no_effect",
	  "{id} ({kind}): no effect on this access path",
	  "{id} ({kind}) : sans effet sur cette voie d'accès"),
	M("risk.mit.no_kind",
	  "{id} ({kind}): no effect on any risk",
	  "{id} ({kind}) : sans effet sur aucun risque"),
	M("risk.mit.nothing",
	  "{id} ({kind}): lowers nothing",
	  "{id} ({kind}) : ne réduit rien"),
	M("risk.observed_controlled",
	  "observed operator controlled by {controller} ({country|cc})",
	  "opérateur observé contrôlé par {controller} ({country})"),
	M("risk.observed_held",
	  "observed operator controlled by {controller} ({seat|cc}), held from {country|cc} by "
	  "{holder}",
	  "opérateur observé contrôlé par {controller} ({seat}), détenu depuis le pays {country} "
	  "par {holder}"),
	M("risk.observed_held_self",
	  "observed operator seated in {seat|cc}, held from {country|cc} by {holder}",
	  "opérateur observé dont le siège est {seat|in}, détenu depuis le pays {country} par "
	  "{holder}"),
	M("risk.observed_seated",
	  "observed operator seated in {country|cc}",
	  "opérateur observé dont le siège est {country|in}"),
	M("risk.parts", "{parts}", "{parts}"),
	M("risk.public_body", "public body of {country|cc}", "organisme public du pays {country}"),
	M("risk.registry_holder",
	  "recorded by the registry as a holder of {entity} ({country|cc}), not declared "
	  "({source})",
	  "détenteur de {entity} selon le registre ({country}), non déclaré ({source})"),
	M("risk.registry_holder_elsewhere",
	  "recorded by the registry outside the EU, where the declaration places it in "
	  "{country|cc} as a holder of {entity} ({source})",
	  "recensé par le registre hors de l'UE, là où la déclaration le place dans le pays "
	  "{country} comme détenteur de {entity} ({source})"),
	M("risk.registry_holder_unshown",
	  "the registry records it as controlling {holder} ({country|cc}), which the declaration "
	  "gives as a holder of {entity} from inside the EU ({source})",
	  "le registre le donne comme contrôlant {holder} ({country}), que la déclaration présente "
	  "comme détenteur de {entity} depuis l'UE ({source})"),
	M("risk.sev", "{class}", "{class}"),
	M("risk.shareholder",
	  "shareholder seated in {country|cc}: {capital} % of the capital, {voting} % of the voting "
	  "rights",
	  "actionnaire dont le siège est {country|in} : {capital} % du capital, {voting} % des droits "
	  "de vote"),
	M("risk.shareholder.seats",
	  "appoints {n} board {n|seat|seats}",
	  "nomme {n} {n|siège|sièges} au conseil"),
	M("risk.shareholder.through", "through {via}", "par {via}"),
	M("risk.shareholder.veto", "veto right", "droit de veto"),
	M("risk.shareholder.via", "{first} {through}", "{first} {through}"),
	M("risk.site", "declared data site in {country|cc}",
	  "site de données déclaré {country|in}"),
	M("risk.sub_controlled",
	  "declared subcontractor controlled by {parent} ({country|cc})",
	  "sous-traitant déclaré contrôlé par {parent} ({country})"),
	M("risk.sub_controlled_parent",
	  "declared subcontractor controlled by its parent ({country|cc})",
	  "sous-traitant déclaré contrôlé par sa maison mère ({country})"),
	M("risk.sub_registry_controlled",
	  "declared subcontractor the registry records as controlled by {controller} "
	  "({country|cc})",
	  "sous-traitant déclaré que le référentiel des entités dit contrôlé par {controller} "
	  "({country})"),
	M("risk.sub_registry_held",
	  "declared subcontractor the registry records as controlled by {controller}, held from "
	  "{country|cc} by {holder}",
	  "sous-traitant déclaré que le référentiel des entités dit contrôlé par {controller}, "
	  "détenu depuis le pays {country} par {holder}"),
	M("risk.sub_seated",
	  "declared subcontractor seated in {country|cc}",
	  "sous-traitant déclaré dont le siège est {country|in}"),
	M("risk.support",
	  "support given from {country|cc} (§19.2.e)",
	  "support assuré depuis le pays {country} (§19.2.e)"),
	M("risk.support_staff", "support staff in {country|cc}",
	  "personnel de support {country|in}"),
	M("seal.assessed_met",
	  "{factor} is met, as assessed by {by} on {date}: {evidence}",
	  "{factor} est satisfait, selon l'évaluation de {by} du {date} : {evidence}"),
	M("seal.assessed_not_met",
	  "{factor} is not met, as assessed by {by} on {date}: {evidence}",
	  "{factor} n'est pas satisfait, selon l'évaluation de {by} du {date} : "
	  "{evidence}"),
	M("seal.assessment_future",
	  "the assessment of {factor} by {by} is dated {date}, after the evaluation date "
	  "{today}: it does not count, and the objective cannot be shown to reach "
	  "SEAL-{seal} without it ({evidence})",
	  "l'évaluation de {factor} par {by} est datée du {date}, après la date "
	  "d'évaluation du {today} : elle ne compte pas, et l'objectif ne peut être "
	  "montré au niveau SEAL-{seal} sans elle ({evidence})"),
	M("seal.assessment_stale",
	  "the assessment of {factor} by {by} on {date} is more than {months} months old "
	  "(it stood until {until}): it does not count, and the objective cannot be shown "
	  "to reach SEAL-{seal} without a new one ({evidence})",
	  "l'évaluation de {factor} par {by} du {date} date de plus de {months} mois "
	  "(elle valait jusqu'au {until}) : elle ne compte pas, et l'objectif ne peut "
	  "être montré au niveau SEAL-{seal} sans une nouvelle évaluation ({evidence})"),
	M("seal.unseen",
	  "nothing sovcheck collects or reads decides {factor}: it stays unknown, and the "
	  "objective cannot be shown to reach SEAL-{seal} without it",
	  "rien de ce que sovcheck collecte ou lit ne décide {factor} : le facteur reste "
	  "inconnu, et l'objectif ne peut être montré au niveau SEAL-{seal} sans lui"),
	M("seat.in_set", "{what} in {country} ({set})", "{what} : {country} ({set})"),
	M("seat.no_source", "no source", "aucune source"),
	M("seat.outside_set", "{what} in {country}, outside {set}",
	  "{what} : {country}, hors {set}"),
	M("seat.registry_in",
	  "{what} in {country}, in {set} — from the registry ({entity}, {source}): the manifest "
	  "does not declare it",
	  "{what} : {country}, dans l'{set} — d'après le référentiel ({entity}, {source}) : le "
	  "manifeste ne le déclare pas"),
	M("seat.registry_outside",
	  "{what} in {country}, outside {set} — from the registry ({entity}, {source}): the "
	  "manifest does not declare it",
	  "{what} : {country}, hors {set} — d'après le référentiel ({entity}, {source}) : le "
	  "manifeste ne le déclare pas"),
	M("seat.undeclared", "the provider's {what} is not declared",
	  "{what} du fournisseur : non déclaré"),
	M("sh.assumed", "; where capital or voting was not declared, the other was used",
	  " ; là où le capital ou les droits de vote n'étaient pas déclarés, l'autre valeur a été "
	  "retenue"),
	M("sh.collective_over",
	  "holders outside {set} together hold {capital} % of the capital and {voting} % of the "
	  "voting rights, directly or indirectly: more than the collective cap of {max} % ({n} "
	  "{n|holder|holders} examined at every level){float}{decides}",
	  "les actionnaires hors {set} détiennent ensemble {capital} % du capital et {voting} % des "
	  "droits de vote, directement ou indirectement : au-delà du plafond collectif de {max} % "
	  "({n} {n|actionnaire examiné|actionnaires examinés} à tous les niveaux){float}{decides}"),
	M("sh.collective_within",
	  "holders outside {set} together hold {capital} % of the capital and {voting} % of the "
	  "voting rights, directly or indirectly: within the collective cap of {max} % ({n} "
	  "{n|holder|holders} examined at every level){float}{decides}",
	  "les actionnaires hors {set} détiennent ensemble {capital} % du capital et {voting} % des "
	  "droits de vote, directement ou indirectement : dans la limite du plafond collectif de "
	  "{max} % ({n} {n|actionnaire examiné|actionnaires examinés} à tous les niveaux){float}"
	  "{decides}"),
	M("sh.float_decides",
	  ". Who holds the float decides: known only from the holdings declared to the market "
	  "authority (L.233-7)",
	  ". Les détenteurs du flottant décident : on ne les connaît que par les participations "
	  "déclarées à l'autorité des marchés (L.233-7)"),
	M("sh.float_over",
	  "; with the free float ({floats}) counted outside {set}, the worst case is {capital} % of "
	  "the capital and {voting} % of the voting rights: more than the cap (float holders are "
	  "each below the 5 % declaration threshold, so the individual cap is not at stake)",
	  " ; en comptant le flottant ({floats}) hors {set}, le pire cas est de {capital} % du "
	  "capital et {voting} % des droits de vote : au-delà du plafond (chaque détenteur du "
	  "flottant est sous le seuil de déclaration de 5 %, le plafond individuel n'est donc pas "
	  "en jeu)"),
	M("sh.float_within",
	  "; with the free float ({floats}) counted outside {set}, the worst case is {capital} % of "
	  "the capital and {voting} % of the voting rights: within the cap (float holders are "
	  "each below the 5 % declaration threshold, so the individual cap is not at stake)",
	  " ; en comptant le flottant ({floats}) hors {set}, le pire cas est de {capital} % du "
	  "capital et {voting} % des droits de vote : dans la limite du plafond (chaque détenteur "
	  "du flottant est sous le seuil de déclaration de 5 %, le plafond individuel n'est donc "
	  "pas en jeu)"),
	M("sh.holders_unknown",
	  "{name}{via} ({country}, {stake} %) is a company whose own holders are neither declared "
	  "(shareholders) nor settled by the registry: where it is held from cannot be judged, and "
	  "its stake is above the individual cap of {max} % for a holder outside {set}",
	  "{name}{via} ({country}, {stake} %) est une société dont les propres détenteurs ne sont ni "
	  "déclarés (shareholders) ni établis par le référentiel des entités : on ne peut dire "
	  "d'où elle est détenue, et sa part dépasse le plafond individuel de {max} % pour un "
	  "détenteur hors {set}"),
	M("sh.individual_over",
	  "{name} ({country|cc}, outside {set}) holds {capital} % of the capital and {voting} % of "
	  "the voting rights, directly or indirectly{readings}: more than the individual cap of "
	  "{max} %{assumed}",
	  "{name} ({country}, hors {set}) détient {capital} % du capital et {voting} % des droits "
	  "de vote, directement ou indirectement{readings} : au-delà du plafond individuel de "
	  "{max} %{assumed}"),
	M("sh.individual_within",
	  "{name} ({country|cc}, outside {set}) holds {capital} % of the capital and {voting} % of "
	  "the voting rights, directly or indirectly{readings}: within the individual cap of "
	  "{max} %{assumed}",
	  "{name} ({country}, hors {set}) détient {capital} % du capital et {voting} % des droits "
	  "de vote, directement ou indirectement{readings} : dans la limite du plafond individuel "
	  "de {max} %{assumed}"),
	M("sh.readings",
	  " (the stricter of the multiplicative reading, {cap_m} % / {vot_m} %, and the "
	  "control-based reading, {cap_c} % / {vot_c} %)",
	  " (la plus stricte de la lecture multiplicative, {cap_m} % / {vot_m} %, et de la lecture "
	  "par le contrôle, {cap_c} % / {vot_c} %)"),
	M("sh.registry_contradicts",
	  "{entity}, the provider as the registry knows it, is held by {holder} ({source}), whom "
	  "the declared shareholders do not name; they name no holder outside {set}, and this one "
	  "controls it or holds more than the {max} % cap: the evidence contradicts the declaration",
	  "{entity}, le fournisseur tel que le registre le connaît, est détenu par {holder} "
	  "({source}), que les actionnaires déclarés ne nomment pas ; ils ne nomment aucun "
	  "détenteur hors {set}, et celui-ci le contrôle ou dépasse le plafond de {max} % : les "
	  "preuves contredisent la déclaration"),
	M("sh.registry_seat_contradicts",
	  "{holder}, declared as a shareholder of {entity} seated in {country}, is recorded by the "
	  "registry in {origin_country} ({source}); the declaration names no holder outside {set} "
	  "among those of {holder}, which it declares above the {max} % cap: the evidence "
	  "contradicts the declaration",
	  "{holder}, déclaré actionnaire de {entity} et établi {country|in}, est recensé par le "
	  "registre dans le pays {origin_country} ({source}) ; la déclaration ne nomme aucun "
	  "détenteur hors {set} parmi ceux de {holder}, qu'elle déclare au-delà du plafond de {max} % : "
	  "les preuves contredisent la déclaration"),
	M("sh.registry_seat_unshown",
	  "{holder}, declared as a shareholder of {entity} seated in {country}, is recorded by the "
	  "registry in {origin_country} ({source}), outside {set}, which the declaration does not "
	  "show: the declaration has to account for it (the {max} % cap)",
	  "{holder}, déclaré actionnaire de {entity} et établi {country|in}, est recensé par le "
	  "registre dans le pays {origin_country} ({source}), hors {set}, ce que la déclaration ne "
	  "montre pas : elle doit en rendre compte (plafond de {max} %)"),
	M("sh.registry_unnamed",
	  "{entity}, the provider as the registry knows it, is held by {holder} ({source}), whom "
	  "the declared shareholders do not name: the declaration has to account for this holder "
	  "outside {set} (the {max} % cap)",
	  "{entity}, le fournisseur tel que le registre le connaît, est détenu par {holder} "
	  "({source}), que les actionnaires déclarés ne nomment pas : la déclaration doit rendre "
	  "compte de ce détenteur hors {set} (plafond de {max} %)"),
	M("sh.registry_via_contradicts",
	  "{holder}, declared as a shareholder of {entity} seated in {country}, is recorded by the "
	  "registry as controlled by {origin} ({origin_country}) ({source}); the declaration names "
	  "no holder outside {set} beneath {holder}, which it declares above the {max} % cap: the "
	  "evidence contradicts the declaration",
	  "{holder}, déclaré actionnaire de {entity} et établi {country|in}, est contrôlé selon le "
	  "registre par {origin} ({origin_country}) ({source}) ; la déclaration ne nomme aucun "
	  "détenteur hors {set} parmi ceux de {holder}, qu'elle déclare au-delà du plafond de {max} % : "
	  "les preuves contredisent la déclaration"),
	M("sh.registry_via_unshown",
	  "{holder}, declared as a shareholder of {entity} seated in {country}, is recorded by the "
	  "registry as controlled by {origin} ({origin_country}) ({source}), a control from outside "
	  "{set} that the declared holders of {holder} do not show: the declaration has to account "
	  "for it (the {max} % cap)",
	  "{holder}, déclaré actionnaire de {entity} et établi {country|in}, est contrôlé selon le "
	  "registre par {origin} ({origin_country}) ({source}), un contrôle exercé hors {set} que "
	  "les détenteurs déclarés de {holder} ne montrent pas : la déclaration doit en rendre "
	  "compte (plafond de {max} %)"),
	M("sh.seats_majority",
	  "holders outside {set} appoint {n} of {total} board seats ({who}): a majority",
	  "des actionnaires hors {set} nomment {n} des {total} sièges du conseil ({who}) : une "
	  "majorité"),
	M("sh.seats_minority",
	  "holders outside {set} appoint {n} of {total} board seats ({who}): not a majority",
	  "des actionnaires hors {set} nomment {n} des {total} sièges du conseil ({who}) : pas une "
	  "majorité"),
	M("sh.seats_unknown",
	  "holders outside {set} appoint {n} {n|seat|seats} ({who}) but the board size is not "
	  "declared (provider.board_seats)",
	  "des actionnaires hors {set} nomment {n} {n|siège|sièges} ({who}) mais la taille du "
	  "conseil n'est pas déclarée (provider.board_seats)"),
	M("sh.undeclared",
	  "the provider's shareholders are not declared: the 24 % / 39 % caps cannot be checked",
	  "les actionnaires du fournisseur ne sont pas déclarés : les plafonds de 24 % / 39 % ne "
	  "peuvent être vérifiés"),
	M("sh.veto_controlled",
	  "{name} has a veto right and is controlled from outside {set} ({by}): a non-EU veto is "
	  "not allowed",
	  "{name} dispose d'un droit de veto et est contrôlé depuis l'extérieur de l'{set} ({by}) : "
	  "un veto hors UE n'est pas admis"),
	M("sh.veto_seated",
	  "{name} has a veto right and is seated outside {set} ({country|cc}): a non-EU veto is not "
	  "allowed",
	  "{name} dispose d'un droit de veto et est établi hors {set} ({country}) : un veto hors UE "
	  "n'est pas admis"),
	M("sh.via", " (through {path})", " (par {path})"),
	M("signoff.all_decided",
	  "{by} accepted the residual risks on {date}; each of the {n} {n|risk|risks} of the "
	  "register had a recorded decision on or before that date (the document's register "
	  "digest, {digest}, may be recorded as sign_off.register)",
	  "{by} a accepté les risques résiduels le {date} ; chacun des risques du registre ({n}) "
	  "avait une décision enregistrée à cette date ou avant (l'empreinte du registre du "
	  "document, {digest}, peut être enregistrée dans sign_off.register)"),
	M("signoff.fresh",
	  "reviewed and accepted on {date}; next review due by {due}",
	  "revu et accepté le {date} ; prochaine revue au plus tard le {due}"),
	M("signoff.fresh_no_due",
	  "reviewed and accepted on {date}; next review due by after 9999-12-31",
	  "revu et accepté le {date} ; prochaine revue après le 9999-12-31"),
	M("signoff.future",
	  "the sign-off is dated {date}, after the evaluation date {today}",
	  "l'acceptation est datée du {date}, après la date d'évaluation ({today})"),
	M("signoff.future_register",
	  "the sign-off is dated {date}, after the evaluation date {today}: an acceptance cannot "
	  "come before the register it accepts",
	  "l'acceptation est datée du {date}, après la date d'évaluation ({today}) : une "
	  "acceptation ne peut précéder le registre qu'elle accepte"),
	M("signoff.missing",
	  "no sign_off: management's formal acceptance of the residual risks is not recorded "
	  "(sign_off.accepted_by, sign_off.date)",
	  "aucun sign_off : l'acceptation formelle des risques résiduels par la direction n'est "
	  "pas enregistrée (sign_off.accepted_by, sign_off.date)"),
	M("signoff.no_review",
	  "no dated sign-off: the annual review of the risk assessment is not evidenced",
	  "aucune acceptation datée : la revue annuelle de l'appréciation des risques n'est pas "
	  "démontrée"),
	M("signoff.not_assessed",
	  "the residual-risk register was not assessed: what the sign-off covers cannot be judged",
	  "le registre des risques résiduels n'a pas été évalué : ce que couvre l'acceptation ne "
	  "peut être jugé"),
	M("signoff.overdue",
	  "the last review ({date}) is older than {months} months: it was due again on {due}",
	  "la dernière revue ({date}) date de plus de {months} mois : la suivante était due le "
	  "{due}"),
	M("signoff.present", "residual risks accepted by {by} on {date}",
	  "risques résiduels acceptés par {by} le {date}"),
	M("signoff.register_current",
	  "{by} accepted the residual risks on {date}, and the register accepted "
	  "(sign_off.register {accepted}) is the current one ({n} {n|risk|risks})",
	  "{by} a accepté les risques résiduels le {date}, et le registre accepté "
	  "(sign_off.register {accepted}) est le registre actuel ({n} {n|risque|risques})"),
	M("signoff.register_stale",
	  "stale acceptance: {by} accepted the register {accepted} on {date}, but the register is "
	  "now {digest} — it changed since (a risk appeared, went or was re-rated); the new "
	  "register must be accepted",
	  "acceptation périmée : {by} a accepté le registre {accepted} le {date}, mais le registre "
	  "est désormais {digest} — il a changé depuis (un risque est apparu, a disparu ou a été "
	  "réévalué) ; le nouveau registre doit être accepté"),
	M("signoff.undecided",
	  "{n} {n|risk|risks} of the register had no recorded decision at the sign-off of {date}: "
	  "{ids} — the sign-off cannot accept what was not decided (record a treatment dated on or "
	  "before the sign-off, or a new sign-off with sign_off.register {digest})",
	  "{n} {n|risque|risques} du registre {n|n'avait|n'avaient} aucune décision enregistrée "
	  "lors de l'acceptation du {date} : {ids} — l'acceptation ne peut porter sur ce qui n'a "
	  "pas été décidé (enregistrer un traitement daté au plus tard de l'acceptation, ou une "
	  "nouvelle acceptation avec sign_off.register {digest})"),
	M("sites.documented", "{n} data {n|site|sites} documented: {sites}",
	  "{n} {n|site|sites} de données {n|documenté|documentés} : {sites}"),
	M("sites.in_set", "site {site} holding {held} data is in {country} ({set})",
	  "le site {site}, qui héberge des données {held}, est {country|in} ({set})"),
	M("sites.none",
	  "no data site is declared: where customer data is stored and processed is not "
	  "documented",
	  "aucun site de données n'est déclaré : le lieu de stockage et de traitement des données "
	  "des clients n'est pas documenté"),
	M("sites.none_holds",
	  "no declared site holds {held} data: where it is stored is not documented",
	  "aucun site déclaré n'héberge de données {held} : leur lieu de stockage n'est pas "
	  "documenté"),
	M("sites.outside_set", "site {site} holding {held} data is in {country}, outside {set}",
	  "le site {site}, qui héberge des données {held}, est {country|in}, hors {set}"),
	M("sites.site", "{site} ({country|cc})", "{site} ({country})"),
	M("soc.in_set",
	  "the security operations centre works from {country} ({set})",
	  "le centre opérationnel de sécurité opère depuis le pays {country} ({set})"),
	M("soc.operator_in_set",
	  "the security operations centre is run by {operator} ({country}, {set})",
	  "le centre opérationnel de sécurité est exploité par {operator} ({country}, "
	  "{set})"),
	M("soc.operator_outside",
	  "the security operations centre is run by {operator} ({country}), outside {set}",
	  "le centre opérationnel de sécurité est exploité par {operator} ({country}), "
	  "hors {set}"),
	M("soc.outside_set",
	  "the security operations centre works from {country}, outside {set}",
	  "le centre opérationnel de sécurité opère depuis le pays {country}, hors {set}"),
	M("soc.undeclared",
	  "the security operations centre is not declared (sovereignty.soc)",
	  "le centre opérationnel de sécurité n'est pas déclaré (sovereignty.soc)"),
	M("source.accepted",
	  "source code {availability}{licence}: accepted ({accepted})",
	  "code source {availability}{licence} : accepté ({accepted})"),
	M("source.licence",
	  " (licence: {licence})",
	  " (licence : {licence})"),
	M("source.not_accepted",
	  "source code {availability}{licence}; the pack accepts {accepted}",
	  "code source {availability}{licence} ; le référentiel d'exigences accepte "
	  "{accepted}"),
	M("source.undeclared",
	  "how the source code can be had is not declared (sovereignty.source)",
	  "la disponibilité du code source n'est pas déclarée (sovereignty.source)"),
	M("sub.closed",
	  "{name}{lvl} is {why}; its way to {data} ({paths}) is closed by {by}: no technical "
	  "possibility remains",
	  "{name}{lvl} est {why} ; sa voie d'accès aux {data} ({paths}) est fermée par {by} : "
	  "aucune possibilité technique ne subsiste"),
	M("sub.control_like",
	  " [its name begins with that of {entity}, controlled from {country}]",
	  " [son nom commence par celui de {entity}, contrôlé depuis le pays {country}]"),
	M("sub.control_registry_open",
	  "controlled by a party the registry knows but whose control it leaves open (how {entity} "
	  "is held is not settled), with no parent_country declared",
	  "contrôlé par une partie que le référentiel des entités connaît sans établir son contrôle "
	  "(la détention de {entity} n'est pas établie), sans parent_country déclaré"),
	M("sub.control_undeclared",
	  "controlled by a party not declared (parent, parent_country; a company with no "
	  "parent names itself){like}",
	  "contrôlé par une partie non déclarée (parent, parent_country ; une société sans "
	  "maison mère se nomme elle-même){like}"),
	M("sub.control_unknown",
	  "controlled by a party neither declared (parent, parent_country; a company with no "
	  "parent names itself) nor recorded in the registry{like}",
	  "contrôlé par une partie ni déclarée (parent, parent_country ; une société sans "
	  "maison mère se nomme elle-même) ni connue du référentiel des entités{like}"),
	M("sub.controlled", "controlled by {parent} ({country})",
	  "contrôlé par {parent} ({country})"),
	M("sub.controlled_parent", "controlled by its parent ({country})",
	  "contrôlé par sa maison mère ({country})"),
	M("sub.how.access", " (data_access: {access})", " (data_access : {access})"),
	M("sub.how.in_part", "{how}; closed only in part, by {by}",
	  "{how} ; fermée en partie seulement, par {by}"),
	M("sub.how.none_but_rels",
	  " — declared with data_access: none, but its relationship ({rels}) opens that path",
	  " — déclaré avec data_access: none, mais sa relation ({rels}) ouvre cette voie"),
	M("sub.how.rels_reach",
	  " — its relationship ({rels}) reaches it, whatever data_access: {access} says",
	  " — sa relation ({rels}) y donne accès, quoi qu'indique data_access: {access}"),
	M("sub.in_set", "{name}{lvl} is seated and controlled in {set}",
	  "{name}{lvl} a son siège et son contrôle dans l'{set}"),
	M("sub.level", " (subcontractor of {path})", " (sous-traitant de {path})"),
	M("sub.no_access",
	  "{name}{lvl} is {why}, and is declared with no technical possibility to obtain data "
	  "(data_access: none; what the evidence shows is judged on its own)",
	  "{name}{lvl} est {why}, et est déclaré sans possibilité technique d'obtenir des données "
	  "(data_access: none ; ce que montrent les preuves est jugé séparément)"),
	M("sub.no_access_rels",
	  "{name}{lvl} is {why}, and is declared with no technical possibility to obtain data "
	  "(data_access: none, and its relationship, {rels}, opens no path to data; what the "
	  "evidence shows is judged on its own)",
	  "{name}{lvl} est {why}, et est déclaré sans possibilité technique d'obtenir des données "
	  "(data_access: none, et sa relation, {rels}, n'ouvre aucune voie vers les données ; ce "
	  "que montrent les preuves est jugé séparément)"),
	M("sub.open",
	  "{name}{lvl} is {why} and has a technical possibility to obtain {data} through {paths}"
	  "{how}",
	  "{name}{lvl} est {why} et a une possibilité technique d'obtenir des {data} par : {paths}"
	  "{how}"),
	M("sub.registry_controlled", "controlled by {controller} ({country}), according to the "
	  "registry",
	  "contrôlé par {controller} ({country}) selon le référentiel des entités"),
	M("sub.registry_held", "held from {country} by {holder}, who holds {controller}, according "
	  "to the registry",
	  "détenu depuis le pays {country} par {holder}, qui détient {controller}, selon le "
	  "référentiel des entités"),
	M("sub.seated", "seated in {country}", "établi {country|in}"),
	M("subj.admin", "the administration", "l'administration"),
	M("subj.caa", "the certification authorities {name} authorises (CAA)",
	  "les autorités de certification autorisées par {name} (CAA)"),
	M("subj.certhost", "certificate-checking host {name}",
	  "l'hôte de vérification de certificats {name}"),
	M("subj.dmarc", "the receivers of the mail reports of {name} (DMARC)",
	  "les destinataires des rapports de messagerie de {name} (DMARC)"),
	M("subj.endpoint", "endpoint {name}", "le point d'accès {name}"),
	M("subj.govlink", "the link with public bodies of {country}",
	  "le lien avec des organismes publics du pays {country}"),
	M("subj.holder", "shareholder {name}", "l'actionnaire {name}"),
	M("subj.mailsvc", "the mail services {name} announces (MTA-STS, Autodiscover)",
	  "les services de messagerie annoncés par {name} (MTA-STS, Autodiscover)"),
	M("subj.mx", "the mail exchangers of {name}", "les serveurs de messagerie de {name}"),
	M("subj.ns", "the name servers of {name}", "les serveurs de noms de {name}"),
	M("subj.provider", "the provider", "le prestataire"),
	M("subj.site", "site {name}", "le site {name}"),
	M("subj.spf", "the mail senders {name} authorises (SPF)",
	  "les expéditeurs de messagerie autorisés par {name} (SPF)"),
	M("subj.sub", "subcontractor {name}", "le sous-traitant {name}"),
	M("subj.subhosts", "the hosts of subcontractor {name}", "les hôtes du sous-traitant {name}"),
	M("subj.support", "support {country|in}", "le support {country|in}"),
	M("subj.token", "the services {name} is verified with (TXT tokens)",
	  "les services auprès desquels {name} est vérifié (jetons TXT)"),
	M("subs.listed",
	  "{n} third {n|party|parties} declared over {levels} {levels|level|levels} of "
	  "subcontracting, each with its country, service and data access",
	  "{n} {n|tiers déclaré|tiers déclarés} sur {levels} {levels|niveau|niveaux} de "
	  "sous-traitance, chacun avec son pays, son service et son accès aux données"),
	M("subs.missing", "the list of third parties is missing (subcontractors)",
	  "la liste des tiers est absente (subcontractors)"),
	M("subs.none", "no third party is declared", "aucun tiers n'est déclaré"),
	M("subs.none_outside", "no declared third party is seated or controlled outside {set}",
	  "aucun tiers déclaré n'est établi ou contrôlé hors {set}"),
	M("subs.undeclared_access",
	  "subcontractors are not declared: third parties' access to data cannot be judged",
	  "les sous-traitants ne sont pas déclarés : l'accès des tiers aux données ne peut être "
	  "jugé"),
	M("subs.undeclared_autonomy",
	  "subcontractors are not declared: operating autonomy cannot be judged",
	  "les sous-traitants ne sont pas déclarés : l'autonomie d'exploitation ne peut être jugée"),
	M("support.documented",
	  "support from {country} (outside {set}) is documented: {n} permitted "
	  "{n|operation|operations}; supervision: {supervision}",
	  "le support depuis le pays {country} (hors {set}) est documenté : {n} {n|opération "
	  "autorisée|opérations autorisées} ; supervision : {supervision}"),
	M("support.in_set", "support from {country} ({set})",
	  "support depuis le pays {country} ({set})"),
	M("support.lacks", "support from {country} (outside {set}) lacks {missing}",
	  "il manque au support depuis le pays {country} (hors {set}) {missing}"),
	M("support.lacks.not_in_place",
	  "a supervision in place: it is declared as not in place (\"{supervision}\")",
	  "une supervision effective : elle est déclarée comme non effective (« {supervision} »)"),
	M("support.lacks.operations", "the list of permitted operations",
	  "la liste des opérations autorisées"),
	M("support.lacks.supervision",
	  "how access control and supervision are ensured from the EU",
	  "la manière dont le contrôle d'accès et la supervision sont assurés depuis l'UE"),
	M("support.none", "no support location declared", "aucun lieu de support déclaré"),
	M("support.outside_set",
	  "support from {country}, outside {set}: its staff work under that country's law, "
	  "however the support is documented and supervised",
	  "support depuis le pays {country}, hors {set} : ses équipes relèvent du droit de ce "
	  "pays, quelles que soient la documentation et la supervision du support"),
	M("support.undeclared", "support locations are not declared (locations.support)",
	  "les lieux de support ne sont pas déclarés (locations.support)"),
	M("swsup.declared",
	  "declared controlled from {country}",
	  "déclaré contrôlé depuis le pays {country}"),
	M("swsup.declared_parent",
	  "declared controlled by {parent} ({country})",
	  "déclaré contrôlé par {parent} ({country})"),
	M("swsup.declared_seat",
	  "declared seated in {country}, {control}",
	  "déclaré établi {country|in}, {control}"),
	M("swsup.in_set",
	  "{name}{lvl} ({rels}) is controlled from {set}: {who}",
	  "{name}{lvl} ({rels}) est contrôlé depuis l'{set} : {who}"),
	M("swsup.none",
	  "no declared subcontractor supplies software or updates",
	  "aucun sous-traitant déclaré ne fournit de logiciel ni de mises à jour"),
	M("swsup.outside",
	  "{name}{lvl} ({rels}) is controlled from outside {set}: {who}",
	  "{name}{lvl} ({rels}) est contrôlé hors {set} : {who}"),
	M("swsup.registry",
	  "the registry names its ultimate controller {controller} ({country})",
	  "le référentiel des entités désigne son contrôleur ultime {controller} "
	  "({country})"),
	M("swsup.registry_unknown",
	  "the registry knows it as {entity} but not its ultimate controller",
	  "le référentiel des entités le connaît sous le nom {entity} mais pas son "
	  "contrôleur ultime"),
	M("swsup.undeclared",
	  "subcontractors are not declared: who supplies the software is unknown",
	  "les sous-traitants ne sont pas déclarés : on ignore qui fournit le logiciel"),
	M("swsup.unknown",
	  "{name}{lvl} ({rels}): its controller is not known ({who})",
	  "{name}{lvl} ({rels}) : son contrôleur n'est pas connu ({who})"),
	M("tp.contradiction", "contradiction: {what}", "contradiction : {what}"),
	M("tp.controlled", ", controlled by {controller}", ", contrôlé par {controller}"),
	M("tp.declared", "{name} is declared (as {as})", "{name} est déclaré (en tant que {as})"),
	M("tp.declared_like",
	  "; perhaps declared as {sub}, whose name begins with its own: declaring that company's "
	  "parent (parent, parent_country) would link them",
	  " ; peut-être déclaré comme {sub}, dont le nom commence par le sien : déclarer la maison "
	  "mère de cette société (parent, parent_country) les relierait"),
	M("tp.none", "the evidence revealed no operator that the registry knows",
	  "les preuves n'ont révélé aucun opérateur connu du référentiel"),
	M("tp.provider", "{name} is the provider itself", "{name} est le fournisseur lui-même"),
	M("tp.undeclared", "undeclared third party: {name} ({country|cc}{ctl}), revealed by {path}"
	  "{like}",
	  "tiers non déclaré : {name} ({country}{ctl}), révélé par {path}{like}"),
	M("val.country", "{v}", "{v}"),
	M("val.entity", "{name}", "{name}"),
	M("val.entity_cc", "{name} ({country|cc})", "{name} ({country})"),
	M("val.none", "none", "aucun"),
	M("val.pct", "{v} %", "{v} %"),
	M("val.text", "{v}", "{v}"),
	M("val.unknown_controller", "an operator whose ultimate controller is unknown",
	  "un opérateur dont le contrôleur ultime est inconnu"),
	M("val.unknown_controller_of", "{name}, whose ultimate controller is unknown",
	  "{name}, dont le contrôleur ultime est inconnu"),
	M("val.unknown_location", "an unknown location", "une localisation inconnue"),
	M("val.word", "{v}", "{v}"),
	M("waiver.applied",
	  "{finding} — waived until {expires}, approved by {by}: {reason}",
	  "{finding} — dérogation jusqu'au {expires}, approuvée par {by} : {reason}"),
	M("waiver.expired",
	  "{finding} — the waiver approved by {by} expired on {expires} and no longer applies",
	  "{finding} — la dérogation approuvée par {by} a expiré le {expires} et ne s'applique plus"),
};

#define WORD(key, en, fr) {key, {en, fr}}

/* The words a message's MP_WORD values name. English is the word the
 * outputs have always used; a vocabulary value with no entry is written
 * as is (and the French scan test finds it). */
static const msg_template words[] = {
	WORD("aspect:board_seats", "board seats", "sièges au conseil"),
	WORD("aspect:ca_owner", "CA owner", "propriétaire de l'AC"),
	WORD("aspect:capital", "capital share", "part du capital"),
	WORD("aspect:central_administration", "central administration", "administration centrale"),
	WORD("aspect:computed_capital", "computed capital share", "part du capital calculée"),
	WORD("aspect:computed_voting", "computed voting rights", "droits de vote calculés"),
	WORD("aspect:controller", "ultimate controller", "contrôleur ultime"),
	WORD("aspect:country", "country", "pays"),
	WORD("aspect:data", "data on its paths", "données sur ses chemins"),
	WORD("aspect:data_access", "data access", "accès aux données"),
	WORD("aspect:description", "description", "description"),
	WORD("aspect:held_from", "holder from outside the EU", "détenteur hors de l'UE"),
	WORD("aspect:holds", "holds", "contenu"),
	WORD("aspect:location", "location", "localisation"),
	WORD("aspect:operations", "operations", "opérations"),
	WORD("aspect:operator", "operator", "opérateur"),
	WORD("aspect:parent", "parent company", "société mère"),
	WORD("aspect:parent_country", "parent company's country", "pays de la société mère"),
	WORD("aspect:principal_establishment", "principal establishment", "établissement principal"),
	WORD("aspect:registered_office", "registered office", "siège statutaire"),
	WORD("aspect:relationship", "relationship", "relation"),
	WORD("aspect:secnumcloud", "SecNumCloud qualification", "qualification SecNumCloud"),
	WORD("aspect:service", "service", "service"),
	WORD("aspect:supervision", "supervision from the EU", "supervision depuis l'UE"),
	WORD("aspect:veto", "veto", "droit de veto"),
	WORD("aspect:voting", "voting rights", "droits de vote"),
	WORD("control:controlled-by", "controlled by", "contrôlée par"),
	WORD("control:cooperative", "a cooperative", "coopérative"),
	WORD("control:government", "a public body", "organisme public"),
	WORD("control:listed", "listed", "cotée en bourse"),
	WORD("control:nonprofit", "non-profit", "à but non lucratif"),
	WORD("control:private", "privately held", "détenue par des acteurs privés"),
	WORD("control:private-unnamed", "privately held, holders not named",
	     "détenue par des acteurs privés non nommés"),
	WORD("control:state-owned", "state-owned", "détenue par l'État"),
	WORD("control:unrecorded", "holders not recorded", "détenteurs non recensés"),
	WORD("data:customer", "customer", "clients"),
	WORD("data:metadata", "metadata", "métadonnées"),
	WORD("data:none", "none", "aucune"),
	WORD("data:technical", "technical", "techniques"),
	WORD("dataclass:customer", "customer data", "données des clients"),
	WORD("dataclass:metadata", "metadata", "métadonnées"),
	WORD("dataclass:technical", "technical data", "données techniques"),
	WORD("datawords:customer", "customer data", "données des clients"),
	WORD("datawords:metadata", "metadata", "métadonnées"),
	WORD("datawords:none", "no data", "aucune donnée"),
	WORD("datawords:technical", "technical data about customers",
	     "données techniques relatives aux clients"),
	WORD("decision:accept", "accepted", "accepté"),
	WORD("decision:avoid", "avoided", "évité"),
	WORD("decision:reduce", "reduced", "réduit"),
	WORD("decision:transfer", "transferred", "transféré"),
	WORD("effect:contractual", "a contract: it does not stop a compulsion, so it lowers nothing",
	     "un contrat : il n'empêche pas une contrainte légale, il ne réduit donc rien"),
	WORD("effect:customer-held-keys",
	     "data encrypted with keys only the customer holds: the party holds ciphertext",
	     "données chiffrées avec des clés que seul le client détient : la partie ne détient "
	     "que du chiffré"),
	WORD("effect:data-minimisation", "less data reaches the party",
	     "moins de données parviennent à la partie"),
	WORD("effect:eu-held-keys", "data encrypted with keys held in the EU by the provider",
	     "données chiffrées avec des clés détenues dans l'UE par le fournisseur"),
	WORD("effect:no-remote-access", "the party has no way into the service's systems",
	     "la partie n'a aucun accès aux systèmes du service"),
	WORD("effect:none", "no kind given: recorded, with no effect",
	     "aucune nature indiquée : enregistrée, sans effet"),
	WORD("effect:supervised-access",
	     "access only through a supervised jump host, watched in real time (§12.13)",
	     "accès uniquement par un bastion supervisé, observé en temps réel (§12.13)"),
	WORD("effect:update-review",
	     "every update is quarantined and reviewed before it runs (§12.10.c)",
	     "chaque mise à jour est mise en quarantaine et revue avant exécution (§12.10.c)"),
	WORD("flag:in place", "in place", "en place"),
	WORD("flag:no", "no", "non"),
	WORD("flag:none", "none", "aucune"),
	WORD("flag:not in place", "not in place", "pas en place"),
	WORD("flag:yes", "yes", "oui"),
	WORD("holds:backup", "backup", "sauvegardes"),
	WORD("holds:customer", "customer", "clients"),
	WORD("holds:metadata", "metadata", "métadonnées"),
	WORD("holds:technical", "technical", "techniques"),
	WORD("hw:assembly", "hardware assembly", "assemblage du matériel"),
	WORD("hw:firmware", "firmware suppliers", "fournisseurs du micrologiciel"),
	WORD("hw:processors", "processor designers", "concepteurs des processeurs"),
	WORD("input:country-sets", "country sets", "ensembles de pays"),
	WORD("input:geodb", "geolocation database", "base de géolocalisation"),
	WORD("input:laws", "laws catalogue", "catalogue des lois"),
	WORD("input:manifest", "manifest", "manifeste"),
	WORD("input:pack", "policy pack", "référentiel d'exigences"),
	WORD("input:registry", "entity registry", "référentiel des entités"),
	WORD("match:certificate", "certificate", "certificat"),
	WORD("match:issuer name", "issuer name", "nom de l'émetteur"),
	WORD("match:root fingerprint", "root fingerprint", "empreinte de la racine"),
	WORD("match:subject+key", "subject+key", "sujet et clé"),
	WORD("mkind:contractual", "contractual", "contractuelle"),
	WORD("mkind:customer-held-keys", "customer-held-keys", "clés détenues par le client"),
	WORD("mkind:data-minimisation", "data-minimisation", "minimisation des données"),
	WORD("mkind:eu-held-keys", "eu-held-keys", "clés détenues dans l'UE"),
	WORD("mkind:no-remote-access", "no-remote-access", "aucun accès distant"),
	WORD("mkind:none", "no kind", "sans type"),
	WORD("mkind:supervised-access", "supervised-access", "accès supervisé"),
	WORD("mkind:update-review", "update-review", "revue des mises à jour"),
	WORD("path:code", "code", "code"),
	WORD("path:influence", "influence", "influence"),
	WORD("path:issuance", "issuance", "émission de certificats"),
	WORD("path:physical", "physical", "physique"),
	WORD("path:remote", "remote", "accès distant"),
	WORD("path:service", "service", "service"),
	WORD("path:staff", "staff", "personnel"),
	WORD("path:transit", "transit", "transit"),
	WORD("pathwords:code", "code that runs inside the service: a compelled update is an access path",
	     "du code exécuté dans le service : une mise à jour imposée est une voie d'accès"),
	WORD("pathwords:influence",
	     "influence over the provider (votes, board seats, veto, information rights)",
	     "une influence sur le fournisseur (votes, sièges au conseil, veto, droits "
	     "d'information)"),
	WORD("pathwords:issuance",
	     "certificates that others trust: a mis-issued one enables interception",
	     "des certificats auxquels d'autres se fient : un certificat émis à tort permet "
	     "l'interception"),
	WORD("pathwords:physical", "physical access to the hardware and storage that hold the data",
	     "un accès physique au matériel et aux supports qui contiennent les données"),
	WORD("pathwords:remote", "its people reaching the service's systems",
	     "son personnel accédant aux systèmes du service"),
	WORD("pathwords:service", "the data its own service processes",
	     "les données que traite son propre service"),
	WORD("pathwords:staff", "the provider's people working from that country",
	     "le personnel du fournisseur travaillant depuis ce pays"),
	WORD("pathwords:transit", "the traffic that passes through its network or servers",
	     "le trafic qui passe par son réseau ou ses serveurs"),
	WORD("rel:cdn", "cdn", "réseau de diffusion (CDN)"),
	WORD("rel:certificate-authority", "certificate-authority", "autorité de certification"),
	WORD("rel:colocation", "colocation", "colocation"),
	WORD("rel:dns", "dns", "DNS"),
	WORD("rel:email", "email", "messagerie"),
	WORD("rel:hosting", "hosting", "hébergement"),
	WORD("rel:network", "network", "réseau"),
	WORD("rel:other", "other", "autre"),
	WORD("rel:professional-services", "professional-services", "prestations de services"),
	WORD("rel:remote-support", "remote-support", "support à distance"),
	WORD("rel:saas", "saas", "logiciel en tant que service (SaaS)"),
	WORD("rel:software", "software", "logiciel"),
	WORD("rel:updates", "updates", "mises à jour"),
	WORD("role:admin", "admin", "administration"),
	WORD("role:api", "api", "API"),
	WORD("role:auth", "auth", "authentification"),
	WORD("role:backup", "backup", "sauvegarde"),
	WORD("role:cdn", "cdn", "CDN"),
	WORD("role:console", "console", "console"),
	WORD("role:logging", "logging", "journalisation"),
	WORD("role:monitoring", "monitoring", "supervision"),
	WORD("role:other", "other", "autre"),
	WORD("role:storage", "storage", "stockage"),
	WORD("role:support", "support", "support"),
	WORD("role:web", "web", "web"),
	WORD("scheme:bsi-c3a", "BSI C3A", "BSI C3A"),
	WORD("scheme:c5", "C5", "C5"),
	WORD("scheme:ens-high", "ENS high", "ENS catégorie haute"),
	WORD("scheme:ens-medium", "ENS medium", "ENS catégorie moyenne"),
	WORD("scheme:eucs-basic", "EUCS basic", "EUCS niveau élémentaire"),
	WORD("scheme:eucs-high", "EUCS high", "EUCS niveau élevé"),
	WORD("scheme:eucs-substantial", "EUCS substantial", "EUCS niveau substantiel"),
	WORD("scheme:hds", "HDS", "HDS"),
	WORD("scheme:iso-27001", "ISO/IEC 27001", "ISO/CEI 27001"),
	WORD("scheme:iso-27017", "ISO/IEC 27017", "ISO/CEI 27017"),
	WORD("scheme:iso-27018", "ISO/IEC 27018", "ISO/CEI 27018"),
	WORD("scheme:other", "another scheme", "autre référentiel"),
	WORD("scheme:secnumcloud", "SecNumCloud", "SecNumCloud"),
	WORD("scheme:soc2", "SOC 2", "SOC 2"),
	WORD("seat:central_administration", "central administration", "administration centrale"),
	WORD("seat:principal_establishment", "principal establishment", "établissement principal"),
	WORD("seat:registered_office", "registered office", "siège statutaire"),
	WORD("set:EEA", "EEA", "EEE"),
	WORD("set:EU", "EU", "UE"),
	WORD("set:EU27", "EU27", "UE à 27"),
	WORD("sev:0", "no data reachable (1)", "aucune donnée accessible (1)"),
	WORD("sev:1", "metadata (2)", "métadonnées (2)"),
	WORD("sev:2", "technical data about customers (3)",
	     "données techniques relatives aux clients (3)"),
	WORD("sev:3", "customer data (4)", "données des clients (4)"),
	WORD("source:customer-access", "open to the customer", "accessible au client"),
	WORD("source:escrow", "in escrow", "sous séquestre"),
	WORD("source:open-source", "open source", "libre"),
	WORD("source:proprietary", "proprietary", "propriétaire"),
	WORD("source:source-available", "available to read", "consultable"),
};

static int
cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const msg_template *)elem)->code);
}

const msg_template *
msg_template_find(const char *code)
{
	if (code == NULL)
		return NULL;
	return bsearch(code, templates, sizeof(templates) / sizeof(templates[0]),
	               sizeof(templates[0]), cmp);
}

const msg_template *
msg_templates(size_t *ret_n)
{
	*ret_n = sizeof(templates) / sizeof(templates[0]);
	return templates;
}

const char *
msg_word_text(sc_lang l, const char *key)
{
	if (key == NULL)
		return NULL;
	const msg_template *w = bsearch(key, words, sizeof(words) / sizeof(words[0]),
	                                sizeof(words[0]), cmp);
	return w ? w->text[l] : NULL;
}
