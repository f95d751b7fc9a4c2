// Keys to PINs: digits collect, # or Enter submits, * or Esc clears, and a half-typed PIN is
// forgotten after a pause so the next person does not inherit it.
export type Key = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'submit' | 'clear';

export const MAX_PIN_DIGITS = 12;

export class KeyBuffer {
  private digits = '';
  private lastAt = 0;

  constructor(
    private readonly onPin: (pin: string) => void,
    private readonly idleMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  press(key: Key): void {
    const at = this.now();
    if (at - this.lastAt > this.idleMs) this.digits = '';
    this.lastAt = at;
    if (key === 'clear') this.digits = '';
    else if (key === 'submit') {
      const pin = this.digits;
      this.digits = '';
      if (pin) this.onPin(pin);
    } else if (this.digits.length < MAX_PIN_DIGITS) this.digits += key;
  }

  /** Matrix keypad labels (0-9, *, #, A-D) to keys; letters do nothing. */
  static fromLabel(label: string): Key | null {
    if (/^[0-9]$/.test(label)) return label as Key;
    if (label === '#') return 'submit';
    if (label === '*') return 'clear';
    return null;
  }
}
