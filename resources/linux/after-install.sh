#!/bin/sh
# Debian package post-install: the udev rules for the receipt printer and the
# readers (99-adm-printer.rules, 99-adm-readers.rules), and the systemd units
# for starting the kiosk and its fleet health agent (installed, never enabled:
# see docs/installing.md and docs/fleet.md).
# The kiosk user must be in the groups the rules name:
#   sudo usermod -aG lp,plugdev,dialout <kiosk-user>
set -e
SRC=/opt/ADM/resources/linux
if [ -d /etc/udev/rules.d ]; then
  for rule in 99-adm-printer.rules 99-adm-readers.rules; do
    if [ -f "$SRC/$rule" ]; then cp "$SRC/$rule" "/etc/udev/rules.d/$rule"; fi
  done
  if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload || true
    udevadm trigger --subsystem-match=usbmisc --subsystem-match=hidraw --subsystem-match=tty || true
  fi
fi
if [ -d /usr/lib/systemd/user ] && [ -f "$SRC/adm-kiosk.service" ]; then
  cp "$SRC/adm-kiosk.service" /usr/lib/systemd/user/adm-kiosk.service
fi
if [ -d /lib/systemd/system ]; then
  for unit in adm-kiosk-cage.service adm-fleet-agent.service; do
    if [ -f "$SRC/$unit" ]; then cp "$SRC/$unit" "/lib/systemd/system/$unit"; fi
  done
  if command -v systemctl >/dev/null 2>&1; then systemctl daemon-reload || true; fi
fi
