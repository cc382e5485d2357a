// Launch Debian's Chromium (never a downloaded browser) with puppeteer-core, in a fresh profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// --headless is set by puppeteer-core (headless: true); the rest are the project's flags.
export const CHROMIUM_FLAGS = [
  '--no-sandbox', // Chromium refuses to start as root without it (CI runs as root)
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What is missing to run the browser tools, as sentences; empty when all is there. */
export function missingPrerequisites() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) {
    missing.push(`Chromium is not installed at ${CHROMIUM} (Debian: apt-get install -y chromium)`);
  }
  return missing;
}

/** Start Chromium headless in a fresh --user-data-dir; close() also removes that folder. */
export async function launch() {
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'skillmix-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: CHROMIUM_FLAGS,
    protocolTimeout: 300_000,
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    try {
      await close();
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
  };
  return browser;
}
