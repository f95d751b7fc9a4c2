import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

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

/** A desktop and a phone (the width of most phones in use): every panel test runs on both. */
export const VIEWS = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 900 } } },
  { name: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
] as const;

/**
 * A screenshot under test-artifacts/<folder>/ (git ignores it): the full page, or only the screen
 * while a dialog or drawer is open (it and its backdrop cover the screen, not the whole page).
 */
export async function screenshot(page: Page, folder: string, name: string): Promise<string> {
  const dir = path.join(ARTIFACTS, folder);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  const modal = (await page.locator('[role="dialog"], [role="alertdialog"]').count()) > 0;
  await page.screenshot({ path: file, fullPage: !modal });
  return file;
}

/** axe-core against WCAG 2.1 A and AA: the violations that are serious or critical, one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Elements that stick out sideways (a page that scrolls sideways on a phone). */
export async function stickingOut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    // No named helpers in here: the test's compiler would wrap them in a function the page lacks.
    const out = [...document.querySelectorAll('body *')]
      .filter((el) => {
        if (el.getBoundingClientRect().right <= limit + 0.5 || getComputedStyle(el).position === 'fixed') return false;
        // Inside a visually hidden box (clipped to 1 px for screen readers) nothing shows.
        for (let a: Element | null = el; a; a = a.parentElement) if (getComputedStyle(a).clip !== 'auto') return false;
        return true;
      })
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.className)}`)
      .slice(0, 5);
    if (document.documentElement.scrollWidth > limit) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    return out;
  });
}
