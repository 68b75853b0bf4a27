"""``python -m support.doubles.processor --port N``: the processor double (processor.md)."""
from support.doubles import kit
from support.doubles.processor import create_app

if __name__ == "__main__":
    kit.main("The processor double: a donation processor on loopback (processor.md).",
             lambda args: (create_app(), args.port))
