"""Offboarding (issue 11, I6): a deleted campaign gone at once, what the law keeps in the
organization's archive (C15, A3.4, A3.6), and that archive for the organization's owner alone."""
from __future__ import annotations

import uuid

from behave import given, then, when
from psycopg import sql

from support import app_role, fingerprint, reporting, rivals, route_matrix
from support.retention import KEPT, Offboarding, kept_until
from support.world import Campaign

NOT_FOUND_STATUS, UNAUTHENTICATED_STATUS = 404, 401
ARCHIVE_TABLES = {"archived_campaigns": {"organization_id"}, "archived_records": {"organization_id"}}


def _notes(context) -> Offboarding:
    return context.world.notes(Offboarding)


def _trial(context) -> rivals.Trial:
    return context.world.notes(rivals.Trial)


def _campaign(context, name: str) -> Campaign:
    return context.world.known_campaign(name)


def _archived(context, campaign: Campaign) -> list[dict]:
    return context.world.db.probe(
        "archived records", "SELECT r.record_class, r.recorded_at, r.retain_until, a.deleted_at,"
        " a.name, a.deleted_by FROM archived_records r JOIN archived_campaigns a ON a.id = r.archive_id"
        " WHERE a.id = %(c)s ORDER BY r.record_class, r.recorded_at", {"c": campaign.campaign_id})


def _archived_campaign(context, campaign: Campaign) -> list[dict]:
    return context.world.db.probe(
        "archived campaign", "SELECT id, organization_id, name, deleted_at, deleted_by"
        " FROM archived_campaigns WHERE id = %(c)s", {"c": campaign.campaign_id})


# -- arrangements -----------------------------------------------------------------------------------
@given('{owner_a:Person} owns "{campaign_a:Text}" and {owner_b:Person} owns "{campaign_b:Text}", '
       "rivals built for this scenario with one of everything")
def step_own_rivals(context, owner_a, campaign_a, owner_b, campaign_b):
    for owner, campaign in ((owner_a, campaign_a), (owner_b, campaign_b)):
        rivals.build(context.world, campaign, owner)


@given('the organization behind "{first:Text}" also runs "{campaign:Text}"')
def step_sibling(context, first, campaign):
    context.world.sibling(campaign, first)


@given('"{campaign:Text}" has an integration with a key of its own')
def step_sibling_key(context, campaign):
    world, sibling = context.world, _campaign(context, campaign)
    created = world.expect(world.client.create_api_key(world.person(sibling.owner).token, sibling.campaign_id,
                                                       "Manager integration", "manager"), 201, "create an API key")
    sibling.api_key = reporting.register_secret(created.json()["key"])


@given('{person:Person} has deleted "{campaign:Text}"')
def step_has_deleted(context, person, campaign):
    world = context.world
    world.expect(world.client.delete_campaign(world.person(person).token, _campaign(context, campaign).campaign_id),
                 204, "delete the campaign")


# -- the deletion -----------------------------------------------------------------------------------
@when('{person:Person} deletes "{campaign:Text}"')
def step_deletes(context, person, campaign):
    world, trial, rival = context.world, _trial(context), rivals.of(context.world, campaign)
    for built in world.built_campaigns():
        before = trial.before[built.name] = fingerprint.fingerprint(world.db, world.cache, built.campaign_id,
                                                                    built.organization_id)
        fingerprint.attach(f"fingerprint of {built.name} before", before)
    _notes(context).records_before[campaign] = {
        record_class: world.db.probe(f"{kept.words} before", kept.count_sql, {"c": rival.campaign_id})[0]["n"]
        for record_class, kept in KEPT.items()}
    trial.cached_before = fingerprint.redis_keys(world.cache.client, rival.campaign_id)
    assert trial.cached_before, f"{campaign} had nothing cached: its deletion would prove nothing"
    clock = world.db.probe("the campaign's clock", "SELECT frozen_at FROM test_clocks WHERE campaign_id = %(c)s",
                           {"c": rival.campaign_id})
    _notes(context).frozen_at = clock[0]["frozen_at"] if clock else None
    start = world.db.conn.execute("SELECT clock_timestamp() AS t").fetchone()["t"]
    trial.answer = world.client.delete_campaign(world.person(person).token, rival.campaign_id)
    _notes(context).deleted_within = (start, world.db.conn.execute("SELECT clock_timestamp() AS t").fetchone()["t"])
    assert trial.answer.status_code == 204, f"{trial.answer.status_code}: {trial.answer.text[:300]}"


@then('nothing "{campaign:Text}" worked with is left outside its organization\'s archive')
def step_no_rows(context, campaign):
    rival = rivals.of(context.world, campaign)
    held = fingerprint.postgres_fingerprint(context.world.db.conn, rival.campaign_id, rival.organization_id)
    had = _trial(context).before[campaign]["postgres"]
    left = {name: n for name, (n, _) in held.items()
            if n and name != "organizations" and not name.endswith("(organization)")}
    assert not left, f"rows of {campaign} are left: {left}"
    gone = [name for name, (n, _) in had.items() if n and name not in left]
    assert "campaigns" in gone and len(gone) > 10, f"{campaign} held too little to prove this: {had}"


@then('none of the figures "{campaign:Text}" kept at hand is left')
def step_no_cache(context, campaign):
    rival = rivals.of(context.world, campaign)
    left = list(context.world.cache.client.scan_iter(match=f"cp:campaign:{rival.campaign_id}:*"))
    assert not left, f"{campaign}'s keys are left in the cache: {left} (had {_trial(context).cached_before})"


@then("the live dashboard {person:Person} watches tells {person2:Person} the campaign has closed")
def step_dashboard_closed(context, person, person2):
    channel = context.world.channel(person, "dashboard")
    channel.wait_for(lambda e: e.get("type") == "campaign.deleted", timeout=2, what="the campaign.deleted event")
    code = channel.wait_closed(timeout=2)
    assert code == 4404, f"the dashboard was closed with {code}, not 4404 (not found)"


@then("{person:Person}'s dashboard is still live, and is told of a new contribution to "
      '"{campaign:Text}" within 1 second')
def step_dashboard_live(context, person, campaign):
    channel = context.world.channel(person, "dashboard")
    assert channel.close_code is None, f"{person}'s dashboard was closed ({channel.close_code})"
    (gift,) = rivals.of(context.world, campaign).donations.give("Robin", 3100)
    channel.wait_for(lambda e: e.get("type") == "contribution.recorded"
                     and str(e.get("lineitem_id")) == gift.lineitem_id, timeout=1, what="the new contribution")


def _as_unknown(answer, twin, what: str) -> None:
    """Refused as not found, byte for byte the answer for something that does not exist."""
    assert answer.status_code == NOT_FOUND_STATUS, f"{what}: {answer.status_code} {answer.text[:200]}"
    assert (answer.status_code, answer.content) == (twin.status_code, twin.content), \
        f"{what} is told apart from an unknown one: {answer.content!r} vs {twin.content!r}"


@then('{person:Person} can no longer open any part of "{campaign:Text}", exactly as if it never existed')
def step_every_route_gone(context, person, campaign):
    rival, world = rivals.of(context.world, campaign), context.world
    token = world.person(person).token
    unknown = {**rival.ids, "campaign_id": str(uuid.uuid4())}
    routes = [r for r in route_matrix.campaign_scoped(world.harness.published_routes())
              if not route_matrix.of_organization(r)]  # the organization's own outlive the campaign
    for method, route in sorted(routes):
        answer = world.client.request(method, route_matrix.fill_path(route, rival.ids), token,
                                      route_matrix.sample_body(method, route, rival.ids))
        twin = world.client.request(method, route_matrix.fill_path(route, unknown), token,
                                    route_matrix.sample_body(method, route, unknown))
        _as_unknown(answer, twin, f"{method} {route}")


@then('its caller {person:Person} can no longer open "{campaign:Text}" either')
def step_member_gone(context, person, campaign):
    rival = rivals.of(context.world, campaign)
    token = rival.world.person(person).token  # a teammate of the rival, made where it was built
    client = context.world.client
    _as_unknown(client.campaign(token, rival.campaign_id), client.campaign(token, str(uuid.uuid4())),
                f"{person} opening {campaign}")


@then('the donation processor\'s notifications for "{campaign:Text}" are turned away')
def step_webhook_gone(context, campaign):
    (gift,) = rivals.of(context.world, campaign).donations.give("Robin", 2000)
    first = gift.attempts[0]
    assert (first["status"], first["error_code"]) == (404, "not_found"), first


@then('the integration key of "{campaign:Text}" no longer works')
def step_key_gone(context, campaign):
    rival = rivals.of(context.world, campaign)
    answer = context.world.client.search_contacts(rival.api_key, rival.campaign_id)
    assert answer.status_code == UNAUTHENTICATED_STATUS, f"{answer.status_code}: {answer.text[:200]}"


# -- what the law keeps -----------------------------------------------------------------------------
@then('the contributions, compliance flags, do-not-call requests, consent and call records of '
      '"{campaign:Text}" are in its organization\'s archive, each kept until its date')
def step_records_archived(context, campaign):
    rival = rivals.of(context.world, campaign)
    before, archived = _notes(context).records_before[campaign], _archived(context, rival)
    empty = sorted(KEPT[c].words for c, n in before.items() if n == 0)
    assert not empty, f"{campaign} had no {empty} before its deletion: keeping them would prove nothing"
    counted = {c: sum(1 for r in archived if r["record_class"] == c) for c in KEPT}
    assert counted == before, f"archived {counted}, the campaign had {before}"
    wrong = [(r["record_class"], r["recorded_at"].isoformat(), str(r["retain_until"]),
              str(kept_until(r["record_class"], r["recorded_at"], r["deleted_at"])))
             for r in archived if r["retain_until"] != kept_until(r["record_class"], r["recorded_at"], r["deleted_at"])]
    assert not wrong, f"kept until the wrong date (class, recorded, kept until, the rule's date): {wrong}"


@then('the archive names "{campaign:Text}", when it was deleted, and that {person:Person} deleted it')
def step_archive_names(context, campaign, person):
    rival, world = rivals.of(context.world, campaign), context.world
    (row,) = _archived_campaign(context, rival)
    assert (row["name"], str(row["organization_id"]), str(row["deleted_by"])) == \
        (campaign, rival.organization_id, world.person(person).user_id), row
    frozen, (start, end) = _notes(context).frozen_at, _notes(context).deleted_within
    # On the campaign's own clock: frozen by the test clock the rival has, or the real time.
    assert row["deleted_at"] == frozen if frozen else start <= row["deleted_at"] <= end, \
        f"deleted at {row['deleted_at']}; the campaign's clock said {frozen or (start, end)}"


@then('the request on the campaign\'s own do-not-call list of "{campaign:Text}" is kept in the '
      "organization's archive")
def step_campaign_entry_archived(context, campaign):
    rival = rivals.of(context.world, campaign)
    number = rival.numbers["campaign do-not-call"]
    assert _live_do_not_call(context, rival, number) == [], "the campaign's own entry outlived the campaign"
    kept = context.world.db.probe("archived do-not-call request", "SELECT retain_until FROM archived_records"
                                  " WHERE archive_id = %(c)s AND record_class = 'do_not_call'"
                                  " AND record->>'e164' = %(e)s", {"c": rival.campaign_id, "e": number})
    assert len(kept) == 1, f"the request for {number} is not in the archive: {kept}"


@then('the consent {name} withdrew from "{campaign:Text}" stays withdrawn in the archive')
def step_consent_withdrawn(context, name, campaign):
    rival = rivals.of(context.world, campaign)
    kept = context.world.db.probe("archived consent", "SELECT record FROM archived_records"
                                  " WHERE archive_id = %(c)s AND record_class = 'consent'"
                                  " AND record->>'e164' = %(e)s", {"c": rival.campaign_id, "e": rival.numbers[name]})
    assert [bool(r["record"].get("consent_revoked_at")) for r in kept] == [True], kept


def _live_do_not_call(context, campaign: Campaign, number: str) -> list[dict]:
    return context.world.db.probe(
        "do-not-call entries of the number", "SELECT organization_id, campaign_id, expires_at "
        "FROM do_not_call WHERE e164 = %(e164)s AND organization_id = %(o)s",
        {"e164": number, "o": campaign.organization_id})


@then('the numbers "{campaign:Text}" put on its organization\'s do-not-call list are still on it')
def step_organization_entries_kept(context, campaign):
    rival = rivals.of(context.world, campaign)
    for what in ("organization do-not-call", "Stevie"):
        entries = _live_do_not_call(context, rival, rival.numbers[what])
        assert [e["campaign_id"] for e in entries] == [None], f"{what}: {entries}"


@then('the person who texted STOP to "{campaign:Text}" is still opted out of the organization\'s texts')
def step_text_opt_out_kept(context, campaign):
    rival = rivals.of(context.world, campaign)
    rows = context.world.db.probe(
        "text subscription", "SELECT opted_out FROM text_subscriptions WHERE organization_id = %(o)s AND e164 = %(e164)s",
        {"o": rival.organization_id, "e164": rival.numbers["Stevie"]})
    assert [r["opted_out"] for r in rows] == [True], rows


@then("{person:Person} still has an account")
def step_account_kept(context, person):
    assert context.world.db.user(context.world.person(person).email), f"{person}'s account is gone"


# -- the export -------------------------------------------------------------------------------------
def _export(context, token: str, campaign: str) -> None:
    notes, client = _notes(context), context.world.client
    notes.export = client.archive(token, _campaign(context, campaign).organization_id)
    notes.twin = client.archive(token, str(uuid.uuid4()))


@when('{person:Person} exports the archive of the organization behind "{campaign:Text}"')
@when('{person:Person} tries to export the archive of the organization behind "{campaign:Text}"')
def step_exports(context, person, campaign):
    _export(context, context.world.person(person).token, campaign)


@when('the key of "{own:Text}" is used to export the archive of the organization behind "{campaign:Text}"')
def step_key_exports(context, own, campaign):
    key = _campaign(context, own).api_key
    assert key, f"{own} has no key in this scenario"
    _export(context, key, campaign)


@then('the export holds every record the archive keeps of "{campaign:Text}", each with its date')
def step_export_holds(context, campaign):
    answer, rival = _notes(context).export, _campaign(context, campaign)
    assert answer.status_code == 200, f"{answer.status_code}: {answer.text[:300]}"
    (entry,) = [c for c in answer.json()["campaigns"] if c["campaign_id"] == rival.campaign_id]
    kept = _archived(context, rival)
    assert kept, f"the archive keeps nothing of {campaign}: the export would prove nothing"
    exported = sorted((r["record_class"], r["retain_until"]) for r in entry["records"])
    assert exported == sorted((r["record_class"], str(r["retain_until"])) for r in kept), \
        f"the export differs from the archive: {exported}"
    assert entry["name"] == campaign and entry["deleted_by"]["user_id"] == context.world.person(rival.owner).user_id


@then("{person:Person} finds no such organization, exactly as for one that does not exist")
@then("the key finds no such organization, exactly as for one that does not exist")
def step_no_such_organization(context, person=None):
    notes = _notes(context)
    _as_unknown(notes.export, notes.twin, "the organization's archive")
    assert notes.export.json()["error"]["code"] == "not_found", notes.export.text


@then('the archive of {person:Person}\'s own organization shows nothing of "{campaign:Text}"')
def step_own_archive_clean(context, person, campaign):
    world, mine = context.world, [c for c in context.world.campaigns.values()
                                  if c.owner == person and c.organization_id][0]
    answer = world.client.archive(world.person(person).token, mine.organization_id)
    assert answer.status_code == 200, f"{answer.status_code}: {answer.text[:200]}"
    leaked = [c for c in answer.json()["campaigns"] if c["campaign_id"] == _campaign(context, campaign).campaign_id]
    assert not leaked, f"{person}'s archive shows {campaign}: {leaked}"


@then('the database shows the archive of the organization behind "{campaign:Text}" to {person:Person} alone')
def step_database_owner_alone(context, campaign, person):
    role = context.world.harness.app_role
    if role is None:
        context.scenario.skip(reason="the profile gives no app_database_url: the platform's own "
                                     "database role cannot be probed on this deployment")
        return
    world, organization = context.world, _campaign(context, campaign).organization_id
    owner = world.person(person).user_id
    seen = role.read(ARCHIVE_TABLES, None, user_id=owner)
    blind = [t for t, s in seen.items() if s.error or not s.count(organization_id=organization)]
    assert not blind, f"the organization's owner does not see its archive in {blind}"
    others = [(c.campaign_id, None) for c in world.campaigns.values() if c.campaign_id] + [(None, None)]
    others += [(None, p.user_id) for p in world.people.values() if p.user_id and p.user_id != owner]
    others += [(c.campaign_id, p.user_id) for c in world.campaigns.values() if c.campaign_id
               for p in world.people.values() if p.user_id and p.user_id != owner]
    for campaign_id, user_id in others:
        for table, s in role.read(ARCHIVE_TABLES, campaign_id, user_id=user_id).items():
            assert not s.error and not s.count(organization_id=organization), \
                f"{table} shows the archive to campaign {campaign_id}, person {user_id}: {s.rows or s.error}"
    for table in ARCHIVE_TABLES:
        for what, statement in (
                ("add", sql.SQL("INSERT INTO {t} SELECT * FROM {t} WHERE organization_id = %s LIMIT 1")),
                ("change", sql.SQL("UPDATE {t} SET organization_id = organization_id WHERE organization_id = %s")),
                ("delete", sql.SQL("DELETE FROM {t} WHERE organization_id = %s"))):
            rows, error = role.write(None, statement.format(t=sql.Identifier(table)), (organization,), user_id=owner)
            assert (error or "").startswith(app_role.RLS_VIOLATION), \
                f"the platform's role could {what} rows of {table}: {rows} rows, {error}"

