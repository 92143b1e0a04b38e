#!/usr/bin/env bash
# Deletes what seed-by-ansible.sh PREFIX made. Its resources are named as seed-by-hand.sh names them, so the same
# openstack CLI deletion serves: the deletion is not what the benchmark times.
exec bash "$(dirname "$0")/seed-by-hand-delete.sh" "$@"
