import { beforeAll } from 'vitest';
import { defaultSubscriberRegistry } from '../src/shared/events/index.ts';

// Test files share worker processes (isolate: false in vitest.config.ts): each file starts with
// no application subscribers, as it would in a fresh process, and registers what it needs.
beforeAll(() => {
  defaultSubscriberRegistry.clear();
});
