// kafkajs ships no types for its internals; the one this project patches (see kafkajs-idle-timer.patch.ts).
declare module 'kafkajs/src/network/requestQueue/index.js' {
  const RequestQueue: { prototype: { scheduleCheckPendingRequests(): void } };
  export default RequestQueue;
}
