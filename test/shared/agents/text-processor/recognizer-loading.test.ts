import { describe, expect, it, vi } from 'vitest';
import { compromiseBuilds } from '../../../../shared/agents/text-processor/compromise-builds.js';
import { recognizeEntities } from '#shared/agents/text-processor/entities';
import { parseText } from '#shared/agents/text-processor/segments';

// A file of its own: the recognizer is asked for once per process, so no other test may have asked first.
// (compromise's English model itself loads with the module, in Lambda's init; the other languages on demand.)
describe('asking for the English recognizer', () => {
  it('waits for a text that can name someone, so a text that cannot is never parsed', async () => {
    // Prepare
    const load = vi.spyOn(compromiseBuilds, 'en');

    // Act
    await recognizeEntities(parseText('the rain in spain stays mainly in the plain. It rains.', 'en'));
    const loadsBeforeAName = load.mock.calls.length;
    await recognizeEntities(parseText('Then Barack Obama spoke.', 'en'));

    // Assess
    expect([loadsBeforeAName, load.mock.calls.length]).toEqual([0, 1]);
  });
});
