"""``python -m support.doubles.van --port N``: the VAN double (van.md)."""
from support.doubles import kit
from support.doubles.van import create_app

if __name__ == "__main__":
    kit.main("The VAN double: NGP VAN's API on loopback (van.md).",
             lambda args: (create_app(), args.port))
