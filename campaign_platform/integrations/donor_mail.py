"""Emails to donors (sent with integrations.mail.Mailer, after the commit)."""

from __future__ import annotations


def best_efforts_email(first_name: str, campaign_name: str) -> tuple[str, str]:
    """C6, C7: the one follow-up asking for the employer and occupation an itemized donor left out."""
    subject = f"A question about your contribution to {campaign_name}"
    body = (
        f"Hello {first_name},\n\n"
        f"Thank you for your contribution to {campaign_name}.\n\n"
        "Federal law requires us to use our best efforts to collect and report the name, mailing\n"
        "address, occupation and name of employer of individuals whose contributions exceed $200\n"
        "in an election cycle. Please reply to this email with your employer and your occupation.\n"
    )
    return subject, body


def redesignation_email(first_name: str, campaign_name: str, excess: str, election: str) -> tuple[str, str]:
    """C12 (11 CFR 110.1(b)(5)(ii)(B)): the donor is told how the excess was redesignated and that
    a refund of it is theirs to ask for instead."""
    subject = f"Your contribution to {campaign_name} was redesignated"
    body = (
        f"Hello {first_name},\n\n"
        f"Thank you for your contribution to {campaign_name}.\n\n"
        f"Federal law limits what an individual may give for each election. ${excess} of your\n"
        f"contribution was over the primary election's limit, so we have applied it to the {election}\n"
        "election instead. If you would rather have that amount refunded, reply to this email and\n"
        "we will refund it.\n"
    )
    return subject, body


def reattribution_email(first_name: str, campaign_name: str, excess: str, holder: str) -> tuple[str, str]:
    """C12 (11 CFR 110.1(k)(3)(ii)(B)): the donor is told the excess was attributed to the other
    holder of the joint account it came from, and that a refund of it is theirs to ask for instead."""
    subject = f"Your contribution to {campaign_name} was reattributed"
    body = (
        f"Hello {first_name},\n\n"
        f"Thank you for your contribution to {campaign_name}.\n\n"
        f"Federal law limits what an individual may give for each election. ${excess} of your\n"
        f"contribution was over your limit, so we have attributed it to {holder}, who holds the\n"
        "account it came from with you. If you would rather have that amount refunded, reply to\n"
        "this email and we will refund it.\n"
    )
    return subject, body
