import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeChip, GND } from '../fakeGpio.ts';
import { GpioContact, type ContactState } from '../../src/hardware/gpioContact.ts';
import { waitFor } from '../helpers.ts';

describe('door contact on a GPIO line', () => {
  test('reports the state at start and each settled change once; a bouncing reed is one change', async () => {
    const chip = new FakeChip();
    chip.press(4, GND); // door shut: the magnet closes the reed to ground
    const seen: ContactState[] = [];
    const contact = new GpioContact(chip, 4, { settleMs: 40 });
    await contact.start((c) => seen.push(c));
    assert.deepEqual(seen, ['closed']);
    // The door opens; the reed bounces a few times on the way.
    for (let i = 0; i < 5; i++) {
      chip.release(4, GND);
      chip.press(4, GND);
    }
    chip.release(4, GND);
    await waitFor(() => seen.length === 2 || undefined, 5000, 'open');
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(seen, ['closed', 'open']);
    chip.press(4, GND);
    await waitFor(() => seen.length === 3 || undefined, 5000, 'closed again');
    assert.deepEqual(seen, ['closed', 'open', 'closed']);
    await contact.stop();
  });
});
