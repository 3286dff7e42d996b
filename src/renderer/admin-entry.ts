/**
 * The way from the resident screens to admin: the hidden corner gesture and
 * a technician card both end here. In Electron the shell opens the admin
 * window (its own preload, only the admin half of the contract); in the web
 * host the page goes to the admin page, which asks for the PIN first.
 */
declare global {
  interface Window {
    admShell?: { openAdmin(): void };
  }
}

export function openAdminScreen(): void {
  if (window.admShell) window.admShell.openAdmin();
  else window.location.assign('./admin.html');
}
