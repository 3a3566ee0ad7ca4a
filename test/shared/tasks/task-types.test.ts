import { describe, expect, it } from 'vitest';
import { taskFunctions } from '#functions/manifest';
import { TASK_TYPES } from '#shared/domain/tasks';

describe('task types', () => {
  it('name exactly the task functions of the manifest', () => {
    expect([...TASK_TYPES].sort()).toEqual(
      Object.values(taskFunctions)
        .map((fn) => fn.task)
        .sort(),
    );
  });
});
