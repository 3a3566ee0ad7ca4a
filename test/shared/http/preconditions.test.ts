import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '#shared/errors';
import { conditionalUpdate, ifMatchVersion, versionTag } from '#shared/http/preconditions';
import { httpEvent } from '../../support/events.ts';

const withIfMatch = (value?: string) =>
  httpEvent({ method: 'PATCH', path: '/concepts/x', ...(value !== undefined && { headers: { 'if-match': value } }) });

describe('ifMatchVersion', () => {
  it.each([
    ['"3"', 3],
    ['  "12"  ', 12],
    ['W/"2", "5"', 5],
  ])('reads If-Match %s as version %d', (header, version) => {
    expect(ifMatchVersion(withIfMatch(header))).toBe(version);
  });

  it('makes no condition without the header', () => {
    expect(ifMatchVersion(withIfMatch())).toBeUndefined();
  });

  it('makes no version condition for *', () => {
    expect(ifMatchVersion(withIfMatch('*'))).toBeUndefined();
  });

  it('reads back the tag versionTag makes', () => {
    expect(ifMatchVersion(withIfMatch(versionTag(41)))).toBe(41);
  });

  it.each(['W/"3"', '"0"', '"abc"', '""', '"1.5"'])(
    'fails the precondition for %s, which names no version',
    (header) => {
      expect(() => ifMatchVersion(withIfMatch(header))).toThrow(PreconditionFailedError);
    },
  );

  it.each(['3', '', '"3', '"3" "4"', '*, "3"'])('refuses %j, which is not an entity-tag list, as a 400', (header) => {
    expect(() => ifMatchVersion(withIfMatch(header))).toThrow(ValidationError);
  });

  it('refuses two versions as a 400: an update applies against one', () => {
    expect(() => ifMatchVersion(withIfMatch('"3", "4"'))).toThrow(/one entity tag/);
  });
});

describe('conditionalUpdate', () => {
  it('turns a conflict under an expected version into 412', async () => {
    const update = conditionalUpdate(2, () => Promise.reject(new ConflictError('at version 3, not 2')));
    await expect(update).rejects.toThrow(PreconditionFailedError);
    await expect(update).rejects.toThrow('at version 3, not 2');
  });

  it('leaves a conflict without an expected version as 409', async () => {
    const update = conditionalUpdate(undefined, () => Promise.reject(new ConflictError('taken')));
    await expect(update).rejects.toBeInstanceOf(ConflictError);
  });

  it('leaves any other failure as it is', async () => {
    const update = conditionalUpdate(2, () => Promise.reject(new NotFoundError('No concept')));
    await expect(update).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers what the update answers', async () => {
    expect(await conditionalUpdate(2, () => Promise.resolve('updated'))).toBe('updated');
  });
});
