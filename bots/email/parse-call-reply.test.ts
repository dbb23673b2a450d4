import { describe, expect, it } from 'vitest';
import { parseCallReply } from './parse-call-reply.js';

describe('parseCallReply', () => {
  it('reads "call" and its few polite forms', () => {
    for (const text of [
      'call',
      'Call',
      'CALL!',
      'call.',
      'yes, call',
      'Yes call',
      'call please',
      'Call, please!',
      'yes please, call',
      'yes, a call please',
      'a video call, thanks',
      '  call \n',
    ])
      expect(parseCallReply(text), text).toEqual({ kind: 'call' });
  });

  it('reads the number of an offered time', () => {
    expect(parseCallReply('2')).toEqual({ kind: 'pick', number: 2 });
    expect(parseCallReply('2.')).toEqual({ kind: 'pick', number: 2 });
    expect(parseCallReply('#3')).toEqual({ kind: 'pick', number: 3 });
    expect(parseCallReply('Option 1')).toEqual({ kind: 'pick', number: 1 });
    expect(parseCallReply('number 2, please')).toEqual({ kind: 'pick', number: 2 });
    expect(parseCallReply('slot 3')).toEqual({ kind: 'pick', number: 3 });
    expect(parseCallReply('5')).toEqual({ kind: 'pick', number: 5 });
    expect(parseCallReply('12')).toEqual({ kind: 'pick', number: 12 });
  });

  it('reads "reschedule" and "cancel", for the next call or a named one', () => {
    for (const text of [
      'cancel',
      'Cancel.',
      'please cancel the call',
      'cancel my call, thanks',
      'cancel the video call',
    ])
      expect(parseCallReply(text), text).toEqual({ kind: 'cancel', call: null });
    for (const text of ['reschedule', 'Reschedule please', 're-schedule the call', 'move the call', 'move my call'])
      expect(parseCallReply(text), text).toEqual({ kind: 'reschedule', call: null });
    expect(parseCallReply('cancel CALL-12')).toEqual({ kind: 'cancel', call: 12 });
    expect(parseCallReply('reschedule call-3 please')).toEqual({ kind: 'reschedule', call: 3 });
    expect(parseCallReply('cancel the call CALL-7')).toEqual({ kind: 'cancel', call: 7 });
  });

  it('leaves everything else to the engine', () => {
    for (const text of [
      '',
      'yes',
      'call me tomorrow',
      'can we get on a call?',
      "I can't make a call",
      'no call',
      'called it',
      'callback',
      '0',
      '02',
      '100',
      '2 users are affected',
      'version 2',
      '2 or 3',
      '4 and 9',
      'CSAT 4, NPS 10',
      '2.5',
      'call at 2',
      'no 2',
      'no. 3',
      'cancel my subscription',
      'move the server',
      'cancel the order please',
      "don't cancel",
      'cancelled',
    ])
      expect(parseCallReply(text), text).toBeNull();
  });
});
