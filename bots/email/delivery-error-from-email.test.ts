import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../core/index.js';
import { deliveryErrorFromEmail } from './delivery-error-from-email.js';

describe('deliveryErrorFromEmail', () => {
  it('keeps 5xx replies and unfixable nodemailer errors as permanent', () => {
    const rejected = deliveryErrorFromEmail(
      Object.assign(new Error('x'), { responseCode: 550, response: '550 5.1.1 no such user', code: 'EENVELOPE' }),
    );
    expect(rejected).toMatchObject({ permanent: true, code: 'delivery.permanent' });
    expect(rejected.message).toBe('smtp 550: 550 5.1.1 no such user');
    expect(deliveryErrorFromEmail(Object.assign(new Error('no recipients'), { code: 'EENVELOPE' })).permanent).toBe(
      true,
    );
    expect(deliveryErrorFromEmail(Object.assign(new Error('bad login'), { code: 'EAUTH' })).permanent).toBe(true);
  });

  it('retries 4xx replies, refused connections and timeouts', () => {
    for (const err of [
      Object.assign(new Error('x'), { responseCode: 451, response: '451 4.3.0 try later', code: 'EENVELOPE' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }),
      Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' }),
      new Error('something else'),
    ]) {
      const d = deliveryErrorFromEmail(err);
      expect(d).toBeInstanceOf(DeliveryError);
      expect(d.permanent, String(err)).toBe(false);
      expect(d.code).toBe('delivery.failed');
    }
  });
});
