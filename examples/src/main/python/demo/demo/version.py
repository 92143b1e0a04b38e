"""The demo's version, which /whoami/ answers with: a new version of the code says so."""
VERSION = "v1.0"
