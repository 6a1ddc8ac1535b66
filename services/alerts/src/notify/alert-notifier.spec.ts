import type { RecipientEndpoint } from '@siaga/notifications';
import type { PregnancySummary, RoutedAlert } from '@alerts/alert/alert.types';
import { notificationsFor, recipientsOf } from './alert-notifier';

const alert = {
  id: 'a-1',
  pregnancyId: 'p-1',
  kind: 'danger-sign',
  severity: 'emergency',
  findings: [{ ruleId: 'WHO-BP-SEVERE', description: '', facts: {} }],
  healthCenterId: 'hc-1',
  villageCode: '35.10.20.2001',
  midwifeId: 'm-1',
  raisedAt: new Date('2026-06-01T22:00:00.000Z'),
  acknowledgeBy: new Date('2026-06-01T22:15:00.000Z'),
} as RoutedAlert;

const endpoint = (recipientKind: RecipientEndpoint['recipientKind'], recipientId: string): RecipientEndpoint => ({
  recipientKind,
  recipientId,
  channel: 'webhook',
  address: `https://hooks.example/${recipientId}`,
  updatedAt: '',
  updatedBy: 'admin',
});

describe(recipientsOf.name, () => {
  it('tells the midwife and the health center’s on-call doctor of an emergency', () => {
    expect(recipientsOf(alert, { purpose: 'emergency' })).toEqual([
      { kind: 'midwife', id: 'm-1' },
      { kind: 'on-call', id: 'hc-1' },
    ]);
  });

  it('takes an escalation to the district on-call, and reminds the health center and the midwife', () => {
    expect(recipientsOf(alert, { purpose: 'escalation', level: 1 })).toEqual([
      { kind: 'on-call', id: 'district' },
      { kind: 'on-call', id: 'hc-1' },
      { kind: 'midwife', id: 'm-1' },
    ]);
  });
});

describe(notificationsFor.name, () => {
  it('makes one notification per endpoint, keyed so each notice goes out once', () => {
    const summary = { motherName: 'Ibu Siti', villageName: 'Sempu' } as PregnancySummary;
    const [n, midwife] = notificationsFor(alert, summary, { purpose: 'escalation', level: 2 }, [
      endpoint('on-call', 'district'),
      endpoint('midwife', 'm-1'),
    ]);
    expect(n).toMatchObject({
      recipientKind: 'on-call',
      recipientId: 'district',
      kind: 'alert.escalated',
      address: 'https://hooks.example/district',
      dedupKey: 'alert:a-1:escalation-2:on-call:district:webhook',
      payload: { alertId: 'a-1', severity: 'emergency', ruleIds: ['WHO-BP-SEVERE'], escalationLevel: 2, villageName: 'Sempu' },
    });
    // The district gets no names; the woman's own midwife does.
    expect(n.payload.motherName).toBeNull();
    expect(midwife.payload.motherName).toBe('Ibu Siti');
  });
});
