#!/usr/bin/env bash
# Placeholder until the PostgreSQL harness lands: run the command as it is.
exec "$@"
