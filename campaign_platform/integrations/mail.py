"""Plain-text email over SMTP (no TLS, no auth: the dev/test mail server is a local double).

Mail goes out after the command's transaction has committed. A failure to send is logged and
does not fail the command: what the mail announces already exists. Sending goes behind the mail
server's circuit breaker (resilience.py): while it is open, nothing is sent and the skip is logged.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from campaign_platform.integrations.resilience import BreakerOpen, Breakers

log = logging.getLogger(__name__)

_SMTP_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class Mailer:
    host: str
    port: int
    sender: str
    breakers: Breakers | None = None

    async def send(self, to: str, subject: str, body: str) -> bool:
        """True once the server accepted the message. Never raises for a delivery failure."""
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain="campaign-platform")
        # Not quoted-printable: that would break the link line at 76 characters.
        message.set_content(body, cte="7bit" if body.isascii() else "8bit")
        deliver = lambda: asyncio.to_thread(self._deliver, message)  # noqa: E731
        try:
            if self.breakers is None:
                await deliver()
            else:
                await self.breakers.call("mail", deliver, failure=(OSError, smtplib.SMTPException))
        except BreakerOpen as exc:
            log.error("did not send mail %r: %s", subject, exc)
            return False
        except (OSError, smtplib.SMTPException) as exc:
            # The body holds a one-time link: log only what the mail was about.
            log.error("could not send mail %r: %s: %s", subject, type(exc).__name__, exc)
            return False
        return True

    def _deliver(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=_SMTP_TIMEOUT_SECONDS) as smtp:
            smtp.send_message(message)


def verification_email(full_name: str, campaign_name: str, link: str, valid_hours: int) -> tuple[str, str]:
    subject = f"Verify your email for {campaign_name}"
    body = (
        f"Hello {full_name},\n\n"
        f"Confirm your email address to finish setting up {campaign_name}.\n"
        f"Open this link within {valid_hours} hours:\n\n"
        f"{link}\n\n"
        "If you did not sign up, ignore this email.\n"
    )
    return subject, body


def invitation_email(
    inviter_name: str, campaign_name: str, role: str, link: str, valid_days: int
) -> tuple[str, str]:
    subject = f"{inviter_name} invited you to {campaign_name}"
    body = (
        f"{inviter_name} invited you to join {campaign_name} as {role}.\n"
        f"Accept the invitation within {valid_days} days:\n\n"
        f"{link}\n\n"
        "If you were not expecting this, ignore this email.\n"
    )
    return subject, body
