"""PostgreSQL (durable facts) and Redis (fast, derived state) access."""
