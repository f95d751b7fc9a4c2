import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const ARTIFACTS = 'test-artifacts';

/**
 * Debian's Chromium, headless, with a fresh profile (playwright makes one per launch); `fakeCamera` (a .y4m file) becomes the
 * webcam that getUserMedia sees.
 */
export async function launchChromium(opts: { fakeCamera?: string } = {}): Promise<{ browser: Browser; close: () => Promise<void> }> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (opts.fakeCamera) args.push('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${opts.fakeCamera}`);
  const browser = await chromium.launch({ executablePath: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium', headless: true, args });
  return {
    browser,
    close: () => browser.close(),
  };
}
