#!/bin/sh
# Runs the kiosk inside cage (adm-kiosk-cage.service) and starts it again,
# within the same compositor, whenever it ends other than by "Tutup aplikasi
# kios": a crash, or a restart (admin's "Mulai ulang aplikasi", the daily
# restart, or the shell giving up on a failing page), which exits with 75.
# A clean quit (status 0) ends the loop, cage, and the unit.
export ADM_RESTART_BY_EXIT_CODE=1
KIOSK="${ADM_KIOSK_BINARY:-/opt/ADM/adm-kiosk}"
while :; do
  "$KIOSK" --no-demo --ozone-platform-hint=auto "$@"
  status=$?
  [ "$status" -eq 0 ] && exit 0
  # A restart comes back at once; a crash waits a little, so a kiosk that cannot start does not spin.
  [ "$status" -eq 75 ] || sleep 5
done
