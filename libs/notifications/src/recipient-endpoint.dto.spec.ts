import { addressProblem } from './recipient-endpoint.dto';

describe(addressProblem.name, () => {
  it('takes an http(s) URL for a webhook', () => {
    expect(addressProblem('webhook', 'https://gateway.example/siaga')).toBeNull();
    expect(addressProblem('webhook', 'ftp://gateway.example')).toMatch(/http/);
    expect(addressProblem('webhook', 'not a url')).toMatch(/http/);
  });

  it('takes an international phone number for sms and whatsapp', () => {
    expect(addressProblem('sms', '+6281200000001')).toBeNull();
    expect(addressProblem('whatsapp', '081200000001')).toMatch(/international/);
  });
});
