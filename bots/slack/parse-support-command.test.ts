import { describe, expect, it } from 'vitest';
import { parseRatingValue } from './handle-feedback-button.js';
import { OVERRIDE_USAGE, parseOnCallOverride } from './parse-oncall-override.js';
import { parseSupportCommand } from './parse-support-command.js';

describe('parseSupportCommand', () => {
  it('reads the sub-command and keeps the rest verbatim', () => {
    expect(parseSupportCommand('  STATUS ')).toEqual({ verb: 'status' });
    expect(parseSupportCommand('kb  rotate   token')).toEqual({ verb: 'kb', query: 'rotate   token' });
    expect(parseSupportCommand('new Export\nfails')).toEqual({ verb: 'new', text: 'Export\nfails' });
    expect(parseSupportCommand('oncall')).toEqual({ verb: 'oncall' });
    expect(parseSupportCommand('')).toEqual({ verb: 'help' });
    expect(parseSupportCommand('launch rockets')).toEqual({ verb: 'help', unknown: 'launch' });
  });
});

describe('/support oncall override', () => {
  it('routes `oncall override …` and leaves plain `oncall` alone', () => {
    expect(parseSupportCommand('oncall override <@U123ABC|maria> now +8h')).toEqual({
      verb: 'oncall-override',
      args: { ok: true, person: { slackUserId: 'U123ABC' }, from: 'now', to: '+8h' },
    });
    expect(parseSupportCommand('  On-Call   OVERRIDE   <@W0ENT>  18:00   2026-11-24T08:00 ')).toEqual({
      verb: 'oncall-override',
      args: { ok: true, person: { slackUserId: 'W0ENT' }, from: '18:00', to: '2026-11-24T08:00' },
    });
    expect(parseSupportCommand('oncall overrides')).toEqual({ verb: 'oncall' });
  });

  it('reads the person from a Slack mention, with or without the name, or as a staff id', () => {
    expect(parseOnCallOverride('<@U_MARIA> now +8h')).toEqual({
      ok: true,
      person: { slackUserId: 'U_MARIA' },
      from: 'now',
      to: '+8h',
    });
    expect(parseOnCallOverride('<@U_MARIA|maria.m> now +8h')).toMatchObject({ person: { slackUserId: 'U_MARIA' } });
    // Without "escape users" in the command's settings Slack sends the plain `@name`: read as a staff id.
    expect(parseOnCallOverride('@maria now +8h')).toMatchObject({ ok: true, person: { staffId: 'maria' } });
    expect(parseOnCallOverride('maria 2026-11-24 2026-11-25')).toEqual({
      ok: true,
      person: { staffId: 'maria' },
      from: '2026-11-24',
      to: '2026-11-25',
    });
  });

  it('answers the usage for a missing or extra argument, and refuses channel and group mentions', () => {
    expect(parseOnCallOverride('')).toEqual({ ok: false, reason: OVERRIDE_USAGE });
    expect(parseOnCallOverride('<@U_MARIA> now')).toEqual({ ok: false, reason: OVERRIDE_USAGE });
    expect(parseOnCallOverride('<@U_MARIA> now +8h later')).toEqual({ ok: false, reason: OVERRIDE_USAGE });
    expect(parseOnCallOverride('<!here> now +8h')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/is not a person/),
    });
    expect(parseOnCallOverride('<#C123|general> now +8h')).toMatchObject({ ok: false });
    expect(parseOnCallOverride('<!subteam^S1|@oncall> now +8h')).toMatchObject({ ok: false });
  });
});

describe('parseRatingValue', () => {
  it('splits key and score at the last colon', () => {
    expect(parseRatingValue('SUP-12:4')).toEqual({ key: 'SUP-12', score: 4 });
    expect(parseRatingValue('SUP-12:x')).toBeNull();
    expect(parseRatingValue(':3')).toBeNull();
  });
});
