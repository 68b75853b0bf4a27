"""HTTP routers, one module per workflow."""
