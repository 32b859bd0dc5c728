/*
 * country.c — the ISO 3166-1 alpha-2 table: all 249 officially assigned
 * codes (ISO 3166 Maintenance Agency), sorted, with English short names,
 * and French short names with the preposition French puts before them
 * ("en France", "au Maroc", "aux États-Unis d'Amérique", "à Singapour"), from
 * Debian's iso-codes translations (scripts/gen-country-fr.py).
 * Exceptionally reserved codes (EU, UK, EL…) are not countries and are refused.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sovcheck.h"

struct country {
	char code[3];
	const char *name;     /* English short name */
	const char *name_fr;  /* French short name (scripts/gen-country-fr.py) */
	const char *in_fr;    /* the French preposition: "en", "au", "aux", "à" */
};

static const struct country countries[] = {
	{"AD", "Andorra", "Andorre", "en"},
	{"AE", "United Arab Emirates", "Émirats arabes unis", "aux"},
	{"AF", "Afghanistan", "Afghanistan", "en"},
	{"AG", "Antigua and Barbuda", "Antigua-et-Barbuda", "à"},
	{"AI", "Anguilla", "Anguilla", "à"},
	{"AL", "Albania", "Albanie", "en"},
	{"AM", "Armenia", "Arménie", "en"},
	{"AO", "Angola", "Angola", "en"},
	{"AQ", "Antarctica", "Antarctique", "à"},
	{"AR", "Argentina", "Argentine", "en"},
	{"AS", "American Samoa", "Samoa américaines", "à"},
	{"AT", "Austria", "Autriche", "en"},
	{"AU", "Australia", "Australie", "en"},
	{"AW", "Aruba", "Aruba", "à"},
	{"AX", "Aland Islands", "Îles Åland", "à"},
	{"AZ", "Azerbaijan", "Azerbaïdjan", "en"},
	{"BA", "Bosnia and Herzegovina", "Bosnie-Herzégovine", "en"},
	{"BB", "Barbados", "Barbade", "à"},
	{"BD", "Bangladesh", "Bangladesh", "au"},
	{"BE", "Belgium", "Belgique", "en"},
	{"BF", "Burkina Faso", "Burkina Faso", "au"},
	{"BG", "Bulgaria", "Bulgarie", "en"},
	{"BH", "Bahrain", "Bahreïn", "à"},
	{"BI", "Burundi", "Burundi", "au"},
	{"BJ", "Benin", "Bénin", "au"},
	{"BL", "Saint Barthelemy", "Saint-Barthélemy", "à"},
	{"BM", "Bermuda", "Bermudes", "à"},
	{"BN", "Brunei Darussalam", "Brunéi Darussalam", "à"},
	{"BO", "Bolivia", "Bolivie", "en"},
	{"BQ", "Bonaire, Sint Eustatius and Saba", "Bonaire, Saint-Eustache et Saba", "à"},
	{"BR", "Brazil", "Brésil", "au"},
	{"BS", "Bahamas", "Bahamas", "aux"},
	{"BT", "Bhutan", "Bhoutan", "au"},
	{"BV", "Bouvet Island", "île Bouvet", "à"},
	{"BW", "Botswana", "Botswana", "au"},
	{"BY", "Belarus", "Bélarus", "au"},
	{"BZ", "Belize", "Belize", "au"},
	{"CA", "Canada", "Canada", "au"},
	{"CC", "Cocos (Keeling) Islands", "Îles Cocos", "à"},
	{"CD", "Congo, Democratic Republic of the", "République démocratique du Congo", "en"},
	{"CF", "Central African Republic", "République centrafricaine", "en"},
	{"CG", "Congo", "République du Congo", "en"},
	{"CH", "Switzerland", "Suisse", "en"},
	{"CI", "Cote d'Ivoire", "Côte d'Ivoire", "en"},
	{"CK", "Cook Islands", "îles Cook", "à"},
	{"CL", "Chile", "Chili", "au"},
	{"CM", "Cameroon", "Cameroun", "au"},
	{"CN", "China", "Chine", "en"},
	{"CO", "Colombia", "Colombie", "en"},
	{"CR", "Costa Rica", "Costa Rica", "au"},
	{"CU", "Cuba", "Cuba", "à"},
	{"CV", "Cabo Verde", "Cap-Vert", "à"},
	{"CW", "Curacao", "Curaçao", "à"},
	{"CX", "Christmas Island", "Île Christmas", "à"},
	{"CY", "Cyprus", "Chypre", "à"},
	{"CZ", "Czechia", "Tchéquie", "en"},
	{"DE", "Germany", "Allemagne", "en"},
	{"DJ", "Djibouti", "Djibouti", "à"},
	{"DK", "Denmark", "Danemark", "au"},
	{"DM", "Dominica", "Dominique", "à"},
	{"DO", "Dominican Republic", "République dominicaine", "en"},
	{"DZ", "Algeria", "Algérie", "en"},
	{"EC", "Ecuador", "Équateur", "en"},
	{"EE", "Estonia", "Estonie", "en"},
	{"EG", "Egypt", "Égypte", "en"},
	{"EH", "Western Sahara", "Sahara occidental", "à"},
	{"ER", "Eritrea", "Érythrée", "en"},
	{"ES", "Spain", "Espagne", "en"},
	{"ET", "Ethiopia", "Éthiopie", "en"},
	{"FI", "Finland", "Finlande", "en"},
	{"FJ", "Fiji", "Fidji", "aux"},
	{"FK", "Falkland Islands (Malvinas)", "Îles Malouines", "à"},
	{"FM", "Micronesia", "Micronésie", "en"},
	{"FO", "Faroe Islands", "îles Féroé", "à"},
	{"FR", "France", "France", "en"},
	{"GA", "Gabon", "Gabon", "au"},
	{"GB", "United Kingdom", "Royaume-Uni", "au"},
	{"GD", "Grenada", "Grenade", "à"},
	{"GE", "Georgia", "Géorgie", "en"},
	{"GF", "French Guiana", "Guyane française", "à"},
	{"GG", "Guernsey", "Guernesey", "à"},
	{"GH", "Ghana", "Ghana", "au"},
	{"GI", "Gibraltar", "Gibraltar", "à"},
	{"GL", "Greenland", "Groënland", "à"},
	{"GM", "Gambia", "Gambie", "en"},
	{"GN", "Guinea", "Guinée", "en"},
	{"GP", "Guadeloupe", "Guadeloupe", "à"},
	{"GQ", "Equatorial Guinea", "Guinée Équatoriale", "en"},
	{"GR", "Greece", "Grèce", "en"},
	{"GS", "South Georgia and the South Sandwich Islands", "Géorgie du Sud et les îles Sandwich du Sud", "à"},
	{"GT", "Guatemala", "Guatemala", "au"},
	{"GU", "Guam", "Guam", "à"},
	{"GW", "Guinea-Bissau", "Guinée-Bissau", "au"},
	{"GY", "Guyana", "Guyana", "au"},
	{"HK", "Hong Kong", "Hong Kong", "à"},
	{"HM", "Heard Island and McDonald Islands", "îles Heard-et-MacDonald", "à"},
	{"HN", "Honduras", "Honduras", "en"},
	{"HR", "Croatia", "Croatie", "en"},
	{"HT", "Haiti", "Haïti", "en"},
	{"HU", "Hungary", "Hongrie", "en"},
	{"ID", "Indonesia", "Indonésie", "en"},
	{"IE", "Ireland", "Irlande", "en"},
	{"IL", "Israel", "Israël", "en"},
	{"IM", "Isle of Man", "Île de Man", "à"},
	{"IN", "India", "Inde", "en"},
	{"IO", "British Indian Ocean Territory", "Territoire britannique de l'océan Indien", "à"},
	{"IQ", "Iraq", "Irak", "en"},
	{"IR", "Iran", "Iran", "en"},
	{"IS", "Iceland", "Islande", "en"},
	{"IT", "Italy", "Italie", "en"},
	{"JE", "Jersey", "Jersey", "à"},
	{"JM", "Jamaica", "Jamaïque", "à"},
	{"JO", "Jordan", "Jordanie", "en"},
	{"JP", "Japan", "Japon", "au"},
	{"KE", "Kenya", "Kenya", "au"},
	{"KG", "Kyrgyzstan", "Kirghizistan", "au"},
	{"KH", "Cambodia", "Cambodge", "au"},
	{"KI", "Kiribati", "Kiribati", "à"},
	{"KM", "Comoros", "Comores", "aux"},
	{"KN", "Saint Kitts and Nevis", "Saint-Christophe-et-Niévès", "à"},
	{"KP", "Korea, Democratic People's Republic of", "Corée du Nord", "en"},
	{"KR", "Korea, Republic of", "Corée du Sud", "en"},
	{"KW", "Kuwait", "Koweït", "au"},
	{"KY", "Cayman Islands", "îles Caïmans", "à"},
	{"KZ", "Kazakhstan", "Kazakhstan", "au"},
	{"LA", "Lao People's Democratic Republic", "Laos", "au"},
	{"LB", "Lebanon", "Liban", "au"},
	{"LC", "Saint Lucia", "Sainte-Lucie", "à"},
	{"LI", "Liechtenstein", "Liechtenstein", "au"},
	{"LK", "Sri Lanka", "Sri Lanka", "au"},
	{"LR", "Liberia", "Libéria", "au"},
	{"LS", "Lesotho", "Lesotho", "au"},
	{"LT", "Lithuania", "Lituanie", "en"},
	{"LU", "Luxembourg", "Luxembourg", "au"},
	{"LV", "Latvia", "Lettonie", "en"},
	{"LY", "Libya", "Libye", "en"},
	{"MA", "Morocco", "Maroc", "au"},
	{"MC", "Monaco", "Monaco", "à"},
	{"MD", "Moldova", "Moldavie", "en"},
	{"ME", "Montenegro", "Monténégro", "au"},
	{"MF", "Saint Martin (French part)", "Saint-Martin (partie française)", "à"},
	{"MG", "Madagascar", "Madagascar", "à"},
	{"MH", "Marshall Islands", "Îles Marshall", "aux"},
	{"MK", "North Macedonia", "Macédoine du Nord", "en"},
	{"ML", "Mali", "Mali", "au"},
	{"MM", "Myanmar", "Birmanie", "en"},
	{"MN", "Mongolia", "Mongolie", "en"},
	{"MO", "Macao", "Macau", "à"},
	{"MP", "Northern Mariana Islands", "Îles Mariannes du Nord", "à"},
	{"MQ", "Martinique", "Martinique", "à"},
	{"MR", "Mauritania", "Mauritanie", "en"},
	{"MS", "Montserrat", "Montserrat", "à"},
	{"MT", "Malta", "Malte", "à"},
	{"MU", "Mauritius", "Maurice", "à"},
	{"MV", "Maldives", "Maldives", "aux"},
	{"MW", "Malawi", "Malawi", "au"},
	{"MX", "Mexico", "Mexique", "au"},
	{"MY", "Malaysia", "Malaisie", "en"},
	{"MZ", "Mozambique", "Mozambique", "au"},
	{"NA", "Namibia", "Namibie", "en"},
	{"NC", "New Caledonia", "Nouvelle-Calédonie", "à"},
	{"NE", "Niger", "Niger", "au"},
	{"NF", "Norfolk Island", "île Norfolk", "à"},
	{"NG", "Nigeria", "Nigeria", "au"},
	{"NI", "Nicaragua", "Nicaragua", "au"},
	{"NL", "Netherlands", "Pays-Bas", "aux"},
	{"NO", "Norway", "Norvège", "en"},
	{"NP", "Nepal", "Népal", "au"},
	{"NR", "Nauru", "Nauru", "à"},
	{"NU", "Niue", "Nioue", "à"},
	{"NZ", "New Zealand", "Nouvelle-Zélande", "en"},
	{"OM", "Oman", "Oman", "à"},
	{"PA", "Panama", "Panama", "au"},
	{"PE", "Peru", "Pérou", "au"},
	{"PF", "French Polynesia", "Polynésie française", "à"},
	{"PG", "Papua New Guinea", "Papouasie-Nouvelle-Guinée", "en"},
	{"PH", "Philippines", "Philippines", "aux"},
	{"PK", "Pakistan", "Pakistan", "au"},
	{"PL", "Poland", "Pologne", "en"},
	{"PM", "Saint Pierre and Miquelon", "Saint-Pierre-et-Miquelon", "à"},
	{"PN", "Pitcairn", "Îles Pitcairn", "à"},
	{"PR", "Puerto Rico", "Porto Rico", "à"},
	{"PS", "Palestine, State of", "Palestine", "en"},
	{"PT", "Portugal", "Portugal", "au"},
	{"PW", "Palau", "Palaos", "à"},
	{"PY", "Paraguay", "Paraguay", "au"},
	{"QA", "Qatar", "Qatar", "au"},
	{"RE", "Reunion", "La Réunion", "à"},
	{"RO", "Romania", "Roumanie", "en"},
	{"RS", "Serbia", "Serbie", "en"},
	{"RU", "Russian Federation", "Russie", "en"},
	{"RW", "Rwanda", "Rwanda", "au"},
	{"SA", "Saudi Arabia", "Arabie saoudite", "en"},
	{"SB", "Solomon Islands", "Îles Salomon", "aux"},
	{"SC", "Seychelles", "Seychelles", "aux"},
	{"SD", "Sudan", "Soudan", "au"},
	{"SE", "Sweden", "Suède", "en"},
	{"SG", "Singapore", "Singapour", "à"},
	{"SH", "Saint Helena, Ascension and Tristan da Cunha", "Sainte-Hélène, Ascension et Tristan da Cunha", "à"},
	{"SI", "Slovenia", "Slovénie", "en"},
	{"SJ", "Svalbard and Jan Mayen", "Svalbard et île Jan Mayen", "à"},
	{"SK", "Slovakia", "Slovaquie", "en"},
	{"SL", "Sierra Leone", "Sierra Leone", "au"},
	{"SM", "San Marino", "Saint-Marin", "à"},
	{"SN", "Senegal", "Sénégal", "au"},
	{"SO", "Somalia", "Somalie", "en"},
	{"SR", "Suriname", "Surinam", "au"},
	{"SS", "South Sudan", "Soudan du Sud", "au"},
	{"ST", "Sao Tome and Principe", "Sao Tomé-et-Principe", "à"},
	{"SV", "El Salvador", "Salvador", "au"},
	{"SX", "Sint Maarten (Dutch part)", "Saint-Martin (partie néerlandaise)", "à"},
	{"SY", "Syrian Arab Republic", "Syrie", "en"},
	{"SZ", "Eswatini", "Eswatini", "en"},
	{"TC", "Turks and Caicos Islands", "îles Turques-et-Caïques", "à"},
	{"TD", "Chad", "Tchad", "au"},
	{"TF", "French Southern Territories", "Terres australes françaises", "à"},
	{"TG", "Togo", "Togo", "au"},
	{"TH", "Thailand", "Thaïlande", "en"},
	{"TJ", "Tajikistan", "Tadjikistan", "au"},
	{"TK", "Tokelau", "Tokelau", "à"},
	{"TL", "Timor-Leste", "Timor oriental", "à"},
	{"TM", "Turkmenistan", "Turkménistan", "au"},
	{"TN", "Tunisia", "Tunisie", "en"},
	{"TO", "Tonga", "Tonga", "à"},
	{"TR", "Turkiye", "Türkiye", "en"},
	{"TT", "Trinidad and Tobago", "Trinité-et-Tobago", "à"},
	{"TV", "Tuvalu", "Tuvalu", "à"},
	{"TW", "Taiwan", "Taïwan", "à"},
	{"TZ", "Tanzania", "Tanzanie", "en"},
	{"UA", "Ukraine", "Ukraine", "en"},
	{"UG", "Uganda", "Ouganda", "en"},
	{"UM", "United States Minor Outlying Islands", "Îles mineures éloignées des États-Unis", "à"},
	{"US", "United States of America", "États-Unis d'Amérique", "aux"},
	{"UY", "Uruguay", "Uruguay", "en"},
	{"UZ", "Uzbekistan", "Ouzbékistan", "en"},
	{"VA", "Holy See", "Saint-Siège", "à"},
	{"VC", "Saint Vincent and the Grenadines", "Saint-Vincent-et-les-Grenadines", "à"},
	{"VE", "Venezuela", "Venezuela", "au"},
	{"VG", "Virgin Islands (British)", "Îles Vierges britanniques", "à"},
	{"VI", "Virgin Islands (U.S.)", "Îles Vierges des États-Unis", "à"},
	{"VN", "Viet Nam", "Viêt Nam", "au"},
	{"VU", "Vanuatu", "Vanuatu", "à"},
	{"WF", "Wallis and Futuna", "Wallis et Futuna", "à"},
	{"WS", "Samoa", "Samoa", "à"},
	{"YE", "Yemen", "Yémen", "en"},
	{"YT", "Mayotte", "Mayotte", "à"},
	{"ZA", "South Africa", "Afrique du Sud", "en"},
	{"ZM", "Zambia", "Zambie", "en"},
	{"ZW", "Zimbabwe", "Zimbabwe", "au"},
};

/* The index of each code in countries[] by its two letters (A-Z x A-Z),
 * built once: asked once per address located, it must cost no search. */
#define COUNTRY_NONE 0xffffu
static uint16_t country_ix[26 * 26];
static pthread_once_t country_once = PTHREAD_ONCE_INIT;

static void
country_ix_build(void)
{
	for (size_t i = 0; i < sizeof(country_ix) / sizeof(country_ix[0]); i++)
		country_ix[i] = COUNTRY_NONE;
	for (size_t i = 0; i < sizeof(countries) / sizeof(countries[0]); i++) {
		const char *c = countries[i].code;
		country_ix[(c[0] - 'A') * 26 + (c[1] - 'A')] = (uint16_t)i;
	}
}

static const struct country *
country_find(const char *code)
{
	if (code == NULL || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' ||
	    code[2] != '\0')
		return NULL;
	pthread_once(&country_once, country_ix_build);
	uint16_t i = country_ix[(code[0] - 'A') * 26 + (code[1] - 'A')];
	return i == COUNTRY_NONE ? NULL : &countries[i];
}

bool
sc_country_valid(const char *code)
{
	return country_find(code) != NULL;
}

const char *
sc_country_name(const char *code)
{
	const struct country *c = country_find(code);
	return c ? c->name : NULL;
}

const char *
sc_country_name_fr(const char *code)
{
	const struct country *c = country_find(code);
	return c ? c->name_fr : NULL;
}

const char *
sc_country_in_fr(const char *code)
{
	const struct country *c = country_find(code);
	return c ? c->in_fr : NULL;
}
