"""Business rules as plain functions over plain data: no I/O here."""
