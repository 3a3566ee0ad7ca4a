import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TaskType } from '#functions/manifest';

/**
 * The alarms of the platform and the SNS topic they notify; operators subscribe to the topic.
 * One method per alarm; each mirrors a rule of the original alerting (`ALERT-RULES.md`).
 */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Yggdrasil alarms', enforceSSL: true });
  }

  /** A message in a dead-letter queue is work that failed every retry: alarm on the first one. */
  alarmOnDeadLetters(id: string, task: TaskType, deadLetterQueue: IQueue): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription:
        `'${task}' messages failed every delivery and wait in the dead-letter queue: read the task function's ` +
        'logs for the cause, fix it, then redrive the messages to the source queue.',
      metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}
