"""Dial compliance (rules.md, section A) as data and pure functions: no database, HTTP or Redis.

- `rules.decide(request, facts)`: may this call be placed now? The first rule that blocks it.
- `windows.calling_window_decision(now_utc, contact)`: calling hours, state days and holidays.
- `opt_out.classify_reply(text)`: a reply text's keyword (A5.2, A5.3).

The state table, the holiday calendar and the states' time zones are YAML files in data/.
"""
