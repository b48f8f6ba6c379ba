/**
 * Debian's Chromium driven by playwright-core (no browser download): the browser tests' and
 * bench:web's one way to launch it. Free of Vitest, so a bench script can import it.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ChromiumOptions {
  /**
   * 'off' (the tests: no GPU process at all) or 'swiftshader' (bench:web: WebGL in software, through
   * ANGLE, for the canvas's WebGL renderer on a machine without a GPU).
   */
  gl?: 'off' | 'swiftshader';
}

export async function launchChromium(opts: ChromiumOptions = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `the browser tests and bench:web drive Debian's Chromium, not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  const gl = opts.gl === 'swiftshader' ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'] : ['--disable-gpu'];
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      ...gl,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
