import { signatureHeader, verifyWebhookSignature } from './webhook-signature';

describe('webhook signature (x-siaga-signature)', () => {
  const secret = 'k'.repeat(40);
  const body = '{"id":"n1","kind":"alert.emergency"}';
  const now = new Date('2026-06-01T10:00:00.000Z');
  const t = Math.floor(now.getTime() / 1000);

  it('is t=<unix>,v1=<hex of HMAC-SHA256 over "t.body">', () => {
    // Known answer computed independently: printf '%s' "1780308000.$body" | openssl dgst -sha256 -hmac kkkk…
    expect(signatureHeader(secret, t, body)).toBe('t=1780308000,v1=cb35a9dce7ef75372c060c843c159e330c23b5b31e055f89d84d51c8cb9cd085');
  });

  it('verifies a header made with the same secret and body', () => {
    expect(verifyWebhookSignature(secret, signatureHeader(secret, t, body), body, { now })).toBe(true);
  });

  it.each([
    ['another secret', signatureHeader('x'.repeat(40), t, body), body],
    ['a changed body', signatureHeader(secret, t, body), body.replace('n1', 'n2')],
    ['a malformed header', 'v1=abc', body],
    ['no header', undefined, body],
    ['a timestamp too old (replay)', signatureHeader(secret, t - 301, body), body],
  ])('refuses %s', (_, header, payload) => {
    expect(verifyWebhookSignature(secret, header, payload, { now })).toBe(false);
  });
});
