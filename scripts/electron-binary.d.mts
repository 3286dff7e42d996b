/** The Electron runtime's path, or null when it is not installed. */
export function findElectronBinary(): string | null;
