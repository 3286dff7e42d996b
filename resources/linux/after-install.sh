#!/bin/sh
# Debian package post-install: give the receipt printer a stable name and let
# the "lp" group use it (see 99-adm-printer.rules). The kiosk user must be in
# that group: sudo usermod -aG lp <kiosk-user>
set -e
RULE=/opt/ADM/resources/linux/99-adm-printer.rules
if [ -f "$RULE" ] && [ -d /etc/udev/rules.d ]; then
  cp "$RULE" /etc/udev/rules.d/99-adm-printer.rules
  if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload || true
    udevadm trigger --subsystem-match=usbmisc || true
  fi
fi
