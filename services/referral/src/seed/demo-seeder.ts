import type { TransactionContext } from '@siaga/persistence';
import type { RegistryRepository } from '@referral/registry/registry.repository';
import { DEMO_FACILITIES, DEMO_RESPONDERS, DEMO_VILLAGES } from './demo-regency';

/** Upserts the demo regency in one transaction; running it again changes nothing (fixed ids). */
export function seedDemoRegency(registry: RegistryRepository, tx: TransactionContext) {
  return tx.run(async () => {
    for (const village of DEMO_VILLAGES) await registry.upsertVillage(village);
    for (const facility of DEMO_FACILITIES) await registry.upsertFacility(facility);
    for (const responder of DEMO_RESPONDERS) await registry.upsertResponder(responder);
    return { villages: DEMO_VILLAGES.length, facilities: DEMO_FACILITIES.length, responders: DEMO_RESPONDERS.length };
  });
}
