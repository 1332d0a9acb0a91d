/**
 * The idle baseline (`idle-baseline.ts`) with the platform's correction of kafkajs' request-queue
 * timer loop, so the correction's share of idle CPU is measured in the same run. A file of its
 * own: the plain baseline's memory stays that of express, mongoose and kafkajs alone.
 */
import { correctKafkaRequestQueueTimer } from '@tradepilot/messaging';
import './idle-baseline';

// the correction replaces a prototype method: it holds for queues made before or after this line
correctKafkaRequestQueueTimer();
