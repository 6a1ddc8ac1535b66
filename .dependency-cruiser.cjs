// Layer rules, checked in CI (npm run lint). See ARCHITECTURE.md.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'services-are-independent',
      comment: 'A service never imports another service: they talk through events on Kafka.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'libs-do-not-know-services',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'production-code-does-not-use-test-helpers',
      severity: 'error',
      from: { path: '^(services/[^/]+/src|libs/(?!testing)[^/]+/src)/', pathNot: '\\.(int-)?spec\\.ts$' },
      to: { path: '^(libs/testing|test)/' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'Event contracts are the shared language: they depend on no other lib.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^libs/(?!contracts/)' },
    },
    {
      name: 'lib-layers',
      comment: 'observability < persistence < messaging < auth (its audit publishes through the outbox) < http; no lib reaches upward.',
      severity: 'error',
      from: { path: '^libs/(observability|persistence)/src/' },
      to: { path: '^libs/(auth|messaging|http|testing)/' },
    },
    {
      name: 'messaging-below-auth',
      severity: 'error',
      from: { path: '^libs/messaging/src/' },
      to: { path: '^libs/auth/' },
    },
    {
      name: 'messaging-and-auth-below-http',
      severity: 'error',
      from: { path: '^libs/(messaging|auth)/src/' },
      to: { path: '^libs/(http|testing)/' },
    },
    {
      name: 'kafkajs-behind-the-message-bus',
      comment: 'In the product, only the Kafka adapter (and the test probe) know the client; the rest uses MessageBus.',
      severity: 'error',
      from: { path: '^(services/[^/]+/src|libs)/', pathNot: '^libs/(messaging/src/kafka|testing/src)/' },
      to: { path: 'node_modules/kafkajs/' },
    },
    {
      name: 'rules-engine-is-pure',
      comment: 'The KSPR/WHO engine is pure logic: no Nest, no database, no broker.',
      severity: 'error',
      from: { path: '^services/risk-scoring/src/engine/' },
      to: { path: '(^libs/(?!contracts/))|node_modules/(@nestjs|typeorm|kafkajs|pg)/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true, viaOnly: { pathNot: '\\.entity\\.ts$' } } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^dist/|\\.d\\.ts$)' },
  },
};
