import { deniedTarget } from './denied-target';

describe('deniedTarget', () => {
  const id = '7c0f6a53-4d4b-4f43-9d5b-6f1f3c2a9e10';

  it('files a referral or escort id as a resource, never as the pregnancy', () => {
    expect(deniedTarget('/referrals/:id', { id })).toEqual({ pregnancyId: null, resource: `/referrals/${id}` });
    expect(deniedTarget('/escorts/:id/accept', { id })).toEqual({ pregnancyId: null, resource: `/escorts/${id}/accept` });
    expect(deniedTarget('/facilities/:id', { id })).toEqual({ pregnancyId: null, resource: `/facilities/${id}` });
  });

  it('names the pregnancy of a pregnancy route', () => {
    expect(deniedTarget('/pregnancies/:id', { id })).toEqual({ pregnancyId: id, resource: null });
    expect(deniedTarget('/pregnancies/:id/access-log', { id })).toEqual({ pregnancyId: id, resource: null });
    expect(deniedTarget('/pregnancies/:pregnancyId/visits', { pregnancyId: id })).toEqual({ pregnancyId: id, resource: null });
  });

  it('keeps a pregnancy route whose id is no UUID out of the pregnancy column', () => {
    expect(deniedTarget('/pregnancies/:id', { id: 'not-a-uuid' })).toEqual({ pregnancyId: null, resource: null });
  });

  it('names every parameter of other routes, encoded, and at most 300 characters', () => {
    expect(
      deniedTarget('/notification-endpoints/:recipientKind/:recipientId/:channel', {
        recipientKind: 'on-call',
        recipientId: 'a/b',
        channel: 'webhook',
      }),
    ).toEqual({ pregnancyId: null, resource: '/notification-endpoints/on-call/a%2Fb/webhook' });
    expect(deniedTarget('/referrals/:id', { id: 'x'.repeat(1000) }).resource).toHaveLength(300);
  });

  it('names nothing for a route without parameters', () => {
    expect(deniedTarget('/referrals', {})).toEqual({ pregnancyId: null, resource: null });
    expect(deniedTarget(undefined, undefined)).toEqual({ pregnancyId: null, resource: null });
  });
});
