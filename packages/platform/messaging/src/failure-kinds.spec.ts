import { isTransientFailure, TransientFailure, VersionConflict } from './failure-kinds';

const named = (name: string, message = 'x', extra: object = {}) =>
  Object.assign(new Error(message), { name }, extra);

describe('transient or permanent failures', () => {
  it('outages, races and provisioning failures are transient', () => {
    for (const err of [
      named('MongooseServerSelectionError', 'connect ECONNREFUSED 127.0.0.1:27017'),
      named('MongoNetworkError'),
      named('MongoServerError', 'SQLITE_BUSY: database is locked'),
      named('MongooseError', 'Operation `cases.find()` buffering timed out after 10000ms'),
      named('KafkaJSProtocolError', 'This server is not the leader for that topic-partition', {
        retriable: true,
      }),
      named('KafkaJSNumberOfRetriesExceeded'),
      named('MongoServerError', 'x', { errorLabels: ['RetryableWriteError'] }),
      new VersionConflict('plan p1 changed'),
      new TransientFailure('outage'),
      // a tenant database that could not be provisioned wraps the cause
      Object.assign(new Error('database approvals_guangdong could not be provisioned'), {
        transient: true,
        cause: new TypeError("Cannot read properties of undefined (reading 'createCollection')"),
      }),
      new Error('wrapped', { cause: named('MongoNetworkTimeoutError') }),
      // the driver writing to a socket the killed database closed (seen as a 500 under SIGKILL)
      Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' }),
      new Error('procedure failed', {
        cause: Object.assign(new Error('write failed'), { code: 'ECONNRESET' }),
      }),
    ]) {
      expect([err.message, isTransientFailure(err)]).toEqual([err.message, true]);
    }
  });

  it('schema failures and handler bugs are permanent', () => {
    for (const err of [
      new Error('the message does not match plan.submitted.v1: planId required'),
      new TypeError("Cannot read properties of undefined (reading 'tasks')"),
      named('KafkaJSProtocolError', 'The request included a message larger than the max message size', {
        retriable: false,
      }),
      named('MongoServerError', 'E11000 duplicate key', { code: 11000 }),
      'a string',
      null,
    ]) {
      expect(isTransientFailure(err)).toBe(false);
    }
  });
});
