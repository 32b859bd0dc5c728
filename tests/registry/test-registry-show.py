#!/usr/bin/env python3
"""`sovcheck registry show`: what the registry holds on an organisation.

A registry file of the test's own over the shipped one: a French cloud whose
parent changed on 2024-03-01 from a French group (held by its founders) to a
Luxembourg holding that a US fund controls, with a former name.

Checks: by id, by name, by alias and by former name (said so, with its date);
the text gives the country, the parents over time, the chain, how the top is
held and by whom, what an entity controls and every source with what it
covers (a notes-only source said so); --at takes the parent in force then;
--json gives the same as one object per line; holdings over time (the
ones not standing on the date shown apart, with their periods); a name nothing answers to
exits 3 and the others are still shown; --json and --at belong to show only
(64); an entity with `control: private` and no holders says its holders are
not recorded; a holder that is an entity of the registry (holders[].entity)
is shown with the entity's name, seat and id, and what stands behind it
(its ultimate controller and how that is held); the judgement of the
controller against the EU27 (eu27:, in_eu27); a circle of holdings through
such holders is a lint warning, counted in lint's summary.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SOVCHECK = os.environ["SOVCHECK"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


def show(*args):
    p = subprocess.run([SOVCHECK, "registry", "show", *args], capture_output=True, text=True,
                       timeout=120)
    return p.returncode, p.stdout, p.stderr


REG = """sovcheck-registry: 1
entities:
  - id: test-cloud
    name: Test Cloud SAS
    aliases: [TestCloud]
    former_names: [{name: Old Test Hosting SARL, until: 2020-01-01}]
    country: FR
    parents:
      - {id: test-group, until: 2024-03-01}
      - {id: test-lux-holding, from: 2024-03-01}
    note: "A test entity."
    sources:
      - {url: https://example.org/cloud, fact: "the cloud's page", covers: [name, country, former_names], reviewed: 2026-11-01}
      - {url: https://example.org/deal, fact: "the holding bought it on 1 March 2024", covers: [parent], reviewed: 2026-11-02}
      - {url: https://example.org/blog, fact: "a history of the company", covers: [], reviewed: 2026-11-03}
  - id: test-group
    name: Test Group SA
    country: FR
    control: private
    holders: [{name: The Founders, country: FR, capital: 100, as_of: 2023-12-31}]
    sources: [{url: https://example.org/group, fact: f, covers: [name, country, control, holders], reviewed: 2026-11-01}]
  - id: test-lux-holding
    name: Test Lux Holding SA
    country: LU
    control: private
    holders: [{name: Test Capital LLC, country: US, voting: 70, from: 2024-03-01}, {name: The Founders, country: FR, voting: 30}, {name: Earlier Fund, country: GB, voting: 70, until: 2024-03-01}]
    sources: [{url: https://example.org/lux, fact: f, covers: [name, country, control, holders], reviewed: 2026-11-01}]
  - id: test-jv
    name: Test Joint Venture SAS
    country: FR
    holders: [{entity: test-group, capital: 60}, {name: Other Founders, country: FR, capital: 40}]
    sources: [{url: https://example.org/jv, fact: f, covers: [name, country, holders], reviewed: 2026-11-01}]
  - id: test-industrial
    name: Test Industrial SA
    country: FR
    control: listed
    sources: [{url: https://example.org/ind, fact: f, covers: [name, country, control], reviewed: 2026-11-01}]
  - id: test-majority-jv
    name: Test Majority JV SAS
    country: FR
    parent: test-industrial
    holders: [{entity: test-industrial, controlling: true}, {name: Test Tech Inc., country: US}]
    sources: [{url: https://example.org/mjv, fact: f, covers: [name, country, parent, holders], reviewed: 2026-11-01}]
  - id: test-closely-held
    name: Test Closely Held GmbH
    country: DE
    control: private
    sources: [{url: https://example.org/closely, fact: f, covers: [name, country, control], reviewed: 2026-11-01}]
"""

tmp = tempfile.mkdtemp(prefix="sovcheck-registry-show-")
try:
    reg = os.path.join(tmp, "test.yaml")
    with open(reg, "w", encoding="utf-8") as f:
        f.write(REG)
    base = ("--registry", reg)

    rc, out, err = show("test-cloud", *base)
    check(rc == 0, "by id: exit 0 (%d %s)" % (rc, err))
    for want in ("Test Cloud SAS (FR)\n",
                 "  id:           test-cloud  [registry test.yaml:3]",
                 "  aliases:      TestCloud",
                 "  parents:      Test Group SA (FR)  until 2024-03-01",
                 "                Test Lux Holding SA (LU)  from 2024-03-01",
                 "  chain:        Test Cloud SAS (FR) -> Test Lux Holding SA (LU)",
                 "  controller:   Test Lux Holding SA (LU)",
                 "  its holding:  private; holders: Test Capital LLC (US, 70 % of the votes); "
                 "The Founders (FR, 30 % of the votes)",
                 "  eu27:         controlled from outside the EU27, by Test Capital LLC (US)",
                 "  note:         A test entity.",
                 "  sources:      https://example.org/cloud",
                 "name, country, former_names (reviewed 2026-11-01)",
                 "https://example.org/deal", "parent (reviewed 2026-11-02)",
                 "\"the holding bought it on 1 March 2024\"",
                 "notes only (reviewed 2026-11-03)"):
        check(want in out, "text has %r: %s" % (want, out))

    # --at: the parent in force then
    rc, out, err = show("test-cloud", "--at", "2023-06-01", *base)
    check(rc == 0 and "  chain:        Test Cloud SAS (FR) -> Test Group SA (FR)" in out and
          "its holding:  private; holders: The Founders (FR, 100 % of the capital, as of "
          "2023-12-31)" in out and "  eu27:         controlled from inside the EU27" in out,
          "--at 2023-06-01: the first group and its holders, from inside: %s" % out)
    rc, out, err = show("test-cloud", "--at", "2023-13-01", *base)
    check(rc == 64 and "--at" in err, "--at with no date: usage error (%d %s)" % (rc, err))

    # by name, alias, former name
    for name in ("Test Cloud SAS", "testcloud", "OLD TEST HOSTING SARL"):
        rc, out, err = show(name, *base)
        check(rc == 0 and out.startswith("Test Cloud SAS (FR)\n"),
              "%r finds the entity (%d %s %s)" % (name, rc, out[:80], err))
    rc, out, err = show("Old Test Hosting SARL", *base)
    check("  matched:      'Old Test Hosting SARL', a former name used until 2020-01-01" in out,
          "a former name says so, with its date: %s" % out)

    # what a holding controls; a private company with nobody named
    rc, out, err = show("test-lux-holding", "test-closely-held", *base)
    check(rc == 0 and "  controls:     Test Cloud SAS (FR)" in out and
          "  held:         private; holders: Test Capital LLC (US, 70 % of the votes)" in out,
          "the holding: held by whom, and what it controls: %s" % out)
    check("  held:         private, holders not recorded (who holds Test Closely Held GmbH is not "
          "in the registry)" in out and "  eu27:         not judged (how Test Closely Held GmbH "
          "is held is not settled)" in out, "private alone names nobody: %s" % out)

    # holdings over time: the one no longer standing shown with its period
    rc, out, err = show("test-lux-holding", *base)
    check("  held:         private; holders: Test Capital LLC (US, 70 % of the votes); The "
          "Founders (FR, 30 % of the votes)" in out and
          "  other times:  Earlier Fund (GB, 70 % of the votes)  until 2024-03-01" in out,
          "the holders now, and the earlier one with its period: %s" % out)
    rc, out, err = show("test-lux-holding", "--at", "2023-01-01", *base)
    check("  held:         private; holders: The Founders (FR, 30 % of the votes); Earlier Fund "
          "(GB, 70 % of the votes)" in out and
          "  other times:  Test Capital LLC (US, 70 % of the votes)  from 2024-03-01" in out,
          "--at 2023-01-01: the earlier fund, not the later one: %s" % out)
    rc, out, err = show("--json", "test-lux-holding", *base)
    o = json.loads(out) if rc == 0 else {}
    check([(h["name"], h["from"], h["until"], h["in_force"])
           for h in o.get("holders_over_time", [])] ==
          [("Test Capital LLC", "2024-03-01", None, True), ("The Founders", None, None, True),
           ("Earlier Fund", None, "2024-03-01", False)],
          "json: every holding with its period and whether it stands: %r"
          % o.get("holders_over_time"))

    # --json: one object per line
    rc, out, err = show("--json", "test-cloud", "test-group", *base)
    lines = [json.loads(l) for l in out.splitlines() if l.strip()] if rc == 0 else []
    check(len(lines) == 2, "--json: one object per entity (%d %s %s)" % (rc, out[:200], err))
    if len(lines) == 2:
        o, g = lines
        check(o["id"] == "test-cloud" and o["country"] == "FR" and o["aliases"] == ["TestCloud"] and
              o["file"] == "test.yaml", "json identity: %r" % o)
        check([(p["id"], p["from"], p["until"]) for p in o["parents"]] ==
              [("test-group", None, "2024-03-01"), ("test-lux-holding", "2024-03-01", None)],
              "json parents over time: %r" % o["parents"])
        check(o["parent"]["id"] == "test-lux-holding" and
              [h["id"] for h in o["chain"]] == ["test-cloud", "test-lux-holding"],
              "json parent and chain: %r %r" % (o["parent"], o["chain"]))
        u = o["ultimate"]
        check(u.get("in_eu27", "absent") is False, "json: in_eu27 of the controller: %r" % u)
        check(u["id"] == "test-lux-holding" and u["control"] == "private" and
              u["held_recorded"] is True and
              u["holders"][0] == {"name": "Test Capital LLC", "entity": None, "country": "US",
                                  "capital": None,
                                  "voting": 70, "controlling": False, "as_of": None,
                                  "from": "2024-03-01", "until": None},
              "json ultimate with its holders: %r" % u)
        check([(s["url"], s["covers"]) for s in o["sources"]] ==
              [("https://example.org/cloud", ["name", "country", "former_names"]),
               ("https://example.org/deal", ["parent"]), ("https://example.org/blog", [])],
              "json sources with what they cover: %r" % o["sources"])
        check(g["controls"] == [] and g["holders"][0]["capital"] == 100,
              "json: the old group controls nothing now, its holders: %r" % g)

    # a holder that is an entity of the registry: its name and seat, and its id
    rc, out, err = show("test-jv", *base)
    check(rc == 0 and "Test Group SA (FR, 60 % of the capital, registry entity test-group)" in out,
          "a holder that is an entity, in text: %d %r %r" % (rc, out, err))
    check("behind them:  Test Group SA -> Test Group SA (FR): private; holders: The Founders (FR, "
          "100 % of the capital, as of 2023-12-31)" in out,
          "what stands behind a holder that is an entity: %r" % out)
    # a joint venture with a parent (its majority holder) that also names
    # its holders: its own holders are shown, then its controller's
    rc, out, err = show("test-majority-jv", *base)
    check(rc == 0 and "  held:         holders: Test Industrial SA (FR, controlling, registry "
          "entity test-industrial); Test Tech Inc. (US)" in out and
          "  controller:   Test Industrial SA (FR)" in out and
          out.index("  held:") < out.index("  controller:"),
          "a company with a parent shows its own holders too: %d %r %r" % (rc, out, err))
    rc, out, err = show("test-jv", "--json", *base)
    j = json.loads(out.splitlines()[0]) if rc == 0 and out else {}
    check([(h["name"], h["entity"], h["country"]) for h in j.get("holders") or []] ==
          [("Test Group SA", "test-group", "FR"), ("Other Founders", None, "FR")],
          "a holder that is an entity, in JSON: %r" % j.get("holders"))
    bh = (j.get("ultimate") or {}).get("behind_holders")
    check(isinstance(bh, list) and len(bh) == 1 and bh[0]["entity"] == "test-group" and
          bh[0]["controller"]["id"] == "test-group" and
          bh[0]["controller"]["control"] == "private" and
          bh[0]["controller"]["holders"][0]["name"] == "The Founders",
          "behind_holders in JSON: %r" % bh)

    # a circle of holdings: lint loads it (exit 0) and says so, warnings counted
    circ = os.path.join(tmp, "circle.yaml")
    with open(circ, "w", encoding="utf-8") as f:
        f.write("sovcheck-registry: 1\nentities:\n"
                "  - id: circ-a\n    name: Circle A SA\n    country: FR\n"
                "    holders: [{entity: circ-b, capital: 60}]\n"
                "    sources: [{url: https://example.org/a, fact: f, covers: [name, country, "
                "holders], reviewed: 2026-11-01}]\n"
                "  - id: circ-b\n    name: Circle B SA\n    country: LU\n"
                "    holders: [{entity: circ-a, capital: 70}]\n"
                "    sources: [{url: https://example.org/b, fact: f, covers: [name, country, "
                "holders], reviewed: 2026-11-01}]\n")
    p = subprocess.run([SOVCHECK, "registry", "lint", "--registry", circ], capture_output=True,
                       text=True, timeout=120)
    check(p.returncode == 0 and "circle.yaml:6:15: warning: [holding-circle] 'circ-a'" in p.stderr
          and "no error, 2 warnings (above)" in p.stdout,
          "a circle of holdings: lint warns and counts (%d %r %r)" % (p.returncode, p.stdout[:300],
                                                                      p.stderr))

    # a name nothing answers to: exit 3, the others still shown
    rc, out, err = show("no-such-entity-anywhere", "test-group", *base)
    check(rc == 3 and "no entity answers to 'no-such-entity-anywhere'" in err and
          "Test Group SA (FR)" in out, "an unknown name: exit 3, the rest shown (%d %s)"
          % (rc, err))
    check("its name begins" not in err, "no lead for a name no entity begins: %r" % err)
    # a subsidiary the registry does not list: the group its name begins
    # with, as a lead only (still exit 3, nothing shown as the answer)
    rc, out, err = show("Test Industrial Services Deutschland GmbH", *base)
    check(rc == 3 and out == "" and "its name begins with that of Test Industrial SA (FR, id "
          "test-industrial): perhaps a company of that group" in err,
          "an unlisted subsidiary: exit 3 and the group as a lead (%d %r %r)" % (rc, out, err))
    rc, out, err = show(*base)
    check(rc == 64, "show without a name: usage error (%d)" % rc)
    p = subprocess.run([SOVCHECK, "registry", "lint", "--json"], capture_output=True, text=True,
                       timeout=120)
    check(p.returncode == 64, "--json belongs to show (%d %s)" % (p.returncode, p.stderr))
finally:
    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    print("%d check(s) failed" % len(failures), file=sys.stderr)
    sys.exit(1)
print("registry show: all checks passed")
