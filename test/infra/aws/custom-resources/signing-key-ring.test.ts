import { describe, expect, it } from 'vitest';
import { onSigningKeyRingEvent, type SigningKeyRingDeps } from '#infra/aws/custom-resources/signing-key-ring';
import { parseKeyRing } from '#shared/auth/signing-keys';
import { createEvent, deleteEvent, updateEvent } from './events.ts';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:JwtSigningKeys-AbCdEf';
const OTHER_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:JwtSigningKeys-GhIjKl';
const NOW = new Date('2026-11-25T12:00:00.000Z');

/** A provider whose secret writes and log lines are kept for the test to read. */
function recordingDeps() {
  const puts: { secretId: string; value: string }[] = [];
  const logged: unknown[] = [];
  const deps: SigningKeyRingDeps = {
    secrets: {
      put: (secretId, value) => {
        puts.push({ secretId, value });
        return Promise.resolve();
      },
    },
    now: () => NOW,
    logger: { info: (message, details) => logged.push({ message, details }) },
  };
  return { deps, puts, logged };
}

describe('onSigningKeyRingEvent', () => {
  it('puts a new key ring in the secret when the stack creates the resource', async () => {
    // Prepare
    const { deps, puts } = recordingDeps();

    // Act
    await onSigningKeyRingEvent(createEvent({ SecretId: SECRET }), deps);

    // Assess
    expect(puts.map(({ secretId }) => secretId)).toEqual([SECRET]);
    expect(parseKeyRing(puts[0]?.value ?? '').current.createdAt).toBe(NOW.toISOString());
  });

  it('names the secret as the physical id', async () => {
    // Prepare
    const { deps } = recordingDeps();

    // Act
    const response = await onSigningKeyRingEvent(createEvent({ SecretId: SECRET }), deps);

    // Assess
    expect(response).toEqual({ PhysicalResourceId: SECRET });
  });

  it('leaves the ring alone on an update that keeps the secret', async () => {
    // Prepare
    const { deps, puts } = recordingDeps();

    // Act
    const response = await onSigningKeyRingEvent(updateEvent(SECRET, { SecretId: SECRET }, { SecretId: SECRET }), deps);

    // Assess
    expect(puts).toEqual([]);
    expect(response).toEqual({ PhysicalResourceId: SECRET });
  });

  it('puts a new ring in the new secret on an update that replaced the secret', async () => {
    // Prepare
    const { deps, puts } = recordingDeps();

    // Act
    const response = await onSigningKeyRingEvent(
      updateEvent(SECRET, { SecretId: OTHER_SECRET }, { SecretId: SECRET }),
      deps,
    );

    // Assess
    expect(puts.map(({ secretId }) => secretId)).toEqual([OTHER_SECRET]);
    expect(response).toEqual({ PhysicalResourceId: OTHER_SECRET });
  });

  it('leaves the secret alone when the resource is deleted', async () => {
    // Prepare
    const { deps, puts } = recordingDeps();

    // Act
    const response = await onSigningKeyRingEvent(deleteEvent(SECRET, { SecretId: SECRET }), deps);

    // Assess
    expect(puts).toEqual([]);
    expect(response).toEqual({ PhysicalResourceId: SECRET });
  });

  it('logs which secret it wrote but never the ring', async () => {
    // Prepare
    const { deps, puts, logged } = recordingDeps();

    // Act
    await onSigningKeyRingEvent(createEvent({ SecretId: SECRET }), deps);

    // Assess
    const ring = parseKeyRing(puts[0]?.value ?? '');
    const lines = JSON.stringify(logged);
    expect(lines).toContain(SECRET);
    expect(lines).not.toContain(ring.current.privateJwk.d);
    expect(lines).not.toContain(ring.next.privateJwk.d);
  });

  it('fails, naming the property, when the stack sends no SecretId', async () => {
    // Prepare
    const { deps } = recordingDeps();

    // Act
    const act = onSigningKeyRingEvent(createEvent({ SecretId: '' }), deps);

    // Assess
    await expect(act).rejects.toThrow('Custom resource property SecretId must be a non-empty string');
  });
});
