"""``python -m support.doubles.errors --port N``: the error tracker double alone (errors.md)."""
from support.doubles import kit
from support.doubles.errors import create_app

if __name__ == "__main__":
    kit.main("The error tracker double (errors.md).", lambda args: (create_app(), args.port))
