"""``python -m support.doubles.carrier --port N``: the carrier double (carrier.md)."""
from support.doubles import kit
from support.doubles.carrier import create_app

if __name__ == "__main__":
    kit.main("The carrier double: a telephony provider on loopback (carrier.md).",
             lambda args: (create_app(), args.port))
