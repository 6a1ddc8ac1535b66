import { readFileSync } from 'node:fs';
import { ROLES } from '@siaga/auth';

interface Mapper {
  protocolMapper: string;
  config: Record<string, string>;
}
interface UserProfileAttribute {
  name: string;
  permissions?: { edit?: string[] };
  multivalued?: boolean;
}

const realm = JSON.parse(readFileSync('keycloak/siaga-realm.json', 'utf8'));
const consoleClient = realm.clients.find((c: { clientId: string }) => c.clientId === 'siaga-console');
const mappers: Mapper[] = consoleClient.protocolMappers;
const userProfile: { attributes: UserProfileAttribute[]; unmanagedAttributePolicy?: string } = JSON.parse(
  realm.components['org.keycloak.userprofile.UserProfileProvider'][0].config['kc.user.profile.config'][0],
);

/** The user attributes of a person's scope and the claims they become. */
const claimsOfAttributes = {
  health_center_id: 'hc',
  villages: 'villages',
  facility_id: 'facility',
  responder_id: 'responder',
  responder_kind: 'responder_kind',
  organisation: 'organisation',
  phone_number: 'phone_number',
};

describe('keycloak/siaga-realm.json', () => {
  it('holds exactly the roles the services know', () => {
    const roles = realm.roles.realm.map((r: { name: string }) => r.name).filter((name: string) => !name.startsWith('default-roles-'));
    expect(roles.sort()).toEqual([...ROLES].sort());
  });

  it('lets the console sign in with the authorization code and PKCE only, back to exact addresses', () => {
    expect(consoleClient).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
    });
    expect(consoleClient.attributes['pkce.code.challenge.method']).toBe('S256');
    for (const uri of [...consoleClient.redirectUris, ...consoleClient.attributes['post.logout.redirect.uris'].split('##')]) {
      expect(uri).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):3000\/[a-z/]*$/);
    }
    expect(realm.clients.filter((c: { directAccessGrantsEnabled?: boolean }) => c.directAccessGrantsEnabled)).toEqual([]);
  });

  it('issues 5-minute access tokens, ends idle sessions after 30 minutes and every session after 10 hours', () => {
    expect(realm).toMatchObject({ accessTokenLifespan: 300, ssoSessionIdleTimeout: 1800, ssoSessionMaxLifespan: 36_000 });
    expect(consoleClient.attributes['access.token.lifespan']).toBeUndefined();
  });

  it('asks for long passwords that are not the username nor a recent one, and slows down guessing', () => {
    expect(realm.passwordPolicy).toContain('length(12)');
    expect(realm.passwordPolicy).toContain('notUsername');
    expect(realm.passwordPolicy).toMatch(/passwordHistory\(\d+\)/);
    expect(realm).toMatchObject({ bruteForceProtected: true, registrationAllowed: false });
  });

  it("maps each scope attribute to the access-token claim the services' verifier reads", () => {
    const claims = Object.fromEntries(
      mappers
        .filter((m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper')
        .map((m) => [m.config['user.attribute'], { claim: m.config['claim.name'], list: m.config.multivalued === 'true' }]),
    );
    expect(claims).toEqual({
      health_center_id: { claim: 'hc', list: false },
      villages: { claim: 'villages', list: true },
      facility_id: { claim: 'facility', list: false },
      responder_id: { claim: 'responder', list: false },
      responder_kind: { claim: 'responder_kind', list: false },
      organisation: { claim: 'organisation', list: false },
      phone_number: { claim: 'phone_number', list: false },
    });
    for (const m of mappers) expect(m.config['access.token.claim']).toBe('true');
    expect(mappers.find((m) => m.protocolMapper === 'oidc-audience-mapper')?.config['included.custom.audience']).toBe('siaga');
    expect(consoleClient.defaultClientScopes).toEqual(expect.arrayContaining(['basic', 'roles', 'profile']));
  });

  it('lets only an administrator change who sees what (the scope attributes), and drops attributes it does not declare', () => {
    const scoped = userProfile.attributes.filter((a) => Object.keys(claimsOfAttributes).includes(a.name));
    expect(scoped.map((a) => a.name).sort()).toEqual(Object.keys(claimsOfAttributes).sort());
    for (const attribute of userProfile.attributes)
      expect({ [attribute.name]: attribute.permissions?.edit }).toEqual({ [attribute.name]: ['admin'] });
    expect(userProfile.attributes.find((a) => a.name === 'villages')?.multivalued).toBe(true);
    expect(userProfile.unmanagedAttributePolicy).toBeUndefined();
  });
});
