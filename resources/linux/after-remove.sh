#!/bin/sh
# Debian package removal: the rules and units the install put in place. The
# data directory (the outbox, the database, the keys, the fleet agent's
# configuration and write-ahead log) is never touched.
set -e
rm -f /etc/udev/rules.d/99-adm-printer.rules /etc/udev/rules.d/99-adm-readers.rules
rm -f /usr/lib/systemd/user/adm-kiosk.service /lib/systemd/system/adm-kiosk-cage.service /lib/systemd/system/adm-fleet-agent.service
if command -v systemctl >/dev/null 2>&1; then systemctl daemon-reload || true; fi
if command -v udevadm >/dev/null 2>&1; then udevadm control --reload || true; fi
