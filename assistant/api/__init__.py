"""The HTTP API: routers, request/response models, auth and middleware (see server.py)."""
