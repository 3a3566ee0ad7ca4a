import { randomUUID } from 'node:crypto';
import {
  DeleteQueueCommand,
  SQSClient,
  type ChangeMessageVisibilityCommandInput,
  type DeleteMessageBatchCommandInput,
  type DeleteMessageBatchCommandOutput,
  type DeleteMessageCommandInput,
  type ReceiveMessageCommandInput,
  type ReceiveMessageCommandOutput,
  type StartMessageMoveTaskCommandInput,
  type StartMessageMoveTaskCommandOutput,
  type GetQueueAttributesCommandInput,
  type GetQueueAttributesCommandOutput,
  type GetQueueUrlCommandInput,
  type GetQueueUrlCommandOutput,
  type SendMessageBatchCommandInput,
  type SendMessageBatchCommandOutput,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { sqsClient } from '#shared/container/aws-clients';
import { createQueueWithDeadLetters } from '#shared/adapters/sqs/provision';
import { SqsTaskQueue } from '#shared/adapters/sqs/task-queue';
import { exhaustedReason } from '#shared/ports/task-queue';
import { describeTaskQueueContract } from '../../../contracts/task-queue.contract.ts';
import { requireAwsEndpoint } from '../../../support/aws-env.ts';

describeTaskQueueContract('sqs on moto', async (settings) => {
  requireAwsEndpoint('SQS');
  const client = sqsClient();
  const { queueUrl, deadLetterQueueUrl } = await createQueueWithDeadLetters(client, `task-queue-${randomUUID()}`, {
    deadLetterRetentionDays: 1,
    ...settings,
  });
  const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client });
  const cleanup = async (): Promise<void> => {
    await Promise.all(
      [queueUrl, deadLetterQueueUrl].map((url) => client.send(new DeleteQueueCommand({ QueueUrl: url }))),
    );
  };
  return { queue, cleanup };
});

describe('SqsTaskQueue against a scripted SQS', () => {
  const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/process-documents';

  it('retries only the entries SQS reported as failed', async () => {
    // Prepare
    const sqs = scriptedSqs({
      SendMessageBatchCommand: (input, call) =>
        call === 0 ? answer(input, { failing: ['1'], code: 'InternalError', senderFault: false }) : answer(input),
    });
    const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client: sqs.client, retryDelaysMs: [1] });
    // Act
    await queue.send(['a', 'b', 'c']);
    // Assess
    expect(batchesOf(sqs.inputs)).toEqual([
      [
        { Id: '0', MessageBody: 'a' },
        { Id: '1', MessageBody: 'b' },
        { Id: '2', MessageBody: 'c' },
      ],
      [{ Id: '1', MessageBody: 'b' }],
    ]);
  });

  it('throws naming the queue, the entry and the code when an entry still fails after the retries', async () => {
    // Prepare
    const sqs = scriptedSqs({
      SendMessageBatchCommand: (input) => answer(input, { failing: ['2'], code: 'InternalError', senderFault: false }),
    });
    const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client: sqs.client, retryDelaysMs: [1, 1] });
    // Act
    const sending = queue.send(['a', 'b', 'c']);
    // Assess
    await expect(sending).rejects.toThrow(`Could not send 1 of 3 messages to ${queueUrl}: entry 2: InternalError`);
    expect(batchesOf(sqs.inputs)).toHaveLength(3);
  });

  it('stops at a batch that keeps failing and counts the bodies after it as not sent', async () => {
    // Prepare
    const sqs = scriptedSqs({
      SendMessageBatchCommand: (input) => answer(input, { failing: ['3'], code: 'InternalError', senderFault: false }),
    });
    const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client: sqs.client, retryDelaysMs: [] });
    // Act
    const sending = queue.send(Array.from({ length: 23 }, (_, index) => `body ${index}`));
    // Assess
    await expect(sending).rejects.toThrow(/^Could not send 14 of 23 messages .*; the 13 after them were not tried$/);
    expect(batchesOf(sqs.inputs)).toHaveLength(1);
  });

  it("does not retry an entry SQS refused as the sender's fault", async () => {
    // Prepare
    const sqs = scriptedSqs({
      SendMessageBatchCommand: (input) =>
        answer(input, { failing: ['0'], code: 'InvalidParameterValue', senderFault: true }),
    });
    const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client: sqs.client, retryDelaysMs: [1, 1] });
    // Act
    const sending = queue.send(['a']);
    // Assess
    await expect(sending).rejects.toThrow(/entry 0: InvalidParameterValue/);
    expect(batchesOf(sqs.inputs)).toHaveLength(1);
  });

  it('counts an entry SQS neither confirmed nor reported as failed as not sent', async () => {
    // Prepare
    const sqs = scriptedSqs({
      SendMessageBatchCommand: () => ({
        Successful: [{ Id: '0', MessageId: 'm-0', MD5OfMessageBody: '' }],
        Failed: [],
      }),
    });
    const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client: sqs.client, retryDelaysMs: [] });
    // Act
    const sending = queue.send(['a', 'b']);
    // Assess
    await expect(sending).rejects.toThrow(/entry 1: no result/);
  });

  it('sends at most 10 entries per call', async () => {
    // Prepare
    const sqs = scriptedSqs({ SendMessageBatchCommand: (input) => answer(input) });
    const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client: sqs.client });
    // Act
    await queue.send(Array.from({ length: 23 }, (_, index) => `body ${index}`));
    // Assess
    expect(batchesOf(sqs.inputs).map((entries) => entries.length)).toEqual([10, 10, 3]);
  });

  it('sends at most 256 KiB per call', async () => {
    // Prepare
    const sqs = scriptedSqs({ SendMessageBatchCommand: (input) => answer(input) });
    const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client: sqs.client });
    const hundredKiB = 'x'.repeat(100 * 1024);
    // Act
    await queue.send([hundredKiB, hundredKiB, hundredKiB, 'small']);
    // Assess
    expect(batchesOf(sqs.inputs).map((entries) => entries.map((entry) => entry.Id))).toEqual([
      ['0', '1'],
      ['2', '3'],
    ]);
  });

  it('looks the dead-letter queue up once and reuses it', async () => {
    // Prepare
    const deadLetterTargetArn = 'arn:aws:sqs:eu-west-1:123456789012:process-documents-dlq';
    const sqs = scriptedSqs({
      GetQueueAttributesCommand: () => ({
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn, maxReceiveCount: 5 }) },
      }),
      GetQueueUrlCommand: () => ({ QueueUrl: `${queueUrl}-dlq` }),
    });
    const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client: sqs.client });
    // Act
    await queue.depth();
    await queue.depth();
    // Assess
    expect(sqs.inputs.GetQueueUrlCommand).toEqual([
      { QueueName: 'process-documents-dlq', QueueOwnerAWSAccountId: '123456789012' },
    ]);
  });
});

describe('SqsTaskQueue on the edges of SQS', () => {
  const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/process-documents';
  const deadLetterUrl = `${queueUrl}-dlq`;
  const deadLetterTargetArn = 'arn:aws:sqs:eu-west-1:123456789012:process-documents-dlq';
  const withDeadLetters = {
    GetQueueAttributesCommand: () => ({
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn, maxReceiveCount: 5 }) },
    }),
    GetQueueUrlCommand: () => ({ QueueUrl: deadLetterUrl }),
  };
  const sqsError = (name: string, status?: number) =>
    Object.assign(new Error(`scripted ${name}`), { name, $metadata: { httpStatusCode: status } });
  const queueOn = (script: Script) =>
    new SqsTaskQueue({ task: 'process-documents', queueUrl, client: scriptedSqs(script).client });

  it('receives nothing, without asking SQS, once the signal is aborted', async () => {
    const sqs = scriptedSqs({});
    const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client: sqs.client });
    expect(await queue.receive(10, 1, AbortSignal.abort())).toEqual([]);
    expect(sqs.inputs.ReceiveMessageCommand).toEqual([]);
  });

  it('receives nothing when the signal aborts the long poll', async () => {
    // Prepare
    const controller = new AbortController();
    const queue = queueOn({
      ReceiveMessageCommand: () => {
        controller.abort();
        throw sqsError('AbortError');
      },
    });

    // Act
    const received = await queue.receive(10, 1, controller.signal);

    // Assess
    expect(received).toEqual([]);
  });

  it('passes on a receive error when nothing aborted it', async () => {
    const queue = queueOn({
      ReceiveMessageCommand: () => {
        throw sqsError('QueueDoesNotExist');
      },
    });
    await expect(queue.receive(10, 1, new AbortController().signal)).rejects.toThrow(/QueueDoesNotExist/);
  });

  it('refuses a received message that lacks an attribute it asked for, naming it and the queue', async () => {
    const queue = queueOn({
      ReceiveMessageCommand: () => ({
        Messages: [{ MessageId: 'm-1', ReceiptHandle: 'r-1', Body: '{}', Attributes: { SentTimestamp: '1' } }],
      }),
    });
    await expect(queue.receive(1, 0)).rejects.toThrow(`SQS returned no ApproximateReceiveCount for ${queueUrl}`);
  });

  it('takes a delete of a message SQS no longer knows as done', async () => {
    const queue = queueOn({
      DeleteMessageCommand: () => {
        throw sqsError('ReceiptHandleIsInvalid');
      },
    });
    await expect(queue.delete('r-gone')).resolves.toBeUndefined();
  });

  it('passes on any other delete error', async () => {
    const queue = queueOn({
      DeleteMessageCommand: () => {
        throw sqsError('InternalError');
      },
    });
    await expect(queue.delete('r-1')).rejects.toThrow(/InternalError/);
  });

  it.each(['ReceiptHandleIsInvalid', 'MessageNotInflight'])(
    'leaves the visibility of a message received again meanwhile alone (%s)',
    async (name) => {
      const queue = queueOn({
        ChangeMessageVisibilityCommand: () => {
          throw sqsError(name);
        },
      });
      await expect(queue.changeVisibility('r-stale', 30)).resolves.toBeUndefined();
    },
  );

  it('passes on any other visibility error', async () => {
    const queue = queueOn({
      ChangeMessageVisibilityCommand: () => {
        throw sqsError('AccessDenied');
      },
    });
    await expect(queue.changeVisibility('r-1', 30)).rejects.toThrow(/AccessDenied/);
  });

  it("redrives with SQS's own move task where the endpoint offers it", async () => {
    // Prepare
    const sqs = scriptedSqs({ ...withDeadLetters, StartMessageMoveTaskCommand: () => ({ TaskHandle: 'task-1' }) });
    const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client: sqs.client });

    // Act
    const outcome = await queue.redrive();

    // Assess
    expect(outcome).toEqual({ kind: 'move-task', taskHandle: 'task-1' });
    expect(sqs.inputs.StartMessageMoveTaskCommand).toEqual([{ SourceArn: deadLetterTargetArn }]);
  });

  it.each([
    ['answers 501', sqsError('NotImplemented', 501)],
    ['says it does not know the operation', sqsError('UnknownOperationException')],
  ])('moves the dead letters by hand where the endpoint %s', async (_case, error) => {
    // Prepare
    const sqs = scriptedSqs({
      ...withDeadLetters,
      StartMessageMoveTaskCommand: () => {
        throw error;
      },
      ReceiveMessageCommand: (_input, call) =>
        call === 0 ? { Messages: [{ MessageId: 'd-1', ReceiptHandle: 'r-1', Body: 'poison' }] } : {},
      SendMessageBatchCommand: (input) => answer(input),
      DeleteMessageBatchCommand: () => ({ Successful: [{ Id: '0' }], Failed: [] }),
    });
    const queue = new SqsTaskQueue({ task: 'process-documents', queueUrl, client: sqs.client });

    // Act
    const outcome = await queue.redrive();

    // Assess
    expect(outcome).toEqual({ kind: 'moved', moved: 1 });
    expect(batchesOf(sqs.inputs)).toEqual([[{ Id: '0', MessageBody: 'poison' }]]);
  });

  it('passes on a move-task error that is not a missing operation', async () => {
    const queue = queueOn({
      ...withDeadLetters,
      StartMessageMoveTaskCommand: () => {
        throw sqsError('AccessDenied', 403);
      },
    });
    await expect(queue.redrive()).rejects.toThrow(/AccessDenied/);
  });

  it('says how many dead letters a hand redrive sent back but could not delete', async () => {
    // Prepare
    const queue = queueOn({
      ...withDeadLetters,
      StartMessageMoveTaskCommand: () => {
        throw sqsError('NotImplemented', 501);
      },
      ReceiveMessageCommand: () => ({
        Messages: [
          { MessageId: 'd-1', ReceiptHandle: 'r-1', Body: 'one' },
          { MessageId: 'd-2', ReceiptHandle: 'r-2', Body: 'two' },
        ],
      }),
      SendMessageBatchCommand: (input) => answer(input),
      DeleteMessageBatchCommand: () => ({
        Successful: [{ Id: '0' }],
        Failed: [{ Id: '1', Code: 'ReceiptHandleIsInvalid', SenderFault: true }],
      }),
    });

    // Act
    const redrive = queue.redrive();

    // Assess
    await expect(redrive).rejects.toThrow(
      /sent 2 messages back .* but 1 could not be deleted .*ReceiptHandleIsInvalid/,
    );
  });

  it("lists a dead letter without a reason as exhausted after the redrive policy's receives", async () => {
    // Prepare
    const queue = queueOn({
      ...withDeadLetters,
      ReceiveMessageCommand: (_input, call) =>
        call === 0 ? { Messages: [{ MessageId: 'd-1', Body: 'x', Attributes: { SentTimestamp: '1000' } }] } : {},
    });

    // Act
    const letters = await queue.deadLetters(5);

    // Assess
    expect(letters).toEqual([{ messageId: 'd-1', body: 'x', reason: exhaustedReason(5), sentAt: new Date(1000) }]);
  });

  it.each([
    ['has no redrive policy', {}, /has no redrive policy/],
    [
      'has a redrive policy without a queue ARN',
      { RedrivePolicy: JSON.stringify({ maxReceiveCount: 5 }) },
      /malformed redrive policy/,
    ],
  ])('refuses to find the dead-letter queue of a queue that %s', async (_case, Attributes, message) => {
    const queue = queueOn({ GetQueueAttributesCommand: () => ({ Attributes }) });
    await expect(queue.deadLetters(1)).rejects.toThrow(message);
  });
});

interface Commands {
  SendMessageBatchCommand: [SendMessageBatchCommandInput, SendMessageBatchCommandOutput];
  GetQueueAttributesCommand: [GetQueueAttributesCommandInput, GetQueueAttributesCommandOutput];
  GetQueueUrlCommand: [GetQueueUrlCommandInput, GetQueueUrlCommandOutput];
  ReceiveMessageCommand: [ReceiveMessageCommandInput, ReceiveMessageCommandOutput];
  DeleteMessageCommand: [DeleteMessageCommandInput, object];
  ChangeMessageVisibilityCommand: [ChangeMessageVisibilityCommandInput, object];
  DeleteMessageBatchCommand: [DeleteMessageBatchCommandInput, DeleteMessageBatchCommandOutput];
  StartMessageMoveTaskCommand: [StartMessageMoveTaskCommandInput, StartMessageMoveTaskCommandOutput];
}
type Script = {
  [C in keyof Commands]?: (input: Commands[C][0], call: number) => Omit<Commands[C][1], '$metadata'>;
};
type Inputs = { [C in keyof Commands]: Commands[C][0][] };

/**
 * A real SQSClient whose commands are answered by `script` before anything goes on the wire, so a test says
 * what SQS replies and reads what it was asked; a command without a script fails the test.
 */
function scriptedSqs(script: Script): { client: SQSClient; inputs: Inputs } {
  const client = new SQSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'unit', secretAccessKey: 'unit' } });
  const inputs: Inputs = {
    SendMessageBatchCommand: [],
    GetQueueAttributesCommand: [],
    GetQueueUrlCommand: [],
    ReceiveMessageCommand: [],
    DeleteMessageCommand: [],
    ChangeMessageVisibilityCommand: [],
    DeleteMessageBatchCommand: [],
    StartMessageMoveTaskCommand: [],
  };
  client.middlewareStack.add(
    (_next, context) => (args) => {
      const command = context.commandName as keyof Commands;
      // The middleware sees every command's input as one union; the script is keyed by the same name.
      const respond = script[command] as ((input: unknown, call: number) => object) | undefined;
      if (!respond) throw new Error(`The scripted SQS has no answer for ${context.commandName}`);
      const recorded: unknown[] = inputs[command];
      recorded.push(structuredClone(args.input));
      // A script that throws is SQS answering with that error.
      return Promise.resolve()
        .then(() => respond(args.input, recorded.length - 1))
        .then((output) => ({ output: { $metadata: {}, ...output }, response: {} }));
    },
    { step: 'initialize', name: 'scriptedSqs' },
  );
  return { client, inputs };
}

function batchesOf(inputs: Inputs): SendMessageBatchRequestEntry[][] {
  return inputs.SendMessageBatchCommand.map((input) => input.Entries ?? []);
}

/** SendMessageBatch's reply: every entry sent, except those `failing`. */
function answer(
  input: SendMessageBatchCommandInput,
  failure?: { failing: readonly string[]; code: string; senderFault: boolean },
): Omit<SendMessageBatchCommandOutput, '$metadata'> {
  const entries = input.Entries ?? [];
  const failing = new Set(failure?.failing ?? []);
  return {
    Successful: entries
      .filter((entry) => !failing.has(entry.Id ?? ''))
      .map((entry) => ({ Id: entry.Id, MessageId: `m-${entry.Id}`, MD5OfMessageBody: '' })),
    Failed: entries
      .filter((entry) => failing.has(entry.Id ?? ''))
      .map((entry) => ({ Id: entry.Id, Code: failure?.code, SenderFault: failure?.senderFault, Message: 'scripted' })),
  };
}
