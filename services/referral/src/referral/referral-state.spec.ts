import { canAccept, canCancel, canReport, isUnderway } from '@referral/escort/escort-state';
import { REFERRAL_STATUSES, canTransition, isOpen, type ReferralTransition } from './referral-state';

describe('referral transitions', () => {
  const allowed = (transition: ReferralTransition) => REFERRAL_STATUSES.filter((s) => canTransition(s, transition));

  it('takes answers only while offered', () => {
    expect(allowed('accept')).toEqual(['offered']);
    expect(allowed('decline')).toEqual(['offered']);
    expect(allowed('time-out')).toEqual(['offered']);
  });

  it('escalates from a cascade, and lets the district redirect only an escalated referral', () => {
    expect(allowed('escalate')).toEqual(['offered']);
    expect(allowed('redirect')).toEqual(['escalated']);
  });

  it('completes only an accepted referral, and cancels anything not finished', () => {
    expect(allowed('complete')).toEqual(['accepted']);
    expect(allowed('cancel')).toEqual(['offered', 'accepted', 'escalated']);
    expect(REFERRAL_STATUSES.filter(isOpen)).toEqual(['offered', 'accepted', 'escalated']);
  });
});

describe('escort transitions', () => {
  it('is accepted while offered or escalated', () => {
    expect(canAccept('offered')).toBe(true);
    expect(canAccept('escalated')).toBe(true);
    expect(canAccept('accepted')).toBe(false);
    expect(canAccept('cancelled')).toBe(false);
  });

  it('moves forward only, skipping allowed', () => {
    expect(canReport('accepted', 'en-route')).toBe(true);
    expect(canReport('accepted', 'picked-up')).toBe(true);
    expect(canReport('en-route', 'arrived')).toBe(true);
    expect(canReport('picked-up', 'en-route')).toBe(false);
    expect(canReport('picked-up', 'picked-up')).toBe(false);
    expect(canReport('offered', 'en-route')).toBe(false);
    expect(canReport('arrived', 'arrived')).toBe(false);
    expect(canReport('cancelled', 'arrived')).toBe(false);
  });

  it('can be cancelled until she has arrived', () => {
    expect(canCancel('picked-up')).toBe(true);
    expect(canCancel('offered')).toBe(true);
    expect(canCancel('arrived')).toBe(false);
    expect(canCancel('cancelled')).toBe(false);
    expect(isUnderway('en-route')).toBe(true);
    expect(isUnderway('escalated')).toBe(false);
  });
});
