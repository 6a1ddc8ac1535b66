import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import RequestQueue from 'kafkajs/src/network/requestQueue/index.js';
import { patchKafkajsIdleTimer, scheduleCheckPendingRequests } from './kafkajs-idle-timer.patch';

type Queue = ThisParameterType<typeof scheduleCheckPendingRequests>;

describe('kafkajs idle timer patch', () => {
  let checks: number;
  const queue = (pending: number, throttledUntil = -1): Queue => ({
    pending: Array.from({ length: pending }),
    throttledUntil,
    throttleCheckTimeoutId: null,
    checkPendingRequests() {
      checks += 1;
    },
    scheduleCheckPendingRequests,
  });

  beforeEach(() => {
    checks = 0;
    jest.useFakeTimers();
  });

  afterEach(() => jest.useRealTimers());

  it('arms no timer when nothing waits and the broker has not throttled us (kafkajs 2.2.4 re-armed 1 ms for ever)', () => {
    const sut = queue(0);
    sut.scheduleCheckPendingRequests();

    expect(sut.throttleCheckTimeoutId).toBeNull();
    jest.advanceTimersByTime(1000);
    expect(checks).toBe(0);
  });

  it('checks waiting requests every 10 ms', () => {
    const sut = queue(1);
    sut.scheduleCheckPendingRequests();

    jest.advanceTimersByTime(9);
    expect(checks).toBe(0);
    jest.advanceTimersByTime(1);
    expect(checks).toBe(1);
  });

  it('checks again when a throttle ends, even with nothing waiting yet', () => {
    const sut = queue(0, Date.now() + 250);
    sut.scheduleCheckPendingRequests();

    jest.advanceTimersByTime(249);
    expect(checks).toBe(0);
    jest.advanceTimersByTime(1);
    expect(checks).toBe(1);
  });

  it('keeps one timer at a time', () => {
    const sut = queue(2);
    sut.scheduleCheckPendingRequests();
    sut.scheduleCheckPendingRequests();

    jest.advanceTimersByTime(10);
    expect(checks).toBe(1);
  });

  it('is written against the installed kafkajs 2.2.4, and replaces its method', () => {
    const { version } = JSON.parse(readFileSync('node_modules/kafkajs/package.json', 'utf8')) as { version: string };
    expect(version).toBe('2.2.4');
    patchKafkajsIdleTimer();
    expect(Object.getOwnPropertyDescriptor(RequestQueue.prototype, 'scheduleCheckPendingRequests')?.value).toBe(
      scheduleCheckPendingRequests,
    );
  });
});
