// Making an open alert hard to miss outside the page itself: the tab title, the favicon, a sound.

const SOUND_KEY = 'vigil.sound';

export const soundEnabled = () => localStorage.getItem(SOUND_KEY) === 'on';
/** `null`: never asked; the banner offers to turn sound on once. */
export const soundChoice = (): 'on' | 'off' | null => {
  const v = localStorage.getItem(SOUND_KEY);
  return v === 'on' || v === 'off' ? v : null;
};
export function setSound(on: boolean): void {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  // The click that turns sound on is the gesture browsers want before they play anything.
  if (on) chime();
}

let audio: AudioContext | undefined;

/** A short two-tone chime, made on the spot (no sound file to ship). */
export function chime(): void {
  try {
    audio ??= new AudioContext();
    const ctx = audio;
    for (const [i, f] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = f;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.25);
      osc.stop(ctx.currentTime + i * 0.25 + 0.2);
    }
  } catch {
    // No audio device: the banner still shows.
  }
}

const ICON = `<path d="M256 84 388 134v106c0 92-56 160-132 190-76-30-132-98-132-190V134z" fill="#fff"/>`;

/** The favicon, with a red badge and the count when alerts are open. */
export function faviconHref(count: number): string {
  const badge = count
    ? `<circle cx="392" cy="120" r="120" fill="#c62828" stroke="#fff" stroke-width="16"/><text x="392" y="172" font-family="Arial,sans-serif" font-size="${count > 9 ? 130 : 160}" font-weight="700" text-anchor="middle" fill="#fff">${count > 9 ? '9+' : count}</text>`
    : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="#0b4f8a"/>${ICON}${badge}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** "(2) ⚠ Status · Vigil": the count of open incidents first, so it shows in a narrow tab. */
export function documentTitle(page: string, open: number): string {
  return `${open ? `(${open}) ⚠ ` : ''}${page ? `${page} · ` : ''}Vigil`;
}

export function showBadge(page: string, open: number): void {
  document.title = documentTitle(page, open);
  const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (link) {
    link.type = 'image/svg+xml';
    link.href = faviconHref(open);
  }
}
