"""``python -m support.doubles.host --carrier-port A --processor-port B --mail-smtp-port C
--mail-http-port D [--errors-port E] [--van-port F] [--reassigned-port G]``: the doubles in one
process, each on its own ports, as the embedded stack runs them (one interpreter's start-up
instead of several). Each double behaves exactly as when it runs alone
(``python -m support.doubles.<name>``): its contract is its .md file."""
import argparse

from support.doubles import kit, mail
from support.doubles.carrier import create_app as carrier_app
from support.doubles.errors import create_app as errors_app
from support.doubles.processor import create_app as processor_app
from support.doubles.reassigned import create_app as reassigned_app
from support.doubles.van import create_app as van_app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    for option in ("--carrier-port", "--processor-port", "--mail-smtp-port", "--mail-http-port"):
        parser.add_argument(option, type=int, required=True)
    parser.add_argument("--errors-port", type=int)
    parser.add_argument("--van-port", type=int)
    parser.add_argument("--reassigned-port", type=int)
    args = parser.parse_args(argv)
    apps = [(carrier_app(), args.carrier_port), (processor_app(), args.processor_port),
            (mail.create_app(args.mail_smtp_port), args.mail_http_port)]
    if args.errors_port:
        apps.append((errors_app(), args.errors_port))
    if args.van_port:
        apps.append((van_app(), args.van_port))
    if args.reassigned_port:
        apps.append((reassigned_app(), args.reassigned_port))
    kit.serve_many(apps)


if __name__ == "__main__":
    main()
