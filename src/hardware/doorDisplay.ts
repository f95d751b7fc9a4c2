import type { ChainFactor } from '../core/factorChain.ts';
import { SHORT_PROMPTS, type ChallengeAction } from '../core/challenge.ts';

/** What the door shows; the same screens for a good and a bad attempt until the answer. */
export type DoorScreen =
  | { kind: 'prompt'; accept: readonly ChainFactor[] }
  | { kind: 'pin_entry'; digits: number }
  /** The liveness challenge's actions, in order (only on a step that takes the face alone). */
  | { kind: 'challenge'; actions: readonly ChallengeAction[] }
  | { kind: 'try_again' }
  | { kind: 'welcome'; name: string }
  | { kind: 'denied' }
  | { kind: 'locked_out'; seconds: number }
  | { kind: 'out_of_order' };

/** A character LCD, an OLED, or anything else that can show a door screen. */
export interface DoorDisplay {
  /** Sets the display up; a display that is not there fails here with a clear error. */
  start(): Promise<void>;
  /** Shows the screen; a display that lost its state (power blip) is set up again first. */
  show(screen: DoorScreen): Promise<void>;
  /** Blanks the display and lets go of the bus. */
  close(): Promise<void>;
}

const ASK: Record<ChainFactor, string> = { fob: 'Show your card', pin: 'Enter PIN', finger: 'Place finger', face: 'Look at the camera' };
/** The alternatives on the second line, short enough for a 16-character LCD. */
const OR: Record<ChainFactor, string> = { fob: 'or show card', pin: 'or enter PIN', finger: 'or place finger', face: 'or face camera' };

/** Headline and smaller second line of a screen. */
export function screenText(s: DoorScreen): { title: string; detail: string } {
  switch (s.kind) {
    case 'prompt': {
      const [first, ...rest] = s.accept;
      const title = first ? ASK[first] : 'Please wait';
      return { title, detail: rest.map((f) => OR[f]).join(' ') };
    }
    case 'pin_entry':
      return { title: 'Enter PIN', detail: '*'.repeat(Math.max(0, Math.min(12, Math.floor(s.digits)))) };
    case 'challenge': {
      // "Turn head left" / "then look up": the first action as the headline, the rest below.
      const [first, ...rest] = s.actions;
      return { title: first ? SHORT_PROMPTS[first] : 'Look at the camera', detail: rest.map((a) => `then ${SHORT_PROMPTS[a].toLowerCase()}`).join(' ') };
    }
    case 'try_again':
      return { title: 'Try again', detail: 'Lift and place the finger' };
    case 'welcome':
      return { title: `Welcome, ${s.name}`, detail: '' };
    case 'denied':
      return { title: 'Denied', detail: '' };
    case 'locked_out':
      return { title: 'Locked', detail: `Wait ${Math.max(0, Math.ceil(s.seconds))} s` };
    case 'out_of_order':
      return { title: 'Out of order', detail: '' };
  }
}

/**
 * Text as a small display's character set can show it: accents dropped (Zoë -> Zoe), anything
 * outside printable ASCII a '?', and the HD44780's missing '\' and '~' replaced.
 */
export function displayable(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\\]/g, '/')
    .replace(/~/g, '-')
    .replace(/[^\x20-\x7e]/gu, '?');
}

/** Words wrapped onto lines of `cols`; a word longer than a line is cut. */
export function wrap(text: string, cols: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of displayable(text).split(/\s+/).filter(Boolean)) {
    const w = word.slice(0, cols);
    if (!line) line = w;
    else if (line.length + 1 + w.length <= cols) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const center = (line: string, cols: number) => {
  const pad = Math.max(0, cols - line.length);
  return (' '.repeat(Math.floor(pad / 2)) + line).padEnd(cols).slice(0, cols);
};

/** A screen laid out on a grid of `cols` x `rows` characters, centred; the headline keeps at least its first line. */
export function layout(s: DoorScreen, cols: number, rows: number): string[] {
  const { title, detail } = screenText(s);
  const t = wrap(title, cols);
  const d = wrap(detail, cols);
  const titleRows = Math.max(1, Math.min(t.length, rows - Math.min(d.length, rows - 1)));
  const lines = [...t.slice(0, titleRows), ...d].slice(0, rows);
  // A two-line screen on four rows sits in the middle.
  const top = Math.floor((rows - lines.length) / 2);
  return Array.from({ length: rows }, (_, i) => center(lines[i - top] ?? '', cols));
}
