#!/usr/bin/env python3
"""scripts/gen-country-fr.py — add the French short names and the French
preposition ("en", "au", "aux", "à") to core/base/country.c's table.

Source of the names: the ISO 3166-1 French short names as translated by
Debian's iso-codes package (/usr/share/iso-codes/json/iso_3166-1.json and
the fr iso_3166-1 message catalogue); names written "X, République de" are
turned to their usual form by the overrides below. Run it again after an
iso-codes update and review the diff.
"""
import gettext, json, re, sys

OVERRIDES = {
    "AX": "Îles Åland", "BO": "Bolivie", "CC": "Îles Cocos", "CX": "Île Christmas",
    "FK": "Îles Malouines", "FM": "Micronésie", "IR": "Iran", "KR": "Corée du Sud",
    "KP": "Corée du Nord", "LA": "Laos", "MD": "Moldavie", "PS": "Palestine",
    "RE": "La Réunion", "RU": "Russie", "SB": "Îles Salomon", "SY": "Syrie",
    "TW": "Taïwan", "TZ": "Tanzanie", "VA": "Saint-Siège", "VE": "Venezuela",
    "VI": "Îles Vierges des États-Unis", "US": "États-Unis d'Amérique",
    "GB": "Royaume-Uni", "VG": "Îles Vierges britanniques",
}
# Countries one is "à" (islands and city states), "au" although their name
# ends in e, "en" although masculine (vowel), or "aux" (plural).
A = {"SG", "MC", "CY", "CU", "MG", "MT", "MU", "BH", "TW", "HK", "MO", "OM", "DJ", "LC",
     "KN", "VC", "AG", "BB", "TT", "JM", "GD", "DM", "NR", "TV", "KI", "SM", "SC", "MV",
     "ST", "CV", "BL", "MF", "SX", "PM", "WF", "YT", "RE", "GP", "MQ", "AW", "CW", "BM",
     "AI", "MS", "GI", "JE", "GG", "IM", "NU", "PN", "TK", "SH", "PW", "GU", "AS", "VU",
     "FJ", "WS", "TO", "BN", "TL", "CK", "NF", "PR", "BQ", "HM", "BV", "AQ", "IO", "TF",
     "UM", "GS", "EH", "VA", "AX", "FO", "CX", "CC", "MP", "MH", "KY", "TC", "VG", "VI",
     "FK", "SB", "KM", "BS", "PH", "SJ", "NC", "PF", "GL", "GF"}
AU = {"MX", "CM", "KH", "MZ", "ZW", "BZ", "SR"}
AUX = {"US", "NL", "AE", "PH", "KM", "MV", "SC", "BS", "FJ", "MH", "SB"}

t = gettext.translation("iso_3166-1", localedir="/usr/share/locale", languages=["fr"])
fr = {e["alpha_2"]: OVERRIDES.get(e["alpha_2"], t.gettext(e["name"]))
      for e in json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]}

def prep(cc, name):
    if cc in AUX:
        return "aux"
    if cc in A:
        return "à"
    if cc in AU:
        return "au"
    first = name[0].lower()
    if first in "aeiouyéèêîïâôœh":
        return "en"
    return "en" if name.split(" ")[0].endswith("e") else "au"

path = sys.argv[1] if len(sys.argv) > 1 else "core/base/country.c"
src = open(path, encoding="utf-8").read()
def row(m):
    cc, en = m.group(1), m.group(2)
    f = fr[cc].replace('"', '\\"')
    return '\t{"%s", "%s", "%s", "%s"},' % (cc, en, f, prep(cc, fr[cc]))
src = re.sub(r'^\t\{"([A-Z]{2})", "((?:[^"\\]|\\.)*)"(?:, "[^"]*", "[^"]*")?\},$', row, src, flags=re.M)
open(path, "w", encoding="utf-8").write(src)
