"""``python -m support.doubles.reassigned --port N``: the reassigned-numbers database double
(reassigned.md)."""
from support.doubles import kit
from support.doubles.reassigned import create_app

if __name__ == "__main__":
    kit.main("The reassigned-numbers database double (reassigned.md).",
             lambda args: (create_app(), args.port))
