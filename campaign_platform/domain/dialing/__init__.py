"""Dial compliance (rules.md, section A) as data and pure functions: no database, HTTP or Redis.

- `rules.decide(request, facts)`: may this call be placed now? The first rule that blocks it.
- `windows.calling_window_decision(now_utc, contact)`: calling hours, state days and holidays.
- `opt_out.read_reply(text)`: what a reply text says (A5.1-A5.3): opt out, opt in, help, a person
  must read it, or nothing (rules as data: data/replies.yaml).

The state table, the holiday calendar and the states' time zones are YAML files in data/.
"""
